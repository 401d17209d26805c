"""The embeddable chat widget: `/widget.js` (one script tag on any intranet page) and `/demo`."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter()


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("rag").joinpath("static", name).read_text(encoding="utf-8")


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> Response:
    return Response(_asset("widget.js"), media_type="text/javascript; charset=utf-8")


@router.get("/demo", include_in_schema=False)
def demo(request: Request) -> HTMLResponse:
    """A plain page that embeds the widget the way an intranet page would; paths honour the root path."""
    root = request.scope.get("root_path", "").rstrip("/")
    return HTMLResponse(_asset("demo.html").replace("{{root}}", root))
