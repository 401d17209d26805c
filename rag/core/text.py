"""Pure text helpers shared by parsing, indexing and querying: scripts, line joining, sentences."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

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
        word = re.search(r"(\S+)$", text[: match.start()])
        previous = word.group(1).lower().rstrip(".") if word else ""
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


def fold(text: str) -> str:
    """Case- and accent-insensitive comparison form (NFKC, casefold, combining marks removed)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def squash_whitespace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def escape_passage(text: str) -> str:
    """A passage's text made safe to put between <passage> tags in a prompt: a "</passage>" inside it
    cannot close the tag."""
    return text.replace("</passage>", "</ passage>")
