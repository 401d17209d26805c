"""OpenAI-compatible chat endpoints, so any OpenAI client or chat UI can ask the service; citations travel
in the `rag` extension field of the response and of the final stream chunk."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sse_starlette import EventSourceResponse, ServerSentEvent

from rag.answering.pipeline import Turn
from rag.answering.records import citation_label
from rag.api.deps import AnswererDep
from rag.api.limits import LLMTicketDep
from rag.api.schemas import AskResponse, _question_text, _unicode
from rag.api.scopes import ScopedRoute, require_scope
from rag.api.sse import Event, StreamFailure, event_stream, frame, guarded, raw_frame
from rag.core.types import Answer
from rag.lang import phrases
from rag.lang.names import NameTable

MODEL_ID = "un-disarmament-rag"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class ChatMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "user", "assistant", "developer", "tool"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """The OpenAI request shape; sampling options are accepted and ignored (answers are deterministic)."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessageIn] = Field(min_length=1, max_length=50)
    stream: bool = False

    @field_validator("messages")
    @classmethod
    def _last_is_question(cls, messages: list[ChatMessageIn]) -> list[ChatMessageIn]:
        if messages[-1].role != "user":
            raise ValueError("the last message must be the user's question")
        if not messages[-1].text().strip():
            raise ValueError("the last user message is empty")
        _question_text(messages[-1].text(), "the question")  # length, control characters, valid Unicode
        for message in messages[:-1]:
            _unicode(message.text(), "a message")
        return messages


def sources_block(answer: Answer, names: NameTable) -> str:
    """The numbered sources of an answer, for chat UIs that show only `content`."""
    if not answer.citations:
        return ""
    lines = [f"{phrases.SOURCES.get(answer.language, 'Sources')}:"]
    for citation in answer.citations:
        # As the answer labels it: the report by its symbol, else its title in the answer's language.
        lines.append(f"[{citation.n}] {citation.label or citation_label(citation, names, answer.language)}")
    return "\n".join(lines)


def with_sources(answer: Answer, names: NameTable) -> str:
    sources = sources_block(answer, names)
    return f"{answer.answer}\n\n{sources}" if sources else answer.answer


router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("ask"))])


@router.get("/v1/models")
def models() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "rag"}]}


@router.post("/v1/chat/completions", response_model=None)
def chat(request: ChatRequest, ticket: LLMTicketDep, answerer: AnswererDep) -> JSONResponse | EventSourceResponse:
    question = request.messages[-1].text().strip()
    history = [Turn(m.role, m.text()) for m in request.messages[:-1] if m.role in ("user", "assistant") and m.text()]
    completion = Completion(f"chatcmpl-{uuid.uuid4().hex}", int(time.time()), answerer.retriever.names)
    if request.stream:
        events = answerer.stream(question, history=history)
        return event_stream(ticket.stream(guarded(completion.chunks(events), completion.error_chunks)))
    answer = answerer.ask(question, history=history)
    return JSONResponse(
        {
            "id": completion.id,
            "object": "chat.completion",
            "created": completion.created,
            "model": MODEL_ID,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": with_sources(answer, completion.names)},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "rag": AskResponse.of(answer).model_dump(),
        }
    )


@dataclass(frozen=True)
class Completion:
    """One chat completion's identity, and its stream as OpenAI chunks (`data:` frames, then `[DONE]`)."""

    id: str
    created: int
    names: NameTable

    def chunk(self, delta: dict[str, Any], finish: str | None = None, **extra: Any) -> ServerSentEvent:
        return frame(
            None,
            {
                "id": self.id,
                "object": "chat.completion.chunk",
                "created": self.created,
                "model": MODEL_ID,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                **extra,
            },
        )

    def chunks(self, events: Iterable[Event]) -> Iterator[ServerSentEvent]:
        yield self.chunk({"role": "assistant", "content": ""})
        streamed = ""
        for kind, payload in events:
            if kind == "delta":
                streamed += payload
                yield self.chunk({"content": payload})
            elif kind == "answer":
                answer: Answer = payload
                names = self.names
                full = with_sources(answer, names)
                # Deltas were the model's words as written; the check only removes markers that point to no
                # passage (reported in rag.warnings), so the sources follow whatever was streamed.
                tail = full[len(streamed) :] if full.startswith(streamed) else "\n\n" + sources_block(answer, names)
                if tail:
                    yield self.chunk({"content": tail})
                yield self.chunk({}, "stop", rag=AskResponse.of(answer).model_dump())
        yield raw_frame("[DONE]")

    def error_chunks(self, failure: StreamFailure) -> Iterator[ServerSentEvent]:
        """An OpenAI-style error object, then `[DONE]` as after any stream."""
        yield frame(None, {"error": {"message": failure.message, "type": failure.stage, "hint": failure.hint}})
        yield raw_frame("[DONE]")
