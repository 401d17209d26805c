"""Server-sent events for streamed answers: the answer stage's events as `event:`/`data:` frames."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from rag.api.schemas import AskResponse, HitOut
from rag.core.errors import RagError

log = logging.getLogger("rag.api.sse")


def frame(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(events: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """`retrieval` {passages}, `delta` {text}, `answer` {AskResponse}; a failure mid-stream becomes an
    `error` event, because the 200 status has already been sent."""
    try:
        for kind, payload in events:
            if kind == "retrieval":
                yield frame("retrieval", {"passages": [HitOut.of_hit(h).model_dump() for h in payload]})
            elif kind == "delta":
                yield frame("delta", {"text": payload})
            elif kind == "answer":
                yield frame("answer", AskResponse.of(payload).model_dump())
    except RagError as exc:
        yield frame("error", {"error": {"stage": exc.stage, "message": exc.message, "hint": exc.hint}})
    except Exception:
        log.exception("answer stream failed")
        yield frame("error", {"error": {"stage": "answer", "message": "internal error while answering"}})
