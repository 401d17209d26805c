"""GET /: the landing page (`rag/static/home.html`, nothing fetched from elsewhere): what the service does, and
links to the demo, the API documentation, the OpenAPI schema and the health endpoints, under the root path."""

from __future__ import annotations

import html
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from rag import __version__

router = APIRouter()


@lru_cache(maxsize=1)
def _page() -> str:
    return resources.files("rag").joinpath("static", "home.html").read_text(encoding="utf-8")


@router.get("/", include_in_schema=False)
def home(request: Request) -> HTMLResponse:
    slots = {
        "{{root}}": str(request.scope.get("root_path", "")).rstrip("/"),
        "{{openapi}}": str(request.app.openapi_url),
        "{{version}}": __version__,
    }
    page = _page()
    for slot, value in slots.items():
        page = page.replace(slot, html.escape(value))
    return HTMLResponse(page)
