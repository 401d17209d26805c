"""Small multilingual vocabularies of UN report layout: language names, month names, section words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from rag.core.text import fold
from rag.lang import cues

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DATA_DIR = Path(__file__).parent / "data" / "lexicon"

# The order the languages' words are read in (a language's names of one UN language keep this order).
_SOURCE_ORDER = ("zh", "en", "fr", "es", "ru", "ar")


@cache
def table(language: str) -> dict[str, Any]:
    """One language's report-layout words (rag/lang/data/lexicon/<language>.yaml); {} without a file."""
    path = DATA_DIR / f"{language}.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def language_names(code: str) -> tuple[str, ...]:
    """Every language's words for UN language `code` ("[原件：英文]", "[Original: French]", ...)."""
    return tuple(w for source in _SOURCE_ORDER for w in table(source).get("language_names", {}).get(code, ()))


def language_word_spans(text: str, codes: Sequence[str]) -> list[tuple[int, int]]:
    """Where a text names the UN languages `codes` in any language's words ("en ruso", "in Russian", 俄文)."""
    words = sorted({w for code in codes for w in language_names(code)}, key=len, reverse=True)
    return [m.span() for w in words for m in re.finditer(re.escape(w), text, re.I)]


def measure_words(language: str) -> str:
    """The characters a language writes counts with after the number ("个", "份", "票"); "" where it has none."""
    return str(table(language).get("measure_words", ""))


def measures_of_things(language: str) -> str:
    """The measure words of a language that count things, never states, bodies or people ("项", "次")."""
    return str(table(language).get("measures_of_things", ""))


def measure_word_kin(language: str, measure: str) -> str:
    """The measure words that count what `measure` counts, itself included ("起" -> "起次件宗例")."""
    return next((kin for kin in table(language).get("measure_word_kin", ()) if measure in kin), measure)


def with_doctrine_kin(forms: Sequence[str], language: str = "zh") -> tuple[str, ...]:
    """Forms with those naming the same doctrine's followers or the doctrine itself ("恐怖主义" -> "恐怖分子", …),
    by the language's `doctrine_kin` endings; the stem must keep two characters."""
    endings = sorted(table(language).get("doctrine_kin", ()), key=len, reverse=True)
    out = list(forms)
    for form in forms:
        ending = next((e for e in endings if form.endswith(e) and len(form) - len(e) >= 2), None)
        if ending is not None:
            out += [form[: -len(ending)] + other for other in endings if other != ending]
    return tuple(dict.fromkeys(out))


def counted_measure(word: str) -> str | None:
    """The Chinese measure word that counts what a word of another language names ("people" -> 名), from each
    language's `counted` table; None for a word no table has."""
    folded = fold(word)
    forms = (folded, folded[2:]) if folded.startswith("ال") else (folded,)  # الأشخاص: the article, then the noun
    for language in UN_LANGUAGES:
        for measure, starts in (table(language).get("counted") or {}).items():
            if any(form.startswith(fold(start)) for form in forms for start in starts):
                return str(measure)
    return None


def month_names(language: str) -> dict[str, int]:
    """A language's month names as written, with their number (1-12), other spellings included."""
    months = {name: number for number, name in enumerate(table(language).get("months", ()), start=1)}
    return months | dict(table(language).get("month_variants", {}))


_LANGUAGE_WORDS: dict[str, tuple[str, ...]] = {code: language_names(code) for code in UN_LANGUAGES}
_LANGUAGE_BY_WORD = {fold(word): code for code, words in _LANGUAGE_WORDS.items() for word in words} | {
    # "[Подлинный текст на английском языке]" names the language in the prepositional case
    fold(word): code
    for source in _SOURCE_ORDER
    for code, word in table(source).get("language_names_prepositional", {}).items()
}


_LANGUAGE_SEPARATORS = re.compile(r"\s*(?:和|及|与|、|,|/|\band\b|\bet\b|\by\b|\bи\b|و)\s*")


def language_code(word: str) -> str | None:
    """ISO 639-1 code for a language as a report names it, or None when unknown. A reply submitted in
    several languages ("英文和法文", "English and French") gets the first one named."""
    return next(iter(language_codes(word)), None)


def language_codes(word: str) -> tuple[str, ...]:
    """The ISO 639-1 codes of every language a report names ("英文和法文": en, fr), known ones only."""
    parts = _LANGUAGE_SEPARATORS.split(word.strip().strip("."))
    return tuple(dict.fromkeys(code for part in parts if (code := _LANGUAGE_BY_WORD.get(fold(part)))))


# "replied in Spanish", "en russe", "en español", "на русском языке", "以西班牙文", "用俄文提交", "باللغة العربية":
# each language's reply_in_language template, tried in this order.
_IN_LANGUAGE_ORDER = ("en", "fr", "es", "ru", "zh", "ar")


def _language_words(pattern_language: str, code: str) -> list[str]:
    """The names of one language as a question in `pattern_language` writes them after its preposition."""
    if pattern_language == "ru":
        return [table("ru")["language_names_prepositional"][code]]
    if pattern_language == "zh":
        return [w for w in _LANGUAGE_WORDS[code] if w[0] >= "\u4e00"]
    if pattern_language == "ar":
        return [w for w in _LANGUAGE_WORDS[code] if "\u0600" <= w[0] <= "\u06ff"]
    return [w for w in _LANGUAGE_WORDS[code] if w.isascii() or not w[0] >= "\u0400"]


def _reply_language_patterns() -> list[tuple[str, re.Pattern[str], bool]]:
    """Each language's patterns for a language said of replies (code, pattern, whether it says "other than" it)."""
    patterns = []
    for pattern_language in _IN_LANGUAGE_ORDER:
        own = table(pattern_language)
        templates = [(own["reply_in_language"], False)] + [(t, True) for t in own.get("reply_in_other_language", ())]
        for code in UN_LANGUAGES:
            words = "|".join(re.escape(fold(w)) for w in _language_words(pattern_language, code))
            patterns += [(code, re.compile(template.format(words=words)), other) for template, other in templates]
        adverb = own.get("reply_in_language_adverb")  # "по-русски"
        for code, word in own.get("language_adverbs", {}).items() if adverb else ():
            patterns.append((code, re.compile(str(adverb).format(words=re.escape(fold(word)))), False))
    return patterns


_REPLY_LANGUAGE_PATTERNS = _reply_language_patterns()


_LANGUAGE_FRAME = cues.pattern("language_frame")
# "not", "pas", "не" right before a language said of replies
_NOT_IN_LANGUAGE = re.compile(
    "|".join(fold(str(f)) for language in _IN_LANGUAGE_ORDER if (f := table(language).get("reply_language_negation")))
)
# "in Russian or Arabic", "на русском или арабском языке", "用俄文或阿拉伯文": languages joined to one said of replies.
# The words for "and" and "or" (cue families and_word, or_word), folded as the text they are matched in is.
_JOINED_LANGUAGE = re.compile(
    r"\s*(?:,|{}|{})\s*(?:ال)?({})".format(
        fold(cues.alternation("and_word")),
        fold(cues.alternation("or_word")),
        "|".join(re.escape(w) for w in sorted(_LANGUAGE_BY_WORD, key=len, reverse=True)),
    )
)


EACH_LANGUAGE = cues.pattern("each_language")  # "both in English and in French", 既用英文又用法文


def in_each_language(text: str) -> bool:
    """Whether a question naming two reply languages or more asks for replies written in each ("soumise à la fois
    en anglais et en français", 既用英文又用法文), not in any of them."""
    return len(reply_languages(text)) > 1 and EACH_LANGUAGE.search(text) is not None


def reply_languages(text: str) -> tuple[str, ...]:
    """Languages a question says replies were written in ("which states replied in Russian or Arabic?"); the other
    UN languages when it says replies were not written in them ("кто прислал ответ не на испанском языке", "in a
    language other than Arabic")."""
    folded = fold(text)
    codes: list[str] = []
    negated: list[str] = []
    others = [m.span(1) for _, pattern, other in _REPLY_LANGUAGE_PATTERNS if other for m in pattern.finditer(folded)]
    for code, pattern, other in _REPLY_LANGUAGE_PATTERNS:
        for match in pattern.finditer(folded):
            if not other and match.span(1) in others:
                continue  # "用阿拉伯文以外的语言": not in Arabic
            said = negated if other or _NOT_IN_LANGUAGE.search(_without_frame(folded[: match.start()])) else codes
            said.append(code)
            end = match.end(1)
            while joined := _JOINED_LANGUAGE.match(folded, end):
                said.append(_LANGUAGE_BY_WORD[joined.group(1)])
                end = joined.end()
    if negated and not codes:
        return tuple(code for code in UN_LANGUAGES if code not in negated)
    return tuple(dict.fromkeys(codes))


_LAST_WORD = re.compile(r"(\S+)\s*$")
_FRAME_FOLDED = re.compile(fold(cues.alternation("language_frame")), re.I)  # matched in folded text
COPULA_LETTERS = 6  # a short word before the words saying how a reply is written is its verb ("fueron", "sont")


def _without_frame(before: str) -> str:
    """The text before a language said of replies without the words saying how they are written, nor the short verb
    before those ("not written", "no fueron redactadas", "ne sont pas rédigées": the negation is then last)."""
    stripped = before
    while (last := _LAST_WORD.search(stripped)) is not None and _FRAME_FOLDED.fullmatch(last.group(1)):
        stripped = stripped[: last.start()]
    last = _LAST_WORD.search(stripped) if stripped != before else None
    if last is not None and len(last.group(1)) <= COPULA_LETTERS and not _NOT_IN_LANGUAGE.search(stripped):
        stripped = stripped[: last.start()]
    return stripped


def reply_language_spans(text: str) -> list[tuple[int, int]]:
    """Where a question says replies were written in a language ("redactadas en español", "на русском языке",
    "以西班牙文"), and where it names the languages so said in any other words ("или арабском")."""
    folded = fold(text)
    codes = reply_languages(text)
    said = [m.span() for _, pattern, _ in _REPLY_LANGUAGE_PATTERNS for m in pattern.finditer(folded)]
    # the negation right before it is part of it ("不是用阿拉伯文", "not in Spanish"): no topic
    said = [(n.start() if (n := _NOT_IN_LANGUAGE.search(folded, 0, start)) else start, end) for start, end in said]
    if len(folded) != len(text):  # folding changed the offsets: the language words alone
        said = []
    framing = [m.span() for m in _LANGUAGE_FRAME.finditer(text)]  # "written", "originally", 原文, في الأصل
    return said + language_word_spans(text, codes) + framing


# Month names of the date line of a reply (rag/lang/data/lexicon/<lang>.yaml), folded.
_MONTHS = {
    fold(name): number for language in ("en", "fr", "es", "ru", "ar") for name, number in month_names(language).items()
}

_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# "19 May 2022", "1er juin 2022", "19 de mayo de 2022", "19 мая 2022 г.", "19 أيار/مايو 2022",
# "3 كانون الثاني/يناير 2022"
_LATIN_DATE = re.compile(r"(\d{1,2})(?:er)?\s+(?:de\s+)?([^\W\d_][^\d\[\]]{0,30}?)\s+(?:de\s+)?(\d{4})")
_EN_US_DATE = re.compile(r"([^\W\d_]+)\s+(\d{1,2}),?\s+(\d{4})")


def parse_date(text: str) -> str | None:
    """ISO date from the date line of a reply ("2022 年 5 月 19 日", "19 May 2022", "19 de mayo de 2022")."""
    if match := _ZH_DATE.search(text):
        year, month, day = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    if (match := _LATIN_DATE.search(text)) and (number := _MONTHS.get(fold(match.group(2)))):
        return f"{int(match.group(3)):04d}-{number:02d}-{int(match.group(1)):02d}"
    if (match := _EN_US_DATE.search(text)) and (number := _MONTHS.get(fold(match.group(1)))):
        return f"{int(match.group(3)):04d}-{number:02d}-{int(match.group(2)):02d}"
    return None


# Words in the heading of a part of a report that say who replies in it (rag/lang/data/cues/<lang>.yaml).
ORGANIZATION_PART = cues.pattern("part_organization")
STATE_PART = cues.pattern("part_state")
# Words that make an unknown respondent name look like an organization rather than a state.
ORGANIZATION_NAME = cues.pattern("organization_name")
# "从欧洲联盟收到的答复", "Reply received from the European Union", "Réponse reçue de l'Union européenne".
REPLY_FROM = cues.pattern("reply_from")


# --- layout: how a report in each language marks its structure (the `layout` mapping of each data file) -------

LAYOUT_KEYS = {
    "original": "inside the brackets of the line giving a reply's original language, capturing (?P<lang>)",
    "major_heading": "the number of a part heading before its title, capturing (?P<num>)",
    "letter_heading": "the letter of a lettered heading before its title, capturing (?P<num>)",
    "item": "the marker of a lettered or Roman-numbered item of a paragraph, capturing (?P<item>)",
}


@cache
def layout(key: str) -> tuple[str, ...]:
    """The regex fragments of one layout family in every language, each once, in the languages' source order;
    the parser anchors them. Fragments of one language may share a group name, so each is compiled alone."""
    if key not in LAYOUT_KEYS:
        raise KeyError(key)
    found = (fragment for source in _SOURCE_ORDER for fragment in table(source).get("layout", {}).get(key, ()))
    return tuple(dict.fromkeys(found))


@cache
def heading_letters() -> tuple[tuple[str, ...], ...]:
    """Each language's sequence of heading letters (A, B, C…; А, Б, В…; ألف, باء, جيم…), each once."""
    sequences = (tuple(table(source).get("layout", {}).get("letters", ())) for source in _SOURCE_ORDER)
    return tuple(dict.fromkeys(s for s in sequences if s))


def next_letter(letter: str) -> str | None:
    """The heading letter after `letter` in its own sequence; None after the last or for an unknown one."""
    for letters in heading_letters():
        if letter in letters:
            position = letters.index(letter)
            return letters[position + 1] if position + 1 < len(letters) else None
    return None


def first_letter(letter: str) -> bool:
    """Whether `letter` opens a sequence of heading letters ("A", "А", "ألف")."""
    return any(letters[0] == letter for letters in heading_letters())


def ordinal_counter(question: str) -> str | None:
    """The Chinese counter an ordinal in a question stands before, by its word for what is counted ("the 75th
    session": 届, "the 40th anniversary": 周年), from each language's `ordinal_counters`; None when it names none."""
    folded = fold(question)
    return next((counter for counter, word in _counted_words() if word in folded), None)


@cache
def _counted_words() -> tuple[tuple[str, str], ...]:
    """Every language's words for what an ordinal counts, folded, with the Chinese counter, in source order."""
    return tuple(
        (str(counter), fold(str(word)))
        for language in _SOURCE_ORDER
        for counter, words in (table(language).get("ordinal_counters") or {}).items()
        for word in words
    )
