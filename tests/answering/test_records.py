"""The records every way of answering ends in: the run's answer, citations, labels."""

from __future__ import annotations

from dataclasses import replace

from rag.answering.records import Run, citation, citation_label, display, doc_label
from rag.core.types import Document, Passage, Respondent
from rag.lang.names import default_names

PASSAGE = Passage("p1", "d1", "First sentence. Second sentence.", 0, 32)


def test_the_answer_carries_what_the_run_gathered() -> None:
    run = Run("Why?", "en")
    run.warnings += ["twice", "twice", "once"]
    run.problems.append("llm:answer:timeout")
    answer = run.answer("Because [1].", True, "generated", [], 1.0, retrieved=[])
    assert answer.question == "Why?" and answer.language == "en"
    assert answer.warnings == ("twice", "once") and answer.problems == ("llm:answer:timeout",)
    assert answer.mode == "extractive"  # only "llm" is kept as is
    assert answer.timings_ms["total"] >= 0 and "total" in run.timings


def test_a_citation_without_a_span_quotes_the_whole_passage() -> None:
    document = Document("d1", "d1.txt", "en", symbol="A/77/96")
    whole = citation(1, PASSAGE, document, None)
    assert (whole.quote, whole.quote_start, whole.quote_end) == (PASSAGE.text, 0, len(PASSAGE.text))
    part = citation(2, PASSAGE, document, (0, 15))
    assert part.quote == "First sentence." and part.n == 2 and part.document is document


def test_reports_and_respondents_are_named_in_the_answers_language() -> None:
    assert doc_label(Document("d", "d.txt", "zh", symbol="A/77/96", title="报告"), "en") == "A/77/96"
    untitled = Document("d", "d.txt", "zh", title="报告", title_en="Report")
    assert doc_label(untitled, "zh") == "报告" and doc_label(untitled, "fr") == "Report"
    localized = Document(
        "d", "d.txt", "zh", title="报告", title_en="Report", titles=(("ar", "تقرير"), ("fr", "Rapport"))
    )
    assert doc_label(localized, "fr") == "Rapport" and doc_label(localized, "ar") == "تقرير"
    assert doc_label(localized, "es") == "Report"  # no Spanish title given: the English one
    assert doc_label(Document("d", "d.txt", "zh"), "en") == "d"
    names = default_names()
    assert display(names, "NOR", "fr") == "Norvège" and display(names, "NOR", "zh") == "挪威"
    assert display(names, "XXX", "en") == "XXX" and display(names, None, "en") == ""


def test_a_citation_label_names_the_respondent_in_the_answers_language() -> None:
    names = default_names()
    document = Document("d1", "d1.txt", "zh", symbol="A/77/96")
    reply = replace(PASSAGE, respondent=Respondent("挪威", "state", id="NOR"), paragraph="3")
    assert citation_label(citation(1, reply, document, None), names, "fr") == "A/77/96, Norvège, ¶3"
    assert citation_label(citation(1, reply, document, None), names, "zh") == "A/77/96, 挪威, ¶3"
    unknown = replace(PASSAGE, respondent=Respondent("某组织", "organization"))
    assert citation_label(citation(1, unknown, document, None), names, "en") == "A/77/96, 某组织"
    assert citation_label(citation(1, PASSAGE, document, None), names, "en") == "A/77/96"
