"""Server-sent events, one implementation for /v1/ask/stream and the OpenAI-compatible stream: sse-starlette
writes the frames and a keep-alive comment (`: ping`) while an answer is slow, so that proxies keep the
connection open; a failure after the 200 has been sent becomes one StreamFailure, which each stream writes in
its own shape (an `error` event, an OpenAI error chunk)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sse_starlette import EventSourceResponse, ServerSentEvent

from rag.api.schemas import AskResponse, HitOut
from rag.core.errors import RagError

log = logging.getLogger(__name__)

PING_SECONDS = 15.0  # a keep-alive comment after this long without an event
HEADERS = {"Cache-Control": "no-cache"}  # sse-starlette adds X-Accel-Buffering: no (nginx sends each frame as is)
SEP = "\n"

T = TypeVar("T")
Event = tuple[str, Any]  # the answer stage's ("retrieval", [Hit]), ("delta", str), ("answer", Answer)


@dataclass(frozen=True)
class StreamFailure:
    """Why a stream stopped after its 200 was sent; `internal` when it was not a RagError (no hint to give)."""

    stage: str
    message: str
    hint: str | None = None
    internal: bool = False


def guarded(frames: Iterable[T], failed: Callable[[StreamFailure], Iterable[T]]) -> Iterator[T]:
    """The frames; a failure while making them (the answer stage's, or turning its events into frames) ends
    them with what `failed` makes of it instead, since the 200 has already been sent."""
    try:
        yield from frames
    except RagError as exc:
        yield from failed(StreamFailure(exc.stage, exc.message, exc.hint))
    except Exception:
        log.exception("answer stream failed")
        yield from failed(StreamFailure("answer", "internal error while answering", internal=True))


def frame(event: str | None, data: Any) -> ServerSentEvent:
    """One event: `data` as JSON (not ASCII-escaped), named `event` (None: the default `message` event)."""
    return ServerSentEvent(json.dumps(data, ensure_ascii=False), event=event, sep=SEP)


def raw_frame(data: str) -> ServerSentEvent:
    """A `data:` line as it is (the OpenAI stream's `[DONE]`)."""
    return ServerSentEvent(data, sep=SEP)


def _ping() -> ServerSentEvent:
    return ServerSentEvent(comment="ping", sep=SEP)


def event_stream(
    frames: Iterator[ServerSentEvent] | AsyncIterator[ServerSentEvent], ping: float | None = None
) -> EventSourceResponse:
    """The response that sends `frames` as they come, with a keep-alive comment every `ping` seconds
    (default PING_SECONDS) while none comes."""
    return EventSourceResponse(
        frames,
        headers=HEADERS,
        ping=PING_SECONDS if ping is None else ping,
        sep=SEP,
        ping_message_factory=_ping,
    )


def answer_frames(events: Iterable[Event]) -> Iterator[ServerSentEvent]:
    """/v1/ask/stream: `retrieval` {passages}, `delta` {text}, `answer` {AskResponse}, or `error` {error}."""
    return guarded(_answer_frames(events), _error_frame)


def _answer_frames(events: Iterable[Event]) -> Iterator[ServerSentEvent]:
    for kind, payload in events:
        if kind == "retrieval":
            yield frame("retrieval", {"passages": [HitOut.of_hit(h).model_dump() for h in payload]})
        elif kind == "delta":
            yield frame("delta", {"text": payload})
        elif kind == "answer":
            yield frame("answer", AskResponse.of(payload).model_dump())


def _error_frame(failure: StreamFailure) -> Iterator[ServerSentEvent]:
    error: dict[str, Any] = {"stage": failure.stage, "message": failure.message}
    if not failure.internal:
        error["hint"] = failure.hint
    yield frame("error", {"error": error})
