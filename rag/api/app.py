"""The HTTP API (FastAPI): an assembly of the routers in rag.api.routes, around one runtime (rag.runtime) that
a reload may swap the service of; errors are mapped in rag.api.errors, access in rag.api.access."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from rag import __version__
from rag.api import access, errors
from rag.api.access import area
from rag.api.deps import ApiState, attach, state_of
from rag.api.feedback import FeedbackStore
from rag.api.observe import Metrics, ObserveMiddleware, log_answer
from rag.api.reload import IndexWatcher, Reloader
from rag.api.routes import admin, apidocs, ask, documents, feedback, health, home, openai, search, widget
from rag.core.errors import RagError
from rag.core.settings import Settings, get_settings
from rag.core.types import Answer
from rag.retrieval.service import Service
from rag.runtime import Runtime

log = logging.getLogger(__name__)

# In this order in the OpenAPI document.
ROUTERS = (search, ask, feedback, admin, openai, widget, documents, health, apidocs, home)


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """The application; `service` is loaded from settings.index_dir at start-up when not given."""
    settings = settings or get_settings()
    metrics = Metrics()

    def observed(answer: Answer) -> None:
        metrics.observe_answer(answer)
        log_answer(answer, settings.log_questions)

    # One model client (and connection pool) for the app's life, across reloads.
    runtime = Runtime.start(settings, service, on_answer=observed)
    reloader = Reloader(settings, lambda: runtime.service, runtime.swap, metrics)
    # settings.root_path is given to the server (`rag serve`), not here: FastAPI deprecates its own.
    # /docs and /redoc are served by rag.api.routes.apidocs, with their scripts from here rather than a CDN.
    app = FastAPI(
        title="UN disarmament documents QA", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None
    )
    attach(app, ApiState(runtime, metrics, FeedbackStore(settings.feedback_db), reloader))
    access.install(app, settings)
    app.add_middleware(ObserveMiddleware, metrics=metrics)  # outermost: refused requests are counted too
    errors.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    if settings.api_keys or settings.api_keys_file:
        hide_admin_from_schema(app)
    if service is not None:
        metrics.set_index(service.index.manifest)
    return app


def hide_admin_from_schema(app: FastAPI) -> None:
    """Once keys guard the service, /docs and /openapi.json (public) no longer list the /admin/* operations:
    they are for operators, who have docs/api.md."""
    full = app.openapi

    def public_schema() -> dict[str, Any]:
        schema = full()
        schema["paths"] = {path: ops for path, ops in schema.get("paths", {}).items() if area(path) != "admin"}
        return schema

    app.openapi = public_schema  # type: ignore[method-assign]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the index when none was given (a failure is served as not ready), watch for new builds, and close
    the model client when the app stops."""
    state = state_of(app)
    runtime, settings = state.runtime, state.runtime.settings
    if runtime.service is None:
        try:
            state.metrics.set_index(runtime.load().index.manifest)
        except RagError as exc:
            log.error("index not loaded: %s", exc)
    watcher = IndexWatcher(state.reloader, settings.reload_interval) if settings.reload_watch else None
    if watcher is not None:
        watcher.start()
    try:
        yield
    finally:
        if watcher is not None:
            watcher.stop()
        runtime.close()
