"""The error hierarchy: every error names its stage and its next step, and HTTP bodies share one shape."""

from __future__ import annotations

import pytest

from rag.core import errors
from rag.core.errors import LLMError, RagError, error_body

# The API maps some stages to statuses and the hot reload tells "missing" from "corrupt" by stage.
STAGES = {
    errors.ConfigError: "settings",
    errors.CorpusError: "corpus",
    errors.IndexBuildError: "index build",
    errors.IndexNotFound: "index load",
    errors.IndexCorrupt: "index verify",
    errors.ModelUnavailable: "embedding model",
    errors.QueryError: "query",
    errors.InvalidRequest: "request",  # a QueryError (422, exit 2) in the stage the API names validation errors
    errors.NotFound: "lookup",
    errors.FeedbackError: "feedback",
    errors.LLMError: "llm",
}


@pytest.mark.parametrize(("kind", "stage"), STAGES.items())
def test_each_error_names_its_stage(kind: type[RagError], stage: str) -> None:
    error = kind("it broke", "do this")
    assert isinstance(error, RagError) and error.stage == stage
    assert (error.message, error.hint) == ("it broke", "do this")


def test_every_error_class_has_its_own_stage() -> None:
    kinds = [k for k in vars(errors).values() if isinstance(k, type) and issubclass(k, RagError) and k is not RagError]
    assert set(kinds) == set(STAGES)


def test_the_hint_is_shown_after_the_message() -> None:
    assert str(RagError("no index", "build it")) == "no index (build it)"
    assert str(RagError("no index")) == "no index"


def test_llm_errors_carry_a_reason() -> None:
    assert LLMError("slow", reason="timeout").reason == "timeout"
    assert LLMError("odd").reason == "error"


def test_error_body_shape() -> None:
    assert error_body("query", "empty question") == {
        "error": {"stage": "query", "message": "empty question"},
        "detail": "empty question",
    }
    body = error_body("index reload", "refused", "rebuild", {"reason": "corrupt"})
    assert body["error"] == {
        "stage": "index reload",
        "message": "refused",
        "hint": "rebuild",
        "details": {"reason": "corrupt"},
    }
    assert body["detail"] == "refused"
