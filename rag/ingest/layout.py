"""The layout of a report's text as PDF extraction gives it: which lines are running text (not URLs, page
headers and footers or footnote blocks), the running text of a stretch of the file, a long paragraph's
sentence-boundary pieces, and footnotes given to the passage that carries their marker."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.core.text import join_lines, sentence_spans, visual_length
from rag.core.types import Footnote, Passage

_URL = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$")

_SYMBOL_ONLY = re.compile(r"^\s*[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.()\-]*){1,5}\s*$")

_JOB_NUMBER = re.compile(r"^\s*(?:\d{1,4}/\d{1,4}\s+)?(?:GE\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{1,4}/\d{1,4})?\s*$")

_FOOTNOTE_RULE = re.compile(r"^\s*_{5,}\s*$")

_FOOTNOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3}|[†‡])\s+(\S.*)$")


@dataclass(frozen=True)
class Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    indent: int
    content: str
    kind: str  # "blank" | "noise" | "footnote_rule" | "footnote" | "content"


def classify_lines(text: str) -> list[Line]:
    """Split `text` into lines and say which carry running text; URL artefacts, page headers/footers
    and footnote blocks are not running text."""
    lines: list[Line] = []
    offset = 0
    in_footnotes = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start, end = offset + lead, offset + lead + len(stripped)
        offset += len(raw) + 1
        if not stripped:
            kind = "blank"
        elif _URL.match(raw) or _SYMBOL_ONLY.match(raw) or _JOB_NUMBER.match(raw):
            kind = "noise"
            in_footnotes = False
        elif _FOOTNOTE_RULE.match(raw):
            kind, in_footnotes = "footnote_rule", True
        elif in_footnotes and (_FOOTNOTE_START.match(raw) or lead == 0):
            kind = "footnote"
        else:
            kind, in_footnotes = "content", False
        lines.append(Line(start, end, lead, stripped, kind))
    return lines


# Bullets a PDF wrote in the Symbol or Wingdings font come out as private-use characters; each is one character, so
# passages keep their offsets into the source.
_SYMBOL_FONT = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪"})


def normalize_span(raw: str) -> str:
    """The running text of a stretch of the source file, as the parser puts it in a passage (symbol-font bullets
    written as the bullets they are)."""
    return join_lines([line.content for line in classify_lines(raw) if line.kind == "content"]).translate(_SYMBOL_FONT)


def split_spans(source: str, start: int, end: int, max_units: int) -> list[tuple[int, int]]:
    """Source spans of source[start:end], split on sentence boundaries when the paragraph is too long."""
    text = normalize_span(source[start:end])
    if visual_length(text) <= max_units:
        return [(start, end)]
    # Map each character of the normalised text back to its source offset.
    offsets: list[int] = []
    previous = ""
    for line in classify_lines(source[start:end]):
        if line.kind != "content":
            continue
        if previous:
            # What join_lines puts between two lines depends on those two alone: a space (gap 1),
            # nothing, or the removal of a line-end hyphen (gap -1).
            gap = len(join_lines([previous, line.content])) - len(previous) - len(line.content)
            if gap == 1:
                offsets.append(offsets[-1] + 1)
            elif gap < 0:
                offsets.pop()
        offsets.extend(range(start + line.start, start + line.end))
        previous = line.content
    pieces: list[tuple[int, int]] = []
    piece_start = piece_end = None
    for a, b in sentence_spans(text):
        if piece_start is not None and visual_length(text[piece_start:b]) > max_units:
            pieces.append((offsets[piece_start], offsets[piece_end - 1] + 1))  # type: ignore[operator]
            piece_start = None
        if piece_start is None:
            piece_start = a
        piece_end = b
    if piece_start is not None:
        pieces.append((offsets[piece_start], offsets[piece_end - 1] + 1))  # type: ignore[operator]
    return pieces


def attach_footnotes(passages: list[Passage], lines: Sequence[Line]) -> list[Passage]:
    """Give each footnote to the passage, before its block, whose text carries its marker."""
    notes: list[tuple[int, Footnote]] = []
    current: list[str] = []
    number, position = "", 0
    for line in [*lines, Line(0, 0, 0, "", "end")]:
        if line.kind == "blank":
            continue
        match = _FOOTNOTE_START.match(line.content) if line.kind == "footnote" else None
        if (match or line.kind != "footnote") and current:
            notes.append((position, Footnote(number, join_lines(current))))
            current = []
        if match:
            number, position, current = match.group(1), line.start, [match.group(2)]
        elif line.kind == "footnote" and current:
            current.append(line.content)
    by_index: dict[int, list[Footnote]] = {}
    for position, note in notes:
        before = [i for i, p in enumerate(passages) if p.start < position]
        if not before:
            continue
        # A marker hangs off the word or punctuation before it ("清单。1", "essential.1"), never a number.
        marker = re.compile(rf"(?<=[^\s\d/])(?<!\d[.,]){re.escape(note.number)}(?![\d/])")
        candidates = before[-1:-6:-1]
        target = next((i for i in candidates if marker.search(passages[i].text)), before[-1])
        by_index.setdefault(target, []).append(note)
    return [
        Passage(**{**p.__dict__, "footnotes": tuple(by_index[i])}) if i in by_index else p
        for i, p in enumerate(passages)
    ]
