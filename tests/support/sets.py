"""A set question answered without a model, as the answer stage does it, and its topic as read, for the set-question
tests."""

from __future__ import annotations

from rag.answering.abstention import Abstention
from rag.answering.conditions import Finding, Plan
from rag.answering.listing import SetAnswers
from rag.answering.records import Run
from rag.answering.respondents import Aggregator
from rag.answering.topics import Topic, Topics
from rag.core.types import Answer
from rag.retrieval.scope import question_scope
from rag.retrieval.service import Service


def set_answer(service: Service, aggregator: Aggregator, question: str, empty: bool = False) -> Answer:
    """The extractive answer to a set question; `empty` drops every reply from its plan."""
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


def topic_of(service: Service, question: str, document: str) -> Topic:
    """The topic a set question is read for, asked of one document."""
    retriever = service.retriever
    return Topics(retriever).read(retriever.analyze(question), [retriever.documents[document]])


def plan_and_check(service: Service, aggregator: Aggregator, question: str) -> tuple[Plan, dict[str, Finding]]:
    """A set question's plan over the bundled corpus and the replies meeting it, by reply key."""
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.index.documents.values()))
    plan = aggregator.plan(result.analysis, scope.documents)
    assert plan is not None, question
    return plan, {f.section.key: f for f in aggregator.check(plan)}
