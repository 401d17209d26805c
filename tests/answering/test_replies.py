"""Whether a named respondent replied, and in which language: a yes or a no cited to the reply itself."""

from __future__ import annotations

import pytest

from rag.answering.replies import ReplyFacts
from rag.answering.respondents import Aggregator
from rag.core.settings import Settings
from rag.core.types import Answer
from rag.retrieval.service import Service
from tests.support.asking import asked


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


def ask(service: Service, question: str) -> Answer | None:
    aggregator = Aggregator(service.retriever)
    facts = ReplyFacts(service.retriever, aggregator.sections, aggregator.topics)
    run, analysis, scope, hits = asked(service, question)
    return facts.answer(run, analysis, scope, hits)


@pytest.mark.parametrize(
    "question, opening, respondent",
    [
        ("Did Honduras contribute a reply to the 2022 report on regional confidence-building?", "Yes.", "HND"),
        ("هل أرسلت كازاخستان ردًا على التقرير A/77/96؟", "نعم.", "KAZ"),
        ("Le Canada a-t-il répondu en français au rapport A/77/96 ?", "Oui.", "CAN"),  # English and French
        ("¿Respondió Cuba en inglés al informe A/77/96?", "No. Cuba respondió en español", "CUB"),
        ("俄罗斯联邦是否答复了A/77/96？", "是。", "RUS"),
        ("¿México respondió al informe A/77/87?", "Sí.", "MEX"),  # the subject before the verb
    ],
)
def test_a_yes_or_no_cited_to_the_reply(service: Service, question: str, opening: str, respondent: str) -> None:
    answer = ask(service, question)
    assert answer is not None and answer.answerable and answer.answer.startswith(opening)
    assert [c.passage.respondent.id for c in answer.citations] == [respondent]
    assert answer.answer.endswith("[1]")


def test_the_reports_asking_for_views_are_reports_no_topic(service: Service) -> None:
    found = ask(service, "墨西哥是否对三份征求意见的报告都作了答复？")  # 征求意见: what the reports did
    assert found is not None and found.answer.startswith("是。")
    assert len(found.citations) == 3


@pytest.mark.parametrize(
    "question",
    [
        "Did India reply to the reports?",  # no report named: the abstention says no reply is held
        "What did Honduras say in its reply to A/77/87?",  # not a yes or no
        "Did the replies to A/77/96 mention export controls?",  # no one named
        "Did Russia mention export controls in its reply to A/77/96?",  # more than the reply itself
        "Did Cambodia bring up Security Council resolution 1540 in its reply on peaceful uses?",  # a resolution too
        "Selon l'Espagne, quelles activités le Document de Vienne impose-t-il dans sa réponse ?",  # not a yes or no
        "中国的答复里有没有说中方是第76/234号决议的提案国？",  # what its reply says (说), not whether it replied
    ],
)
def test_other_questions_are_left_to_the_other_answers(service: Service, question: str) -> None:
    assert ask(service, question) is None


def test_a_reply_in_another_language_than_asked_is_a_no(service: Service) -> None:
    question = "هل ردّ العراق على تقرير عام 2017 باللغة العربية؟"
    answer = ask(service, question)
    assert answer is not None and answer.answer.startswith("لا.") and "الإنكليزية" in answer.answer


def test_no_reply_to_the_report_named_is_a_no_cited_to_its_list_of_replies(service: Service) -> None:
    answer = ask(service, "Did Japan reply to A/77/87?")
    assert answer is not None and answer.answerable and answer.answer.startswith("No.")
    [cited] = answer.citations
    assert cited.passage.respondent.kind == "none" and "洪都拉斯" in cited.quote and "墨西哥" in cited.quote
    assert ask(service, "Did India reply?") is None  # no report named: the abstention says no reply is held


def test_every_reply_is_cited_with_its_language_and_date(service: Service) -> None:
    answer = ask(service, "Did Cuba reply to both 2022 reports?")
    assert answer is not None and answer.answer.startswith("Yes.")
    assert [c.document.symbol for c in answer.citations] == ["A/77/87", "A/77/96"]
    assert answer.answer.count("original in Spanish") == 2 and "2022-05-30" in answer.answer
    answer = ask(service, "Беларусь вообще отвечала на запрос генсека по резолюции 76/234?")
    assert answer is not None and answer.answer.startswith("Да.") and "русском" in answer.answer


def test_a_question_on_both_reports_is_a_no_when_one_has_no_reply(service: Service) -> None:
    answer = ask(service, "Did Egypt reply both to the report on confidence-building and the one on peaceful uses?")
    assert answer is not None and answer.answer.startswith("No.") and "A/77/87" in answer.answer
    assert [c.passage.respondent.id for c in answer.citations] == ["EGY"]


@pytest.mark.parametrize(
    "question, shown",
    [
        ("When did China reply to A/77/96?", "2022-04-22"),
        ("¿En qué idioma respondió Canadá al informe A/77/96?", "inglés"),  # not a yes/no
        ("Беларусь на каком языке ответила?", "русском"),
        ("瑞士什么时候提交的答复？", "2022-05-31"),
        ("Which language was Pakistan originally written in?", "English"),  # a follow-up's pronoun replaced
        # the subject of the report replied to is no topic: "its reply on WMD terrorism" is to the 2017 report
        ("When did Iran submit its reply on WMD terrorism, and what was the original language?", "2017-07-31"),
    ],
)
def test_when_and_in_which_language_a_respondent_replied(service: Service, question: str, shown: str) -> None:
    answer = ask(service, question)
    assert answer is not None and answer.answerable and shown in answer.answer
    assert not answer.answer.startswith(("Yes", "Sí", "Да", "是"))


@pytest.mark.parametrize(
    "question",
    ["¿En qué idioma escribió Canadá su respuesta?", "In what language did Canada write its reply?"],
)
def test_writing_a_reply_in_a_language_asked_is_no_saying(service: Service, question: str) -> None:
    answer = ask(service, question)
    assert answer is not None and answer.answerable and "[1]" in answer.answer
    assert [c.passage.respondent.id for c in answer.citations] == ["CAN"]


@pytest.mark.parametrize(
    "question", ["Which reports did Norway reply to?", "挪威答复了哪几份报告？", "¿A qué informes respondió Noruega?"]
)
def test_the_reports_a_respondent_replied_to(service: Service, question: str) -> None:
    answer = ask(service, question)
    assert answer is not None and answer.answerable
    assert sorted(c.document.id for c in answer.citations) == ["A_77_96", "wmd_terrorism_2017"]
