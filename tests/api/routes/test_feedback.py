"""POST /v1/feedback (rag.api.routes.feedback): 201 with what was stored, clear 422s, a 503 that loses nothing,
the quotas (413, 429 with Retry-After, 507) and whom the per-caller quota counts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.feedback import Feedback, FeedbackStore
from rag.core.errors import FeedbackError
from rag.core.settings import Settings
from rag.retrieval.service import Service

QUESTION = "Does Norway support resolution 76/234?"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "feedback" / "feedback.sqlite3"


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
def client(settings: Settings, service: Service, db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"feedback_db": db}), service)) as test_client:
        yield test_client


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
