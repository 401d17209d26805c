"""Amounts written the Chinese way in a quote ("2.7亿美元", "628 万欧元"): read as a number and a currency,
and written for a reader of another UN language ("270,000,000 US dollars"), who cannot read 万 and 亿. The currencies'
names are data (rag/lang/data/currencies.tsv)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DATA_PATH = Path(__file__).parent / "data" / "currencies.tsv"
LANGUAGES = ("zh", "en", "fr", "es", "ru", "ar")
MAGNITUDES = {"千": 10**3, "万": 10**4, "亿": 10**8}
# How each language groups thousands and marks decimals (UN editorial usage: 1,000.5; 1 000,5; 1.000,5).
SEPARATORS = {"en": (",", "."), "ar": (",", "."), "fr": ("\u00a0", ","), "ru": ("\u00a0", ","), "es": (".", ",")}


@dataclass(frozen=True)
class Amount:
    """An amount a text writes with a Chinese magnitude or currency word."""

    text: str  # as written: "2.7亿美元"
    value: Decimal
    currency: str  # the Chinese word for it, "" for none ("3 万人" counts people)


@functools.cache
def _currencies() -> dict[str, dict[str, str]]:
    """Each Chinese currency word and its names by language."""
    rows = (line.split("\t") for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line[:1] != "#")
    return {row[0]: dict(zip(LANGUAGES, (c.strip() for c in row), strict=True)) for row in rows if len(row) == 6}


@functools.cache
def _pattern() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _currencies()), key=len, reverse=True))
    # "3 800 万美元", "4 206 740 美元": Chinese UN documents group thousands with a space
    number = r"\d{1,3}(?:[ \u00a0,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return re.compile(rf"(?<![\d.,])({number})\s*([千万亿]*)\s*({words})?")


def find(text: str) -> list[Amount]:
    """The amounts a text writes with a magnitude word (万, 亿) or a currency word, in order."""
    found = []
    for match in _pattern().finditer(text):
        digits, magnitude, currency = match.group(1), match.group(2), match.group(3) or ""
        if not magnitude and not currency:
            continue
        value = Decimal(re.sub(r"[ \u00a0,]", "", digits))
        for word in magnitude:
            value *= MAGNITUDES[word]
        found.append(Amount(match.group().strip(), value, currency))
    return found


def written(amount: Amount, language: str) -> str:
    """The amount in a language's digits and words: "270,000,000 US dollars", "6\u00a0280\u00a0000 euros"."""
    group, point = SEPARATORS.get(language, SEPARATORS["en"])
    whole, _, fraction = f"{amount.value.normalize():f}".partition(".")
    digits = f"{int(whole):,}".replace(",", group) + (f"{point}{fraction}" if fraction else "")
    name = _currencies().get(amount.currency, {}).get(language, "") if amount.currency else ""
    return f"{digits} {name}".strip()


def glossed(quote: str, language: str) -> str:
    """What a quote's amounts come to, for a reader of `language` ("2.7亿美元 = 270,000,000 US dollars"); "" when it
    writes none the Chinese way, or the reader reads Chinese."""
    if language == "zh":
        return ""
    return "; ".join(f"{a.text} = {written(a, language)}" for a in find(quote))
