"""Tests for the parts of a set question that are not what replies must name (rag/answering/asides.py)."""

from __future__ import annotations

import pytest

from rag.answering.asides import cited_resolution, names_organ, regardless, said_as_required
from rag.lang import intent


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        (
            "Which respondents talk about vaccines, whether it's getting hold of them, making them or sharing them?",
            "whether it's getting hold of them, making them or sharing them",
        ),
        (
            "不管是作为自己所属的组织、合作网络还是合作伙伴，哪些答复方提到了东盟？",
            "不管是作为自己所属的组织、合作网络还是合作伙伴",
        ),
        (  # a comma before 还是 does not end the ways
            "哪些答复方谈到了核查——不管是裁军承诺的核查、本国的核查机构，还是条约的核查制度？",
            "不管是裁军承诺的核查、本国的核查机构，还是条约的核查制度",
        ),
        (
            "¿Quiénes hablan de vacunas, ya sea para producirlas o para compartirlas?",
            "ya sea para producirlas o para compartirlas",
        ),
        (
            "Кто пишет о лабораториях — будь то охрана лабораторий или их сети?",
            "будь то охрана лабораторий или их сети",
        ),
        ("أي الدول العربية أرسلت آراءها، بصرف النظر عن لغة الرد؟", "بصرف النظر عن لغة الرد"),
    ],
)
def test_the_ways_a_topic_may_come_up_are_none_required(question: str, clause: str) -> None:
    spans = regardless(question, intent.set_cue(question))
    assert [question[a:b].strip(" ，,") for a, b in spans] == [clause]


def test_own_country_among_the_ways_is_no_claim_about_itself() -> None:
    ways = "哪些答复方谈到了核查——不管是裁军承诺的核查、本国的核查机构，还是条约的核查制度？"
    assert not said_as_required(intent.ABOUT_SELF, ways)
    assert said_as_required(intent.ABOUT_SELF, "哪些国家说本国设有核查机构？")


def _beside_resolution(question: str, phrase: str) -> bool:
    start = question.index(phrase)
    symbol = question.index("76/234")
    return names_organ(question, (start, start + len(phrase)), [(symbol, symbol + len("76/234"))])


def test_an_organ_beside_the_reports_resolution_names_its_mandate() -> None:
    assert _beside_resolution("Which states replied on General Assembly resolution 76/234?", "General Assembly")
    assert _beside_resolution("Quels États citent la résolution 76/234 de l'Assemblée générale ?", "Assemblée générale")
    assert _beside_resolution(
        "Citez les organisations ayant répondu en application de la résolution 76/234.", "application"
    )
    # a comma ends the tie: what follows is what the replies are asked about
    assert not _beside_resolution("من يدعو، في الردود على (القرار 76/234)، إلى التفاوض على بروتوكول؟", "التفاوض")


@pytest.mark.parametrize(
    ("question", "resolution", "cited"),
    [
        ("Which international organizations cite resolution 71/38 by name?", "71/38", True),
        ("Какие международные организации прямо ссылаются на резолюцию 71/38?", "71/38", True),
        ("哪几家国际组织在答复中直接点了第71/38号决议的名？", "71/38", True),
        # the respondents to it, or their replies on it: the resolution says which report
        ("Name the respondents to the 76/234 consultation that chair a regime.", "76/234", False),
        ("اذكر المجيبين على القرار 76/234 الذين يستشهدون بالاستعراضات", "76/234", False),
        ("من هي الجهات التي تذكر في ردودها على القرار 76/234 المركز؟", "76/234", False),
        # where a follow-up is asked, after it
        ("还有哪些答复方也谈到了叙利亚的化学武器？ (71/38)", "71/38", False),
    ],
)
def test_a_resolution_cited_by_the_respondents_asked_about(question: str, resolution: str, cited: bool) -> None:
    assert cited_resolution(question, question.index(resolution)) is cited


def test_what_the_resolution_is_said_to_do_is_no_title() -> None:
    question = "Quels États estiment que la résolution 76/234 politise les régimes de contrôle des exportations ?"
    assert not _beside_resolution(question, "politise")
    # a verb of saying after it is the respondents' ("…по резолюции 76/234 отмечает, что…"), as before
    noted = "Кто из ответивших на запрос по резолюции 76/234 отмечает, что Вассенаарские договорённости не направлены?"
    assert _beside_resolution(noted, "отмечает")
