"""Which of the respondents asked about replied first, or last ("Which of them replied first?", "¿Y cuál de ellos
respondió primero?", "其中哪个最早答复？"): the findings kept are those of the earliest (or latest) dated reply, by the
date line each reply carries."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.conditions import Finding
from rag.lang import cues

_FIRST = cues.pattern("reply_first")
_LAST = cues.pattern("reply_last")


def asked(text: str) -> tuple[str, tuple[int, int]] | None:
    """ "first" or "last" with where the question asks it, or None."""
    for order, pattern in (("first", _FIRST), ("last", _LAST)):
        if (match := pattern.search(text)) is not None:
            return order, match.span()
    return None


def ordered(findings: Sequence[Finding], order: str) -> list[Finding]:
    """The findings of the earliest ("first") or latest ("last") dated reply; all of them without an order, or
    when no reply among them is dated."""
    dated = [f for f in findings if f.section.respondent.date]
    if not order or not dated:
        return list(findings)
    pick = min if order == "first" else max
    when = pick(f.section.respondent.date or "" for f in dated)
    return [f for f in dated if f.section.respondent.date == when]
