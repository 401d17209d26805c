"""POST /v1/ask (a cited answer) and /v1/ask/stream (the same, as server-sent events); scope ask."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sse_starlette import EventSourceResponse

from rag.answering.pipeline import Turn
from rag.api.deps import AnswererDep
from rag.api.limits import LLMTicketDep
from rag.api.schemas import AskRequest, AskResponse, HistoryTurn
from rag.api.scopes import ScopedRoute, require_scope
from rag.api.sse import answer_frames, event_stream

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("ask"))])


def turns(history: list[HistoryTurn]) -> list[Turn]:
    """The conversation: what the user asked and the service answered. A "system" turn (chat clients keep one)
    is the client's own instruction, not part of it, and is left out."""
    return [Turn(t.role, t.content) for t in history if t.role != "system"]


@router.post("/v1/ask", response_model=AskResponse)
def ask(request: AskRequest, _: LLMTicketDep, answerer: AnswererDep) -> AskResponse:
    answer = answerer.ask(request.question, request.k, request.filters.to_internal(), turns(request.history))
    return AskResponse.of(answer)


@router.post(
    "/v1/ask/stream",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events."}},
)
def ask_stream(request: AskRequest, ticket: LLMTicketDep, answerer: AnswererDep) -> EventSourceResponse:
    """Server-sent events: `retrieval` (the passages), `delta` (answer text), then `answer` (the checked
    answer, as /v1/ask returns it), or `error`. The request's LLM slot is kept until the stream ends."""
    filters = request.filters.to_internal()
    answerer.service.retriever.mask(filters)  # a bad filter is a 422, not a stream error
    events = answerer.stream(request.question, request.k, filters, turns(request.history))
    return event_stream(ticket.stream(answer_frames(events)))
