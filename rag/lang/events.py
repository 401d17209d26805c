"""The events a question asks the date of ("when was it ratified?", "哪一年加入…？", "متى صادقت…؟") and the words a
text dates them with: each language's `events` table (rag/lang/data/lexicon/<language>.yaml) maps an event to its
words; a word ending in `*` takes any ending. A report in any language is read with every language's words, as a
question is."""

from __future__ import annotations

import re
from functools import cache

from rag.core.text import fold, is_cjk
from rag.lang.lexicon import UN_LANGUAGES, table


def _word_pattern(word: str) -> str:
    """A word's pattern in folded text: whole words, a part ending in `*` with any ending ("вступ* в силу")."""
    parts = [re.escape(part.rstrip("*")) + (r"\w*" if part.endswith("*") else "") for part in fold(word).split()]
    body = r"\s+".join(parts)
    return body if is_cjk(word[0]) else rf"(?<!\w){body}(?!\w)"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Each event with one pattern of every language's words for it."""
    words: dict[str, list[str]] = {}
    for language in UN_LANGUAGES:
        for event, forms in (table(language).get("events") or {}).items():
            words.setdefault(str(event), []).extend(str(form) for form in forms)
    return {
        event: re.compile("|".join(sorted((_word_pattern(f) for f in forms), key=len, reverse=True)))
        for event, forms in words.items()
    }


def named(text: str) -> frozenset[str]:
    """The events a text names ("ratified" -> ratify, "成立" -> found)."""
    folded = fold(text)
    return frozenset(event for event, pattern in _patterns().items() if pattern.search(folded))


def names_one(text: str, events: frozenset[str]) -> bool:
    """Whether a text names one of `events` in any language's words."""
    folded = fold(text)
    return any(_patterns()[event].search(folded) for event in events)
