"""The HTTP schemas (rag.api.schemas): what a request may hold (limits, unknown fields, text that is no valid
Unicode), filters turned into the internal SearchFilters, and internal records turned into responses."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from rag.api.schemas import (
    MAX_FILTER_CHARS,
    MAX_FILTER_VALUES,
    MAX_HISTORY_TURNS,
    MAX_K,
    MAX_QUERY_CHARS,
    AskRequest,
    AskResponse,
    FeedbackRequest,
    Filters,
    HitOut,
    RespondentOut,
    SearchRequest,
)
from rag.core.types import (
    NO_RESPONDENT,
    Answer,
    Citation,
    Document,
    Footnote,
    Hit,
    Item,
    Passage,
    PromptRef,
    Respondent,
    SearchFilters,
)

NORWAY = Respondent(name="挪威", kind="state", id="NOR", name_en="Norway", original_language="en")
DOCUMENT = Document(id="S_1", file="S_1.zh.txt", language="zh", symbol="A/77/96", title="报告")
PASSAGE = Passage(
    id="S_1-p0001",
    doc_id="S_1",
    text="挪威无法支持第76/234号决议。其他内容。",
    start=100,
    end=121,
    section=("二、", "挪威"),
    respondent=NORWAY,
    paragraph="3",
    footnotes=(Footnote("1", "脚注"),),
)


def error_of(model: type[Any], body: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as failure:
        model.model_validate(body)
    return str(failure.value)


# --- requests ---


def test_a_search_request_takes_its_defaults_and_trims_the_query() -> None:
    request = SearchRequest.model_validate({"query": "  export controls \n"})
    assert request.query == "export controls" and request.k == 10 and request.filters == Filters()


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"query": " "}, "query is empty"),
        ({"query": "x" * MAX_QUERY_CHARS}, f"the limit is {MAX_QUERY_CHARS - 1}"),
        ({"query": "a\x00b"}, "control characters"),
        ({"query": "a\ud800b"}, "half of a surrogate pair"),
        ({"query": "q", "k": 0}, "greater than or equal to 1"),
        ({"query": "q", "k": MAX_K + 1}, f"less than or equal to {MAX_K}"),
        ({"query": "q", "top_k": 5}, "Extra inputs are not permitted"),
        ({"query": "q", "filters": {"country": "NOR"}}, "Extra inputs are not permitted"),
        ({"query": "q", "filters": {"respondent_kind": "person"}}, "respondent_kind"),
        ({"query": "q", "filters": {"doc": ["d"] * (MAX_FILTER_VALUES + 1)}}, f"the limit is {MAX_FILTER_VALUES}"),
        ({"query": "q", "filters": {"respondent": "x" * (MAX_FILTER_CHARS + 1)}}, f"limit is {MAX_FILTER_CHARS}"),
    ],
)
def test_a_bad_search_request_says_what_is_wrong(body: dict[str, Any], fragment: str) -> None:
    assert fragment in error_of(SearchRequest, body)


def test_the_longest_question_and_filter_values_are_taken() -> None:
    longest = "问" * (MAX_QUERY_CHARS - 1)
    filters = {"respondent": ["x" * MAX_FILTER_CHARS] * MAX_FILTER_VALUES}
    assert AskRequest.model_validate({"question": longest, "filters": filters}).question == longest


def test_filters_take_one_value_or_a_list_and_become_search_filters() -> None:
    filters = Filters.model_validate(
        {"doc": "A/77/96", "respondent": ["Norway", "日本"], "respondent_kind": "state", "original_language": ["en"]}
    )
    assert filters.to_internal() == SearchFilters(
        doc=("A/77/96",), respondent=("Norway", "日本"), respondent_kind=("state",), original_language=("en",)
    )
    assert Filters().to_internal() == SearchFilters()  # no restriction


def test_an_ask_request_bounds_its_history() -> None:
    turns = [{"role": "user", "content": "q"}] * MAX_HISTORY_TURNS
    assert len(AskRequest.model_validate({"question": "q", "history": turns}).history) == MAX_HISTORY_TURNS
    assert "history" in error_of(AskRequest, {"question": "q", "history": [*turns, turns[0]]})
    assert "content" in error_of(AskRequest, {"question": "q", "history": [{"role": "user", "content": "\ud800"}]})
    assert "role" in error_of(AskRequest, {"question": "q", "history": [{"role": "tool", "content": "x"}]})
    assert "Extra inputs" in error_of(
        AskRequest, {"question": "q", "history": [{"role": "user", "content": "", "n": 1}]}
    )
    assert "k" in error_of(AskRequest, {"question": "q", "k": 51})


def test_a_history_turn_may_be_the_question_asked_before() -> None:
    request = AskRequest.model_validate({"question": "And Japan?", "history": ["What did Australia say?"]})
    assert [(t.role, t.content) for t in request.history] == [("user", "What did Australia say?")]
    assert "content" in error_of(AskRequest, {"question": "q", "history": ["\ud800"]})
    assert "history" in error_of(AskRequest, {"question": "q", "history": ["q"] * (MAX_HISTORY_TURNS + 1)})


def test_feedback_keeps_what_identifies_a_citation_and_drops_an_empty_comment() -> None:
    asked = {"n": 1, "id": "S_1-p0001", "quote": "引文", "text": "the whole passage", "doc": {"id": "S_1"}}
    request = FeedbackRequest.model_validate({"rating": "up", "question": "q", "citations": [asked], "comment": "  "})
    assert [c.model_dump() for c in request.citations] == [{"n": 1, "id": "S_1-p0001", "quote": "引文"}]
    assert request.comment is None
    assert "stars" in error_of(FeedbackRequest, {"rating": "up", "question": "q", "stars": 5})
    assert "rating" in error_of(FeedbackRequest, {"rating": "meh", "question": "q"})


# --- responses ---


def test_a_respondent_is_none_only_when_there_is_none() -> None:
    assert RespondentOut.of(NO_RESPONDENT) is None
    out = RespondentOut.of(NORWAY)
    assert out is not None and (out.id, out.name, out.name_en) == ("NOR", "挪威", "Norway")


def test_a_hit_carries_its_passage_document_and_source_span() -> None:
    out = HitOut.of_hit(Hit(passage=PASSAGE, document=DOCUMENT, score=0.5, ranks={"bm25": 1}))
    assert out.id == "S_1-p0001" and out.doc.symbol == "A/77/96" and out.section == ["二、", "挪威"]
    assert (out.source.file, out.source.start, out.source.end) == ("S_1.zh.txt", 100, 121)
    assert out.score == 0.5 and out.ranks == {"bm25": 1} and out.footnotes[0].text == "脚注"


def test_an_answer_becomes_its_response() -> None:
    citation = Citation(n=1, passage=PASSAGE, document=DOCUMENT, quote="挪威无法支持第76/234号决议。", quote_end=15)
    answer = Answer(
        question="Does Norway support resolution 76/234?",
        answer="Norway cannot support it [1].",
        language="en",
        answerable=True,
        mode="llm",
        citations=(citation,),
        items=(Item(label="Norway", label_en="Norway", respondent="NOR", citations=(1,)),),
        warnings=("a warning",),
        prompt=PromptRef("answer", "ab" * 32),
        grounded=1.0,
        timings_ms={"total": 3.0},
        problems=("citation:removed",),
    )
    body = AskResponse.of(answer).model_dump()
    assert set(body) == {
        "answer", "asked", "language", "answerable", "mode", "citations", "items", "warnings", "grounded", "prompt",
        "timings_ms",
    }  # fmt: skip
    [cited] = body["citations"]
    assert (cited["n"], cited["id"], cited["quote_start"], cited["quote_end"]) == (1, "S_1-p0001", 0, 15)
    assert cited["text"] == PASSAGE.text and cited["respondent"]["id"] == "NOR" and cited["paragraph"] == "3"
    assert cited["source"] == {"file": "S_1.zh.txt", "start": 100, "end": 121}
    assert body["items"] == [{"label": "Norway", "label_en": "Norway", "respondent": "NOR", "citations": [1]}]
    assert body["prompt"] == {"name": "answer", "sha256": "ab" * 32} and body["warnings"] == ["a warning"]
    abstained = AskResponse.of(Answer(question="q", answer="no", language="en", answerable=False, mode="extractive"))
    assert abstained.items is None and abstained.prompt is None and abstained.citations == []
