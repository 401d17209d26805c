"""Pure text helpers shared by parsing, indexing and querying: scripts, line joining, sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

# CJK ideographs, kana, hangul and the full-width punctuation that sits between them without spaces.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x31BF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF60),
    (0x20000, 0x2FA1F),
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def in_spans(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a position lies in one of the spans (start inclusive, end exclusive)."""
    return any(start <= position < end for start, end in spans)


def blank_matches(pattern: re.Pattern[str], text: str) -> str:
    """`text` with every match of a pattern replaced by spaces (offsets of the rest are kept)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with the given spans replaced by spaces (offsets of the rest are kept); linear in the text and the
    spans' lengths, however many spans there are."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def cjk_ratio(text: str) -> float:
    """Share of non-space characters that are CJK; decides how a text is joined and tokenised."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if is_cjk(c)) / len(chars)


def visual_length(text: str) -> float:
    """Length in 'Latin character' units: a CJK character carries about as much as 2.5 Latin ones."""
    return sum(2.5 if is_cjk(c) else 1.0 for c in text)


# Hyphenated prefixes whose hyphen is part of the word, not a line-break artefact.
_KEEP_HYPHEN_PREFIXES = frozenset(
    "non anti self co counter cross multi semi post pre well long short full high low sub "
    "inter intra extra ex vice quasi mid ultra socio geo politico follow".split()
)
_LATIN_WORD_END = re.compile(r"([^\W\d_]+)-$")


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph: no space between CJK lines, one space (or de-hyphenation)
    between Latin-script lines."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        hyphen = _LATIN_WORD_END.search(out)
        if hyphen and line[0].islower():
            if hyphen.group(1).lower() in _KEEP_HYPHEN_PREFIXES:
                out += line
            else:
                out = out[:-1] + line
        elif is_cjk(out[-1]) or is_cjk(line[0]):
            out += line
        else:
            out += " " + line
    return out


_ZH_SENTENCE_END = "。！？；"
_LATIN_ABBREVIATIONS = frozenset(
    "no nos mr mrs ms dr st art arts para paras e.g i.e etc vol p pp cf op viz fig approx "
    "m mme mlle n° núm sr sra dra art. u.s u.k u.n vs resp incl".split()
)
_LATIN_BOUNDARY = re.compile(r"[.!?…]+[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9¿¡])")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace excluded; CJK and Latin punctuation rules."""
    boundaries: list[int] = []
    for i, char in enumerate(text):
        if char in _ZH_SENTENCE_END:
            end = i + 1
            while end < len(text) and text[end] in "”’」』）)":
                end += 1
            boundaries.append(end)
    for match in _LATIN_BOUNDARY.finditer(text):
        previous = _word_before(text, match.start()).lower().rstrip(".")
        if previous in _LATIN_ABBREVIATIONS or (len(previous) == 1 and previous.isalpha()):
            continue
        boundaries.append(match.start() + len(match.group(0).rstrip()))
    start = 0
    for boundary in [*sorted(set(boundaries)), len(text)]:
        if boundary <= start:
            continue
        piece = text[start:boundary]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            yield start + lead, start + lead + len(stripped)
        start = boundary


def _word_before(text: str, at: int) -> str:
    """The run of non-space characters that ends at `at` (or just before a newline there): what
    re.search(r"(\\S+)$", text[:at]) finds, in time proportional to the word, not to the text before it."""
    end = at - 1 if at and text[at - 1] == "\n" else at
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def fold(text: str) -> str:
    """Case- and accent-insensitive comparison form (NFKC, casefold, combining marks removed).

    The fold of the index and of most comparisons. Its variants below each keep one older rule that a table
    was built with; they differ from it, and from each other, only where their docstrings say."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_lower(word: str) -> str:
    """fold without NFKC and with lower() for casefold: "ß" stays, a full-width "Ａ" becomes "ａ", a ligature
    "ﬁ" stays whole. The fold of the number and month words (lang.numerals) and of the words matched to them."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "\u0640": "", "ى": "ي"})


@lru_cache(maxsize=1 << 16)
def fold_keep_short_i(word: str) -> str:
    """fold of one word without NFKC that keeps й distinct from и (Russian stems differ by it), writes œ/æ as
    two letters, drops the Arabic tatweel and reads alif maqsura ى as ي. The fold of the glossary (lang.glossary)."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word.replace("й", "\0"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\0", "й").translate(_LIGATURES)


# Letters of the names table (lang.names) that stand for one another in how people write a name.
_NAME_CHAR_MAP = {
    "ё": "е",
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ة": "ه",
    "ک": "ك",
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
    "ʼ": "'",
    "《": "",
    "》": "",
    "〈": "",
    "〉": "",
}
_DASHES = frozenset("-‐‑‒–—―")


_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")  # vowel marks, shadda, sukun, dagger alif, tatweel


def without_arabic_marks(text: str) -> str:
    """The text without Arabic vowel marks, shadda and tatweel, which writers add or leave out at will ("تموّل" is
    "تمول", "أيّها" is "أيها"): a word is then one word whatever marks it was typed with."""
    return _ARABIC_MARKS.sub("", text)


@lru_cache(maxsize=16384)
def fold_name_char(c: str) -> str:
    """The fold of one character of a State or organization name (lang.names): NFKC (full-width -> half-width),
    casefold, accents off Latin letters only (below U+0250: й keeps its breve), ё -> е, Arabic hamza
    forms and vowel marks off, quotes -> "'", dashes and spaces -> " ", Chinese title brackets dropped.
    May return "" or several characters."""
    out = []
    for x in unicodedata.normalize("NFKC", c).casefold():
        x = _NAME_CHAR_MAP.get(x, x)
        if x in _DASHES or x.isspace():
            out.append(" ")
        elif x and not (0x064B <= ord(x) <= 0x0652 or x in "\u0670\u0640"):
            nfd = unicodedata.normalize("NFD", x) if ord(x) < 0x250 else x
            out.append("".join(y for y in nfd if not unicodedata.combining(y)))
    return "".join(out)


def is_cjk_ideograph(c: str) -> bool:
    """CJK radicals, punctuation, kana and ideographs (U+2E80-U+9FFF), compatibility ideographs and every
    supplementary-plane character from U+20000 on. Unlike is_cjk: no hangul and no full-width forms (a
    full-width letter is a word character of a name). The CJK test of the names table (lang.names)."""
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or o >= 0x20000


# Runs of the characters is_cjk_ideograph accepts, but ending at U+2FA1F (the last compatibility ideograph
# supplement). The lexical index tokenises these runs as Chinese (indexing.lexical); str.split keeps them.
CJK_RUN_PATTERN = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+)")


def squash_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def names_phrase(folded_text: str, folded_phrase: str) -> bool:
    """Whether a text holds a phrase (both folded); a phrase with Chinese in it regardless of blanks, which text
    taken from PDFs puts around digits and Latin words inside Chinese ("第 1540(2004)号决议所设委员会")."""
    if folded_phrase.endswith("国"):  # 中国 is not named by 发展中国家, nor 美国 by 欧美国家, nor 该国 by 该国际…
        text, phrase = squash_whitespace(folded_text), squash_whitespace(folded_phrase)
        return any(text[m.end() : m.end() + 1] not in COUNTRY_WORD for m in re.finditer(re.escape(phrase), text))
    if folded_phrase in folded_text:
        return True
    if not any(is_cjk(c) for c in folded_phrase):
        return False
    return squash_whitespace(folded_phrase) in squash_whitespace(folded_text)


COUNTRY_WORD = ("家", "际")  # after a name ending in 国, the 国 starts 国家 (countries) or 国际 (international)


def escape_passage(text: str) -> str:
    """A passage's text made safe to put between <passage> tags in a prompt: a "</passage>" inside it
    cannot close the tag."""
    return text.replace("</passage>", "</ passage>")


def whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened to the whole (non-Chinese) word it is in: "oppos" of "opposed"."""
    if is_cjk(text[start]):
        return start, end
    while start > 0 and text[start - 1].isalpha() and not is_cjk(text[start - 1]):
        start -= 1
    while end < len(text) and text[end].isalpha() and not is_cjk(text[end]):
        end += 1
    return start, end
