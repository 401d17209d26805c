"""What the routes are given, as FastAPI dependencies with Annotated aliases (`def ask(answerer: AnswererDep)`).

The app keeps one record, `app.state.api` (an ApiState); only this module reads it. Hot reload swaps the
runtime's service, so the service and its answerer are looked up for each request, when it arrives: a request
keeps the pair it got even if a reload happens while it runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from rag.answering.pipeline import Answerer
from rag.api.feedback import FeedbackStore
from rag.api.observe import Metrics
from rag.api.reload import Reloader
from rag.retrieval.service import Service
from rag.runtime import Runtime


@dataclass(frozen=True)
class ApiState:
    """Everything the routes share, built once by create_app."""

    runtime: Runtime
    metrics: Metrics
    feedback: FeedbackStore
    reloader: Reloader


def attach(app: FastAPI, state: ApiState) -> None:
    app.state.api = state


def state_of(app: FastAPI) -> ApiState:
    """The app's record (for its lifespan and for tests; routes take the dependencies below)."""
    state: ApiState = app.state.api
    return state


async def get_state(request: Request) -> ApiState:
    return state_of(request.app)


StateDep = Annotated[ApiState, Depends(get_state)]


async def get_service(state: StateDep) -> Service:
    """The service being served; IndexNotFound (a 503) or the load's error while there is none."""
    return state.runtime.current()


async def get_loaded_service(state: StateDep) -> Service | None:
    """The service being served, or None while the index is not loaded (for routes that work without one)."""
    return state.runtime.service


ServiceDep = Annotated[Service, Depends(get_service)]
LoadedServiceDep = Annotated[Service | None, Depends(get_loaded_service)]


def get_answerer(state: StateDep, service: ServiceDep) -> Answerer:
    """The answerer of the request's service (built in a worker thread after a reload: it indexes respondents)."""
    return state.runtime.answerer(service)


async def get_metrics(state: StateDep) -> Metrics:
    return state.metrics


async def get_feedback_store(state: StateDep) -> FeedbackStore:
    return state.feedback


async def get_reloader(state: StateDep) -> Reloader:
    return state.reloader


async def get_user(request: Request) -> str | None:
    """The user the trusted proxy's header names (set by the access middleware), or None."""
    user: str | None = getattr(request.state, "user", None)
    return user


AnswererDep = Annotated[Answerer, Depends(get_answerer)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
FeedbackStoreDep = Annotated[FeedbackStore, Depends(get_feedback_store)]
ReloaderDep = Annotated[Reloader, Depends(get_reloader)]
UserDep = Annotated[str | None, Depends(get_user)]
