"""Set questions that count respondents, and the sentence bounds that reading needs (rag/lang/counted_sets.py)."""

from __future__ import annotations

import pytest

from rag.lang import counted_sets, intent


@pytest.mark.parametrize(
    "question, first",
    [
        ("متى طلب الأمين العام من الدول الأعضاء آراءها؟", True),
        ("Where did the Board meet, and which states attended?", True),
        ("Which states replied? When?", False),
        ("哪些国家在什么时候答复了？", False),
        # a clause of its own asking which replies say it: the day, and which states
        ("第76/234号决议是哪天通过的，有哪些国家在自己的答复里把这个通过日期写出来了？", False),
    ],
)
def test_asks_when_first(question: str, first: bool) -> None:
    which = intent.ASKS_WHICH.search(question)
    assert counted_sets.asks_when_first(question, which.start() if which else len(question)) is first


@pytest.mark.parametrize(
    "question, kind",
    [
        (
            "Parmi les organisations qui ont répondu en 2017, combien mentionnent une réunion annuelle ?",
            "organization",
        ),
        ("Among the states that replied, how many mention the IAEA?", "state"),
        ("Среди государств, ответивших на доклад, сколько упоминают МАГАТЭ?", "state"),
        ("Among the states, how many are parties to the BWC?", None),  # no verb of saying: a figure
        ("Among its measures, how many concern borders?", None),  # no respondents
        # Chinese names them before "how many", after what they did
        ("答复区域和次区域建立信任措施报告的国家政府一共有几个？", "state"),
        ("提到瓦森纳安排的国际组织有多少个？", "organization"),
        ("参加桑戈委员会的国家有几个？", None),  # members, not respondents
        ("该决议得到的票数有几个？", None),
    ],
)
def test_a_count_of_the_respondents_named_after_among(question: str, kind: str | None) -> None:
    cue = counted_sets.count_cue(question)
    assert (cue[0] if cue else None) == kind
