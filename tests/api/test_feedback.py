"""Feedback on answers (rag.api.feedback): the SQLite store, `since` as both exports read it, and `rag feedback
export` in JSON lines and CSV. POST /v1/feedback and GET /admin/feedback: tests/api/routes/."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rag.api.feedback import COLUMNS, Feedback, FeedbackStore, parse_since
from rag.cli import main
from rag.core.errors import FeedbackError, QueryError


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "feedback" / "feedback.sqlite3"


# --- the store ---


def test_store_creates_its_file_and_reads_back_what_it_wrote(db: Path) -> None:
    store = FeedbackStore(db)
    assert not db.parent.exists()  # nothing is created before the first write
    first = store.add(Feedback("up", "q1", "a1", [{"n": 1, "id": "p1", "quote": "引文"}], user="alice"))
    second = store.add(Feedback("down", "q2", comment="wrong"), created_at=datetime(2025, 3, 1, tzinfo=UTC))
    assert (first, second) == (1, 2)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = list(store.rows())
    assert [row["id"] for row in rows] == [1, 2] and list(rows[0]) == list(COLUMNS)
    assert rows[0]["citations"] == [{"n": 1, "id": "p1", "quote": "引文"}] and rows[0]["user"] == "alice"
    assert rows[1]["created_at"] == "2025-03-01T00:00:00+00:00" and rows[1]["comment"] == "wrong"
    assert datetime.fromisoformat(rows[0]["created_at"]).tzinfo is not None
    assert [row["id"] for row in store.rows(rating="down")] == [2]
    assert [row["id"] for row in store.rows(since=datetime(2025, 3, 2))] == [1]  # naive = UTC


def test_store_is_safe_under_concurrent_writers(db: Path) -> None:
    store = FeedbackStore(db)
    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(lambda i: store.add(Feedback("up", f"q{i}")), range(80)))
    assert sorted(ids) == list(range(1, 81))
    assert {row["question"] for row in store.rows()} == {f"q{i}" for i in range(80)}


def test_a_failed_write_keeps_the_rows_already_stored(db: Path) -> None:
    store = FeedbackStore(db)
    store.add(Feedback("up", "kept"))
    blocker = db.with_name(db.name + "-wal")  # SQLite cannot open its write-ahead log: the file is unwritable
    blocker.mkdir()
    with pytest.raises(FeedbackError) as failure:
        store.add(Feedback("down", "refused"))
    assert failure.value.stage == "feedback" and "RAG_FEEDBACK_DB" in (failure.value.hint or "")
    blocker.rmdir()
    assert store.add(Feedback("down", "retried")) == 2
    assert [row["question"] for row in store.rows()] == ["kept", "retried"]


# --- rag feedback export ---


@pytest.fixture
def filled(db: Path) -> Path:
    store = FeedbackStore(db)
    store.add(Feedback("up", "早", "答 [1]", [{"n": 1, "id": "p1", "quote": "引文"}]), datetime(2025, 1, 5, tzinfo=UTC))
    store.add(Feedback("down", "mid", comment="=HYPERLINK(1)"), datetime(2025, 2, 5, 12, tzinfo=UTC))
    store.add(Feedback("up", "late", comment="line one\nline two"), datetime(2025, 3, 5, tzinfo=UTC))
    return db


def test_export_jsonl_to_stdout(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "export", "--db", str(filled)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["question"] for row in rows] == ["早", "mid", "late"]
    assert rows[0]["citations"] == [{"n": 1, "id": "p1", "quote": "引文"}] and list(rows[0]) == list(COLUMNS)


def test_export_filters_by_date_and_rating(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "export", "--db", str(filled), "--since", "2025-02-01"]) == 0
    assert [json.loads(line)["question"] for line in capsys.readouterr().out.splitlines()] == ["mid", "late"]
    assert main(["feedback", "export", "--db", str(filled), "--since", "2025-02-05T13:00+01:00"]) == 0
    assert [json.loads(line)["question"] for line in capsys.readouterr().out.splitlines()] == ["mid", "late"]
    assert main(["feedback", "export", "--db", str(filled), "--since", "2025-02-01", "--rating", "up"]) == 0
    assert [json.loads(line)["question"] for line in capsys.readouterr().out.splitlines()] == ["late"]


def test_export_csv_to_a_file(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "feedback.csv"
    assert main(["feedback", "export", "--db", str(filled), "--format", "csv", "--out", str(out)]) == 0
    assert f"3 feedback rows written to {out}" in capsys.readouterr().err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row["question"] for row in rows] == ["早", "mid", "late"] and list(rows[0]) == list(COLUMNS)
    assert json.loads(rows[0]["citations"]) == [{"n": 1, "id": "p1", "quote": "引文"}]
    assert rows[1]["comment"] == "'=HYPERLINK(1)"  # never a formula in the analyst's spreadsheet
    assert rows[2]["comment"] == "line one\nline two"


def test_export_errors(filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere" / "feedback.sqlite3"
    out = tmp_path / "out.jsonl"
    assert main(["feedback", "export", "--db", str(missing), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error (feedback): there is no feedback database" in err and "RAG_FEEDBACK_DB" in err
    assert not missing.parent.exists() and not out.exists()
    assert main(["feedback", "export", "--db", str(filled), "--since", "last week"]) == 2
    assert "'last week' is not a date" in capsys.readouterr().err


def test_since_is_read_as_an_iso_date_or_time() -> None:
    assert parse_since(None) is None
    assert parse_since("2025-02-01") == datetime(2025, 2, 1)  # naive: the store reads it as UTC
    assert parse_since("2025-02-05T13:00+01:00") == datetime(2025, 2, 5, 12, tzinfo=UTC)
    with pytest.raises(QueryError, match="since 'yesterday' is not a date"):
        parse_since("yesterday", "since")


@pytest.mark.parametrize("since", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_a_since_out_of_range_is_refused_clearly(filled: Path, since: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A moment before year 1 or after 9999 in UTC: an OverflowError once, now a QueryError (CLI exit 2, API 422)."""
    with pytest.raises(QueryError, match="out of range in UTC") as refused:
        parse_since(since)
    assert "between the years 1 and 9999" in (refused.value.hint or "")
    assert main(["feedback", "export", "--db", str(filled), "--since", since]) == 2
    err = capsys.readouterr().err
    assert f"--since {since!r} is out of range in UTC" in err and "Traceback" not in err


# --- the export: streamed, and safe on a terminal (the API's export: routes/test_admin.py) ---


def test_the_cli_export_writes_row_by_row(db: Path, tmp_path: Path) -> None:
    FeedbackStore(db).add(Feedback("up", "first"))
    row = ("2025-01-01T00:00:00+00:00", "down", "x" * 32_000, "q", "", "[]")
    with sqlite3.connect(db) as connection:  # 1,000 rows of 32 KB: 32 MB
        sql = "INSERT INTO feedback (created_at, rating, comment, question, answer, citations) VALUES (?,?,?,?,?,?)"
        connection.executemany(sql, [row] * 1000)
    out = tmp_path / "feedback.csv"
    tracemalloc.start()
    try:
        assert main(["feedback", "export", "--db", str(db), "--format", "csv", "--out", str(out)]) == 0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out.stat().st_size > 32_000_000 and peak < 8_000_000, f"the export held {peak / 1e6:.0f} MB"


CONTROLS = "\x1b]0;owned\x07\x1b[2J\x9b31m\x7f\x00 done\rover"


def test_exports_carry_no_terminal_control_characters(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    FeedbackStore(db).add(Feedback("down", "q", answer=CONTROLS, comment="a\r\nb\tc"))
    assert main(["feedback", "export", "--db", str(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\x7f\x00")
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["answer"] == "\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x7f\\x00 done\\x0dover"
    assert row["comment"] == "a\nb\tc"
    assert main(["feedback", "export", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\x9b\x7f\x00\r")
    assert json.loads(out)["answer"] == CONTROLS  # JSON lines stay exact
