"""The kind of figure a set question asks for, and whether a text gives one."""

from __future__ import annotations

import pytest

from rag.lang import figures


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who gives percentages to show that export controls barely affect trade?", "share"),
        ("¿Quiénes dan porcentajes sobre las exportaciones denegadas?", "share"),
        ("哪些答复给出了被拒出口所占的比例？", "share"),
        ("Which respondents put a money figure on their contributions?", "amount"),
        ("Qui chiffre ses contributions en euros ?", "amount"),
        ("Who gives a current membership figure for the Australia Group?", "number"),
    ],
)
def test_the_kind_of_figure_a_question_asks_for(question: str, kind: str) -> None:
    assert figures.figure_kind(question) == kind


def test_a_text_gives_a_figure_of_the_kind_asked() -> None:
    assert figures.gives_figure("被拒绝的出口仅占出口总额的 0.02%。", "share")
    assert not figures.gives_figure("2020 年有 603 项出口未获准。", "share")
    assert figures.gives_figure("提供价值 930 万欧元的支助。", "amount")
    assert figures.gives_figure("年份 设备类型 总额(美元) 2015 5 000", "amount")  # a table's unit in its head
    assert not figures.gives_figure("2020 年有 603 项出口未获准。", "amount")
    assert figures.gives_figure("2020 年有 603 项出口未获准。", "number")


def test_a_database_asks_for_no_figure() -> None:
    # 数据库 (a database) holds 数据 (data), which asks for figures
    assert figures.figure_asked("哪些答复方说自己在建数据库，用来追踪非法贩运？", 0, "zh") == ""
    assert figures.figure_asked("哪些国家给出了数据？", 0, "zh") == "number"
