"""The embeddable chat widget: `/widget.js` (one script tag on any intranet page) and `/demo`.

`/widget.js` is `rag/static/widget.js` with its bundle put in its one slot: the interface strings
(`rag/static/strings/<lang>.json`, one file per language: words are data, not code), the style sheet
(`rag/static/widget.css`) and the limits `/v1/ask` enforces (`rag/api/schemas.py`), so that the widget never
repeats a number the API decides. One response, no second request (the page that embeds the widget may be on
an origin that cannot fetch anything else from here).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from rag.api.deps import StateDep
from rag.api.schemas import MAX_HISTORY_TURNS, MAX_QUERY_CHARS, HistoryTurn
from rag.core.settings import Settings

router = APIRouter()

BUNDLE_SLOT = "/*BUNDLE*/ null"
FALLBACK_LANGUAGE = "en"  # every other language falls back to it, string by string
DEFAULT_MAX_BODY: int = Settings.model_fields["max_body_bytes"].default


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("rag").joinpath("static", name).read_text(encoding="utf-8")


def interface_strings() -> dict[str, dict[str, Any]]:
    """Each language's strings, by language code (the file's name)."""
    folder = resources.files("rag").joinpath("static", "strings")
    found = {
        entry.name.removesuffix(".json"): json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }
    if FALLBACK_LANGUAGE not in found:
        raise RuntimeError(f"the widget has no {FALLBACK_LANGUAGE}.json strings in rag/static/strings")
    return dict(sorted(found.items()))


def _max_turn_chars() -> int:
    """What one history turn may hold: HistoryTurn.content's max_length."""
    for rule in HistoryTurn.model_fields["content"].metadata:
        if (most := getattr(rule, "max_length", None)) is not None:
            return int(most)
    raise RuntimeError("HistoryTurn.content has no max_length")


def bundle(max_body: int = DEFAULT_MAX_BODY) -> dict[str, Any]:
    """What the widget needs from the service, put into the script as it is served: `max_body` is the server's
    limit on a request body (RAG_MAX_BODY_BYTES), which the conversation the widget sends back must fit."""
    return {
        "strings": interface_strings(),
        "style": _asset("widget.css"),
        "limits": {
            "question": MAX_QUERY_CHARS - 1,  # a question must be shorter than MAX_QUERY_CHARS, once trimmed
            "historyTurns": MAX_HISTORY_TURNS,
            "turnChars": _max_turn_chars(),
            "body": max_body,
        },
    }


@lru_cache(maxsize=4)
def widget_script(max_body: int = DEFAULT_MAX_BODY) -> str:
    """widget.js with its bundle in place (JSON is a JavaScript expression)."""
    source = _asset("widget.js")
    if source.count(BUNDLE_SLOT) != 1:
        raise RuntimeError(f"rag/static/widget.js must hold exactly one {BUNDLE_SLOT!r}")
    return source.replace(BUNDLE_SLOT, json.dumps(bundle(max_body), ensure_ascii=False, separators=(",", ":")))


@router.get("/widget.js", include_in_schema=False)
def widget_js(state: StateDep) -> Response:
    script = widget_script(state.runtime.settings.max_body_bytes)
    return Response(script, media_type="text/javascript; charset=utf-8")


@router.get("/demo", include_in_schema=False)
def demo(request: Request) -> HTMLResponse:
    """A plain page that embeds the widget the way an intranet page would; paths honour the root path."""
    root = request.scope.get("root_path", "").rstrip("/")
    return HTMLResponse(_asset("demo.html").replace("{{root}}", root))
