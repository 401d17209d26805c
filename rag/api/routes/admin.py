"""The operators' endpoints: GET /admin/feedback (the stored feedback) and POST /admin/reload (swap in the
index on disk); scope admin."""

from __future__ import annotations

import itertools
from typing import Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response, StreamingResponse

from rag.api.deps import FeedbackStoreDep, ReloaderDep
from rag.api.errors import error_response
from rag.api.feedback import chunks, export_lines, parse_since
from rag.api.reload import ReloadRefused, ReloadResult
from rag.api.scopes import ScopedRoute, require_scope
from rag.core.errors import FeedbackError
from rag.runtime import public_error

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("admin"))])


@router.get("/admin/feedback", response_class=Response, responses={200: {"content": {"application/x-ndjson": {}}}})
def feedback_export(
    store: FeedbackStoreDep,
    since: str | None = None,
    rating: Literal["up", "down"] | None = None,
    format: Literal["jsonl", "csv"] = "jsonl",
) -> Response:
    """The stored feedback, oldest first, as `rag feedback export` writes it (admin scope): JSON lines, or CSV
    with `format=csv`; `since` an ISO date or time (UTC unless it says otherwise), `rating` up or down."""
    start = parse_since(since, "since")
    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
    disposition = f'attachment; filename="feedback.{format}"'
    # Streamed from a cursor, a chunk at a time: memory does not grow with the table. No file = no feedback.
    try:
        rows = store.rows(start, rating) if store.path.is_file() else iter(())
        body = chunks(export_lines(rows, format))
        first = next(body, b"")  # a database that cannot be read is an error response, not a cut-off stream
    except FeedbackError as exc:
        raise public_error(exc) from exc
    return StreamingResponse(
        itertools.chain([first], body), media_type=media, headers={"Content-Disposition": disposition}
    )


@router.post(
    "/admin/reload",
    response_model=ReloadResult,
    responses={409: {"description": "The index on disk is missing, corrupt or does not match the service."}},
)
def reload_index(reloader: ReloaderDep) -> ReloadResult | JSONResponse:
    """Load the index at the configured directory, check it, and swap it in without dropping a request;
    `reloaded` is false when it is the index being served. A refused index leaves the old one serving."""
    try:
        return reloader.reload()
    except ReloadRefused as exc:
        details = {"reason": exc.reason, "serving_built_at": exc.serving}
        return error_response(409, exc.stage, exc.message, exc.hint, details)
