"""POST /v1/feedback: a reader's thumbs up or down on an answer, within the feedback quotas; scope ask."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from rag.api.access import CALLER
from rag.api.deps import FeedbackStoreDep, LoadedServiceDep, StateDep, UserDep
from rag.api.errors import error_response
from rag.api.feedback import Feedback, FeedbackRefused, Quotas
from rag.api.hosts import HostPolicy
from rag.api.schemas import FeedbackRequest, FeedbackResponse
from rag.api.scopes import ScopedRoute, require_scope

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("ask"))])


def caller_of(request: Request, user: str | None, trusted_proxies: Sequence[str] = ()) -> str:
    """Whom the per-caller quota counts: the signed-in user, else the API key from this client address (a
    widget's key is in every page), else the address (behind a trusted proxy, the client's it forwards)."""
    client = HostPolicy((), trusted_proxies).client_address(request.scope, request.headers)
    caller = request.scope.get("state", {}).get(CALLER)
    key = getattr(caller, "key", None)
    return f"user:{user}" if user else f"key:{key.name}@{client}" if key is not None else f"ip:{client}"


@router.post(
    "/v1/feedback",
    status_code=201,
    response_model=FeedbackResponse,
    responses={
        413: {"description": "The feedback is larger than RAG_FEEDBACK_MAX_ROW_BYTES."},
        429: {"description": "This caller stored RAG_FEEDBACK_PER_CALLER_DAILY rows in the last 24 hours."},
        507: {"description": "The feedback database is full (RAG_FEEDBACK_MAX_ROWS, RAG_FEEDBACK_MAX_DB_MB)."},
    },
)
def feedback(
    body: FeedbackRequest,
    request: Request,
    store: FeedbackStoreDep,
    loaded: LoadedServiceDep,
    user: UserDep,
    state: StateDep,
) -> FeedbackResponse | JSONResponse:
    """A reader's thumbs up or down on an answer, with an optional comment; stored for analysts."""
    record = Feedback(
        rating=body.rating,
        question=body.question,
        answer=body.answer,
        citations=[citation.model_dump() for citation in body.citations],
        comment=body.comment,
        mode=body.mode,
        language=body.language,
        user=user,
        origin=request.headers.get("origin"),
        index_built_at=loaded.index.manifest.built_at if loaded is not None else None,  # taken while it loads
    )
    try:
        settings = state.runtime.settings
        caller = caller_of(request, user, settings.trusted_proxies)
        row_id = store.add(record, caller=caller, quotas=Quotas.of(settings))
    except FeedbackRefused as exc:
        response = error_response(exc.status, exc.stage, exc.message, exc.hint)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    return FeedbackResponse(id=row_id)
