"""The kind of figure a set question asks each reply to give ("which states give percentages on…": a share; "who puts
a money figure on…": an amount; "who gives figures": any number) and whether a text gives one of that kind."""

from __future__ import annotations

import re
from functools import cache

from rag.lang import cues
from rag.lang.intent import (
    AMOUNT,
    AMOUNT_HEAD,
    ASKS_AMOUNT,
    ASKS_FIGURE,
    ASKS_SHARE,
    MONEY_UNIT,
    OWN_RESOLUTION,
    PERCENT,
    QUANTITY,
    has_figure,
)

SHARE_WORD = cues.pattern("share_word")  # "which states give percentages": a share is the figure asked
MONEY_WORD = cues.pattern("money_word")  # "who puts a money figure on…": an amount is the figure asked


def figure_asked(question: str, cue_end: int, language: str = "") -> str:
    """The kind of figure a set question asks each reply to give (figure_kind), or "" when it asks none: it asks for
    figures ("who gives percentages…"), or how many after its cue, in its own language ("…прямо указывают, сколько у
    них государств-членов"; not the count of respondents "how many states…" asks for, nor French "n'importe" for the
    Spanish "importe")."""
    if OWN_RESOLUTION.search(question):
        return ""  # "quote the number of the resolution they are responding to": its symbol is the number
    if ASKS_FIGURE.search(question) or _quantity(language).search(question, cue_end):
        return figure_kind(question)
    return ""


@cache
def _quantity(language: str) -> re.Pattern[str]:
    if language not in cues.LANGUAGES:
        return QUANTITY
    return re.compile(cues.alternation("quantity", (language,)), re.IGNORECASE)


def figure_kind(question: str) -> str:
    """The kind of figure a question asking for figures wants: a share ("who gives percentages…", 百分比), an
    amount of money ("who puts a figure in euros on…", "cifras de dinero"), else any number."""
    if SHARE_WORD.search(question) or ASKS_SHARE.search(question):
        return "share"
    if MONEY_UNIT.search(question) or MONEY_WORD.search(question) or ASKS_AMOUNT.search(question):
        return "amount"
    return "number"


def figure_word(word: str) -> bool:
    """Whether a word of a question names the figure it asks for ("percentages", "chiffres", 数字)."""
    return any(p.search(word) for p in (ASKS_FIGURE, SHARE_WORD, MONEY_WORD, MONEY_UNIT))


def gives_figure(text: str, kind: str) -> bool:
    """Whether a text gives a figure of the kind asked (figure_kind): a percentage, an amount of money, a number."""
    if kind == "share":
        return PERCENT.search(text) is not None
    if kind == "amount":
        return gives_amount(text, text)
    return has_figure(text)


def gives_amount(text: str, around: str) -> bool:
    """Whether a text gives an amount of money: with its currency, or as a figure of a table whose head, in the text
    `around` it, names the currency ("总额(美元)", "共计 798 798")."""
    return AMOUNT.search(text) is not None or (AMOUNT_HEAD.search(around) is not None and has_figure(text))
