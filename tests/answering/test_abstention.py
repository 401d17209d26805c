"""Abstention on the bundled corpus: a named state with no reply, one never mentioned, the closest passages."""

from __future__ import annotations

import pytest

from rag.answering.abstention import CLOSEST, Abstention
from rag.answering.records import Run
from rag.answering.respondents import Aggregator
from rag.core.settings import Settings
from rag.retrieval.scope import question_scope
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def abstention(service: Service) -> Abstention:
    return Abstention(service.retriever, Aggregator(service.retriever).sections)


def absent(service: Service, abstention: Abstention, question: str) -> str | None:
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.retriever.documents.values()))
    return abstention.absent_speaker(result.analysis, scope)


def test_a_state_that_did_not_reply_is_named_in_the_abstention(service: Service, abstention: Abstention) -> None:
    said = absent(service, abstention, "What position did India take on resolution 76/234?")
    assert said is not None and "India" in said
    assert absent(service, abstention, "What did Norway say about resolution 76/234?") is None
    assert absent(service, abstention, "What are export controls?") is None  # no one named


def test_a_report_without_a_symbol_is_named_in_the_askers_language(service: Service, abstention: Abstention) -> None:
    said = absent(service, abstention, "What did Egypt say in its reply to the 2017 report on terrorists and WMD?")
    assert said is not None and "Measures to prevent terrorists" in said and "防止恐怖分子" not in said


def test_an_organization_asked_about_its_reply_must_have_replied(service: Service, abstention: Abstention) -> None:
    said = absent(service, abstention, "What did the African Union propose in its reply to A/77/96?")
    assert said is not None and "African Union" in said
    # the IAEA replied to the 2017 report; named without speaking of a reply, an organization may be the topic
    assert absent(service, abstention, "What did the IAEA say in its reply to the 2017 report?") is None


def test_a_body_a_report_is_about_sent_no_reply_to_miss(service: Service, abstention: Abstention) -> None:
    question = "秘书长那份讲裁军事项咨询委员会2020年工作的报告，是依据大会哪一项决议提交的？"
    assert absent(service, abstention, question) is None
    assert absent(service, abstention, "What does A/77/96 say about the African Union?") is None
    # asked which respondent speaks, an organization named is what is spoken of
    question = (
        "Which respondent criticises the 2008 exemption of one country from the Nuclear Suppliers Group guidelines?"
    )
    assert absent(service, abstention, question) is None


def test_speakers_and_mentions(abstention: Abstention) -> None:
    assert "NOR" in abstention.speakers and "IND" not in abstention.speakers
    assert abstention.mentioned("NOR") and abstention.mentioned("no-such-id")


def test_an_abstention_offers_the_closest_distinct_passages(service: Service, abstention: Abstention) -> None:
    hits = service.retriever.search("export controls", 10).hits
    answer = abstention.abstain(Run("q", "en"), hits + hits, "The documents do not say.")
    assert not answer.answerable and answer.grounded == 0.0
    assert answer.answer.startswith("The documents do not say.") and len(answer.answer) > 30
    ids = [c.passage.id for c in answer.citations]
    assert ids == [h.passage.id for h in hits[:CLOSEST]]
    assert abstention.abstain(Run("q", "en"), [], "No.").answer == "No."


@pytest.mark.parametrize(
    "question, said",
    [
        ("Which African states replied to the 2019 report on confidence-building?", "no report of 2019"),
        ("2021年的报告里哪些国家提到了无人机？", "2021年的报告"),
        ("Quels pays ont répondu au rapport de 2022 sur la coopération ?", None),  # a year the reports have
        ("Which states replied to A/77/96 in 2019?", None),  # a report named by symbol
        ("Which states said in their replies that they adopted a law in 2019?", None),  # not a report's year
    ],
)
def test_a_report_of_a_year_the_documents_lack_is_declined(
    service: Service, abstention: Abstention, question: str, said: str | None
) -> None:
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.retriever.documents.values()))
    reason = abstention.absent_report(result.analysis, scope)
    assert (reason is None) if said is None else (reason is not None and said in reason and "2017" in reason)


@pytest.mark.parametrize(
    "question",
    [
        "ما الذي أكدته الهند في ردها على تقرير A/77/96؟",  # "in its reply": a reply it never sent
        "Что Индия говорит в своём ответе по резолюции 76/234?",
        "¿Qué señaló la India en su respuesta sobre la resolución 76/234?",
        "Qu'a souligné l'Inde dans sa réponse sur la résolution 76/234 ?",
        "Что сказала Индия в докладе A/77/87?",  # сказала: a verb of saying
    ],
)
def test_what_a_state_that_never_replied_said_is_declined_in_every_language(
    service: Service, abstention: Abstention, question: str
) -> None:
    said = absent(service, abstention, question)
    assert said is not None


def test_an_organization_a_question_asks_which_ones_mention_is_no_speaker(
    service: Service, abstention: Abstention
) -> None:
    assert absent(service, abstention, "Какие страны в ответах на A/77/96 упоминают Комитет Цангера?") is None
    assert absent(service, abstention, "Какие меры Комитет Цангера сообщил в своём ответе на A/77/96?") is not None
    assert absent(service, abstention, "What did the African Union propose in its reply to A/77/96?") is not None


def test_the_stance_of_a_state_that_did_not_reply_is_declined(service: Service, abstention: Abstention) -> None:
    said = absent(service, abstention, "La France a-t-elle soutenu la résolution 76/234 ?")
    assert said is not None and "France" in said
    assert absent(service, abstention, "巴西支持第76/234号决议吗？") is not None
    assert absent(service, abstention, "Did Norway support resolution 76/234?") is None  # Norway replied
