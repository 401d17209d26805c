"""A set question's topic loosened when no reply names all of it (rag/answering/relaxing.py)."""

from __future__ import annotations

from dataclasses import replace

from rag.answering import relaxing
from rag.answering.respondents import Aggregator
from rag.retrieval.service import Service
from tests.support.sets import plan_and_check


def test_a_topic_no_reply_names_whole_is_relaxed_to_the_replies_naming_most_of_it(
    service: Service, aggregator: Aggregator
) -> None:
    plan, _ = plan_and_check(service, aggregator, "哪些国家提到了人工智能？")
    assert plan.condition.topic == ("人工智能",)
    artificial_intelligence = {f.section.key for f in aggregator.check(plan)}
    assert artificial_intelligence >= {"CHN", "USA"}
    nobody = ("火星基地",)  # no reply names a base on Mars
    both = replace(plan.condition, topic_variants=(*plan.condition.topic_variants, nobody))
    assert aggregator.check(replace(plan, condition=both)) == []
    # Of two phrases, both: "AI and a base on Mars" is not relaxed to "AI".
    assert relaxing.relaxed(aggregator, both, plan.sections) is None
    # Of three (AI, sanctions, the Wassenaar Arrangement), no reply names all: those naming two are listed.
    three = replace(
        plan.condition, topic_variants=(*plan.condition.topic_variants, ("单方面强制性措施",), ("瓦森纳安排",))
    )
    assert aggregator.check(replace(plan, condition=three)) == []
    relaxed = relaxing.relaxed(aggregator, three, plan.sections)
    assert relaxed is not None and relaxed.min_share == 2 / 3
    listed = {f.section.key for f in aggregator.check(replace(plan, condition=relaxed))}
    assert {"CHN", "USA"} <= listed and "CUB" not in listed  # Cuba names sanctions only
    # A state or organization no reply names is what the question is about: never dropped as one phrase of four.
    sco = replace(plan.condition, topic_variants=(("上海合作组织",),))
    assert aggregator.check(replace(plan, condition=sco)) == []
    common = (*plan.condition.topic_variants, ("出口管制",), ("技术",))
    assert relaxing.relaxed(aggregator, replace(plan.condition, topic_variants=(*common, ("火星基地",))), plan.sections)
    four = replace(plan.condition, topic_variants=(*common, ("上海合作组织",)))
    assert relaxing.relaxed(aggregator, four, plan.sections) is None


def test_a_topic_no_reply_names_whole_is_relaxed_to_the_phrases_the_question_quotes(
    service: Service, aggregator: Aggregator
) -> None:
    plan, _ = plan_and_check(service, aggregator, "哪些国家提到了“人工智能”？")
    nobody = ("火星基地",)  # no reply names a base on Mars
    both = replace(
        plan.condition, topic=("人工智能", "火星基地"), topic_variants=(*plan.condition.topic_variants, nobody)
    )
    assert aggregator.check(replace(plan, condition=both)) == []
    relaxed = relaxing.quoted_only(aggregator, both, plan.sections, frozenset({"人工智能"}))
    assert relaxed is not None
    assert {f.section.key for f in aggregator.check(replace(plan, condition=relaxed))} >= {"CHN", "USA"}
    # Nothing quoted, everything quoted, or what is quoted named by no reply: no such relaxation.
    assert relaxing.quoted_only(aggregator, both, plan.sections, frozenset()) is None
    assert relaxing.quoted_only(aggregator, both, plan.sections, frozenset({"人工智能", "火星基地"})) is None
    assert relaxing.quoted_only(aggregator, both, plan.sections, frozenset({"火星基地"})) is None
