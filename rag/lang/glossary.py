"""UN disarmament terminology glossary: find en/fr/es/ru (ar) terms in a query and give their UN Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import cast

from rag.core.text import fold_keep_short_i
from rag.lang import ellipsis, stopwords

DEFAULT_PATH = Path(__file__).parent / "data" / "glossary.tsv"
DEFAULT_LANGS = ("en", "fr", "es", "ru", "ar")  # tried, in this order of preference, when lang is None

# A word: letters/digits plus any combining marks inside it (so a decomposed "é" does not split a word).
# Apostrophes, hyphens, dots and spaces all separate words: "d'armes" -> d|armes, "non-proliferation" ->
# non|proliferation (a hyphenated glossary form also gets a joined variant, "nonproliferation").
_MARKS = "\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670"
_WORD_RE = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")


# --- Light stemmers. Each maps a folded word to a key; a query word matches a glossary word when their keys
# are equal, i.e. both are the same stem plus one of the short inflectional endings the stemmer removes.


def _stem_en(w: str) -> str:
    """Plural -s/-es/-ies removed; British spellings (-our, -isation, -ence after c/f, -amme) -> American."""
    n = len(w)
    if n > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif n > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif n > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("our"):
        w = w[:-3] + "or"
    elif len(w) > 5 and w.endswith("ence") and w[-5] in "cf":
        w = w[:-4] + "ense"
    elif w.endswith("amme"):
        w = w[:-2]
    return w.replace("isation", "ization")


_FR_FUNCTION_WORDS = {"la": "le", "les": "le", "l": "le", "des": "de", "du": "de", "d": "de", "aux": "au"}


def _stem_fr(w: str) -> str:
    """Plural -s/-x, -aux -> -al; feminine -e/-ve/-euse/-elle/-enne/-ette removed; articles merged."""
    if w in _FR_FUNCTION_WORDS:
        return _FR_FUNCTION_WORDS[w]
    if len(w) > 4 and w.endswith("aux"):
        w = w[:-3] + "al"
    elif len(w) > 3 and w[-1] in "sx":
        w = w[:-1]
    if len(w) > 4 and w.endswith("ive"):
        return w[:-3] + "if"
    if len(w) > 4 and w.endswith("euse"):
        return w[:-2]
    if len(w) > 4 and w.endswith(("elle", "enne", "ette")):
        return w[:-2]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


_ES_FUNCTION_WORDS = {"la": "el", "los": "el", "las": "el", "lo": "el"}


def _stem_es(w: str) -> str:
    """Plural -s/-es and gender/number vowel -o/-a/-e removed; articles merged. A stem ending in s loses it, as
    its singular does (países -> pais -> pai, as país; intereses as interés)."""
    if w in _ES_FUNCTION_WORDS:
        return _ES_FUNCTION_WORDS[w]
    if len(w) > 4 and w.endswith("es") and w[-3] not in "aeiou":
        w = w[:-2]
        w = w[:-1] if len(w) > 3 and w.endswith("s") else w
    elif len(w) > 3 and w.endswith("s"):
        w = w[:-1]
    return w[:-1] if len(w) > 3 and w[-1] in "aoe" else w


# Russian: strip the reflexive -ся/-сь, then the longest case/number/gender ending of nouns and adjectives,
# always leaving a stem of at least 3 letters ("экспортного контроля" ~ "экспортный контроль").
_RU_ENDINGS = tuple(
    sorted(
        "иями ями ами иях ием ией ыми ими ого его ому ему ая яя ое ее ые ие ый ий ой ей ую юю ых их ым им "
        "ом ем ам ям ах ях ов ев ью ия ии ию а я о е ы и у ю ь й".split(),
        key=len,
        reverse=True,
    )
)


def _stem_ru(w: str) -> str:
    if len(w) > 5 and w.endswith(("ся", "сь")):
        w = w[:-2]
    for ending in _RU_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


def _stem_ar(w: str) -> str:
    """Arabic: drop the article/conjunction prefixes and the commonest plural/feminine suffixes."""
    for prefix in ("وال", "بال", "لل", "ال"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            w = w[len(prefix) :]
            break
    for suffix in ("ات", "ون", "ين", "ة", "ه"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


# Function words of en/fr/es (folded). When the language is not given, a lone word that is one of these is not
# matched as a one-word term of some language ("for" is not Spanish "foro", "but" not French "but"). Arabic
# particles never are, the language given or not: stemmed, short words come close to terms (إلى ~ آلية).
_STOPWORDS = stopwords.words("glossary_stopwords", ("en", "fr", "es"))  # rag/lang/data/glossary_stopwords/
_AR_STOPWORDS = frozenset(fold_keep_short_i(w) for w in stopwords.words("glossary_stopwords", ("ar",)))

_STEMMERS: dict[str, Callable[[str], str]] = {"en": _stem_en, "fr": _stem_fr, "es": _stem_es, "ru": _stem_ru}
_STEMMERS["ar"] = _stem_ar


# Arabic proclitics written onto the next word without the article: بمعاهدة (with a treaty), ولجنة, فبرنامج.
_AR_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# Pronouns written onto a noun: its, their, your, our (قوانينها, أسلحتهم).
_AR_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا")
AR_PRONOUN_STEM = 4  # letters, at least, of the noun a pronoun is written onto (not هنا, "here")
# The indefinite accusative as written with its mark (tanwin fath) on or before its alif: قانوناً, وطنيًا.
_AR_ACCUSATIVE = ("\u0627\u064b", "\u064b\u0627")


@cache
def _unstemmed(lang: str) -> frozenset[str]:
    return frozenset(fold_keep_short_i(w) for w in stopwords.read("unstemmed", lang))


@lru_cache(maxsize=1 << 16)
def _query_keys(word: str, lang: str) -> tuple[str, ...]:
    """Keys a query word can match: its stem, and its whole folded form as an acronym ("=wmd"); an Arabic word
    also without a proclitic (بمعاهدة ~ معاهدة)."""
    folded = fold_keep_short_i(word)
    if folded in _unstemmed(lang):  # "junto" (together): not the stem of "junta" (board)
        return ("=" + folded,)
    keys: tuple[str, ...] = (_STEMMERS.get(lang, str)(folded), "=" + folded)
    if lang == "ar":
        # Three letters left after a conjunction (وخطة: and a plan, ونقل, ودعم), four after a preposition (لطلب,
        # "for a request", is no call to act).
        bare = [
            folded[len(p) :]
            for p in _AR_PROCLITICS
            if folded.startswith(p) and len(folded) - len(p) >= (3 if p in ("و", "ف") else 4)
        ]
        keys += tuple(_stem_ar(b) for b in bare[:1])
        if word.endswith(_AR_ACCUSATIVE) and len(folded) > 4:  # قانوناً, "a law" (object): the word is قانون
            keys += (_stem_ar(folded[:-1]),)
        # A pronoun written onto a noun (قوانينها, "its laws"), which then has no article: the noun is قوانين.
        suffix = next((s for s in _AR_PRONOUNS if folded.endswith(s)), "")
        if suffix and not folded.startswith("ال") and len(folded) - len(suffix) >= AR_PRONOUN_STEM:
            keys += (_stem_ar(folded[: -len(suffix)]),)
    return keys


def _term_paths(variant: str, lang: str) -> list[tuple[str, ...]]:
    """Key sequences for one glossary form: words split at hyphens, plus the hyphen-joined spelling."""
    stem = _STEMMERS.get(lang, str)  # a language without a stemmer is matched on whole (folded) words
    words: list[str] = []
    joined: list[str] = []
    last_end = 0
    for m in _WORD_RE.finditer(variant):
        raw = m.group()
        # Acronyms (WMD, ДНЯО) are matched whole, in any case, never stemmed; other words by stem.
        # Words whose stem is another word's (rag/lang/data/unstemmed/) are matched whole, as in a query.
        folded = fold_keep_short_i(raw)
        whole = (len(raw) > 1 and raw.isupper()) or folded in _unstemmed(lang)
        key = "=" + folded if whole else stem(folded)
        if joined and variant[last_end : m.start()] in _HYPHENS:
            joined[-1] += fold_keep_short_i(raw)
        else:
            joined.append(fold_keep_short_i(raw))
        words.append(key)
        last_end = m.end()
    paths = [tuple(words)] if words else []
    if len(joined) < len(words):
        paths.append(tuple(stem(w) for w in joined))
    return paths


# "Treaty of Pelindaba" is as often "the Pelindaba Treaty": a one-word head "of" a name is also matched reversed.
_EN_HEAD_OF_NAME = re.compile(r"^(?:the\s+)?([A-Z][a-z]+) of (?:the\s+)?([A-Z][\w'-]+)$")


def _spellings(variant: str, lang: str) -> tuple[str, ...]:
    """A glossary form and the other order English writes it in ("Pelindaba Treaty" for "Treaty of Pelindaba")."""
    if lang == "en" and (m := _EN_HEAD_OF_NAME.match(variant)):
        return (variant, f"{m.group(2)} {m.group(1)}")
    return (variant,)


@dataclass(frozen=True)
class Term:
    zh: tuple[str, ...]  # UN Chinese renderings, preferred first
    forms: Mapping[str, tuple[str, ...]] = field(hash=False)  # lang -> variants, preferred first (read-only)
    source: str

    @property
    def renderings(self) -> tuple[str, ...]:
        """Every form of the term: the Chinese, then each other language's."""
        return (*self.zh, *(form for forms in self.forms.values() for form in forms))


@dataclass(frozen=True)
class GlossaryMatch:
    lang: str  # language of the matched source text
    text: str  # the matched text as written in the query
    start: int
    end: int
    term: Term


COMPOUND_PART = 2  # Chinese characters, at least, of each part of a word read as a term and the rest


class _Node:
    __slots__ = ("children", "term")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.term: Term | None = None


class Glossary:
    """Terms from a TSV (zh, en, fr, es, ru[, ar], source), indexed as one word-key trie per language."""

    def __init__(self, terms: list[Term]) -> None:
        self._terms = tuple(terms)
        self._tries: dict[str, _Node] = {}
        self._zh: dict[str, list[tuple[str, Term]]] = {}  # first character -> (variant, term), longest first
        for term in self._terms:
            for lang, variants in term.forms.items():
                root = self._tries.setdefault(lang, _Node())
                for variant in (s for v in variants for s in _spellings(v, lang)):
                    for path in _term_paths(variant, lang):
                        node = root
                        for key in path:
                            node = node.children.setdefault(key, _Node())
                        if node.term is None:  # on a clash the earlier row wins
                            node.term = term
            for zh in term.zh:
                self._zh.setdefault(zh[0], []).append((zh, term))
        for bucket in self._zh.values():
            bucket.sort(key=lambda item: -len(item[0]))
        self._default_langs = tuple(lang for lang in DEFAULT_LANGS if lang in self._tries)
        # The Arabic particles a term's own form starts with (لا رجعة فيه).
        self._ar_openers = frozenset(
            fold_keep_short_i(m.group())
            for t in self._terms
            for f in t.forms.get("ar", ())
            if (m := _WORD_RE.search(f))
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Glossary:
        lines = (path or DEFAULT_PATH).read_text(encoding="utf-8").splitlines()
        rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
        if not rows or rows[0][0].strip() != "zh":
            raise ValueError(f"{path or DEFAULT_PATH}: missing header line starting with 'zh'")
        header = [cell.strip() for cell in rows[0]]
        terms = []
        for cells in rows[1:]:
            record = dict(zip(header, (cell.strip() for cell in cells), strict=False))
            split = {col: tuple(v.strip() for v in val.split("|") if v.strip()) for col, val in record.items()}
            forms = {col: vals for col, vals in split.items() if col not in ("zh", "source") and vals}
            terms.append(Term(split.get("zh", ()), MappingProxyType(forms), record.get("source", "")))
        return cls(terms)

    def __len__(self) -> int:
        return len(self._terms)

    @property
    def terms(self) -> tuple[Term, ...]:
        return self._terms

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(self._tries)

    def match(self, text: str, lang: str | None = None, prefer: str | None = None) -> list[GlossaryMatch]:
        """Glossary terms in `text`, without overlaps, chosen longest first and returned in text order.

        Words are compared case- and accent-insensitively on their stems (see the `_stem_*` functions), so
        plurals, gender and Russian case endings match; hyphens and apostrophes separate words, and a
        hyphenated form also matches written solid. A match covers whole, consecutive words: nothing inside
        a longer word, no skipped words. lang None tries en, fr, es, ru (and ar), skipping one-word matches
        of common en/fr/es function words, the `prefer`red language first where matches tie ("país" is Spanish for
        country before it is a French stem of "paix"); "zh" matches the Chinese variants as substrings.
        """
        langs = self._default_langs if lang is None else (lang.lower(),)
        if lang is None and prefer in langs:
            langs = (prefer, *(lg for lg in langs if lg != prefer))
        words = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
        folded = [fold_keep_short_i(w) for _, _, w in words]
        # a word that may start a term: no Arabic particle, unless some term's own form starts with it
        opens = [f not in _AR_STOPWORDS or f in self._ar_openers for f in folded]
        lone_ok = [(lang is not None or f not in _STOPWORDS) and f not in _AR_STOPWORDS for f in folded]
        # (-length, start, lang rank, lang, term, end): a term written once for two words ("chemical or biological
        # weapons") is found at the word standing for it, ranked by its whole length (lang/ellipsis.py)
        found: list[tuple[int, int, int, str, Term, int]] = []
        for rank, lg in enumerate(langs):
            if lg == "zh":
                found.extend((-(e - s), s, rank, lg, t, e) for s, e, t in self._zh_spans(text))
                continue
            root = self._tries.get(lg)
            if root is None:
                continue
            keys = [_query_keys(w, lg) for _, _, w in words]
            shared = ellipsis.elided(root, text, words, keys, lg)
            found.extend((-x.length, x.start, rank, lg, cast(Term, x.term), x.end) for x in shared)
            for i in range(len(words)):
                if not opens[i]:
                    continue  # إلى الأمين العام is not آلية الأمين العام
                frontier = [root]
                j = i
                while frontier and j < len(words):
                    step = []
                    for node in frontier:
                        for key in keys[j]:
                            child = node.children.get(key)
                            if child is not None:
                                step.append(child)
                                if child.term is not None and (j > i or lone_ok[i]):
                                    start, end = words[i][0], words[j][1]
                                    found.append((start - end, start, rank, lg, child.term, end))
                    frontier = step
                    j += 1
        found.sort(key=lambda c: c[:3])
        taken = bytearray(len(text))
        chosen = []
        for _, start, _, lg, term, end in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\1" * (end - start)
                chosen.append(GlossaryMatch(lang=lg, text=text[start:end], start=start, end=end, term=term))
        chosen.sort(key=lambda m: m.start)
        return chosen

    def zh_synonyms(self, word: str) -> tuple[str, ...]:
        """`word` and the other Chinese forms of the terms it is a Chinese form of (不结盟运动, 不结盟国家运动)."""
        forms = (t.zh for v, t in self._zh.get(word[:1], ()) if v == word)
        return tuple(dict.fromkeys((word, *(f for zh in forms for f in zh))))

    def zh_compound_synonyms(self, word: str) -> tuple[str, ...]:
        """zh_synonyms, and for a word that opens or ends with a term of other Chinese forms, the word with that term
        in each of them: 科技脱钩 is also 技术脱钩 (the other part is kept as written, two characters at least)."""
        found = list(self.zh_synonyms(word))
        for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            found += [f + tail for f in self.zh_synonyms(head)[1:]]
            found += [head + f for f in self.zh_synonyms(tail)[1:]]
        return tuple(dict.fromkeys(found))

    def elided_zh(self, text: str) -> list[GlossaryMatch]:
        """The terms Chinese text writes once for several modifiers (核、化学或生物武器: 核武器 at 核, 化学武器 at
        化学), at the modifier standing for each; not the term written whole."""
        shared = ellipsis.elided_zh(text, list(self._zh_spans(text)), self._zh_form)
        return [GlossaryMatch("zh", text[x.start : x.end], x.start, x.end, cast(Term, x.term)) for x in shared]

    def zh_terms(self, text: str) -> list[GlossaryMatch]:
        """The terms Chinese text writes (外交部门, 大使), the longest first where they overlap, in text order."""
        spans = sorted(self._zh_spans(text), key=lambda x: (x[0], x[0] - x[1]))
        found: list[GlossaryMatch] = []
        for start, end, term in spans:
            if not found or start >= found[-1].end:
                found.append(GlossaryMatch("zh", text[start:end], start, end, term))
        return found

    def is_zh_form(self, written: str) -> bool:
        """Whether `written` is a Chinese form of some term (欧元), not just Chinese words."""
        return self._zh_form(written) is not None

    def _zh_form(self, written: str) -> Term | None:
        """The term `written` is a Chinese form of, if any."""
        return next((t for v, t in self._zh.get(written[:1], ()) if v == written), None)

    def _zh_spans(self, text: str) -> Iterator[tuple[int, int, Term]]:
        for i, ch in enumerate(text):
            for variant, term in self._zh.get(ch, ()):
                if text.startswith(variant, i):
                    yield i, i + len(variant), term


def reading_language(language: str) -> str | None:
    """The language the glossary reads a question of `language` in: its own, or any for Chinese (whose forms are
    the terms themselves) and Arabic (matched in every column)."""
    return None if language in ("zh", "ar") else language


@cache
def default_glossary() -> Glossary:
    return Glossary.load()
