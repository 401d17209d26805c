"""The routes' dependencies: they read the app's one state record and give the service being served when the
request arrives, so a reload (which swaps it) is seen by the next request and not by one already running."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.deps import get_answerer, get_loaded_service, get_service, state_of
from rag.core.errors import IndexNotFound
from rag.core.settings import Settings
from rag.retrieval.service import Service
from rag.runtime import load_service


def test_the_service_is_looked_up_per_request(settings: Settings, service: Service) -> None:
    app = create_app(settings, service)
    state = state_of(app)
    assert asyncio.run(get_service(state)) is service
    assert get_answerer(state, service).service is service
    reloaded = load_service(settings)
    state.runtime.swap(reloaded)
    assert asyncio.run(get_service(state)) is reloaded
    assert get_answerer(state, reloaded).service is reloaded
    assert get_answerer(state, service).service is service  # a request keeps the service it started with


def test_no_service_is_a_503_for_routes_that_need_one(settings: Settings, tmp_path: object) -> None:
    app = create_app(settings.model_copy(update={"index_dir": settings.index_dir / "missing"}))
    state = state_of(app)
    assert asyncio.run(get_loaded_service(state)) is None
    with pytest.raises(IndexNotFound):
        asyncio.run(get_service(state))
    with TestClient(app) as client:
        assert client.post("/v1/search", json={"query": "export controls"}).status_code == 503
        assert client.get("/readyz").json()["ready"] is False
        assert client.post("/v1/feedback", json={"rating": "up", "question": "q"}).status_code == 201
