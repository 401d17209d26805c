"""Which UN language a text is in: its script, and for Latin script its function words."""

from __future__ import annotations

import re

from rag.core.text import cjk_ratio
from rag.lang import stopwords

# rag/lang/data/function_words/<lang>.txt
_FRENCH = stopwords.read("function_words", "fr")
_SPANISH = stopwords.read("function_words", "es")
_ENGLISH = stopwords.read("function_words", "en")


# Below this many function words (an accent or an apostrophe count two), a short Latin-script text's language is a
# guess ("Et Cuba ?", "And Japan?": SHORT words at most); with none at all, any text's is.
SURE = 2
SHORT = 3
_NAME = re.compile(r"(?<=[^\W\d_] )[A-ZÀ-Þ][^\W\d_]*")  # a capitalised word after another word: a name


def detect_language(text: str, fallback: str | None = None) -> str:
    """The text's UN language, from its script and, for Latin script, its function words; when those are too few to
    tell in a short text ("Et Cuba ?", "And Japan?") or there are none, `fallback` (the language of the conversation)
    where given, else the best guess ("en" when there is none). "Does Norway support 76/234?" is English."""
    if cjk_ratio(text) > 0.3:
        return "zh"
    letters = [c for c in text if c.isalpha()]
    if letters:
        cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
        arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
        if cyrillic / len(letters) > 0.3:
            return "ru"
        if arabic / len(letters) > 0.3:
            return "ar"
    if "¿" in text or "¡" in text:  # marks only Spanish writes
        return "es"
    words = re.findall(r"[^\W\d_]+", text.lower())
    # A name's accents are its own language's ("Qu'a proposé Lucía Dammert ?" is French): capitalised words after
    # the first are not read for them.
    common = _NAME.sub(" ", text).lower()
    scores = {
        "en": sum(w in _ENGLISH for w in words),
        "fr": sum(w in _FRENCH for w in words) + 2 * bool(re.search(r"[èêëàâîïôûùçœ]|\b(?:[dlqjnst]|qu)['’]", common)),
        "es": sum(w in _SPANISH for w in words) + 2 * bool(re.search(r"[ñ¿¡áíóú]|ción\b", common)),
    }
    best = max(scores, key=lambda lang: scores[lang])
    if fallback is not None and (scores[best] == 0 or (scores[best] < SURE and len(words) <= SHORT)):
        return fallback
    return best if scores[best] > 0 else "en"
