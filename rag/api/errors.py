"""Errors become responses in one place: a RagError by its kind, the framework's own refusals and invalid
requests in the same `{"error": {stage, message, hint}}` shape."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from rag.api import validation
from rag.api.access import AccessDenied
from rag.api.scopes import check_unrouted
from rag.core.errors import FeedbackError, IndexCorrupt, IndexNotFound, NotFound, QueryError, RagError, error_body

log = logging.getLogger(__name__)

STATUS = {AccessDenied: 403, QueryError: 422, NotFound: 404, IndexNotFound: 503, IndexCorrupt: 503, FeedbackError: 503}


def error_response(status: int, stage: str, message: str, hint: str | None = None, details: Any = None) -> JSONResponse:
    return JSONResponse(status_code=status, content=error_body(stage, message, hint, details))


async def rag_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RagError)
    status = next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 500)
    if status == 500:
        log.exception("request failed in %s", exc.stage, exc_info=exc)
    return error_response(status, exc.stage, exc.message, exc.hint)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """The framework's own refusals (a body that is not UTF-8, no such route, wrong method) in the same shape;
    on a guarded path, no such route (or method) is told only to a caller with its scope."""
    assert isinstance(exc, HTTPException)
    if exc.status_code in (404, 405):
        try:
            check_unrouted(request)
        except AccessDenied as denied:
            return await rag_error(request, denied)
    response = error_response(exc.status_code, "request", str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def invalid_request(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "request", validation.message(exc.errors()), details=jsonable(exc.errors()))


def install(app: FastAPI) -> None:
    app.add_exception_handler(RagError, rag_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid_request)


MAX_DETAIL_DEPTH = 16  # deeper parts of an echoed input are cut: a hostile body may nest a thousand levels
MAX_DETAIL_TEXT = 200  # characters of an echoed text value: the message already says what is wrong with it


def jsonable(value: Any, max_depth: int = MAX_DETAIL_DEPTH) -> Any:
    """Validation errors may carry exceptions or bytes; keep only what JSON can carry. Iterative, not recursive
    (a deeply nested request body must not exhaust the stack): containers deeper than `max_depth` become "..."."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any, int]] = [(value, root, 0, 0)]  # (value, parent, key in parent, depth)
    while stack:
        item, parent, slot, depth = stack.pop()
        if isinstance(item, dict | list | tuple) and depth >= max_depth:
            parent[slot] = "..."
        elif isinstance(item, dict):
            kept = {k: v for k, v in item.items() if k != "ctx"}
            parent[slot] = out = dict.fromkeys(kept)  # the keys in their order; the values filled in below
            stack.extend((v, out, k, depth + 1) for k, v in kept.items())
        elif isinstance(item, list | tuple):
            parent[slot] = out_list = [None] * len(item)
            stack.extend((v, out_list, i, depth + 1) for i, v in enumerate(item))
        else:
            parent[slot] = _scalar(item)
    return root[0]


def _scalar(value: Any) -> Any:
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_DETAIL_TEXT:
        text = text[:MAX_DETAIL_TEXT] + f"… ({len(text)} characters)"
    return text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate (\\ud800) becomes "?"
