"""GET /healthz and /readyz, with an index and without one."""

from __future__ import annotations

from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings


def test_health_and_readiness(small_client: TestClient) -> None:
    assert small_client.get("/healthz").json()["status"] == "ok"
    ready = small_client.get("/readyz").json()
    assert ready["ready"] is True and ready["mode"] == "lexical"
    assert ready["counts"]["documents"] == 2 and ready["warnings"]


def test_not_ready_without_an_index(lexical_settings: Settings) -> None:
    with TestClient(create_app(lexical_settings)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "rag index build" in ready.json()["reason"]
        search = client.post("/v1/search", json={"query": "x"})
        assert search.status_code == 503 and search.json()["error"]["hint"]
