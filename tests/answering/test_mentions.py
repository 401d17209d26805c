"""Whether a named respondent's reply mentions something: yes with the sentence, no with the replies read."""

from __future__ import annotations

import pytest

from rag.answering.mentions import Mentions
from rag.answering.respondents import Aggregator
from rag.core.types import Answer
from rag.retrieval.service import Service
from tests.support.asking import asked


def ask(service: Service, aggregator: Aggregator, question: str) -> Answer | None:
    run, analysis, scope, hits = asked(service, question)
    return Mentions(aggregator).answer(run, analysis, scope, hits)


@pytest.mark.parametrize(
    "question, opening, quoted",
    [
        ("Does Norway mention the Global Initiative to Combat Nuclear Terrorism?", "Yes", "全球倡议"),
        ("西班牙在答复中提到桑戈委员会了吗？", "是", "桑戈委员会"),
        ("¿Menciona España el Comité Zangger?", "Sí", "桑戈委员会"),
    ],
)
def test_a_reply_naming_the_topic_answers_yes_with_its_sentence(
    service: Service, aggregator: Aggregator, question: str, opening: str, quoted: str
) -> None:
    answer = ask(service, aggregator, question)
    assert answer is not None and answer.answer.startswith(opening) and answer.answerable
    assert len(answer.citations) == 1 and quoted in answer.citations[0].quote
    assert answer.citations[0].passage.respondent.id in ("NOR", "ESP")


@pytest.mark.parametrize(
    "question, opening",
    [("Does Honduras mention the Arms Trade Treaty?", "No"), ("洪都拉斯提到《武器贸易条约》了吗？", "否")],
)
def test_no_reply_naming_it_answers_no_citing_the_replies_read(
    service: Service, aggregator: Aggregator, question: str, opening: str
) -> None:
    answer = ask(service, aggregator, question)
    assert answer is not None and answer.answer.startswith(opening)
    assert answer.citations and all(c.passage.respondent.id == "HND" for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "Which states mention the Arms Trade Treaty?",  # a set question
        "What did Honduras say about the Arms Trade Treaty?",  # not yes or no
        "Does India mention the Arms Trade Treaty?",  # no reply from India
        "Did Norway and Spain mention the Zangger Committee?",  # two respondents
        "Did Honduras support resolution 76/43?",  # no verb of mentioning
    ],
)
def test_other_questions_are_left_to_the_other_answers(service: Service, aggregator: Aggregator, question: str) -> None:
    assert ask(service, aggregator, question) is None
