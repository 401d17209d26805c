"""Request limits: 429 with Retry-After over HTTP (the token bucket itself is in test_ratelimit.py), the body size
limit (413, with and without Content-Length, over a real socket), and bodies that are not valid text (4xx, never
5xx)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.api import access
from rag.api.app import create_app
from rag.api.feedback import FeedbackStore
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.access import INTRANET, assert_access_error, configured
from tests.support.live_server import serve

NORWAY = "Does Norway support resolution 76/234?"
SEARCH = {"query": "export controls", "k": 1}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(access, "clock", fake)
    return fake


# --- 429 over HTTP ---


def test_too_many_requests_get_429_then_recover(make_client: Any, clock: Clock) -> None:
    client = make_client(rate_limit_per_minute=6, rate_limit_burst=2, cors_origins=INTRANET)
    headers = {"Origin": INTRANET}
    assert [client.post("/v1/search", json=SEARCH, headers=headers).status_code for _ in range(2)] == [200, 200]
    refused = client.post("/v1/search", json=SEARCH, headers=headers)
    error = assert_access_error(refused, 429, "too many requests: the limit is 6 a minute, 2 at once")
    assert refused.headers["retry-after"] == "10" and "retry after 10 s" in error["hint"]
    assert refused.headers["access-control-allow-origin"] == INTRANET  # the page can read why
    clock.now += 9.5
    assert client.get("/v1/documents").headers["retry-after"] == "1"  # never 0
    clock.now += 0.5
    assert client.get("/v1/documents").status_code == 200
    # probes, metrics and the widget are never limited
    for path in ("/healthz", "/readyz", "/metrics", "/widget.js", "/demo"):
        assert client.get(path).status_code == 200, path


def test_each_key_user_and_address_has_its_own_bucket(make_client: Any, clock: Clock) -> None:
    client = make_client(
        rate_limit_per_minute=60,
        rate_limit_burst=1,
        api_keys="a:ask+search:key-a,b:ask+search:key-b,ops:admin:key-ops",
        trusted_user_header="X-Forwarded-User",
    )
    for headers in ({"X-API-Key": "key-a"}, {"X-API-Key": "key-b"}, {"X-Forwarded-User": "alice"}):
        assert client.get("/v1/documents", headers=headers).status_code == 200
        assert client.get("/v1/documents", headers=headers).status_code == 429
    # a key counts for its name, whichever user it comes with; the admin routes share the key's bucket
    assert client.get("/v1/documents", headers={"X-API-Key": "key-a", "X-Forwarded-User": "bob"}).status_code == 429
    assert client.get("/admin/feedback", headers={"X-API-Key": "key-ops"}).status_code == 200
    assert client.get("/admin/feedback", headers={"X-API-Key": "key-ops"}).status_code == 429
    # no key and no user: the client's address; wrong guesses use it up too
    assert client.get("/v1/documents", headers={"X-API-Key": "guess"}).status_code == 401
    assert client.get("/v1/documents", headers={"X-API-Key": "guess"}).status_code == 429
    assert client.get("/v1/documents", headers={"X-Forwarded-User": "bob"}).status_code == 200


def test_a_limit_of_zero_turns_limiting_off(make_client: Any, clock: Clock) -> None:
    client = make_client(rate_limit_per_minute=0, rate_limit_burst=1)
    assert {client.get("/v1/models").status_code for _ in range(20)} == {200}


# --- request size ---


def test_a_body_over_the_limit_is_refused_by_its_content_length(make_client: Any, tmp_path: Path) -> None:
    client = make_client(max_body_bytes=1000, cors_origins=INTRANET)
    feedback = {"rating": "up", "question": NORWAY, "comment": "x" * 1000}
    response = client.post("/v1/feedback", json=feedback, headers={"Origin": INTRANET})
    assert response.status_code == 413, response.text
    assert response.json()["error"]["message"] == "the request body is larger than 1000 bytes"
    assert "RAG_MAX_BODY_BYTES" in response.json()["error"]["hint"]
    assert response.headers["access-control-allow-origin"] == INTRANET
    assert not (tmp_path / "fb.sqlite3").exists()
    assert client.post("/v1/feedback", json={**feedback, "comment": "short"}).status_code == 201


def test_the_default_limit_refuses_a_large_question(make_client: Any) -> None:
    client = make_client()
    assert client.post("/v1/ask", json={"question": "q" * 70_000}).status_code == 413
    assert client.post("/v1/ask", json={"question": "q" * 5_000}).status_code == 422  # the question limit


def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives(
    settings: Settings, service: Service, tmp_path: Path
) -> None:
    db = tmp_path / "chunked.sqlite3"
    app = create_app(configured(settings, max_body_bytes=2000, feedback_db=db), service)

    def chunked(comment_chars: int) -> Iterator[bytes]:  # a generator: httpx sends no Content-Length
        body = json.dumps({"rating": "up", "question": NORWAY, "comment": "c" * comment_chars}).encode()
        for start in range(0, len(body), 500):
            yield body[start : start + 500]

    with serve(app) as base_url:
        headers = {"Content-Type": "application/json"}
        small = httpx.post(f"{base_url}/v1/feedback", content=chunked(1000), headers=headers)
        assert small.status_code == 201 and "content-length" not in small.request.headers
        for size in (1990, 200_000):
            large = httpx.post(f"{base_url}/v1/feedback", content=chunked(size), headers=headers)
            assert large.status_code == 413, large.text
            assert large.json()["error"]["stage"] == "request"
        assert httpx.get(f"{base_url}/healthz").status_code == 200
    assert [row["comment"] for row in FeedbackStore(db).rows()] == ["c" * 1000]


# --- bodies that are not valid text ---

BAD_BODIES = {
    "invalid UTF-8": b'{"question": "caf\xe9 \xff", "query": "\xff"}',
    "lone surrogate": b'{"question": "Norway \\ud800", "query": "Norway \\ud800"}',
    "control character": b'{"question": "Norway\\u0000?", "query": "Norway\\u0007"}',
}


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/ask/stream", "/v1/search", "/v1/feedback", "/v1/chat/completions"])
@pytest.mark.parametrize("kind", list(BAD_BODIES))
def test_bad_text_is_a_client_error(make_client: Any, path: str, kind: str, tmp_path: Path) -> None:
    client = make_client()
    body = BAD_BODIES[kind]
    if path == "/v1/feedback":
        body = body.replace(b'"query"', b'"rating": "up", "comment"')
    elif path == "/v1/chat/completions":
        text = body.split(b'"question": ')[1].split(b",")[0]
        body = b'{"messages": [{"role": "user", "content": ' + text + b"}]}"
    response = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    if kind != "invalid UTF-8":  # FastAPI's own 400 answers that one before validation
        assert response.status_code == 422 and response.json()["error"]["stage"] == "request"
    assert not (tmp_path / "fb.sqlite3").exists()


def test_a_lone_surrogate_anywhere_in_feedback_is_refused(make_client: Any, tmp_path: Path) -> None:
    client = make_client()
    for field in ("comment", "answer", "mode", "language"):
        body = b'{"rating": "down", "question": "q", "%s": "x \\udc00"}' % field.encode()
        response = client.post("/v1/feedback", content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 422, (field, response.text)
    history = b'{"question": "q", "history": [{"role": "user", "content": "\\ud83d"}]}'
    assert client.post("/v1/ask", content=history, headers={"Content-Type": "application/json"}).status_code == 422
    chat = b'{"messages": [{"role": "user", "content": "\\ud83d"}, {"role": "user", "content": "q"}]}'
    assert (
        client.post("/v1/chat/completions", content=chat, headers={"Content-Type": "application/json"}).status_code
        == 422
    )
    assert not (tmp_path / "fb.sqlite3").exists()
