"""Set questions answered as cited lists on the bundled corpus (extractively; the model's verdicts are
covered in test_pipeline_llm.py)."""

from __future__ import annotations

import threading
import time
from typing import cast

import pytest

from rag.answering.abstention import Abstention
from rag.answering.listing import SetAnswers
from rag.answering.records import Run
from rag.answering.respondents import Aggregator, Plan
from rag.answering.scope import question_scope
from rag.core.settings import Settings
from rag.core.types import Answer
from rag.llm.client import LLMClient
from rag.retrieval.service import Service
from tests.support.fake_llm import InProcessLLM, Reply


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def aggregator(service: Service) -> Aggregator:
    return Aggregator(service.retriever)


def answer(service: Service, aggregator: Aggregator, question: str, empty: bool = False) -> Answer:
    retriever = service.retriever
    sets = SetAnswers(
        retriever, aggregator, Abstention(retriever, aggregator.sections), None, service.settings.prompts_dir, 1
    )
    result = retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(retriever.documents.values()))
    plan = aggregator.plan(result.analysis, scope.documents)
    assert plan is not None
    if empty:
        plan = Plan(plan.condition, plan.documents, ())
    return sets.answer(Run(question, result.analysis.language), plan, result.analysis, result.hits[:10])


def test_each_listed_respondent_is_cited(service: Service, aggregator: Aggregator) -> None:
    found = answer(service, aggregator, "Which states oppose resolution 76/234?")
    assert found.answerable and found.mode == "extractive" and found.items
    assert "NOR" in {item.respondent for item in found.items}
    for item in found.items:
        cited = found.citations[item.citations[0] - 1]
        assert cited.passage.respondent.id == item.respondent and f"[{cited.n}]" in found.answer
    assert found.grounded == 1.0


def test_a_list_in_the_questions_language(service: Service, aggregator: Aggregator) -> None:
    found = answer(service, aggregator, "哪些国家反对第76/234号决议？")
    assert found.items and "挪威" in {item.label for item in found.items}


def test_no_respondent_qualifies_is_an_abstention(service: Service, aggregator: Aggregator) -> None:
    found = answer(service, aggregator, "Which states oppose resolution 76/234?", empty=True)
    assert not found.answerable and found.items is None and "A/77/96" in found.answer


# --- the model's verdicts: capped per question, and counted against the LLM slots ---


class Peak:
    """A verdict model that says no to every reply, slowly, and remembers how many calls overlapped."""

    def __init__(self) -> None:
        self.now = self.peak = 0
        self.lock = threading.Lock()

    def __call__(self, body: dict) -> Reply:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(0.02)
        with self.lock:
            self.now -= 1
        return Reply('{"qualifies": false}')


def judged(service: Service, aggregator: Aggregator, llm: InProcessLLM, concurrency: int, cap: int) -> Answer:
    retriever = service.retriever
    abstention = Abstention(retriever, aggregator.sections)
    sets = SetAnswers(
        retriever, aggregator, abstention, cast(LLMClient, llm), service.settings.prompts_dir, concurrency, cap
    )
    question = "Which states oppose resolution 76/234?"
    result = retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(retriever.documents.values()))
    plan = aggregator.plan(result.analysis, scope.or_every(list(retriever.documents.values())))
    assert plan is not None and len(plan.sections) > 10
    return sets.answer(Run(question, "en"), plan, result.analysis, result.hits[:10])


def test_verdict_calls_are_capped_per_question(service: Service, aggregator: Aggregator) -> None:
    llm = InProcessLLM()
    llm.responder = Peak()
    found = judged(service, aggregator, llm, concurrency=4, cap=5)
    assert len(llm.requests) == 5  # not one per reply
    assert any("at most 5 of" in w and "RAG_LLM_MAX_VERDICTS" in w for w in found.warnings)
    assert "llm:verdict:capped" in found.problems
    extractive = answer(service, aggregator, "Which states oppose resolution 76/234?")
    assert found.items is not None and extractive.items is not None
    # the model said no to the 5 it judged; the others were checked extractively
    assert {i.respondent for i in found.items} < {i.respondent for i in extractive.items}


def test_verdict_calls_run_only_on_free_llm_slots(service: Service, aggregator: Aggregator) -> None:
    llm = InProcessLLM(max_pending=3)
    llm.responder = peak = Peak()
    assert llm.slots.take() == 1  # the slot the API took for the request
    judged(service, aggregator, llm, concurrency=8, cap=12)
    assert len(llm.requests) == 12
    assert 1 < peak.peak <= 3  # the request's own call and the 2 slots that were free, not 8
    assert llm.slots.used == 1  # the extra slots given back
    llm.slots.take(2)  # every slot busy: the verdicts still run, one at a time, on the request's own
    peak.peak = 0
    judged(service, aggregator, llm, concurrency=8, cap=4)
    assert peak.peak == 1
