"""Who may call what: the CORS allowlist, scoped API keys, a trusted proxy's user header, per-identity rate
limits and the request body limit.

AccessControl (middleware, before routing) refuses a Host the service does not answer to (rag.api.hosts: DNS
rebinding), foreign origins and large bodies, finds who calls (a key, the proxy's signed-in user, or no one) and
refuses a caller that gives no valid credential where one is needed. Rate limits count a key per client address.
The scope is the route's business: each route declares it next to itself (rag.api.scopes.require_scope), and
`authorize` checks the caller against it.

| paths | credentials | scope |
| --- | --- | --- |
| /v1/* | none without keys and user header; else a key or the header | the route's (admin if none answers) |
| /admin/* | a key, always (refused while no admin key is configured) | the route's (admin) |
| /metrics | none while no key is configured at all, else a key | the route's (admin) |
| anything else (health, widget, demo, docs) | none | none |

Scope admin grants everything. The trusted user header grants ask and search, never admin."""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.api.hosts import HostPolicy
from rag.api.ratelimit import RateLimiter
from rag.core.errors import RagError, error_body
from rag.core.keys import ApiKey, load_keys, scope_text
from rag.core.settings import Settings, normalise_origin

log = logging.getLogger(__name__)  # not "rag.access": that is the request log (rag.api.observe)

USER_SCOPES = frozenset({"ask", "search"})  # what the trusted proxy's user header grants
clock: Callable[[], float] = time.monotonic  # the rate limiter's clock (tests move it)
CALLER = "caller"  # where AccessControl leaves the Caller, in the request's state


class AccessDenied(RagError):
    """The caller lacks the scope a route needs (a 403)."""

    stage = "access"


class AccessNotChecked(RuntimeError):
    """A scoped route was reached without AccessControl's check (a wiring mistake: a 500, never a 200)."""


@dataclass(frozen=True)
class Caller:
    """Who AccessControl let through to a guarded path: a key, the proxy's signed-in user, or anyone (`open`:
    no credential is asked for there)."""

    key: ApiKey | None = None
    user: str | None = None
    open: bool = False
    user_header: str | None = None


def authorize(caller: Caller | None, needed: str, path: str) -> None:
    """Raises AccessDenied unless `caller` has the scope `needed` (AccessNotChecked when AccessControl did not
    vet the request: a scoped route must live under a guarded path)."""
    if caller is None:
        raise AccessNotChecked(f"{path} needs the {needed} scope, but the request was not checked")
    if caller.open:
        return
    if caller.key is not None:
        key = caller.key
        if not _grants(key.scopes, needed):
            raise AccessDenied(
                f"the key {key.name!r} ({scope_text(key.scopes)}) lacks the {needed} scope, which {path} needs",
                f"use a key with the {needed} scope; `rag keys new NAME --scopes {needed}` makes one",
            )
        return
    if caller.user is not None and needed in USER_SCOPES:
        return  # the proxy vouches for the user
    if caller.user is not None:
        raise AccessDenied(
            f"{path} needs the {needed} scope, which the signed-in user header ({caller.user_header}) never grants",
            f"send a key with the {needed} scope as X-API-Key or Authorization: Bearer",
        )
    raise AccessNotChecked(f"{path} needs the {needed} scope, but no credential was checked")


def install(app: FastAPI, settings: Settings) -> None:
    """CORS outermost, so that preflights (which carry no key) are answered before a key is asked for.
    Reads RAG_API_KEYS_FILE: a ConfigError here stops the start-up."""
    origins = settings.cors_origins  # normalised as the settings were read
    keys = load_keys(settings.api_keys, settings.api_keys_file)
    if keys:
        log.info("API keys: %s", ", ".join(f"{key.name} ({scope_text(key.scopes)})" for key in keys))
    if not settings.allowed_hosts and settings.host.strip() in ("0.0.0.0", "::"):
        log.warning(
            "RAG_ALLOWED_HOSTS is unset: requests addressed to any name but %s get 400; set it to the names "
            "clients use",
            ", ".join(settings.host_allowlist()),
        )
    limiter = None
    if settings.rate_limit_per_minute > 0:
        limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst, now=lambda: clock())
    app.add_middleware(
        AccessControl,
        origins=origins,
        keys=keys,
        user_header=settings.trusted_user_header,
        limiter=limiter,
        max_body_bytes=settings.max_body_bytes,
        hosts=HostPolicy(settings.host_allowlist(), settings.trusted_proxies),
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


def area(path: str) -> str | None:
    """Which guard a path falls under: "v1", "admin", "metrics", or None (public unless its route has a scope)."""
    if path == "/v1" or path.startswith("/v1/"):
        return "v1"
    if path == "/admin" or path.startswith("/admin/"):
        return "admin"
    return "metrics" if path == "/metrics" else None


class AccessControl:
    """Pure ASGI (no BaseHTTPMiddleware), so streamed answers pass through unbuffered. Guards /v1/*, /admin/*
    and /metrics (see the module's table) and leaves the Caller in the request's state for the route's scope
    check; limits every request's body to `max_body_bytes`."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        origins: Sequence[str],
        keys: Sequence[ApiKey],
        user_header: str | None,
        limiter: RateLimiter | None = None,
        max_body_bytes: int | None = None,
        hosts: HostPolicy | None = None,
    ) -> None:
        self.app = app
        self.hosts = hosts or HostPolicy(["*"])
        self.origins = set(origins)  # normalised (rag.core.settings.normalise_origin)
        self.keys = list(keys)
        self.admin_configured = any("admin" in key.scopes for key in self.keys)
        self.user_header = user_header
        self.limiter = limiter
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = route_path(scope)
        guard = area(path)
        refusal = self._host_refusal(headers)
        if refusal is None and guard is not None:
            refusal = self._origin_refusal(scope, headers)
        if refusal is None:
            refusal = self._size_refusal(headers)
        if refusal is None and guard is not None:
            refusal = self._guard(guard, path, scope, headers)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if self.max_body_bytes is None:
            await self.app(scope, receive, send)
        else:
            await self._limit_body(self.max_body_bytes, scope, receive, send)

    def _host_refusal(self, headers: Headers) -> JSONResponse | None:
        if self.hosts.host_allowed(headers):
            return None
        return _response(
            400,
            "the Host header names no host this service answers to",
            "address the service by one of its names; an operator adds names to RAG_ALLOWED_HOSTS",
            stage="request",
        )

    def _origin_refusal(self, scope: Scope, headers: Headers) -> JSONResponse | None:
        origin = headers.get("origin")
        if origin is not None and not self._origin_allowed(origin, scope, headers):
            return _response(403, f"origin {origin} is not allowed", "add it to RAG_CORS_ORIGINS")
        return None

    def _size_refusal(self, headers: Headers) -> JSONResponse | None:
        length = headers.get("content-length", "").strip()
        if self.max_body_bytes is not None and length.isdigit() and int(length) > self.max_body_bytes:
            return _too_large(self.max_body_bytes)
        return None

    async def _limit_body(self, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        """A body sent without Content-Length (chunked) is counted as the app reads it: past the limit the
        client gets 413 and the app a disconnect, and whatever the app answers to that is dropped."""
        received = 0
        started = refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > limit:
                    if not started:
                        refused = True
                        await _too_large(limit)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, limited_receive, guarded_send)

    def _guard(self, guard: str, path: str, scope: Scope, headers: Headers) -> JSONResponse | None:
        """A refusal, or None after leaving the Caller (and request.state.user) in the request's state."""
        presented = _presented_keys(headers)
        key = self._match(presented)
        users = [value.strip() for value in headers.getlist(self.user_header)] if self.user_header else []
        if len(users) > 1:  # the client's own copy next to the proxy's: believe neither
            return _response(
                400,
                f"the request has {len(users)} {self.user_header} headers",
                "send the request through the proxy that signs users in, without a header of that name",
                stage="request",
            )
        user = (users[0] or None) if users else None
        state = scope.setdefault("state", {})
        state["user"] = user  # request.state.user in the handlers
        if self.limiter is not None and guard != "metrics":
            wait = self.limiter.take(self._identity(key, user, scope, headers))
            if wait > 0:
                return _rate_limited(self.limiter, wait)
        if guard == "v1":
            is_open = not self.keys and not self.user_header
            refusal = None if is_open else self._v1_refusal(key, bool(presented), user)
        else:
            is_open = guard == "metrics" and not self.keys  # no keys at all: metrics are as open as the API
            refusal = None if is_open else self._admin_refusal(path, key, bool(presented), user)
        if refusal is None:
            state[CALLER] = Caller(key, user, is_open, self.user_header)
        return refusal

    def _v1_refusal(self, key: ApiKey | None, presented: bool, user: str | None) -> JSONResponse | None:
        if key is not None or user is not None:
            return None  # the route checks the scope
        how = "send X-API-Key: <key> or Authorization: Bearer <key>"
        if self.user_header:
            proxy = f"open the service through the proxy that signs users in (it sets {self.user_header})"
            how = f"{proxy}, or {how}" if self.keys else proxy
        if presented and self.keys:
            return _response(401, "the API key is not valid", how, bearer=True)
        if self.keys:
            return _response(401, "an API key is required", how, bearer=True)
        return _response(401, f"sign-in required: the request has no {self.user_header} header", how)

    def _admin_refusal(self, path: str, key: ApiKey | None, presented: bool, user: str | None) -> JSONResponse | None:
        if not self.admin_configured:
            what = "admin endpoints are" if path != "/metrics" else "/metrics is"
            return _response(
                403,
                f"{what} disabled: configure a key with the admin scope",
                "add an entry NAME:admin:sha256:<hex> to RAG_API_KEYS or RAG_API_KEYS_FILE "
                "(`rag keys new NAME --scopes admin` prints one) and restart",
            )
        if key is not None:
            return None  # the route checks the scope
        how = "send a key with the admin scope as X-API-Key: <key> or Authorization: Bearer <key>"
        if user is not None and not presented:
            how += f"; the signed-in user header ({self.user_header}) never grants admin"
        if presented:
            return _response(401, "the API key is not valid", how, bearer=True)
        return _response(401, f"{path} needs an API key with the admin scope", how, bearer=True)

    def _origin_allowed(self, origin: str, scope: Scope, headers: Headers) -> bool:
        if "*" in self.origins:
            return True
        try:
            normalised = normalise_origin(origin)
        except ValueError:
            return False  # "null" (sandboxed frames, files) or garbage: never same-origin either
        return normalised in self.origins or normalised in self.hosts.own_origins(scope, headers)

    def _identity(self, key: ApiKey | None, user: str | None, scope: Scope, headers: Headers) -> str:
        """The rate-limit bucket: a key's is per client address too (a key in a page's HTML is everyone's, and
        one client must not spend every reader's requests), a signed-in user's is theirs, else the address's."""
        address = self.hosts.client_address(scope, headers)
        if key is not None:
            return f"key:{key.name}@{address}"
        return f"user:{user}" if user else f"ip:{address}"

    def _match(self, presented: Sequence[str]) -> ApiKey | None:
        """The configured key among those presented; every digest is compared, in constant time."""
        found = None
        for candidate in presented:
            digest = hashlib.sha256(candidate.encode("utf-8")).hexdigest()
            for key in self.keys:
                if hmac.compare_digest(digest, key.digest) and found is None:
                    found = key
        return found


def _grants(scopes: frozenset[str], needed: str) -> bool:
    return needed in scopes or "admin" in scopes


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse(
        status_code=413,
        content=error_body(
            "request",
            f"the request body is larger than {limit} bytes",
            "send a shorter question, comment or history; RAG_MAX_BODY_BYTES sets the limit",
        ),
    )


def _rate_limited(limiter: RateLimiter, wait: float) -> JSONResponse:
    seconds = max(1, math.ceil(wait))
    return JSONResponse(
        status_code=429,
        content=error_body(
            "access",
            f"too many requests: the limit is {limiter.per_minute} a minute, {limiter.burst} at once",
            f"retry after {seconds} s (Retry-After); RAG_RATE_LIMIT_PER_MINUTE and RAG_RATE_LIMIT_BURST set the limit",
        ),
        headers={"Retry-After": str(seconds)},
    )


def _presented_keys(headers: Headers) -> list[str]:
    keys = [headers.get("x-api-key", "").strip()]
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        keys.append(credentials.strip())
    return [key for key in keys if key]


def _response(status: int, message: str, hint: str, bearer: bool = False, stage: str = "access") -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if bearer else None
    return JSONResponse(status_code=status, content=error_body(stage, message, hint), headers=headers)
