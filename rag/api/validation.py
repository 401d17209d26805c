"""One validation for every door: the request models of rag.api.schemas check what the command line is given
(`rag search`, `rag ask`) as they check a request body, and a refusal is put in the same words at both, the API's
422 (rag.api.errors) and the command line's error (exit 2, rag.cli). Only pydantic is imported here: the command
line does not load the web framework to check its arguments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rag.core.errors import InvalidRequest

Model = TypeVar("Model", bound=BaseModel)

FILTER_FIELDS = "doc, respondent, respondent_kind, original_language"


def validated(model: type[Model], fields: Mapping[str, Any], hint: str | None = None) -> Model:
    """`fields` as `model` takes them (the values converted as from JSON: "5" is 5), or InvalidRequest with the
    message the API would give for the same body."""
    try:
        return model.model_validate(dict(fields))
    except ValidationError as exc:
        raise InvalidRequest(message(exc.errors(include_url=False)), hint) from None


def message(errors: Iterable[Any]) -> str:
    """Validation errors (pydantic's or FastAPI's, which are pydantic's with "body" in front) in plain words."""
    return "; ".join(problem(error) for error in errors)


def problem(error: Any) -> str:
    """One validation error in plain words, prefixed by where it is: `k: Input should be greater than or equal
    to 1`, `filters.original_language: 'english' is not allowed: Input should be 'ar', 'zh', 'en', 'fr', 'ru' or
    'es'` (a value of a list, which a single value is taken for, is named by itself, not by its index)."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type")
    if kind == "json_invalid":
        at = next((part for part in loc if isinstance(part, int)), None)
        reason = str((error.get("ctx") or {}).get("error", "")).strip()
        return "the body is not valid JSON" + (
            f" (at character {at}" + (f": {reason})" if reason else ")") if at is not None else ""
        )
    if kind == "model_attributes_type" and loc == ("body",) and isinstance(error.get("input"), bytes | str):
        return "the body must be a JSON object, sent with content-type: application/json"
    in_list = bool(loc) and isinstance(loc[-1], int) and isinstance(error.get("input"), str)
    where = ".".join(str(part) for part in (loc[:-1] if in_list else loc) if part != "body")
    text = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if in_list:
        text = f"{error['input']!r} is not allowed: {text}"
    if kind == "extra_forbidden":
        text = "unknown field"
        if "filters" in loc:
            text += f"; allowed filters are {FILTER_FIELDS}"
    return f"{where}: {text}" if where else text
