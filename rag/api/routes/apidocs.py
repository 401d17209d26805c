"""The API's documentation, whole from the service itself (an air-gapped intranet reaches no CDN): `/docs`
(Swagger UI) and `/redoc` (ReDoc) over `/openapi.json`, their scripts and styles at `/docs/assets/<name>`.

The assets come from pinned PyPI packages (pyproject.toml), byte for byte the upstream npm releases:
swagger-ui-bundle-v2 (Swagger UI, from the maintainers of connexion) and fastapi-offline (ReDoc's standalone
bundle; its copy of Swagger UI is not used). Nothing on either page is fetched from elsewhere: no web fonts,
Swagger UI's online validator (which would send the schema's address to validator.swagger.io) is off, and a
Content-Security-Policy holds both pages to this service."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from rag.core.errors import NotFound

router = APIRouter()

ASSETS = "/docs/assets"
CACHE = "public, max-age=86400"  # a day; each URL carries its package's version, so an upgrade is seen at once
# What the two pages may load: only from this service (their own inline start-up script and the styles the two
# libraries set inline included). ReDoc draws its footer's logo from cdn.redoc.ly, whatever its options: the
# browser does not even ask for it (the link beside it stays), so no page asks anything of another host.
POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    )
)


def _swagger_ui() -> Path:
    import swagger_ui_bundle

    return Path(str(swagger_ui_bundle.swagger_ui_path))  # vendor/swagger-ui-<version>/


def _redoc() -> Path:
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


# The package each asset comes from (its PyPI name), and where that package keeps its files.
FOLDERS: dict[str, Callable[[], Path]] = {"swagger-ui-bundle-v2": _swagger_ui, "fastapi-offline": _redoc}
SERVED = {  # name: (package, media type)
    "swagger-ui-bundle.js": ("swagger-ui-bundle-v2", "text/javascript; charset=utf-8"),
    "swagger-ui.css": ("swagger-ui-bundle-v2", "text/css; charset=utf-8"),
    "favicon-32x32.png": ("swagger-ui-bundle-v2", "image/png"),
    "redoc.standalone.js": ("fastapi-offline", "text/javascript; charset=utf-8"),
}


@lru_cache(maxsize=len(SERVED))
def asset_file(name: str) -> Path:
    """The installed file of the asset `name`; NotFound for a name not served."""
    if name not in SERVED:
        raise NotFound(f"no documentation asset {name!r}", f"one of: {', '.join(SERVED)}")
    return FOLDERS[SERVED[name][0]]() / name


def asset_url(root: str, name: str) -> str:
    """The address of an asset under the root path, with its package's version (a cache key)."""
    return f"{root}{ASSETS}/{name}?v={metadata.version(SERVED[name][0])}"


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


@router.get(ASSETS + "/{name}", include_in_schema=False)
def docs_asset(name: str) -> FileResponse:
    path = asset_file(name)
    return FileResponse(path, media_type=SERVED[name][1], headers={"Cache-Control": CACHE})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """The icon browsers ask every page for (the docs' own, so /demo and / show no 404 in the console)."""
    return docs_asset("favicon-32x32.png")


@router.get("/docs", include_in_schema=False)
def swagger_ui(request: Request) -> HTMLResponse:
    root = _root(request)
    page = get_swagger_ui_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} - Swagger UI",
        swagger_js_url=asset_url(root, "swagger-ui-bundle.js"),
        swagger_css_url=asset_url(root, "swagger-ui.css"),
        swagger_favicon_url=asset_url(root, "favicon-32x32.png"),
        oauth2_redirect_url=None,  # no OAuth2 here: keys are sent as headers
        swagger_ui_parameters={"validatorUrl": None},
    )
    page.headers["Content-Security-Policy"] = POLICY
    return page


@router.get("/redoc", include_in_schema=False)
def redoc(request: Request) -> HTMLResponse:
    root = _root(request)
    page = get_redoc_html(
        openapi_url=f"{root}{request.app.openapi_url}",
        title=f"{request.app.title} - ReDoc",
        redoc_js_url=asset_url(root, "redoc.standalone.js"),
        redoc_favicon_url=asset_url(root, "favicon-32x32.png"),
        with_google_fonts=False,
    )
    page.headers["Content-Security-Policy"] = POLICY
    return page
