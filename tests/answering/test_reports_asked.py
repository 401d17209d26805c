"""Which reports a set question asks replies in: those the respondents did not reply to, and "both"."""

from __future__ import annotations

from typing import Any

import pytest

from rag.answering import reports_asked


def test_the_reports_a_question_says_replies_are_missing_from(service: Any) -> None:
    documents = [service.retriever.documents["A_77_87"], service.retriever.documents["A_77_96"]]
    said = reports_asked.replied_not_to
    assert said("Which states that replied to A/77/87 did not reply to A/77/96?", documents) == ("A_77_96",)
    assert said("Which states did not reply to A/77/87 but replied to A/77/96?", documents) == ("A_77_87",)
    assert said("Which states replied to A/77/87 and to A/77/96?", documents) == ()
    assert said("Which states replied neither to A/77/87 nor to A/77/96?", documents) == ()  # all: no one to list
    # the reports named by their titles or resolutions, not their symbols
    zh = "给区域和次区域建立信任措施那份报告交了答复的国家里，哪些国家没有再就第76/234号决议那份报告交意见？"
    assert said(zh, documents) == ("A_77_96",)


@pytest.mark.parametrize(
    ("question", "replied"),
    [
        ("Of the states that replied to both A/77/87 and A/77/96, which complain about unilateral sanctions?", True),
        ("De los gobiernos que contestaron a las dos consultas de 2022, ¿cuáles se quejan de sanciones?", True),
        ("两边都交了答复的国家里，谁提到了制裁？", True),
        ("من بين الدول التي ردّت على استطلاعَي 2022 كليهما، من تطرّق إلى الجائحة؟", True),
        ("Which states mention Syria in both reports?", False),  # mentioned in each: no replying said
        ("De los Estados que opinaron tanto en 2017 como en 2022, ¿cuáles se oponen a la 76/234?", True),  # views given
    ],
)
def test_both_said_of_replying(question: str, replied: bool) -> None:
    assert reports_asked.replied_to_every_report(question) is replied


@pytest.mark.parametrize(
    ("question", "named", "test", "every"),
    [
        ("Which states replied to both A/77/87 and A/77/96?", 2, "replied", True),
        ("Which states mention Syria in both reports?", 0, "mention", True),
        ("Looking at both A/77/87 and A/77/96, which states mention Syria?", 2, "mention", False),  # where to look
        # of replying, a condition wherever it is said
        ("Of the states that replied to both A/77/87 and A/77/96, which mention sanctions?", 2, "mention", True),
        # "in all the reports" says where to look; "to all the reports", of replying
        ("من بين الردود المكتوبة بالعربية في جميع التقارير، أيّها يتطرق إلى الإرهاب؟", 0, "mention", False),
        ("¿Qué respuestas en todos los informes mencionan el terrorismo?", 0, "mention", False),
        ("ما الدول التي ردت على جميع التقارير؟", 0, "replied", True),
        ("¿Qué Estados respondieron a todos los informes?", 0, "replied", True),
    ],
)
def test_both_said_of_the_reports(question: str, named: int, test: str, every: bool) -> None:
    assert reports_asked.in_every_report(question, named, test) is every


def test_both_said_of_replying_and_of_what_replies_say() -> None:
    twice = (
        "De los países que contestaron tanto al informe de 2017 como a la consulta sobre la resolución 76/234, "
        "¿cuáles mencionan al OIEA en las dos respuestas?"
    )
    assert reports_asked.replied_to_every_report(twice) and reports_asked.in_each_reply(twice)
    once = "Of the states that replied to both A/77/87 and A/77/96, which mention sanctions?"
    assert reports_asked.replied_to_every_report(once) and not reports_asked.in_each_reply(once)


def test_the_replies_are_no_both() -> None:
    assert not reports_asked.in_each_reply("¿Quiénes lo mencionan en las respuestas sobre medidas de confianza?")


def test_also_replied_to_a_report_named_between() -> None:
    question = (
        "就第76/234号决议用西班牙文交意见的国家当中，哪些在2017年也给防止恐怖分子获取大规模毁灭性武器的报告交过答复？"
    )
    assert reports_asked.replied_to_every_report(question)
