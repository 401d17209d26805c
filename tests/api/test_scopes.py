"""Scopes declared next to the routes: every guarded operation shows its scope in OpenAPI, a scoped route that
the access middleware did not vet fails closed, and unknown scopes are refused when the route is declared."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from rag.api.access import AccessNotChecked
from rag.api.app import create_app
from rag.api.scopes import ScopedRoute, require_scope, scope_of
from rag.core.settings import Settings
from rag.retrieval.service import Service

EXPECTED = {
    ("post", "/v1/search"): "search",
    ("get", "/v1/documents"): "search",
    ("get", "/v1/passages/{passage_id}"): "search",
    ("post", "/v1/ask"): "ask",
    ("post", "/v1/ask/stream"): "ask",
    ("post", "/v1/feedback"): "ask",
    ("get", "/v1/models"): "ask",
    ("post", "/v1/chat/completions"): "ask",
    ("get", "/admin/feedback"): "admin",
    ("post", "/admin/reload"): "admin",
}


def test_openapi_shows_each_operations_scope(make_client: Any) -> None:
    client = make_client()
    paths: dict[str, dict[str, Any]] = client.get("/openapi.json").json()["paths"]
    shown = {
        (method, path): operation.get("x-required-scope")
        for path, ops in paths.items()
        for method, operation in ops.items()
    }
    assert {k: v for k, v in shown.items() if v is not None} == EXPECTED
    assert shown[("get", "/healthz")] is None and shown[("get", "/readyz")] is None


def test_an_unknown_scope_is_refused_where_it_is_declared() -> None:
    with pytest.raises(ValueError, match="unknown scope 'write'"):
        require_scope("write")


def test_a_scoped_route_outside_the_guarded_paths_fails_closed(settings: Settings, service: Service) -> None:
    router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("ask"))])
    router.add_api_route("/ask-here", lambda: {"answer": "never"})
    [route] = router.routes
    assert scope_of(route) == "ask"
    app = create_app(settings, service)
    app.include_router(router)
    with TestClient(app) as client, pytest.raises(AccessNotChecked, match="/ask-here needs the ask scope"):
        client.get("/ask-here")
