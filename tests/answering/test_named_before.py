"""Those a statement before a set question says one reply names (rag/answering/named_before.py)."""

from __future__ import annotations

import pytest

from rag.answering.named_before import named_before, split_statement
from rag.answering.scope import respondent_sections
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def speakers(service: Service) -> frozenset[str]:
    return frozenset(s.key for doc in respondent_sections(service.retriever.passages).values() for s in doc)


def test_the_statement_and_the_last_sentence() -> None:
    assert split_statement("Spain names some. Which of those replied?") == (
        "Spain names some.",
        "Which of those replied?",
    )
    assert split_statement("Which states replied?") is None


def test_the_states_a_statement_says_a_reply_names(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "Australia says experts from four countries on a UN team confirmed Iraq's chemical weapons use in the "
        "Iran-Iraq war. Which of those four countries also answered the 2017 request?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and found.speaker == "AUS"
    assert found.asked == "Which of those four countries also answered the 2017 request?"
    assert set(found.among) == {"ESP", "SWE", "CHE"}  # Iraq is what they confirmed; Australia speaks


@pytest.mark.parametrize(
    "question",
    [
        "Which states replied to A/77/96?",  # one sentence
        "Seven EU member states sent replies. Which of them mention the Australia Group?",  # the group is stated
        "Spain replied in Spanish. What did it say about Japan?",  # no "which of those"
    ],
)
def test_other_questions_name_none_before(service: Service, speakers: frozenset[str], question: str) -> None:
    assert named_before(question, service.retriever, speakers) is None
