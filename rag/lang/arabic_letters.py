"""Arabic words read in Latin letters, for finding a person an Arabic question names among the Chinese renderings of
the reports (rag/lang/persons.py): the letters' table is rag/lang/data/arabic_letters.tsv."""

from __future__ import annotations

import functools
from pathlib import Path

DATA_PATH = Path(__file__).parent / "data" / "arabic_letters.tsv"
_ALIF = "اأآٱ"
_DIGRAPH_STARTS = frozenset({"tz", "ts", "sh", "kh", "zh", "ch", "ph", "th", "gh", "ck", "dh"})
_WEAK = {"و": ("w", "u"), "ي": ("y", "i")}  # a consonant, else a long vowel


@functools.cache
def _letters() -> dict[str, str]:
    rows = (line.split("\t") for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line[:1] != "#")
    return {letter: latin.strip() for letter, latin in rows}


def is_arabic(c: str) -> bool:
    """Whether a character is an Arabic letter (of the table)."""
    return c in _letters() or c in _WEAK


def romanize(word: str) -> str:
    """An Arabic word in lower-case Latin letters ("ناتاليغاوا" -> natalighawa, "لويس" -> luis); letters outside the
    table are dropped. و and ي are consonants at a word's start or beside alif, else vowels."""
    letters, out = _letters(), ""
    for i, c in enumerate(word):
        if c in _WEAK:
            beside_alif = (i > 0 and word[i - 1] in _ALIF) or word[i + 1 : i + 2] in tuple(_ALIF)
            part = _WEAK[c][0] if i == 0 or beside_alif else _WEAK[c][1]
        else:
            part = letters.get(c, "")
        # two letters are two sounds: t then z is no "tz" (معتز), s then h no "sh"; a vowel keeps them apart
        out += ("a" if part and (out[-1:] + part[:1]) in _DIGRAPH_STARTS else "") + part
    return out
