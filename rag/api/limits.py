"""The gate in front of the language model: an LLM-bound request (an answer, when a model is configured) takes
one of the client's RAG_LLM_MAX_PENDING slots for as long as it runs, or is refused at once with a 503 and
Retry-After, before it takes a worker thread. Verdict calls of a set question take further slots from the same
count (rag/answering/verdicts.py), so the calls in flight never exceed the limit.

A streamed answer keeps its slot until its stream ends; when the client goes away first, the request's model
calls are cut (rag.llm.client.Abort), its answer stream is closed and the slot is given back at once."""

from __future__ import annotations

import math
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, TypeVar

import anyio
from fastapi import Depends
from starlette.exceptions import HTTPException

from rag.api.deps import StateDep
from rag.llm.client import Abort, Slots

T = TypeVar("T")
_END = object()
CLOSE_WAIT_SECONDS = 60.0  # for the frame being made when a client leaves (its model calls are cut already)


class LLMTicket:
    """A request's slot (none when no model is configured) and its model calls, to cut if it is abandoned."""

    def __init__(self, slots: Slots | None) -> None:
        self._slots = slots
        self.abort = Abort()
        self.streaming = False  # the stream gives the slot back, not the request

    def release(self) -> None:
        slots, self._slots = self._slots, None
        if slots is not None:
            slots.give()

    def stream(self, frames: Iterator[T]) -> AsyncIterator[T]:
        """The frames, made in worker threads under this ticket; the slot is kept until they end."""
        self.streaming = True
        return _frames(frames, self)


async def llm_ticket(state: StateDep) -> AsyncIterator[LLMTicket]:
    """A slot for an LLM-bound request, taken without waiting (async: it never waits for a worker thread)."""
    llm = state.runtime.llm
    if llm is None:
        yield LLMTicket(None)
        return
    if not llm.slots.take():
        retry = max(1, math.ceil(llm.timeout))
        message = (
            f"the language model is busy: {llm.slots.limit} questions are already waiting for it "
            f"(RAG_LLM_MAX_PENDING); try again in {retry} s"
        )
        raise HTTPException(503, message, headers={"Retry-After": str(retry)})
    ticket = LLMTicket(llm.slots)
    try:
        yield ticket
    finally:
        if not ticket.streaming:
            ticket.release()


async def _frames(frames: Iterator[T], ticket: LLMTicket) -> AsyncIterator[T]:
    idle = threading.Event()  # no worker thread is inside `frames`

    def step() -> object:
        try:
            with ticket.abort.watching():
                return next(frames, _END)
        finally:
            idle.set()

    try:
        while True:
            idle.clear()
            # abandon_on_cancel: a client that goes away need not wait for the model; its calls are cut below
            item = await anyio.to_thread.run_sync(step, abandon_on_cancel=True)
            if item is _END:
                break
            yield item  # type: ignore[misc]
    finally:
        ticket.abort.abort()  # a thread still reading the model returns at once
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(_close, frames, idle)
            ticket.release()


def _close(frames: Iterator[T], idle: threading.Event) -> None:
    """Close the frames (and so the answer stream under them) once no thread is making one."""
    close = getattr(frames, "close", None)
    if close is not None and idle.wait(CLOSE_WAIT_SECONDS):
        close()


LLMTicketDep = Annotated[LLMTicket, Depends(llm_ticket)]
