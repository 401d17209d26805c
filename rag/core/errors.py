"""The error hierarchy: each error names the stage that failed and what to do next."""

from __future__ import annotations

from typing import Any


class RagError(Exception):
    """Base class. `stage` says where it failed; `hint` says what the user can do about it."""

    stage = "rag"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


def error_body(stage: str, message: str, hint: str | None = None, details: Any = None) -> dict[str, Any]:
    """The JSON body of every HTTP error, from the exception handlers and the access middleware alike."""
    body: dict[str, Any] = {"error": {"stage": stage, "message": message}}
    if hint:
        body["error"]["hint"] = hint
    if details is not None:
        body["error"]["details"] = details
    body["detail"] = message  # FastAPI's own key, for clients that only read that
    return body


class ConfigError(RagError):
    stage = "settings"


class CorpusError(RagError):
    stage = "corpus"


class IndexBuildError(RagError):
    stage = "index build"


class IndexNotFound(RagError):
    stage = "index load"


class IndexCorrupt(RagError):
    stage = "index verify"


class ModelUnavailable(RagError):
    stage = "embedding model"


class QueryError(RagError):
    """The request itself is invalid (maps to HTTP 422 / CLI exit 2)."""

    stage = "query"


class InvalidRequest(QueryError):
    """A request's fields break the rules of the request models (rag.api.schemas): an HTTP 422 and, for the same
    values given to the command line, exit 2, with the same message (rag.api.validation)."""

    stage = "request"


class NotFound(RagError):
    """A named thing (passage, document) does not exist (maps to HTTP 404)."""

    stage = "lookup"


class FeedbackError(RagError):
    """Feedback could not be stored or read (maps to HTTP 503 / CLI exit 1)."""

    stage = "feedback"


class LLMError(RagError):
    """The language model server failed (unreachable, timeout, HTTP error, unusable output).
    The answer stage falls back to extractive mode and reports the reason in warnings."""

    stage = "llm"

    def __init__(self, message: str, hint: str | None = None, reason: str = "error") -> None:
        super().__init__(message, hint)
        self.reason = reason  # "timeout", "connection", "http", "malformed", "empty"
