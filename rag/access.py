"""Who may call /v1/*: the CORS allowlist, optional API keys and a trusted proxy's user header."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from rag.errors import error_body
from rag.settings import Settings, key_digest, normalise_origin

_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def install(app: FastAPI, settings: Settings) -> None:
    """CORS outermost, so that preflights (which carry no key) are answered before a key is asked for."""
    origins = [normalise_origin(origin) for origin in settings.cors_origins]
    app.add_middleware(
        AccessControl,
        origins=origins,
        key_digests=settings.api_keys,
        user_header=settings.trusted_user_header,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["content-type", "x-api-key", "authorization"],
        # A proxy that signs users in does so with a cookie, which a cross-origin fetch only sends with this;
        # never for "*", which would let any site act as the signed-in reader.
        allow_credentials=settings.trusted_user_header is not None and "*" not in origins,
    )


def route_path(scope: Scope) -> str:
    """The path the router matches: without the root path when the proxy did not strip it (as Starlette)."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root) and path[len(root) : len(root) + 1] in ("", "/"):
        return path[len(root) :]
    return path


def _origin_key(scheme: str, netloc: str) -> tuple[str, str, int | None] | None:
    try:
        parts = urlsplit(f"{scheme}://{netloc}")
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    return (scheme, parts.hostname or "", port) if parts.hostname else None


def own_origins(scope: Scope, headers: Headers) -> set[tuple[str, str, int | None]]:
    """The service's own origin(s): the Host the client addressed, and the host a proxy says it forwarded.
    A browser never lets a page set either header on a cross-origin request without a preflight, which the
    allowlist answers, so trusting them cannot let a foreign page in."""
    scheme = scope.get("scheme", "http")
    candidates = [(scheme, headers.get("host", ""))]
    if forwarded := headers.get("x-forwarded-host"):
        proto = headers.get("x-forwarded-proto", scheme).split(",")[0].strip()
        candidates.append((proto, forwarded.split(",")[0].strip()))
    return {key for scheme, host in candidates if host and (key := _origin_key(scheme, host)) is not None}


class AccessControl:
    """Pure ASGI (no BaseHTTPMiddleware), so streamed answers pass through unbuffered. Guards /v1/* only:
    health probes, the widget script, the demo page and the API docs stay public."""

    def __init__(
        self, app: ASGIApp, *, origins: Sequence[str], key_digests: Sequence[str], user_header: str | None
    ) -> None:
        self.app = app
        self.origins = {normalise_origin(origin) for origin in origins}
        # key_digest again: a Settings changed with model_copy(update=...) is not validated.
        self.digests = [key_digest(entry).removeprefix("sha256:") for entry in key_digests]
        self.user_header = user_header

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = route_path(scope) if scope["type"] == "http" else ""
        if path != "/v1" and not path.startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        user = headers.get(self.user_header, "").strip() or None if self.user_header else None
        scope.setdefault("state", {})["user"] = user  # request.state.user in the handlers
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope, headers: Headers) -> JSONResponse | None:
        origin = headers.get("origin")
        if origin is not None and not self._origin_allowed(origin, scope, headers):
            return _response(403, f"origin {origin} is not allowed", "add it to RAG_CORS_ORIGINS")
        if not self.digests and not self.user_header:
            return None
        keys = _presented_keys(headers)
        if self.digests and any(self._valid(key) for key in keys):
            return None
        if self.user_header and headers.get(self.user_header, "").strip():
            return None  # the proxy vouches for the user
        how = "send X-API-Key: <key> or Authorization: Bearer <key>"
        if self.user_header:
            proxy = f"open the service through the proxy that signs users in (it sets {self.user_header})"
            how = f"{proxy}, or {how}" if self.digests else proxy
        if keys and self.digests:
            return _response(401, "the API key is not valid", how, bearer=True)
        if self.digests:
            return _response(401, "an API key is required", how, bearer=True)
        return _response(401, f"sign-in required: the request has no {self.user_header} header", how)

    def _origin_allowed(self, origin: str, scope: Scope, headers: Headers) -> bool:
        if "*" in self.origins:
            return True
        try:
            if normalise_origin(origin) in self.origins:
                return True
        except ValueError:
            return False  # "null" (sandboxed frames, files) or garbage: never same-origin either
        parts = urlsplit(origin.strip().lower())
        return _origin_key(parts.scheme, parts.netloc) in own_origins(scope, headers)

    def _valid(self, key: str) -> bool:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        found = False
        for expected in self.digests:  # compare with every key, in constant time, wherever the match is
            found |= hmac.compare_digest(digest, expected)
        return found


def _presented_keys(headers: Headers) -> list[str]:
    keys = [headers.get("x-api-key", "").strip()]
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        keys.append(credentials.strip())
    return [key for key in keys if key]


def _response(status: int, message: str, hint: str, bearer: bool = False) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if bearer else None
    return JSONResponse(status_code=status, content=error_body("access", message, hint), headers=headers)
