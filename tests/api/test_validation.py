"""One validation for every door (rag.api.validation): the request models check the command line's values as
they check a body, and a refusal reads as the API's 422 message."""

from __future__ import annotations

import pytest

from rag.api.schemas import AskRequest, SearchRequest
from rag.api.validation import message, problem, validated
from rag.core.errors import InvalidRequest, QueryError


def test_values_are_taken_as_from_json() -> None:
    request = validated(SearchRequest, {"query": "  export controls ", "k": "5", "filters": {"doc": ["A/77/96"]}})
    assert (request.query, request.k, request.filters.doc) == ("export controls", 5, ["A/77/96"])
    assert validated(AskRequest, {"question": "x", "k": None}).k is None


def test_a_refusal_is_a_query_error_with_the_apis_words_and_the_callers_hint() -> None:
    with pytest.raises(InvalidRequest) as refused:
        validated(SearchRequest, {"query": "", "k": 0, "filters": {"original_language": ["english"]}}, "see --help")
    error = refused.value
    assert isinstance(error, QueryError) and error.stage == "request" and error.hint == "see --help"
    assert error.message == (
        "query: query is empty: send a question or keywords; k: Input should be greater than or equal to 1; "
        "filters.original_language: 'english' is not allowed: Input should be 'ar', 'zh', 'en', 'fr', 'ru' or 'es'"
    )


def test_where_an_error_is_reads_the_same_with_or_without_the_body_in_front() -> None:
    error = {"type": "less_than_equal", "loc": ("k",), "msg": "Input should be less than or equal to 50"}
    assert problem(error) == problem({**error, "loc": ("body", "k")}) == "k: Input should be less than or equal to 50"
    extra = {"type": "extra_forbidden", "loc": ("body", "filters", "lang"), "msg": "Extra inputs are not permitted"}
    assert problem(extra) == (
        "filters.lang: unknown field; allowed filters are doc, respondent, respondent_kind, original_language"
    )
    assert message([error, {"type": "value_error", "loc": (), "msg": "Value error, empty"}]) == (
        "k: Input should be less than or equal to 50; empty"
    )
