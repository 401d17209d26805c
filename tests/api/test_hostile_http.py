"""Hostile clients, each attack bounded and on loopback only: metric labels a client chooses, DNS rebinding and
forged X-Forwarded-* headers, one client spending a shared key's rate limit, deeply nested JSON, duplicate user
headers and the admin routes in the public schema. (Dates out of range: routes/test_admin.py; slow senders and
X-Forwarded-For at the server: test_server.py.)"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.access import assert_access_error, configured

KEY = "widget-key-from-the-page"
ADMIN = "ops-secret"
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


# --- 1. metrics: no label value comes from the client as sent ---


@pytest.mark.slow  # waits out a deadline or a timed attack
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
    # one token a minute: the bucket does not refill while the test runs, however loaded the machine
    limits = {"rate_limit_burst": 5, "rate_limit_per_minute": 1}
    app = create_app(configured(settings, api_keys=f"widget:ask+search:{KEY}", **limits), service)
    with TestClient(app, client=("10.0.0.66", 1)) as mallory, TestClient(app, client=("10.0.0.7", 2)) as alice:
        for _ in range(10):
            mallory.get("/v1/documents", headers={"X-API-Key": KEY})
        assert mallory.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 429
        assert alice.get("/v1/documents", headers={"X-API-Key": KEY}).status_code == 200


def test_x_forwarded_for_from_a_trusted_proxy_names_the_client(settings: Settings, service: Service) -> None:
    limits = {"rate_limit_burst": 2, "rate_limit_per_minute": 1}
    app = create_app(configured(settings, trusted_proxies="10.0.0.1", **limits), service)
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


def test_the_public_schema_hides_the_admin_routes_once_keys_are_configured(client_for: Any) -> None:
    client = client_for(api_keys=f"ops:admin:{ADMIN},widget:ask+search:{KEY}")
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/ask" in paths and not [path for path in paths if path.startswith("/admin")]
