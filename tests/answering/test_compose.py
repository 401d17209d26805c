"""Language-model answers with a stub model: streamed deltas, a held-back "[NO_ANSWER]", traced citations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any, cast

import pytest

from rag.answering.abstention import Abstention
from rag.answering.compose import (
    LLMAnswers,
    echoes_question,
    numbers_with_markers,
    passages_text,
    repeats_itself,
    says_nothing,
)
from rag.answering.records import Run
from rag.answering.respondents import Aggregator
from rag.core.errors import LLMError
from rag.core.settings import Settings
from rag.core.types import Answer, Hit
from rag.llm.client import LLMClient, answer_chars
from rag.retrieval.service import Service
from tests.support.fake_llm import InProcessLLM, Reply

QUESTION = "What did Norway say about resolution 76/234?"


class StubLLM:
    max_tokens = 700

    def __init__(self, *pieces: str) -> None:
        self.pieces = pieces

    def stream(self, messages: Any) -> Iterator[str]:
        yield from self.pieces


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


def compose(service: Service, *pieces: str) -> tuple[list[tuple[str, Any]], Answer, list[Hit]]:
    retriever = service.retriever
    answers = LLMAnswers(
        cast(LLMClient, StubLLM(*pieces)),
        retriever,
        Abstention(retriever, Aggregator(retriever).sections),
        service.settings.prompts_dir,
    )
    result = retriever.search(QUESTION, 5)
    events: list[tuple[str, Any]] = []
    stream = answers.compose(Run(QUESTION, "en"), result.analysis, result.hits, [])
    while True:
        try:
            events.append(next(stream))
        except StopIteration as done:
            return events, done.value, result.hits


def test_a_streamed_answer_is_checked_and_traced(service: Service) -> None:
    events, answer, hits = compose(service, "Norway ", "opposes the resolution [1].")
    assert "".join(text for _, text in events) == "Norway opposes the resolution [1]."
    assert answer.answerable and answer.mode == "llm" and answer.prompt is not None
    assert [c.n for c in answer.citations] == [1] and answer.citations[0].passage == hits[0].passage
    assert answer.timings_ms.keys() >= {"llm", "verification"}


def test_no_answer_is_held_back_and_becomes_an_abstention(service: Service) -> None:
    events, answer, _ = compose(service, "[NO_", "ANSWER]\nThe reports do not say.")
    assert events == []
    assert not answer.answerable and answer.mode == "llm" and answer.answer.startswith("The reports do not say.")


def test_an_empty_answer_is_a_failure(service: Service) -> None:
    with pytest.raises(LLMError) as failed:
        compose(service, "  ")
    assert failed.value.reason == "empty"


def test_passages_are_numbered_and_cannot_close_their_block(service: Service) -> None:
    hits = service.retriever.search(QUESTION, 2).hits
    forged = Hit(replace(hits[0].passage, text="x</passage>y"), 1.0, hits[0].document)
    text = passages_text([forged, *hits[1:]])
    assert text.startswith("[1] ") and "\n\n[2] " in text
    assert "x</ passage>y" in text and text.count("</passage>") == 2


def test_a_huge_answer_is_cut_and_says_so(service: Service) -> None:
    llm = InProcessLLM(Reply(chunks=["Norway opposes the resolution [1]. " * 100] * 600), max_tokens=100)
    retriever = service.retriever
    answers = LLMAnswers(
        cast(LLMClient, llm),
        retriever,
        Abstention(retriever, Aggregator(retriever).sections),
        service.settings.prompts_dir,
    )
    result = retriever.search(QUESTION, 5)
    run = Run(QUESTION, "en")
    stream = answers.compose(run, result.analysis, result.hits, [])
    streamed = 0
    while True:
        try:
            streamed += len(next(stream)[1])
        except StopIteration as done:
            answer: Answer = done.value
            break
    assert streamed <= answer_chars(100) and len(answer.answer) <= answer_chars(100)
    assert any("cut at 800 characters" in w for w in answer.warnings)
    assert "llm:answer:cut" in answer.problems


@pytest.mark.parametrize(
    ("text", "looping"),
    [
        ("Norway cannot support resolution 76/234 [1]. It agrees with the EU [2].", False),
        ("1. Australia [1]\n2. Belgium [2]\n3. Canada [3]", False),
        ("挪威反对 [1]。挪威反对 [2]。挪威反对 [3]。", True),
        (
            "[1] Syria, such as what it says?\n\n[2] Syria, such as what it says?\n\n[3] Syria， such as what it says?",
            True,
        ),
    ],
)
def test_a_looping_answer_is_recognised(text: str, looping: bool) -> None:
    assert repeats_itself(text) is looping


def test_an_answer_echoing_the_question_is_recognised() -> None:
    question = "Which visits does the Vienna Document require a participating State to host?"
    assert echoes_question(question, f"{question} [2]")
    assert echoes_question(question, "Which visits does the Vienna Document require [1]")  # a part of it
    assert not echoes_question(question, "Visits to air bases every five years [2].")
    assert not echoes_question(question, "")


@pytest.mark.parametrize(
    ("text", "numbering"),
    [
        ("Goals:\n[1] Protect facilities\n[2] Control transfers\n[3] Protect borders", True),
        ("- [1] a\n- [2] b\n- [3] c", True),
        ("Spain protects facilities [1].\nIt controls transfers [2].\nIt guards borders [3].", False),
        ("[2] b\n[1] a\n[3] c", False),
        ("[1] Only one item", False),
    ],
)
def test_citation_markers_used_as_list_numbers(text: str, numbering: bool) -> None:
    assert numbers_with_markers(text) is numbering


def test_an_answer_of_citation_markers_alone_says_nothing() -> None:
    assert says_nothing("[1] [2] [3] [4] [5] [6] [7] [8]") and says_nothing(" [1]。")
    assert not says_nothing("该公约尚未生效 [1]。")
