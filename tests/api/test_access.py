"""Who may call /v1/*: the CORS allowlist (and refusal of other origins), API keys, the trusted proxy's user
header, the public paths, the root path behind a proxy, and streaming through all of it over a real socket."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from rag.api.app import create_app
from rag.api.feedback import FeedbackStore
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.access import INTRANET, assert_access_error, configured
from tests.support.live_server import serve
from tests.support.sse import parse_events

NORWAY = "Does Norway support resolution 76/234?"

EVIL = "https://evil.example.com"
KEY = "correct horse battery staple"
OTHER_KEY = "another key, configured as a digest"
SEARCH = {"query": "export controls", "k": 2}
PUBLIC = ["/healthz", "/readyz", "/widget.js", "/demo", "/docs", "/openapi.json", "/redoc"]


@pytest.fixture
def make_client(settings: Settings, service: Service, tmp_path: Path) -> Iterator[Any]:
    clients: list[TestClient] = []

    def make(root_path: str = "", peer: str = "testclient", **changes: Any) -> TestClient:
        """`root_path` as the server passes it (rag serve gives uvicorn RAG_ROOT_PATH); `peer` the address the
        connection comes from."""
        app = create_app(configured(settings, feedback_db=tmp_path / "fb.sqlite3", **changes), service)
        client = TestClient(app, root_path=root_path, client=(peer, 50000))
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


# --- settings ---


def test_settings_read_comma_separated_and_json_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    digest = hashlib.sha256(OTHER_KEY.encode()).hexdigest()
    monkeypatch.setenv("RAG_CORS_ORIGINS", "https://Intranet.example.org/, https://wiki.example.org:443,http://h:8080")
    monkeypatch.setenv("RAG_API_KEYS", f"{KEY}, sha256:{digest.upper()}")
    monkeypatch.setenv("RAG_TRUSTED_USER_HEADER", "X-Forwarded-User")
    monkeypatch.setenv("RAG_ROOT_PATH", "qa/")
    monkeypatch.setenv("RAG_FEEDBACK_DB", "/var/lib/rag/feedback.sqlite3")
    settings = Settings()
    assert settings.cors_origins == [INTRANET, "https://wiki.example.org", "http://h:8080"]
    plain = hashlib.sha256(KEY.encode()).hexdigest()
    assert settings.api_keys == [f"key-1:ask+search:sha256:{plain}", f"key-2:ask+search:sha256:{digest}"]
    assert KEY not in repr(settings)  # plain keys are hashed as they are read
    assert (settings.trusted_user_header, settings.root_path) == ("X-Forwarded-User", "/qa")
    assert settings.feedback_db == Path("/var/lib/rag/feedback.sqlite3")
    monkeypatch.setenv("RAG_CORS_ORIGINS", json.dumps([INTRANET]))
    monkeypatch.setenv("RAG_API_KEYS", "")
    assert (Settings().cors_origins, Settings().api_keys) == ([INTRANET], [])


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("RAG_CORS_ORIGINS", "intranet.example.org", "is not an origin"),
        ("RAG_CORS_ORIGINS", "https://intranet.example.org/page", "is not an origin"),
        ("RAG_API_KEYS", "sha256:abc", "64 hexadecimal digits"),
    ],
)
def test_settings_refuse_what_would_never_match(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, fragment: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=fragment):
        Settings()


def test_defaults_keep_the_api_open_to_its_own_pages_and_to_non_browsers() -> None:
    settings = Settings()
    assert (settings.cors_origins, settings.api_keys, settings.trusted_user_header) == ([], [], None)
    assert settings.root_path == ""


# --- CORS ---


def test_an_allowed_origin_gets_the_cors_headers(make_client: Any) -> None:
    client = make_client(cors_origins=f"{INTRANET},https://wiki.example.org")
    response = client.post("/v1/search", json=SEARCH, headers={"Origin": INTRANET})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == INTRANET
    preflight = client.options(
        "/v1/ask",
        headers={
            "Origin": INTRANET,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, x-api-key",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == INTRANET
    assert "x-api-key" in preflight.headers["access-control-allow-headers"].lower()
    assert "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/search", "/v1/ask/stream", "/v1/feedback"])
def test_another_origin_is_refused(make_client: Any, path: str, tmp_path: Path) -> None:
    client = make_client(cors_origins=INTRANET)
    response = client.post(path, json={"question": NORWAY, "query": NORWAY}, headers={"Origin": EVIL})
    error = assert_access_error(response, 403, f"origin {EVIL} is not allowed")
    assert error["hint"] == "add it to RAG_CORS_ORIGINS"
    assert "access-control-allow-origin" not in response.headers
    assert not (tmp_path / "fb.sqlite3").exists()
    preflight = client.options(path, headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers


def test_a_wildcard_lets_any_page_in_but_never_with_the_readers_cookies(make_client: Any) -> None:
    client = make_client(cors_origins="*", trusted_user_header="X-Forwarded-User")
    response = client.post("/v1/search", json=SEARCH, headers={"Origin": EVIL, "X-Forwarded-User": "a"})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers


def test_with_no_allowlist_only_the_services_own_pages_and_non_browsers_get_in(make_client: Any) -> None:
    client = make_client()
    assert client.post("/v1/search", json=SEARCH).status_code == 200  # curl, scripts: no Origin
    assert client.post("/v1/search", json=SEARCH, headers={"Origin": "http://testserver"}).status_code == 200
    assert_access_error(client.post("/v1/search", json=SEARCH, headers={"Origin": INTRANET}), 403, "not allowed")
    assert_access_error(client.post("/v1/search", json=SEARCH, headers={"Origin": "null"}), 403, "not allowed")
    # other scheme or port: another origin
    for other in ("https://testserver", "http://testserver:8080"):
        assert client.post("/v1/search", json=SEARCH, headers={"Origin": other}).status_code == 403


def test_the_public_origin_a_trusted_proxy_forwards_counts_as_the_services_own(make_client: Any) -> None:
    hosts = "testserver,intranet.example.org"
    client = make_client(peer="10.0.0.2", trusted_proxies="10.0.0.0/8", allowed_hosts=hosts)
    forwarded = {"Origin": INTRANET, "X-Forwarded-Host": "intranet.example.org", "X-Forwarded-Proto": "https"}
    assert client.post("/v1/search", json=SEARCH, headers=forwarded).status_code == 200
    # the same headers from any other client are its own to write: not believed
    untrusted = make_client(peer="10.0.0.2", allowed_hosts=hosts)
    assert_access_error(untrusted.post("/v1/search", json=SEARCH, headers=forwarded), 403, "not allowed")
    # nor a forwarded host that is not one of the service's names
    rebound = {**forwarded, "Origin": EVIL, "X-Forwarded-Host": "evil.example.com"}
    assert_access_error(client.post("/v1/search", json=SEARCH, headers=rebound), 403, "not allowed")


@pytest.mark.parametrize("path", PUBLIC)
def test_public_paths_are_open_to_any_origin_without_a_key(make_client: Any, path: str) -> None:
    client = make_client(cors_origins=INTRANET, api_keys=KEY, trusted_user_header="X-Forwarded-User")
    response = client.get(path, headers={"Origin": EVIL})
    assert response.status_code == 200, response.text


# --- API keys ---


@pytest.fixture
def keyed(make_client: Any) -> TestClient:
    digest = hashlib.sha256(OTHER_KEY.encode()).hexdigest()
    client: TestClient = make_client(api_keys=f"{KEY},sha256:{digest}", cors_origins=INTRANET)
    return client


def test_a_key_is_required_when_keys_are_configured(keyed: TestClient) -> None:
    missing = keyed.post("/v1/search", json=SEARCH)
    error = assert_access_error(missing, 401, "an API key is required")
    assert "X-API-Key" in error["hint"] and missing.headers["www-authenticate"] == "Bearer"
    assert_access_error(keyed.post("/v1/search", json=SEARCH, headers={"X-API-Key": "guess"}), 401, "not valid")
    wrong_bearer = keyed.post("/v1/ask", json={"question": NORWAY}, headers={"Authorization": "Bearer guess"})
    assert_access_error(wrong_bearer, 401, "not valid")
    assert_access_error(keyed.get("/v1/documents"), 401, "required")
    assert_access_error(keyed.get("/v1/models"), 401, "required")
    # an allowed page can read why it was refused
    refused = keyed.post("/v1/search", json=SEARCH, headers={"Origin": INTRANET})
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == INTRANET


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": KEY},
        {"Authorization": f"Bearer {KEY}"},
        {"Authorization": f"bearer {OTHER_KEY}"},
        {"X-API-Key": OTHER_KEY},
        {"X-API-Key": "stale", "Authorization": f"Bearer {KEY}"},
    ],
    ids=["x-api-key", "bearer", "digest-entry-bearer", "digest-entry-x-api-key", "either-header"],
)
def test_a_valid_key_is_accepted_in_either_header(keyed: TestClient, headers: dict[str, str]) -> None:
    assert keyed.post("/v1/search", json=SEARCH, headers=headers).status_code == 200
    assert keyed.get("/v1/documents", headers=headers).status_code == 200


def test_openai_clients_send_the_key_as_a_bearer_token(keyed: TestClient) -> None:
    body = {"model": "un-disarmament-rag", "messages": [{"role": "user", "content": NORWAY}]}
    assert_access_error(keyed.post("/v1/chat/completions", json=body), 401, "required")
    response = keyed.post("/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert response.status_code == 200, response.text
    assert "Norway" in response.json()["choices"][0]["message"]["content"]
    models = keyed.get("/v1/models", headers={"Authorization": f"Bearer {KEY}"})
    assert models.json()["data"][0]["id"] == "un-disarmament-rag"


def test_the_root_path_prefix_is_no_way_around_the_key(make_client: Any) -> None:
    client = make_client(api_keys=KEY, root_path="/qa")
    assert_access_error(client.post("/qa/v1/search", json=SEARCH), 401, "required")
    assert client.post("/qa/v1/search", json=SEARCH, headers={"X-API-Key": KEY}).status_code == 200


# --- trusted proxy user header ---


def test_the_trusted_user_header_is_required_and_recorded(make_client: Any, tmp_path: Path) -> None:
    client = make_client(trusted_user_header="X-Forwarded-User", cors_origins=INTRANET)
    error = assert_access_error(client.post("/v1/search", json=SEARCH), 401, "no X-Forwarded-User header")
    assert "proxy" in error["hint"]
    # the proxy's sign-in cookie may travel with the widget's cross-origin requests
    preflight = client.options("/v1/ask", headers={"Origin": INTRANET, "Access-Control-Request-Method": "POST"})
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert client.post("/v1/search", json=SEARCH, headers={"X-Forwarded-User": "alice"}).status_code == 200
    feedback = {"rating": "up", "question": NORWAY, "answer": "yes"}
    headers = {"X-Forwarded-User": "alice@example.org", "Origin": "http://testserver"}
    assert client.post("/v1/feedback", json=feedback, headers=headers).status_code == 201
    [row] = FeedbackStore(tmp_path / "fb.sqlite3").rows()
    assert (row["user"], row["origin"]) == ("alice@example.org", "http://testserver")


def test_with_keys_and_a_proxy_either_one_lets_a_request_in(make_client: Any, tmp_path: Path) -> None:
    client = make_client(trusted_user_header="X-Forwarded-User", api_keys=KEY)
    error = assert_access_error(client.post("/v1/search", json=SEARCH), 401, "an API key is required")
    assert "X-Forwarded-User" in error["hint"] and "X-API-Key" in error["hint"]
    assert client.post("/v1/search", json=SEARCH, headers={"X-Forwarded-User": "bob"}).status_code == 200
    feedback = {"rating": "down", "question": NORWAY}
    assert client.post("/v1/feedback", json=feedback, headers={"X-API-Key": KEY}).status_code == 201
    [row] = FeedbackStore(tmp_path / "fb.sqlite3").rows()
    assert row["user"] is None  # no header, no user: a key names no one


def test_without_the_setting_a_user_header_is_ignored(make_client: Any, tmp_path: Path) -> None:
    client = make_client()
    feedback = {"rating": "up", "question": NORWAY}
    assert client.post("/v1/feedback", json=feedback, headers={"X-Forwarded-User": "mallory"}).status_code == 201
    [row] = FeedbackStore(tmp_path / "fb.sqlite3").rows()
    assert row["user"] is None


# --- root path ---


def test_the_root_path_is_honoured_by_the_docs_and_the_demo(make_client: Any) -> None:
    client = make_client(root_path="/qa")
    assert 'src="/qa/widget.js"' in client.get("/demo").text
    assert client.get("/openapi.json").json()["servers"] == [{"url": "/qa"}]
    assert "/qa/openapi.json" in client.get("/docs").text
    assert client.post("/v1/search", json=SEARCH).status_code == 200


def test_behind_a_proxy_that_strips_the_root_path(settings: Settings, service: Service, tmp_path: Path) -> None:
    app = create_app(configured(settings, api_keys=KEY, feedback_db=tmp_path / "f"), service)
    with serve(app, root_path="/qa") as base_url:  # as `rag serve` runs with RAG_ROOT_PATH=/qa
        assert 'src="/qa/widget.js"' in httpx.get(f"{base_url}/demo").text
        assert httpx.get(f"{base_url}/openapi.json").json()["servers"] == [{"url": "/qa"}]
        assert httpx.post(f"{base_url}/v1/search", json=SEARCH).status_code == 401
        searched = httpx.post(f"{base_url}/v1/search", json=SEARCH, headers={"X-API-Key": KEY})
        assert searched.status_code == 200 and searched.json()["hits"]


# --- streaming through the middleware, over a real socket ---


def test_answers_still_stream_through_cors_and_keys(settings: Settings, service: Service, tmp_path: Path) -> None:
    app = create_app(configured(settings, cors_origins=INTRANET, api_keys=KEY, feedback_db=tmp_path / "f"), service)
    with serve(app) as base_url:
        headers = {"Origin": INTRANET, "X-API-Key": KEY}
        chunks: list[str] = []
        with httpx.stream(
            "POST", f"{base_url}/v1/ask/stream", json={"question": NORWAY}, headers=headers, timeout=30
        ) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            assert response.headers["access-control-allow-origin"] == INTRANET
            assert "content-length" not in response.headers  # sent as it is produced, not buffered
            chunks.extend(response.iter_text())
        refused = httpx.post(f"{base_url}/v1/ask/stream", json={"question": NORWAY}, timeout=30)
        assert refused.status_code == 401
    events = parse_events("".join(chunks))
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "retrieval" and kinds[-1] == "answer" and "delta" in kinds
    assert events[-1][1]["answerable"] is True
