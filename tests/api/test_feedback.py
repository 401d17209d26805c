"""Feedback on answers: the SQLite store, POST /v1/feedback (201, clear 422s, a 503 that loses nothing) and
`rag feedback export` in JSON lines and CSV."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.feedback import COLUMNS, Feedback, FeedbackStore
from rag.cli import main
from rag.core.errors import FeedbackError
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.live_server import serve

QUESTION = "Does Norway support resolution 76/234?"
GOOD: dict[str, Any] = {
    "rating": "down",
    "comment": "It should say no outright.",
    "question": QUESTION,
    "answer": "Norway cannot support resolution 76/234 [1].",
    "citations": [{"n": 1, "id": "S_1-p0001", "quote": "挪威无法支持第 76/234 号决议"}],
    "mode": "extractive",
    "language": "en",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "feedback" / "feedback.sqlite3"


@pytest.fixture
def client(settings: Settings, service: Service, db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"feedback_db": db}), service)) as test_client:
        yield test_client


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


# --- POST /v1/feedback ---


def test_feedback_is_stored_with_its_origin_and_index(client: TestClient, service: Service, db: Path) -> None:
    response = client.post("/v1/feedback", json=GOOD, headers={"Origin": "http://testserver"})
    assert response.status_code == 201, response.text
    assert response.json() == {"id": 1}
    [row] = FeedbackStore(db).rows()
    assert {k: row[k] for k in GOOD} == GOOD
    assert row["origin"] == "http://testserver" and row["user"] is None
    assert row["index_built_at"] == service.index.manifest.built_at


def test_feedback_takes_the_answer_as_ask_returned_it(client: TestClient, db: Path) -> None:
    asked = client.post("/v1/ask", json={"question": QUESTION}).json()
    body = {
        "rating": "up",
        "question": QUESTION,
        "answer": asked["answer"],
        "citations": asked["citations"],  # whole citation objects: only n, id and quote are kept
        "mode": asked["mode"],
        "language": asked["language"],
    }
    assert client.post("/v1/feedback", json=body).status_code == 201
    [row] = FeedbackStore(db).rows()
    assert row["comment"] is None and row["origin"] is None
    assert row["citations"] == [{"n": c["n"], "id": c["id"], "quote": c["quote"]} for c in asked["citations"]]


BAD = [
    ({**GOOD, "rating": "meh"}, "rating: Input should be 'up' or 'down'"),
    ({**GOOD, "question": " "}, "question: question is empty"),
    ({**GOOD, "question": "x" * 2500}, "limit is 1999"),
    ({**GOOD, "comment": "x" * 2001}, "comment: String should have at most 2000 characters"),
    ({**GOOD, "answer": "x" * 20001}, "answer: String should have at most 20000 characters"),
    ({**GOOD, "citations": [{"n": 1, "id": "p", "quote": ""}] * 101}, "citations: List should have at most 100"),
    ({**GOOD, "citations": [{"n": "first", "id": "p"}]}, "citations.0.n"),
    ({**GOOD, "stars": 5}, "stars: unknown field"),
    ({k: v for k, v in GOOD.items() if k != "rating"}, "rating: Field required"),
]


@pytest.mark.parametrize(("body", "fragment"), BAD)
def test_bad_feedback_is_a_clear_422(client: TestClient, db: Path, body: dict[str, Any], fragment: str) -> None:
    response = client.post("/v1/feedback", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["stage"] == "request" and fragment in error["message"], error
    assert "allowed filters" not in error["message"]
    assert not db.exists()


def test_an_unwritable_database_is_a_503_and_a_retry_is_stored(
    settings: Settings, service: Service, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the feedback directory should be", encoding="utf-8")
    db = blocker / "feedback.sqlite3"
    with TestClient(create_app(settings.model_copy(update={"feedback_db": db}), service)) as client:
        response = client.post("/v1/feedback", json=GOOD)
        assert response.status_code == 503, response.text
        error = response.json()["error"]
        assert error["stage"] == "feedback" and "could not be stored" in error["message"]
        assert str(tmp_path) not in response.text  # the client is not told server paths; the log is
        assert any(str(db) in r.getMessage() for r in caplog.records if r.name == "rag.api.feedback")
        assert "RAG_FEEDBACK_DB" in error["hint"]
        assert client.post("/v1/ask", json={"question": QUESTION}).status_code == 200  # answering goes on
        blocker.unlink()
        retried = client.post("/v1/feedback", json=GOOD)
        assert retried.status_code == 201 and retried.json() == {"id": 1}
    assert [row["comment"] for row in FeedbackStore(db).rows()] == [GOOD["comment"]]


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


# --- quotas: no caller fills the disk ---


def quota_client(settings: Settings, service: Service, db: Path, **quotas: Any) -> TestClient:
    changes = {"feedback_db": db, "trusted_user_header": "X-User", **quotas}
    return TestClient(create_app(settings.model_copy(update=changes), service))


def test_a_row_over_the_size_quota_is_a_413_and_not_stored(settings: Settings, service: Service, db: Path) -> None:
    large = {**GOOD, "comment": "字" * 2000, "answer": "答" * 5000}  # 21 KB, within every field's own limit
    with quota_client(settings, service, db, feedback_max_row_bytes=16384) as client:
        refused = client.post("/v1/feedback", json=large, headers={"X-User": "mallory"})
        assert refused.status_code == 413, refused.text
        assert "the limit is 16384" in refused.json()["error"]["message"]
        assert client.post("/v1/feedback", json=GOOD, headers={"X-User": "alice"}).status_code == 201
    assert [row["user"] for row in FeedbackStore(db).rows()] == ["alice"]


def test_one_caller_gets_429_after_its_daily_quota_and_others_go_on(
    settings: Settings, service: Service, db: Path
) -> None:
    with quota_client(settings, service, db, feedback_per_caller_daily=5) as client:
        statuses = [client.post("/v1/feedback", json=GOOD, headers={"X-User": "mallory"}) for _ in range(20)]
        assert [r.status_code for r in statuses] == [201] * 5 + [429] * 15
        assert 1 <= int(statuses[-1].headers["Retry-After"]) <= 86401
        assert "the limit is 5" in statuses[-1].json()["error"]["message"]
        assert client.post("/v1/feedback", json=GOOD, headers={"X-User": "alice"}).status_code == 201
    assert len(list(FeedbackStore(db).rows())) == 6


def test_the_widget_key_is_counted_per_client_address() -> None:
    from types import SimpleNamespace

    from starlette.datastructures import Headers

    from rag.api.access import CALLER
    from rag.api.routes.feedback import caller_of

    def of(host: str, key: str | None, user: str | None = None, forwarded: str | None = None) -> str:
        caller = SimpleNamespace(key=SimpleNamespace(name=key) if key else None)
        scope = {"client": (host, 50000), "state": {CALLER: caller}}
        headers = Headers({"x-forwarded-for": forwarded} if forwarded else {})
        return caller_of(SimpleNamespace(scope=scope, headers=headers), user, ["10.9.0.0/16"])  # type: ignore[arg-type]

    assert of("10.0.0.1", "widget") == "key:widget@10.0.0.1" != of("10.0.0.2", "widget")
    assert of("10.0.0.1", "widget", "alice") == of("10.0.0.2", None, "alice") == "user:alice"
    assert of("10.0.0.1", None) == "ip:10.0.0.1"
    assert of("10.9.0.1", "widget", forwarded="10.0.0.7") == "key:widget@10.0.0.7"  # behind the trusted proxy
    assert of("10.0.0.1", "widget", forwarded="10.0.0.7") == "key:widget@10.0.0.1"  # not believed from others


def test_a_full_database_is_a_507(settings: Settings, service: Service, db: Path) -> None:
    from rag.api.feedback import Quotas

    with quota_client(settings, service, db, feedback_max_rows=3) as client:
        codes = [client.post("/v1/feedback", json=GOOD, headers={"X-User": f"u{i}"}).status_code for i in range(5)]
        assert codes == [201, 201, 201, 507, 507]
    store = FeedbackStore(db)
    with pytest.raises(FeedbackError, match="full") as full:
        store.add(Feedback("up", "q"), quotas=Quotas(row_bytes=1 << 16, per_caller=100, rows=100, bytes=1024))
    assert getattr(full.value, "status", None) == 507 and len(list(store.rows())) == 3


# --- the export: streamed, and safe on a terminal ---


def test_the_api_export_streams_in_memory_that_does_not_grow_with_the_table(
    settings: Settings, service: Service, db: Path
) -> None:
    FeedbackStore(db).add(Feedback("up", "first"))
    row = ("2025-01-01T00:00:00+00:00", "down", "x" * 32_000, "q", "", "[]")
    with sqlite3.connect(db) as connection:  # 1,000 rows of 32 KB: 32 MB
        sql = "INSERT INTO feedback (created_at, rating, comment, question, answer, citations) VALUES (?,?,?,?,?,?)"
        connection.executemany(sql, [row] * 1000)
    changes = {"feedback_db": db, "api_keys": ["ops:admin:s3cret"], "rate_limit_per_minute": 0}
    app = create_app(settings.model_copy(update=changes), service)
    received = lines = 0
    with serve(app) as base:
        tracemalloc.start()
        try:
            with httpx.stream("GET", f"{base}/admin/feedback", headers={"X-API-Key": "s3cret"}, timeout=60) as r:
                assert r.status_code == 200
                for chunk in r.iter_bytes():
                    received += len(chunk)
                    lines += chunk.count(b"\n")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert lines == 1001 and received > 32_000_000
    assert peak < 8_000_000, f"the export held {peak / 1e6:.0f} MB"  # before: every row and the whole body


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
