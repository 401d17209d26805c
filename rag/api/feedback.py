"""Readers' ratings of answers, kept in SQLite for analysts: one row per thumbs up or down."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from rag.core.errors import FeedbackError, QueryError

COLUMNS = (
    "id",
    "created_at",
    "rating",
    "comment",
    "question",
    "answer",
    "citations",
    "mode",
    "language",
    "user",
    "origin",
    "index_built_at",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    mode TEXT,
    language TEXT,
    user TEXT,
    origin TEXT,
    index_built_at TEXT
);
CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at);
"""


def utc_iso(moment: datetime) -> str:
    """One fixed format in UTC, so that comparing the stored strings compares the moments."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Feedback:
    rating: str
    question: str
    answer: str = ""
    citations: list[dict[str, Any]] = field(default_factory=list)
    comment: str | None = None
    mode: str | None = None
    language: str | None = None
    user: str | None = None
    origin: str | None = None
    index_built_at: str | None = None


class FeedbackStore:
    """Creates its directory and table on first write. A connection per call (SQLite connections are not
    shared across FastAPI's worker threads); WAL lets analysts export while the service writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        self._lock = threading.Lock()

    def _hint(self) -> str:
        return f"make {self.path.parent} writable by the service, or point RAG_FEEDBACK_DB at a writable file"

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            if not self._ready:
                with self._lock:
                    connection.execute("PRAGMA journal_mode=WAL")
                    connection.executescript(_SCHEMA)
                    self._ready = True
        except BaseException:
            connection.close()
            raise
        return connection

    def add(self, feedback: Feedback, created_at: datetime | None = None) -> int:
        """Stores one rating; returns its id. Raises FeedbackError when the file cannot be written."""
        row = {
            **feedback.__dict__,
            "citations": json.dumps(feedback.citations, ensure_ascii=False),
            "created_at": utc_iso(created_at or datetime.now(UTC)),
        }
        names = [name for name in COLUMNS if name != "id"]
        sql = f"INSERT INTO feedback ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as connection, connection:
                row_id = connection.execute(sql, [row[name] for name in names]).lastrowid
        except (OSError, sqlite3.Error) as exc:
            self._ready = False  # the file may be replaced before the next try
            raise FeedbackError(f"feedback could not be stored in {self.path}: {exc}", self._hint()) from exc
        assert row_id is not None
        return row_id

    def rows(self, since: datetime | None = None, rating: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored feedback, oldest first, citations decoded; never creates the file."""
        if not self.path.is_file():
            raise FeedbackError(
                f"there is no feedback database at {self.path}",
                "feedback is written by `rag serve` to RAG_FEEDBACK_DB; pass --db or set RAG_FEEDBACK_DB",
            )
        where, params = [], []
        if since is not None:
            where.append("created_at >= ?")
            params.append(utc_iso(since))
        if rating is not None:
            where.append("rating = ?")
            params.append(rating)
        sql = f"SELECT {', '.join(COLUMNS)} FROM feedback"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return self._select(sql + " ORDER BY id", params)

    def _select(self, sql: str, params: list[str]) -> Iterator[dict[str, Any]]:
        try:
            with closing(sqlite3.connect(self.path, timeout=10)) as connection:
                # Read-write opening (the file exists, checked above) so that closing cleans up the WAL files.
                connection.execute("PRAGMA query_only = ON")
                for values in connection.execute(sql, params):
                    row = dict(zip(COLUMNS, values, strict=True))
                    row["citations"] = json.loads(row["citations"])
                    yield row
        except sqlite3.Error as exc:
            raise FeedbackError(f"could not read {self.path}: {exc}", "is it a feedback database?") from exc


def parse_since(text: str | None, option: str = "--since") -> datetime | None:
    """An ISO date or time (UTC unless it says otherwise), as `rag feedback export` and GET /admin/feedback take it."""
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        hint = "write an ISO date or time, e.g. 2025-01-31 or 2025-01-31T12:00"
        raise QueryError(f"{option} {text!r} is not a date", hint) from None


def export_lines(rows: Iterable[dict[str, Any]], fmt: Literal["jsonl", "csv"]) -> Iterator[str]:
    """Rows as JSON lines (exact) or CSV (a header first; citations as JSON; a text that a spreadsheet would run
    as a formula gets a leading ')."""
    if fmt == "jsonl":
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        row = {**row, "citations": json.dumps(row["citations"], ensure_ascii=False)}
        writer.writerow({name: _cell(value) for name, value in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():  # no rows: the header alone
        yield buffer.getvalue()


def _cell(value: object) -> object:
    """Readers wrote these texts: a leading ' keeps a spreadsheet from running one as a formula."""
    return f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
