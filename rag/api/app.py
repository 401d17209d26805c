"""The HTTP API (FastAPI): search, ask, feedback, documents, passages, health; errors mapped in one place."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.exceptions import HTTPException

from rag import __version__
from rag.answering.pipeline import Answerer, Turn
from rag.api import access
from rag.api.feedback import Feedback, FeedbackStore, export_lines, parse_since
from rag.api.observe import METRICS_CONTENT_TYPE, Metrics, ObserveMiddleware, log_answer
from rag.api.reload import IndexWatcher, Reloader, ReloadRefused, ReloadResult
from rag.api.routes.openai import chat_router
from rag.api.routes.widget import router as widget_router
from rag.api.schemas import (
    AskRequest,
    AskResponse,
    DocumentOut,
    DocumentsResponse,
    FeedbackRequest,
    FeedbackResponse,
    HitOut,
    PassageOut,
    PassageResponse,
    QueryInfo,
    SearchRequest,
    SearchResponse,
)
from rag.api.sse import answer_events
from rag.core.errors import FeedbackError, IndexCorrupt, IndexNotFound, NotFound, QueryError, RagError, error_body
from rag.core.settings import Settings, get_settings
from rag.core.types import Answer
from rag.llm.client import llm_from_settings
from rag.retrieval.service import Service

log = logging.getLogger("rag.api.app")

_STATUS = {QueryError: 422, NotFound: 404, IndexNotFound: 503, IndexCorrupt: 503, FeedbackError: 503}


def _error(status: int, stage: str, message: str, hint: str | None = None, details: Any = None) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_body(stage, message, hint, details))


def create_app(settings: Settings | None = None, service: Service | None = None) -> FastAPI:
    """The application; `service` is loaded from settings.index_dir at start-up when not given."""
    settings = settings or get_settings()

    llm = llm_from_settings(settings)  # one client (and connection pool) for the app's life, across reloads

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.service is None:
            try:
                app.state.service = Service.load(settings)
                app.state.metrics.set_index(app.state.service.index.manifest)
            except RagError as exc:
                app.state.load_error = exc
                log.error("index not loaded: %s", exc)
        watcher = IndexWatcher(app.state.reloader, settings.reload_interval) if settings.reload_watch else None
        if watcher is not None:
            watcher.start()
        try:
            yield
        finally:
            if watcher is not None:
                watcher.stop()
            if llm is not None:
                llm.close()

    # settings.root_path is given to the server (`rag serve`), not here: FastAPI deprecates its own.
    app = FastAPI(title="UN disarmament documents QA", version=__version__, lifespan=lifespan)
    app.state.service = service
    app.state.load_error = None
    app.state.feedback = FeedbackStore(settings.feedback_db)
    access.install(app, settings)
    metrics = app.state.metrics = Metrics()
    app.add_middleware(ObserveMiddleware, metrics=metrics)  # outermost: refused requests are counted too
    if service is not None:
        metrics.set_index(service.index.manifest)

    def observe_answer(answer: Answer) -> None:
        metrics.observe_answer(answer)
        log_answer(answer, settings.log_questions)

    def current() -> Service:
        if app.state.service is None:
            error = app.state.load_error or IndexNotFound("the index is not loaded yet")
            raise error
        service: Service = app.state.service
        return service

    def answerer(service: Service | None = None) -> Answerer:
        """The answerer of `service` (default: the one serving now). A request asks once and keeps what it got,
        so a reload that swaps the service in between never mixes the old index with the new."""
        service = service or current()
        found: Answerer | None = app.state.answerer
        if found is None or found.service is not service:
            found = Answerer(service, llm, on_answer=observe_answer)
            app.state.answerer = found
        return found

    def swap(new: Service) -> None:
        app.state.service = new  # one reference assignment: a request sees the old service or the new
        app.state.load_error = None

    app.state.reloader = Reloader(settings, lambda: app.state.service, swap, metrics)
    app.state.answerer = None
    app.state.current = current
    app.state.get_answerer = answerer

    @app.exception_handler(RagError)
    async def _rag_error(_: Request, exc: RagError) -> JSONResponse:
        status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 500)
        if status == 500:
            log.exception("request failed in %s", exc.stage, exc_info=exc)
        return _error(status, exc.stage, exc.message, exc.hint)

    @app.exception_handler(HTTPException)
    async def _http_error(_: Request, exc: HTTPException) -> JSONResponse:
        # The framework's own refusals (a body that is not UTF-8, no such route, wrong method) in the same shape.
        response = _error(exc.status_code, "request", str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
            message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
            if error.get("type") == "extra_forbidden":
                message = "unknown field"
                if "filters" in error.get("loc", ()):
                    message += "; allowed filters are doc, respondent, respondent_kind, original_language"
            problems.append(f"{where}: {message}" if where else message)
        return _error(422, "request", "; ".join(problems), details=jsonable(exc.errors()))

    @app.post("/v1/search", response_model=SearchResponse)
    def search(request: SearchRequest) -> SearchResponse:
        service = current()
        result = service.retriever.search(request.query, request.k, request.filters.to_internal())
        analysis = result.analysis
        return SearchResponse(
            hits=[HitOut.of_hit(hit) for hit in result.hits],
            mode=result.mode,
            query=QueryInfo(
                language=analysis.language,
                resolutions=list(analysis.resolutions),
                documents=list(analysis.documents),
                respondents=list(analysis.respondents),
                reply_languages=list(analysis.reply_languages),
                expansions=list(analysis.expansions),
            ),
        )

    @app.post("/v1/ask", response_model=AskResponse)
    def ask(request: AskRequest) -> AskResponse:
        history = [Turn(t.role, t.content) for t in request.history]
        answer = answerer().ask(request.question, request.k, request.filters.to_internal(), history)
        return AskResponse.of(answer)

    @app.post(
        "/v1/ask/stream",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events."}},
    )
    def ask_stream(request: AskRequest) -> StreamingResponse:
        """Server-sent events: `retrieval` (the passages), `delta` (answer text), then `answer` (the checked
        answer, as /v1/ask returns it), or `error`."""
        history = [Turn(t.role, t.content) for t in request.history]
        service = current()
        service.retriever.mask(request.filters.to_internal())  # a bad filter is a 422, not a stream error
        events = answerer(service).stream(request.question, request.k, request.filters.to_internal(), history)
        return StreamingResponse(
            answer_events(events),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    @app.post("/v1/feedback", status_code=201, response_model=FeedbackResponse)
    def feedback(body: FeedbackRequest, request: Request) -> FeedbackResponse:
        """A reader's thumbs up or down on an answer, with an optional comment; stored for analysts."""
        loaded = app.state.service  # feedback is taken even while the index loads
        record = Feedback(
            rating=body.rating,
            question=body.question,
            answer=body.answer,
            citations=[citation.model_dump() for citation in body.citations],
            comment=body.comment,
            mode=body.mode,
            language=body.language,
            user=getattr(request.state, "user", None),
            origin=request.headers.get("origin"),
            index_built_at=loaded.index.manifest.built_at if loaded is not None else None,
        )
        return FeedbackResponse(id=app.state.feedback.add(record))

    @app.get("/admin/feedback", response_class=Response, responses={200: {"content": {"application/x-ndjson": {}}}})
    def feedback_export(
        since: str | None = None, rating: Literal["up", "down"] | None = None, format: Literal["jsonl", "csv"] = "jsonl"
    ) -> Response:
        """The stored feedback, oldest first, as `rag feedback export` writes it (admin scope): JSON lines, or CSV
        with `format=csv`; `since` an ISO date or time (UTC unless it says otherwise), `rating` up or down."""
        store: FeedbackStore = app.state.feedback
        start = parse_since(since, "since")
        # Read here, in one thread (a SQLite connection stays in the thread that opened it); no file = no feedback.
        rows = list(store.rows(start, rating)) if store.path.is_file() else []
        media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
        disposition = f'attachment; filename="feedback.{format}"'
        body = "".join(export_lines(rows, format))
        return Response(body, media_type=media, headers={"Content-Disposition": disposition})

    app.include_router(chat_router(answerer))
    app.include_router(widget_router)

    @app.get("/v1/documents", response_model=DocumentsResponse)
    def documents() -> DocumentsResponse:
        index = current().index
        passages = Counter(p.doc_id for p in index.passages)
        respondents = Counter(
            doc for doc, _ in {(p.doc_id, p.respondent.name) for p in index.passages if p.respondent.name}
        )
        return DocumentsResponse(
            documents=[
                DocumentOut(**d.__dict__, passages=passages[d.id], respondents=respondents[d.id])
                for d in index.documents.values()
            ]
        )

    @app.get("/v1/passages/{passage_id}", response_model=PassageResponse)
    def passage(passage_id: str, before: int = 2, after: int = 2) -> PassageResponse:
        service = current()
        found = service.retriever.passage(passage_id)
        if found is None:
            raise NotFound(f"no passage {passage_id!r}", "use an id returned by /v1/search")
        if not (0 <= before <= 20 and 0 <= after <= 20):
            raise QueryError("before and after must be between 0 and 20")
        earlier, later = service.retriever.neighbours(passage_id, before, after)
        documents = service.index.documents
        return PassageResponse(
            passage=PassageOut.of(found, documents[found.doc_id]),
            before=[PassageOut.of(p, documents[p.doc_id]) for p in earlier],
            after=[PassageOut.of(p, documents[p.doc_id]) for p in later],
        )

    @app.post(
        "/admin/reload",
        response_model=ReloadResult,
        responses={409: {"description": "The index on disk is missing, corrupt or does not match the service."}},
    )
    def reload_index() -> ReloadResult | JSONResponse:
        """Load the index at the configured directory, check it, and swap it in without dropping a request;
        `reloaded` is false when it is the index being served. A refused index leaves the old one serving."""
        try:
            result: ReloadResult = app.state.reloader.reload()
        except ReloadRefused as exc:
            details = {"reason": exc.reason, "serving_built_at": exc.serving}
            return _error(409, exc.stage, exc.message, exc.hint, details)
        return result

    @app.get("/metrics", include_in_schema=False)
    def prometheus_metrics() -> Response:
        return Response(metrics.render(), media_type=METRICS_CONTENT_TYPE)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        service = app.state.service
        if service is None:
            error = app.state.load_error
            return JSONResponse(
                status_code=503,
                content={"ready": False, "reason": str(error) if error else "loading"},
            )
        manifest = service.index.manifest
        return JSONResponse(
            content={
                "ready": True,
                "mode": service.mode,
                "index_mode": manifest.mode,
                "counts": manifest.counts.model_dump(mode="json"),
                "embedding": manifest.embedding.model_dump(mode="json"),
                "built_at": manifest.built_at,
                "warnings": service.warnings,
            }
        )

    return app


def jsonable(value: Any) -> Any:
    """Validation errors may carry exceptions or bytes; keep only what JSON can carry."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items() if k != "ctx"}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate (\\ud800) becomes "?"
    if isinstance(value, int | float | bool) or value is None:
        return value
    return jsonable(str(value))
