"""The states a listed body's members come from, answered from its list (rag/answering/member_answers.py)."""

from __future__ import annotations

import pytest

from rag.answering.pipeline import Answerer
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def answerer(real_lexical_index: Settings) -> Answerer:
    return Answerer(Service.load(real_lexical_index))


def test_the_states_of_the_members_a_question_describes_each_cited_to_its_row(answerer: Answerer) -> None:
    answer = answerer.ask("ما الدول العربية التي كان لها من يمثّلها بين أعضاء المجلس الاستشاري لشؤون نزع السلاح؟")
    assert answer.items is not None and [i.respondent for i in answer.items] == ["JOR", "EGY"]
    assert answer.answer.startswith("2 ") and "الأردن [1]" in answer.answer
    assert "约旦" in answer.citations[0].quote and "埃及" in answer.citations[1].quote


def test_former_ministers_among_the_members(answerer: Answerer) -> None:
    answer = answerer.ask("咨询委员会的成员中，有哪些国家的前外交部长？")
    assert answer.items is not None and {i.respondent for i in answer.items} == {"IDN", "SWE"}


@pytest.mark.parametrize(
    "question",
    [
        "Which states replied on resolution 76/234?",  # no body's members
        "Which of the Advisory Board's members' countries replied on resolution 76/234?",  # replies are asked of
    ],
)
def test_questions_on_replies_are_not_answered_from_the_list(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert "list of members" not in answer.answer


def test_which_members_asks_for_the_people_each_cited_to_its_row(answerer: Answerer) -> None:
    answer = answerer.ask(
        "Quels membres du Conseil consultatif pour les questions de désarmement étaient basés aux États-Unis ?"
    )
    assert answer.items is not None and len(answer.items) == 2
    assert all("(États-Unis d'Amérique)" in item.label for item in answer.items)
    geneva = answerer.ask("裁军事项咨询委员会的成员中，哪些人是在日内瓦工作的？")
    assert geneva.citations and all("日内瓦" in c.quote for c in geneva.citations)


def test_what_the_members_recommended_is_not_a_list_of_members(answerer: Answerer) -> None:
    answer = answerer.ask("Quelles recommandations les membres du Conseil consultatif ont-ils formulées ?")
    assert "liste des membres" not in answer.answer


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("¿Qué miembros de la Junta Consultiva en Asuntos de Desarme tenían rango de embajador?", 5),
        ("Which Advisory Board members were former foreign ministers?", 2),
    ],
)
def test_which_members_a_term_of_their_rows_describes(answerer: Answerer, question: str, count: int) -> None:
    answer = answerer.ask(question)
    assert answer.items is not None and len(answer.items) == count


def test_which_member_did_something_is_not_asked_of_the_list(answerer: Answerer) -> None:
    answer = answerer.ask("咨询委员会开会时，是谁专门给委员们讲超高音速武器的发展情况的？")
    assert "成员名单" not in answer.answer


def test_who_are_the_members_from_the_arab_states(answerer: Answerer) -> None:
    answer = answerer.ask("من هم أعضاء المجلس الاستشاري لشؤون نزع السلاح القادمون من الدول العربية؟")
    assert answer.items is not None and {i.respondent for i in answer.items} == {"JOR", "EGY"}
