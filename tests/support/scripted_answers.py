"""Scripted /v1/ask/stream answers for the widget's browser tests: the page's routes answer for the API, so a
test decides exactly what an answer and its citations hold (a quote with a marker in it, a version's text)."""

from __future__ import annotations

import json
from typing import Any

from rag.api.routes.widget import widget_script
from tests.support.browser import HostPages, open_widget, visit

JS = "text/javascript; charset=utf-8"


def scripted(
    page: Any, host: HostPages, *streams: str, max_body: int | None = None, sent: list[bytes] | None = None
) -> None:
    """The widget on a host page, its /v1/ask/stream answered with `streams` in turn, one per question; the API's
    address is never reached (the page's routes answer for it). `max_body` is the body limit the script is served
    with; `sent` collects the bodies the widget posts."""
    api = "http://127.0.0.1:9"
    cors = {"Access-Control-Allow-Origin": host.origin, "Access-Control-Allow-Headers": "content-type"}
    left = list(streams)

    def answer(route: Any) -> None:
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers={**cors, "Access-Control-Allow-Methods": "POST"})
        else:
            if sent is not None:
                sent.append(route.request.post_data_buffer or b"")
            route.fulfill(status=200, headers={**cors, "Content-Type": "text/event-stream"}, body=left.pop(0))

    page.route(f"{api}/v1/ask/stream", answer)
    script = widget_script() if max_body is None else widget_script(max_body)
    page.route(f"{host.origin}/widget.js", lambda route: route.fulfill(body=script, content_type=JS))
    visit(page, host, host.origin, api=api)
    open_widget(page)


def events(*frames: tuple[str, Any]) -> str:
    return "".join(f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n" for name, data in frames)


def cited(n: int, quote: str, name: str, **fields: Any) -> dict[str, Any]:
    """A citation as /v1/ask gives one: the quote is the start of its passage; `fields` add or replace fields."""
    text = f"{quote} The rest of the paragraph."
    return {
        "n": n,
        "id": f"A_77_96:{n}",
        "text": text,
        "quote": quote,
        "quote_start": 0,
        "quote_end": len(quote),
        "doc": {"id": "A_77_96", "symbol": "A/77/96", "title": "Peaceful uses"},
        "respondent": {"name": name, "kind": "state", "id": None, "name_en": name, "original_language": "en"},
        "paragraph": str(n),
        "section": ["Replies"],
        "source": {"file": "A_77_96.en.txt", "start": 0, "end": len(text)},
        **fields,
    }


def answered(text: str, *citations: dict[str, Any], language: str = "en") -> str:
    final = {"answer": text, "language": language, "answerable": True, "mode": "llm", "citations": list(citations)}
    return events(("retrieval", {"passages": []}), ("delta", {"text": text}), ("answer", {**final, "warnings": []}))
