"""Extractive answers on the bundled corpus: quoted sentences labelled with who says them, and lead-ins
read with the list they introduce."""

from __future__ import annotations

import pytest

from rag.answering.abstention import Abstention
from rag.answering.evidence import Evidence
from rag.answering.extract import ExtractiveAnswers
from rag.answering.records import Run
from rag.answering.respondents import Aggregator
from rag.core.settings import Settings
from rag.core.types import Answer, Hit
from rag.retrieval.scope import question_scope
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def extractive(service: Service) -> ExtractiveAnswers:
    return ExtractiveAnswers(service.retriever, Abstention(service.retriever, Aggregator(service.retriever).sections))


def answer(service: Service, extractive: ExtractiveAnswers, question: str) -> Answer:
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.retriever.documents.values()))
    return extractive.answer(Run(question, result.analysis.language), result.analysis, result.hits[:10], scope)


def test_quotes_are_labelled_with_speaker_and_report(service: Service, extractive: ExtractiveAnswers) -> None:
    found = answer(service, extractive, "What did Norway say about resolution 76/234?")
    assert found.answerable and found.mode == "extractive"
    assert any(line.startswith("- Norway (A/77/96): “") for line in found.answer.splitlines())
    assert "compose" in found.timings_ms


def test_an_unrelated_question_abstains(service: Service, extractive: ExtractiveAnswers) -> None:
    found = answer(service, extractive, "What is the recipe for chocolate cake?")
    assert not found.answerable and found.answer.startswith("The documents do not say")


def test_a_lead_in_is_read_with_what_follows_it(service: Service, extractive: ExtractiveAnswers) -> None:
    hits = [h for h in service.retriever.search("measures include the following:", 50).hits]
    lead_ins = [h for h in hits if h.passage.text.endswith((":", "："))]
    assert lead_ins, "the corpus has lead-in passages"
    found = extractive.continuations(lead_ins)
    assert found and not set(found) - {h.passage.id for h in lead_ins}
    for passage_id, following in found.items():
        lead = service.retriever.passage(passage_id)
        assert lead is not None and following
        assert all(p.doc_id == lead.doc_id and p.section == lead.section for p in following)


def test_a_yes_no_question_answered_by_a_negating_sentence_says_no(
    service: Service, extractive: ExtractiveAnswers
) -> None:
    found = answer(service, extractive, "Is the Beijing Convention on civil aviation in force?")
    assert found.answer.startswith("No; the reports say otherwise:") and "尚未生效" in found.answer
    affirmed = answer(service, extractive, "Did the Board approve UNIDIR's work programme for 2020-2021?")
    assert affirmed.answer.startswith("The reports say:")  # a sentence that does not negate commits to nothing
    # "could not support it" negates support, which is the opposition asked: no "no"
    voted = answer(service, extractive, "挪威对第76/234号决议投了反对票吗？")
    assert not voted.answer.startswith("否")


def test_a_question_asking_of_something_negative_gets_no_no_from_a_negation(
    service: Service, extractive: ExtractiveAnswers
) -> None:
    # "不正确" is what is asked: whether it is wrong
    wrong = answer(service, extractive, "Does Australia say the premise of resolution 76/234 is wrong?")
    assert not wrong.answer.startswith("No")


def test_a_question_asking_which_principles_quotes_the_whole_list(
    service: Service, extractive: ExtractiveAnswers
) -> None:
    found = answer(service, extractive, "古巴认为建立信任措施应该建立在哪些原则之上？")
    lines = found.answer.splitlines()
    assert any("古巴拥护以下原则" in line for line in lines)
    items = [line for line in lines if line.startswith("  - “(")]
    assert len(items) == 7 and "(g) 真诚地遵守国际法的规定。" in items[-1]
    assert len(found.citations) == 8


def test_a_question_asking_for_several_things_quotes_the_sentence_that_opens_their_list(
    service: Service, extractive: ExtractiveAnswers
) -> None:
    # Spain's sentence naming the Vienna Document's origins covers the question's words a little better than the
    # one announcing the activities it requires; the question asks which activities.
    found = answer(
        service,
        extractive,
        "Según lo que cuenta España sobre medidas de confianza, "
        "¿qué actividades obliga a hacer el Documento de Viena de 1999?",
    )
    assert "尤其要求开展下列活动：• 每五年接受一次对空军基地的访问。" in found.answer


def test_an_item_counts_as_a_list_when_its_lead_in_announces_what_is_asked(
    service: Service, extractive: ExtractiveAnswers
) -> None:
    # China's first principle is an item of the list whose lead-in announces "以下原则" (the following principles).
    item = next(p for p in service.retriever.passages if p.text.startswith("1. 践行真正的多边主义"))
    evidence = Evidence(Hit(item, 1.0, service.retriever.documents[item.doc_id]), 1, (0, len(item.text)), 0.5, 0.5)
    principles = service.retriever.analyze("Quels principes la Chine propose-t-elle de suivre ?").tokens
    assert extractive._in_a_list(evidence, principles)
    dialogue = service.retriever.analyze("¿Qué formas de diálogo propone China?").tokens
    assert not extractive._in_a_list(evidence, dialogue)  # not what it announces


def test_which_states_a_reply_speaks_of_is_not_answered_by_a_passage_naming_none(
    service: Service, extractive: ExtractiveAnswers
) -> None:
    # Spain's reply counts the 5+5 Defence Initiative's "10 个国家" but names none of them.
    found = answer(
        service, extractive, "Quels sont les dix pays qui composent l'Initiative 5+5 Défense dont parle l'Espagne ?"
    )
    assert not found.answerable and "ne nomment aucun État" in found.answer
    assert any("asks which states or organizations and the passage names none" in w for w in found.warnings)
    named = answer(service, extractive, "Which export control regimes does Spain say it belongs to?")
    assert named.answerable and named.items and {"NSG", "AG"} <= {item.respondent for item in named.items}


def test_a_why_question_quotes_the_reason_before_a_consequence(service: Service, extractive: ExtractiveAnswers) -> None:
    # "澳大利亚因此…投了反对票" (therefore voted against) draws a consequence: the reason is the sentence before
    found = answer(service, extractive, "Why did Australia vote against resolution 76/234?")
    quote = found.citations[0].quote
    assert "因此" in quote and "出口管制制度" in quote.split("因此")[0]
