"""Hostile clients, each attack bounded and on loopback only: metric labels a client chooses, DNS rebinding and
forged X-Forwarded-* headers, one client spending a shared key's rate limit, deeply nested JSON, duplicate user
headers, dates out of range, the admin routes in the public schema, and a client that sends its headers one
byte at a time."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.access import assert_access_error, configured

KEY = "widget-key-from-the-page"
ADMIN = "ops-secret"
SEARCH = {"query": "export controls", "k": 1}
REBOUND = "rebind.attacker.example"


@pytest.fixture
def client_for(settings: Settings, service: Service, tmp_path: Path) -> Iterator[Any]:
    """TestClients of the real app with settings changed, connecting from `peer`."""
    clients: list[TestClient] = []

    def make(peer: str = "testclient", **changes: Any) -> TestClient:
        changes.setdefault("feedback_db", tmp_path / "fb.sqlite3")
        app = create_app(configured(settings, **changes), service)
        client = TestClient(app, client=(peer, 50000)).__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@contextmanager
def rag_server(app: Any, settings: Settings) -> Iterator[int]:
    """The app on loopback with the options `rag serve` gives uvicorn; yields the port."""
    import uvicorn

    from rag.api.server import uvicorn_options

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", **uvicorn_options(settings))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _trickle(port: int, request: bytes, pause: float, limit: float) -> float:
    """Sends `request` a byte per `pause` seconds; the seconds until the server closed the connection (or
    `limit` if it never did)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=limit) as conn:
        for byte in request:
            if time.monotonic() - started > limit:
                return limit
            try:
                conn.sendall(bytes([byte]))
                conn.settimeout(pause)
                if conn.recv(1024) == b"":
                    return time.monotonic() - started
            except TimeoutError:
                continue
            except OSError:
                return time.monotonic() - started
    return limit


# --- 1. metrics: no label value comes from the client as sent ---


def test_made_up_methods_do_not_grow_the_metrics(client_for: Any) -> None:
    client = client_for()

    def attack(numbers: range) -> str:
        for number in numbers:
            client.request(f"M{number:06d}X", "/healthz")
            client.request("GET", f"/no/such/path/{number}")
        return str(client.get("/metrics").text)

    attack(range(1))
    before = attack(range(1))  # the series one of each makes (and a GET of /metrics)
    after = attack(range(1, 300))
    assert "M000001X" not in after and "/no/such/path" not in after and 'method="other"' in after
    assert len(after) < len(before) + 200, "each made-up method or path added a series"


# --- 2. DNS rebinding: only the service's own host names ---


@pytest.mark.parametrize(("method", "path"), [("GET", "/v1/documents"), ("POST", "/v1/feedback"), ("GET", "/healthz")])
def test_a_rebound_host_name_is_refused(client_for: Any, method: str, path: str) -> None:
    client = client_for()  # no keys: /v1/* is open, which is what rebinding would read
    headers = {"Host": REBOUND, "Origin": f"http://{REBOUND}"}
    body = {"rating": "up", "question": "q", "answer": "a"} if method == "POST" else None
    response = client.request(method, path, headers=headers, json=body)
    assert response.status_code == 400, response.text
    assert "Host" in response.json()["error"]["message"]


def test_the_default_hosts_are_the_loopback_names_and_the_bound_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAG_ALLOWED_HOSTS", raising=False)
    assert Settings(_env_file=None).host_allowlist() == ["localhost", "127.0.0.1", "::1"]  # type: ignore[call-arg]
    bound = Settings(_env_file=None, host="qa.intranet.example")  # type: ignore[call-arg]
    assert "qa.intranet.example" in bound.host_allowlist()
    with pytest.raises(ValueError, match="not a host name"):
        Settings(_env_file=None, allowed_hosts="http://qa.example/")  # type: ignore[call-arg]


def test_serving_on_every_interface_without_allowed_hosts_warns(
    settings: Settings, service: Service, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="rag.api.access"):
        create_app(configured(settings, host="0.0.0.0", allowed_hosts=""), service)
    assert "RAG_ALLOWED_HOSTS is unset" in caplog.text


def test_a_forwarded_host_from_a_client_is_not_its_own_origin(client_for: Any) -> None:
    client = client_for(allowed_hosts=f"testserver,{REBOUND}")
    forged = {"Origin": f"https://{REBOUND}", "X-Forwarded-Host": REBOUND, "X-Forwarded-Proto": "https"}
    assert_access_error(client.get("/v1/documents", headers=forged), 403, "not allowed")


# --- 3. rate limits: a key's bucket per client, X-Forwarded-For only from a proxy ---


def test_one_client_with_the_page_key_does_not_lock_out_another(settings: Settings, service: Service) -> None:
    app = create_app(configured(settings, api_keys=f"widget:ask+search:{KEY}", rate_limit_burst=5), service)
    with TestClient(app, client=("10.0.0.66", 1)) as mallory, TestClient(app, client=("10.0.0.7", 2)) as alice:
        for _ in range(10):
            mallory.get("/v1/documents", headers={"X-API-Key": KEY})
        assert mallory.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 429
        assert alice.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 200


def test_x_forwarded_for_from_loopback_is_not_believed_by_default(settings: Settings, service: Service) -> None:
    """Over a real socket, with the server options of `rag serve` (uvicorn's own default believes loopback)."""
    limited = configured(settings, rate_limit_burst=5, rate_limit_per_minute=1)
    with (
        rag_server(create_app(limited, service), limited) as port,
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client,
    ):
        statuses = [
            client.get("/v1/documents", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(10)
        ]
    assert statuses.count(429) >= 4, statuses


def test_x_forwarded_for_from_a_trusted_proxy_names_the_client(settings: Settings, service: Service) -> None:
    app = create_app(configured(settings, rate_limit_burst=2, trusted_proxies="10.0.0.1"), service)
    with TestClient(app, client=("10.0.0.1", 1)) as proxy:
        # the client wrote the first entry itself; the proxy appended the address it saw
        for _ in range(3):
            proxy.get("/v1/documents", headers={"X-Forwarded-For": "1.2.3.4, 198.51.100.9"})
        forged = {"X-Forwarded-For": "9.9.9.9, 198.51.100.9"}
        assert proxy.get("/v1/documents", headers=forged).status_code == 429
        assert proxy.get("/v1/documents", headers={"X-Forwarded-For": "198.51.100.10"}).status_code == 200


# --- 4. deeply nested JSON ---


@pytest.mark.parametrize("depth", [500, 950, 5000])
def test_deeply_nested_json_is_a_short_client_error(client_for: Any, depth: int) -> None:
    client = client_for()
    body = '{"query": ' + "[" * depth + "]" * depth + "}"
    response = client.post("/v1/search", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422), response.text[:300]
    assert len(response.content) < 4000 and "Traceback" not in response.text


# --- 5. smaller findings ---


def test_two_user_headers_are_refused(client_for: Any) -> None:
    client = client_for(trusted_user_header="X-Forwarded-User")
    headers = [("X-Forwarded-User", "mallory-as-alice"), ("X-Forwarded-User", "mallory")]
    response = client.get("/v1/documents", headers=headers)
    assert response.status_code == 400 and "X-Forwarded-User" in response.json()["error"]["message"]
    assert client.get("/v1/documents", headers={"X-Forwarded-User": "alice"}).status_code == 200


@pytest.mark.parametrize("since", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"])
def test_a_since_out_of_range_is_a_422(client_for: Any, since: str) -> None:
    client = client_for(api_keys=f"ops:admin:{ADMIN}")
    response = client.get("/admin/feedback", params={"since": since}, headers={"X-API-Key": ADMIN})
    assert response.status_code == 422, response.text
    assert "out of range" in response.json()["error"]["message"]


def test_the_public_schema_hides_the_admin_routes_once_keys_are_configured(client_for: Any) -> None:
    client = client_for(api_keys=f"ops:admin:{ADMIN},widget:ask+search:{KEY}")
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/ask" in paths and not [path for path in paths if path.startswith("/admin")]


# --- 6. a client that sends its request one byte at a time ---


def test_a_slow_header_sender_is_cut_off(settings: Settings, service: Service) -> None:
    fast = configured(settings, request_read_timeout=1.0)
    with rag_server(create_app(fast, service), fast) as port:
        request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
        assert _trickle(port, request, pause=0.1, limit=12.0) < 6.0  # never, before the deadline
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert client.get("/healthz").status_code == 200  # and the server still answers others


def test_a_slow_body_sender_is_cut_off(settings: Settings, service: Service) -> None:
    fast = configured(settings, request_read_timeout=1.0)
    with rag_server(create_app(fast, service), fast) as port:
        body = json.dumps(SEARCH).encode()
        head = f"POST /v1/search HTTP/1.1\r\nHost: localhost\r\nContent-Length: {len(body) + 100}\r\n"
        request = head.encode() + b"Content-Type: application/json\r\n\r\n" + body + b" " * 100
        assert _trickle(port, request, pause=0.1, limit=30.0) < 10.0


def test_rag_serve_gives_uvicorn_its_limits(settings: Settings) -> None:
    from rag.api.server import ReadDeadlineProtocol, uvicorn_options

    options = uvicorn_options(configured(settings, max_connections=50, keep_alive_timeout=3))
    assert options["proxy_headers"] is False and options["limit_concurrency"] == 50
    assert options["timeout_keep_alive"] == 3 and options["h11_max_incomplete_event_size"] <= 64 * 1024
    assert (
        issubclass(options["http"], ReadDeadlineProtocol)
        and options["http"].read_timeout == settings.request_read_timeout
    )
