"""Which of the respondents asked about replied first or last (rag/answering/reply_order.py)."""

from __future__ import annotations

import pytest

from rag.answering.conditions import Finding
from rag.answering.reply_order import asked, ordered
from rag.answering.scope import Section
from rag.core.types import Respondent


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("Which of them replied first?", "first"),
        ("Who was the last to respond?", "last"),
        ("Lequel a répondu le premier ?", "first"),
        ("¿Y cuál de ellos respondió primero?", "first"),
        ("Какая из них ответила раньше?", "first"),
        ("أيّها ردّ أولاً؟", "first"),
        ("其中哪个最早答复？", "first"),
        ("哪个国家最晚答复？", "last"),
    ],
)
def test_the_order_asked(question: str, order: str) -> None:
    found = asked(question)
    assert found is not None and found[0] == order


def test_no_order_is_asked_of_what_replies_say_first() -> None:
    assert asked("Which states replied in Russian?") is None
    assert asked("What did Japan say first in its reply?") is None


def finding(key: str, date: str | None) -> Finding:
    return Finding(Section("A_77_96", Respondent(key, "state", key, date=date), (0,)), 0, (0, 1))


def test_the_earliest_or_latest_dated_reply_is_kept() -> None:
    found = [finding("BLR", "2022-05-16"), finding("RUS", "2022-05-05"), finding("CUB", None)]
    assert [f.section.key for f in ordered(found, "first")] == ["RUS"]
    assert [f.section.key for f in ordered(found, "last")] == ["BLR"]
    assert ordered(found, "") == found  # no order asked
    assert ordered([finding("CUB", None)], "first") == [finding("CUB", None)]  # none dated: all kept
