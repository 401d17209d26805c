"""Access scopes, declared next to the routes that need them:

    router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("ask"))])

The access middleware (rag.api.access) has found who calls before routing; `require_scope` checks that caller
against the route's scope before anything else of the route runs (its other dependencies, its body model).
ScopedRoute shows the scope in OpenAPI as `x-required-scope`. A guarded path that no route answers (404, or
405 for another method) needs the scope of the route that has its path, else admin: `check_unrouted`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute

from rag.api.access import CALLER, authorize, route_path
from rag.core.keys import SCOPES


@dataclass(frozen=True)
class RequireScope:
    """The dependency `require_scope` makes; `scope` is what the route needs."""

    scope: str

    async def __call__(self, request: Request) -> None:
        authorize(request.scope.get("state", {}).get(CALLER), self.scope, route_path(request.scope))


def require_scope(scope: str) -> RequireScope:
    """The scope a route needs (ask, search or admin), for `dependencies=[Depends(require_scope(...))]`."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; one of {', '.join(SCOPES)}")
    return RequireScope(scope)


def scope_of(route: object) -> str | None:
    """The scope `route` declares, or None."""
    for dependency in getattr(route, "dependencies", None) or ():
        if isinstance(dependency.dependency, RequireScope):
            return dependency.dependency.scope
    return None


def check_unrouted(request: Request) -> None:
    """For a 404 or 405 on a guarded path: AccessDenied unless the caller has the scope of the route with this
    path (a 405), else admin, so that what is not there (or how) is told only to whom may know it."""
    caller = request.scope.get("state", {}).get(CALLER)
    if caller is not None:
        needed = scope_of(request.scope.get("route")) or "admin"
        authorize(caller, needed, route_path(request.scope))


class ScopedRoute(APIRoute):
    """An APIRoute whose declared scope shows in its OpenAPI operation as `x-required-scope`."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        if (needed := scope_of(self)) is not None:
            self.openapi_extra = {**(self.openapi_extra or {}), "x-required-scope": needed}
