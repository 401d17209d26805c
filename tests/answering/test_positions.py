"""Whether a named respondent supports, opposes or sponsored a resolution: yes or no, cited to its reply."""

from __future__ import annotations

import pytest

from rag.answering.positions import Positions
from rag.answering.respondents import Aggregator
from rag.core.settings import Settings
from rag.core.types import Answer
from rag.retrieval.service import Service
from tests.support.asking import asked


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


def ask(service: Service, question: str) -> Answer | None:
    run, analysis, scope, hits = asked(service, question)
    return Positions(Aggregator(service.retriever)).answer(run, analysis, scope, hits)


@pytest.mark.parametrize(
    "question, opening, quoted",
    [
        ("Did Australia vote against resolution 76/234?", "Yes", "反对票"),
        ("هل أيدت المملكة العربية السعودية القرار 76/234؟", "نعم", "支持"),
        ("挪威支持A/RES/76/234号决议吗？", "否", "无法支持"),  # support negated is opposition: no
        ("¿Apoya Arabia Saudita la resolución 76/234?", "Sí", "支持"),
        ("Was Norway a co-sponsor of resolution 71/38?", "Yes", "共同提案国"),
    ],
)
def test_a_stance_is_answered_yes_or_no_from_the_reply(
    service: Service, question: str, opening: str, quoted: str
) -> None:
    answer = ask(service, question)
    assert answer is not None and answer.answer.startswith(opening) and answer.answerable
    assert len(answer.citations) == 1 and quoted in answer.citations[0].quote


@pytest.mark.parametrize(
    "question",
    [
        "Which states support resolution 76/234?",  # a set question
        "What did Australia say about resolution 76/234?",  # not yes or no
        "Did Australia and Norway oppose resolution 76/234?",  # two respondents
        "Did Kenya mention export controls?",  # no stance
    ],
)
def test_other_questions_are_left_to_the_other_answers(service: Service, question: str) -> None:
    assert ask(service, question) is None


@pytest.mark.parametrize(
    "question",
    ["Did Sweden vote against resolution 76/234?", "Голосовала ли Швеция против резолюции 76/234?"],
)
def test_a_vote_is_answered_only_by_a_reply_saying_how_it_voted(service: Service, question: str) -> None:
    assert ask(service, question) is None  # Sweden voices concern; it says nothing of its vote
    stance = ask(service, "Does Sweden support resolution 76/234?")
    assert stance is not None and stance.answer.startswith("No")
