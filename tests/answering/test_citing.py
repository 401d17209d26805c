"""Which replies cite resolutions other than those a question names or its report answers (rag/answering/citing.py),
on the bundled corpus."""

from __future__ import annotations

import pytest

from rag.answering import citing
from rag.answering.conditions import Condition
from rag.answering.respondents import Aggregator
from rag.retrieval.scope import question_scope
from rag.retrieval.service import Service
from tests.support.sets import set_answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the report's own resolution (76/234) is not another; a law's number and year (第 53/2007号法) is no resolution
        ("In the peaceful-uses replies, who cites General Assembly resolutions other than 76/234?", {"AUS", "PHL"}),
        ("和平利用国际合作那份报告里，除了第76/234号决议，还有谁引用了联大的其他决议？", {"AUS", "PHL"}),
        # the one the question names (1540) is not another
        (
            "Resolution 1540 is everywhere in the peaceful-uses replies. Who cites a different Security Council "
            "resolution?",
            {"AUS", "KEN"},
        ),
        # "another resolution of the General Assembly" (للجمعية), "Council resolutions other than (غير) 1540 (2004)"
        ("في الردود على القرار 76/234، من استشهد برقم قرار آخر للجمعية العامة غير القرار 76/234 نفسه؟", {"AUS", "PHL"}),
        ("من بين المجيبين على القرار 76/234، من يحيل إلى قرارات لمجلس الأمن غير القرار 1540 (2004)؟", {"AUS", "KEN"}),
    ],
)
def test_who_cites_other_resolutions(
    service: Service, aggregator: Aggregator, question: str, expected: set[str]
) -> None:
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.index.documents.values()))
    plan = aggregator.plan(result.analysis, scope.documents)
    assert plan is not None and plan.condition.cites_resolutions
    assert {f.section.key for f in aggregator.check(plan)} == expected


def test_the_year_of_a_council_resolution_is_no_resolution_set_aside(service: Service) -> None:
    analysis = service.retriever.analyze("Who cites Security Council resolutions other than 1540 (2004)?")
    condition = citing.condition(analysis, "any", [])
    assert condition is not None and condition.besides_resolutions == ("1540",)


def test_a_question_not_asking_for_other_resolutions_has_no_such_condition(service: Service) -> None:
    analysis = service.retriever.analyze("Which states mention resolution 76/234?")
    assert citing.condition(analysis, "state", []) is None


@pytest.mark.parametrize(
    ("symbol", "organ", "other"),
    [
        ("37/98", "ga", True),
        ("1718(2006)", "ga", False),  # the Council's, when the Assembly's are asked
        ("1718(2006)", "sc", True),
        ("1540(2004)", "sc", False),  # set aside
        ("76/234", "any", False),  # the report's own
        ("53/2007", "any", False),  # a law's number and year
    ],
)
def test_which_resolutions_are_others(symbol: str, organ: str, other: bool) -> None:
    condition = Condition("any", "mention", cites_resolutions=organ, besides_resolutions=("1540", "76/234"))
    assert citing._other(symbol, condition) is other


def test_the_answer_says_which_resolutions_were_set_aside(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(
        service, aggregator, "和平利用国际合作那份报告里，除了第76/234号决议，还有谁引用了联大的其他决议？"
    )
    assert {item.respondent for item in found.items} == {"AUS", "PHL"}
    assert "76/234以外决议" in found.answer


def test_numbered_resolutions_are_any_but_the_reports_own(service: Service, aggregator: Aggregator) -> None:
    question = "In the replies on resolution 76/234, whose replies cite numbered Security Council resolutions?"
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.index.documents.values()))
    plan = aggregator.plan(result.analysis, scope.documents)
    assert plan is not None and plan.condition.cites_resolutions == "sc"
    assert "76/234" in plan.condition.besides_resolutions
    # those citing another Council resolution than 1540, and those citing 1540 itself
    assert {"AUS", "KEN"} < {f.section.key for f in aggregator.check(plan)}
