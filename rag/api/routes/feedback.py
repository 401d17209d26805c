"""POST /v1/feedback: a reader's thumbs up or down on an answer; scope ask."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from rag.api.deps import FeedbackStoreDep, LoadedServiceDep, UserDep
from rag.api.feedback import Feedback
from rag.api.schemas import FeedbackRequest, FeedbackResponse
from rag.api.scopes import ScopedRoute, require_scope

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("ask"))])


@router.post("/v1/feedback", status_code=201, response_model=FeedbackResponse)
def feedback(
    body: FeedbackRequest, request: Request, store: FeedbackStoreDep, loaded: LoadedServiceDep, user: UserDep
) -> FeedbackResponse:
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
    return FeedbackResponse(id=store.add(record))
