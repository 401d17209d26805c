"""Set questions answered as cited lists on the bundled corpus (extractively; the model's verdicts are
covered in test_verdicts.py and test_pipeline_llm.py)."""

from __future__ import annotations

from rag.answering.respondents import Aggregator
from rag.retrieval.service import Service
from tests.support.sets import set_answer


def test_each_listed_respondent_is_cited(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "Which states oppose resolution 76/234?")
    assert found.answerable and found.mode == "extractive" and found.items
    assert "NOR" in {item.respondent for item in found.items}
    for item in found.items:
        cited = found.citations[item.citations[0] - 1]
        assert cited.passage.respondent.id == item.respondent and f"[{cited.n}]" in found.answer
    assert found.grounded == 1.0


def test_a_list_in_the_questions_language(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "哪些国家反对第76/234号决议？")
    assert found.items and "挪威" in {item.label for item in found.items}


def test_no_respondent_qualifies_is_an_abstention(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "Which states oppose resolution 76/234?", empty=True)
    assert not found.answerable and found.items is None and "A/77/96" in found.answer
