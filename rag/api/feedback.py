"""Readers' ratings of answers, kept in SQLite for analysts: one row per thumbs up or down, within quotas (the
size of a row, ratings per caller a day, rows and bytes in all), and exported row by row."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from rag.core.errors import FeedbackError, QueryError
from rag.core.settings import Settings
from rag.runtime import without_paths

log = logging.getLogger(__name__)

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
# Who sent a row, for the per-caller quota; not exported. Added to databases made before it.
_CALLER = "CREATE INDEX IF NOT EXISTS feedback_caller ON feedback (caller, created_at);"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Quotas:
    """What POST /v1/feedback may store: `row_bytes` of text in one row (413), `per_caller` rows from one caller
    in 24 hours (429), `rows` and `bytes` in the whole database (507)."""

    row_bytes: int
    per_caller: int
    rows: int
    bytes: int

    @classmethod
    def of(cls, settings: Settings) -> Quotas:
        return cls(
            settings.feedback_max_row_bytes,
            settings.feedback_per_caller_daily,
            settings.feedback_max_rows,
            settings.feedback_max_db_mb << 20,
        )


class FeedbackRefused(FeedbackError):
    """A row over a quota: `status` 413 (too large), 429 (too many from this caller; `retry_after` seconds) or
    507 (the database is full)."""

    def __init__(self, message: str, hint: str, status: int, retry_after: int | None = None) -> None:
        super().__init__(message, hint)
        self.status = status
        self.retry_after = retry_after


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

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        try:
            if not self._ready:
                with self._lock:
                    connection.execute("PRAGMA journal_mode=WAL")
                    connection.executescript(_SCHEMA)
                    columns = {info[1] for info in connection.execute("PRAGMA table_info(feedback)")}
                    if "caller" not in columns:
                        connection.execute("ALTER TABLE feedback ADD COLUMN caller TEXT")
                    connection.executescript(_CALLER)
                    self._ready = True
        except BaseException:
            connection.close()
            raise
        return connection

    def add(
        self,
        feedback: Feedback,
        created_at: datetime | None = None,
        caller: str | None = None,
        quotas: Quotas | None = None,
    ) -> int:
        """Stores one rating from `caller`; returns its id. Raises FeedbackRefused over a quota (none: no quota)
        and FeedbackError when the file cannot be written (its message names no server path; the log does)."""
        now = created_at or datetime.now(UTC)
        row = {
            **feedback.__dict__,
            "citations": json.dumps(feedback.citations, ensure_ascii=False),
            "created_at": utc_iso(now),
            "caller": caller,
        }
        if quotas is not None:
            _check_size(row, quotas)
        names = [name for name in COLUMNS if name != "id"] + ["caller"]
        sql = f"INSERT INTO feedback ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as connection, connection:
                connection.execute("BEGIN IMMEDIATE")  # the quota checks and the insert as one writer
                if quotas is not None:
                    _check_room(connection, caller, now, quotas)
                row_id = connection.execute(sql, [row[name] for name in names]).lastrowid
        except (OSError, sqlite3.Error) as exc:
            self._ready = False  # the file may be replaced before the next try
            log.error("feedback could not be stored in %s: %s", self.path, exc)
            hint = "make the feedback database's directory writable by the service, or point RAG_FEEDBACK_DB elsewhere"
            raise FeedbackError(f"feedback could not be stored: {without_paths(str(exc))}", hint) from exc
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
            # One row at a time from the cursor: memory does not grow with the table. Not shared, but a streamed
            # export may be resumed from another worker thread.
            with closing(sqlite3.connect(self.path, timeout=10, check_same_thread=False)) as connection:
                # Read-write opening (the file exists, checked above) so that closing cleans up the WAL files.
                connection.execute("PRAGMA query_only = ON")
                for values in connection.execute(sql, params):
                    row = dict(zip(COLUMNS, values, strict=True))
                    row["citations"] = json.loads(row["citations"])
                    yield row
        except sqlite3.Error as exc:
            raise FeedbackError(f"could not read {self.path}: {exc}", "is it a feedback database?") from exc


def _check_size(row: dict[str, Any], quotas: Quotas) -> None:
    size = sum(len(value.encode("utf-8", "replace")) for value in row.values() if isinstance(value, str))
    if size > quotas.row_bytes:
        raise FeedbackRefused(
            f"the feedback is {size} bytes of text; the limit is {quotas.row_bytes}",
            "send a shorter comment, or the answer and citations as /v1/ask returned them",
            413,
        )


def _check_room(connection: sqlite3.Connection, caller: str | None, now: datetime, quotas: Quotas) -> None:
    since = utc_iso(now - DAY)
    if caller is not None:
        count, oldest = connection.execute(
            "SELECT count(*), min(created_at) FROM feedback WHERE caller = ? AND created_at > ?", (caller, since)
        ).fetchone()
        if count >= quotas.per_caller:
            wait = datetime.fromisoformat(oldest) + DAY - now.astimezone(UTC)
            raise FeedbackRefused(
                f"{count} ratings from this caller in the last 24 hours; the limit is {quotas.per_caller}",
                "try again later",
                429,
                max(1, int(wait.total_seconds()) + 1),
            )
    (rows,) = connection.execute("SELECT count(*) FROM feedback").fetchone()
    pages, page_size = (connection.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "page_size"))
    if rows >= quotas.rows or pages * page_size >= quotas.bytes:
        log.error("the feedback database is full: %d rows, %d bytes", rows, pages * page_size)
        raise FeedbackRefused(
            "the feedback database is full",
            "an operator exports and archives the feedback (`rag feedback export`), or raises RAG_FEEDBACK_MAX_ROWS",
            507,
        )


def parse_since(text: str | None, option: str = "--since") -> datetime | None:
    """An ISO date or time (UTC unless it says otherwise), as `rag feedback export` and GET /admin/feedback take it;
    a QueryError for one that is not a date, or not a moment in UTC's years 1 to 9999."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        hint = "write an ISO date or time, e.g. 2025-01-31 or 2025-01-31T12:00"
        raise QueryError(f"{option} {text!r} is not a date", hint) from None
    try:
        utc_iso(moment)  # a moment that exists in UTC (9999-12-31T23:59:59-23:59 does not)
    except OverflowError:
        hint = "write an ISO date or time between the years 1 and 9999"
        raise QueryError(f"{option} {text!r} is out of range in UTC", hint) from None
    return moment


def export_lines(rows: Iterable[dict[str, Any]], fmt: Literal["jsonl", "csv"]) -> Iterator[str]:
    """Rows as JSON lines (exact) or CSV (a header first; citations as JSON; a text that a spreadsheet would run
    as a formula gets a leading ')."""
    if fmt == "jsonl":
        for row in rows:
            # JSON escapes C0 but leaves DEL and C1 (CSI, U+009B, starts a terminal escape) raw: escape them too.
            yield _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(row, ensure_ascii=False)) + "\n"
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


# Control characters a terminal or spreadsheet may act on: C0 but tab and newline, DEL and C1 (ESC, CSI, ...).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f]")


def _cell(value: object) -> object:
    """Readers wrote these texts: control characters are written as visible escapes (\\x1b), a line break
    as a newline, and a leading ' keeps a spreadsheet from running one as a formula."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value.replace("\r\n", "\n"))
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t") else value


def chunks(lines: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """`lines` encoded and gathered into pieces of about `size` bytes, for a streamed response."""
    pending: list[bytes] = []
    held = 0
    for line in lines:
        data = line.encode("utf-8")
        pending.append(data)
        held += len(data)
        if held >= size:
            yield b"".join(pending)
            pending, held = [], 0
    if pending:
        yield b"".join(pending)
