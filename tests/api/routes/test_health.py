"""GET /healthz and /readyz, with an index and without one."""

from __future__ import annotations

from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.store import build_index
from rag.retrieval.service import Service
from tests.support.fake_encoder import PROVENANCE, HashEncoder


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


def test_readiness_names_the_model_and_where_it_came_from(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False, encoder=HashEncoder())
    service = Service.load(lexical_settings, encoder=HashEncoder())
    with TestClient(create_app(lexical_settings, service)) as client:
        ready = client.get("/readyz").json()
    assert ready["mode"] == ready["index_mode"] == "hybrid"
    expected = PROVENANCE.to_dict()
    assert ready["embedding"]["model"] == PROVENANCE.model and ready["embedding"]["provenance"] == expected
    assert ready["query_encoder"] == {"model": PROVENANCE.model, "provenance": expected}


def test_readiness_of_a_lexical_index_has_no_provenance(small_client: TestClient) -> None:
    ready = small_client.get("/readyz").json()
    assert "provenance" not in ready["embedding"] and ready["query_encoder"] is None
