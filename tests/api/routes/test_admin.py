"""The operators' routes (rag.api.routes.admin), scope admin: GET /admin/feedback (JSON lines or CSV, `since` and
`rating`, streamed; a `since` that is not a moment in UTC is a 422) and POST /admin/reload (200, or a 409 that
says why; how an index is checked and swapped: test_reload.py)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.feedback import COLUMNS, Feedback, FeedbackStore
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.admin import ADMIN, ADMIN_KEY, READER, admin_settings, built_at
from tests.support.live_server import serve


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "feedback" / "feedback.sqlite3"


@pytest.fixture
def client_for(settings: Settings, service: Service, db: Path) -> Iterator[Any]:
    """TestClients of the real app with admin keys and the feedback database `db`."""
    clients: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        client = TestClient(create_app(admin_settings(settings, feedback_db=db, **changes), service)).__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


# --- GET /admin/feedback ---


@pytest.fixture
def filled(db: Path) -> Path:
    store = FeedbackStore(db)
    store.add(Feedback("up", "早", "答 [1]", [{"n": 1, "id": "p1", "quote": "引文"}]), datetime(2025, 1, 5, tzinfo=UTC))
    store.add(Feedback("down", "mid", comment="=HYPERLINK(1)"), datetime(2025, 2, 5, 12, tzinfo=UTC))
    store.add(Feedback("up", "late"), datetime(2025, 3, 5, tzinfo=UTC))
    return db


def test_the_export_is_json_lines_filtered_by_since_and_rating(client_for: Any, filled: Path) -> None:
    client = client_for()
    response = client.get("/admin/feedback", headers=ADMIN)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="feedback.jsonl"' in response.headers["content-disposition"]
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [row["question"] for row in rows] == ["早", "mid", "late"] and list(rows[0]) == list(COLUMNS)
    since = client.get("/admin/feedback", params={"since": "2025-02-05T13:00+01:00"}, headers=ADMIN)
    assert [json.loads(line)["question"] for line in since.text.splitlines()] == ["mid", "late"]
    up = client.get("/admin/feedback", params={"since": "2025-02-01", "rating": "up"}, headers=ADMIN)
    assert [json.loads(line)["question"] for line in up.text.splitlines()] == ["late"]


def test_the_export_as_csv(client_for: Any, filled: Path) -> None:
    response = client_for().get("/admin/feedback", params={"format": "csv"}, headers=ADMIN)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["question"] for row in rows] == ["早", "mid", "late"]
    assert rows[1]["comment"] == "'=HYPERLINK(1)"  # never a formula in the analyst's spreadsheet


def test_no_database_yet_is_an_empty_export(client_for: Any, db: Path) -> None:
    response = client_for().get("/admin/feedback", headers=ADMIN)
    assert response.status_code == 200 and response.text == ""
    assert not db.exists()  # reading creates nothing


@pytest.mark.parametrize(
    ("params", "fragment"),
    [({"since": "last week"}, "'last week' is not a date"), ({"rating": "meh"}, "rating"), ({"format": "xml"}, "")],
)
def test_bad_export_parameters_are_a_422(client_for: Any, params: dict[str, str], fragment: str) -> None:
    response = client_for().get("/admin/feedback", params=params, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]


def test_the_export_needs_the_admin_scope(client_for: Any, filled: Path) -> None:
    client = client_for()
    assert client.get("/admin/feedback").status_code in (401, 403)
    assert client.get("/admin/feedback", headers=READER).status_code == 403


@pytest.mark.parametrize("since", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_a_since_out_of_range_is_a_422(client_for: Any, since: str) -> None:
    client = client_for()
    response = client.get("/admin/feedback", params={"since": since}, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert "out of range" in response.json()["error"]["message"]


def test_the_api_export_streams_in_memory_that_does_not_grow_with_the_table(
    settings: Settings, service: Service, db: Path
) -> None:
    FeedbackStore(db).add(Feedback("up", "first"))
    row = ("2025-01-01T00:00:00+00:00", "down", "x" * 32_000, "q", "", "[]")
    with sqlite3.connect(db) as connection:  # 1,000 rows of 32 KB: 32 MB
        sql = "INSERT INTO feedback (created_at, rating, comment, question, answer, citations) VALUES (?,?,?,?,?,?)"
        connection.executemany(sql, [row] * 1000)
    changes = {"feedback_db": db, "api_keys": [f"ops:admin:{ADMIN_KEY}"], "rate_limit_per_minute": 0}
    app = create_app(settings.model_copy(update=changes), service)
    received = lines = 0
    with serve(app) as base:
        tracemalloc.start()
        try:
            with httpx.stream("GET", f"{base}/admin/feedback", headers=ADMIN, timeout=60) as r:
                assert r.status_code == 200
                for chunk in r.iter_bytes():
                    received += len(chunk)
                    lines += chunk.count(b"\n")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert lines == 1001 and received > 32_000_000
    assert peak < 8_000_000, f"the export held {peak / 1e6:.0f} MB"  # before: every row and the whole body


# --- POST /admin/reload ---


def test_reload_needs_the_admin_scope(client: TestClient) -> None:
    assert client.post("/admin/reload").status_code in (401, 403)
    assert client.post("/admin/reload", headers=READER).status_code == 403


def test_a_missing_index_is_refused(client: TestClient, built: Settings) -> None:
    old = built_at(client)
    built.index_dir.unlink()  # the `current` link
    refused = client.post("/admin/reload", headers=ADMIN)
    assert refused.status_code == 409 and refused.json()["error"]["details"]["reason"] == "missing"
    assert "no index at" in refused.json()["error"]["message"] and built_at(client) == old
