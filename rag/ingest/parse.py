"""UN report text (as extracted from PDF) -> structured passages; pure functions, no I/O."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rag.core.text import visual_length
from rag.core.types import NO_RESPONDENT, Document, Passage, Respondent, RespondentKind
from rag.ingest.layout import Line, attach_footnotes, classify_lines, normalize_span, split_spans
from rag.lang import lexicon

PARSER_VERSION = "1.2"  # 1.2: every original language of a reply

# (canonical id, kind, English name) for a name as written; None when the name is unknown.
Resolver = Callable[[str], tuple[str, RespondentKind, str] | None]

# How reports in the six languages mark their structure is data (the `layout` of rag/lang/data/lexicon/<lang>.yaml);
# here only the anchors around it. A report in any language is read with every language's layout.
# "[原件：英文]", "[Original: English]", "[Подлинный текст на английском языке]", "[الأصل: بالإنكليزية]"
_ORIGINALS = tuple(re.compile(rf"^\[\s*{f}\s*\]$", re.IGNORECASE) for f in lexicon.layout("original"))
_DATE_LINE = re.compile(r"^\[(?P<date>[^\]]{4,40})\]$")
# "一. 导言", "II. Replies received", "ثانيا - الردود"; then "A. 各国政府", "А. Правительства", "ألف - الحكومات"
_HEADINGS = tuple(
    (kind, re.compile(rf"^{fragment}(?P<title>\S.*)$"))
    for kind in ("major", "letter")
    for fragment in lexicon.layout(f"{kind}_heading")
)
_NUMBERED_START = re.compile(r"^(?P<num>\d{1,3})(?P<dot>\.)?\s+\S")  # "1. ", "65 ", "1 - "
_ITEMS = tuple(re.compile(rf"^{f}\s*\S") for f in lexicon.layout("item"))  # "(a)", "a)", "(أ)"
_PARAGRAPH_END = tuple("。；：！？.;:!?؟؛")
FULL_LINE_SHARE = 0.85  # a line this close to the page width was wrapped, not ended
_NOT_HEADING_FINAL = tuple("。；：，.;:,،؛")  # a heading may be a question
_MAX_HEADING_UNITS = 110  # about 44 Chinese characters or a long Latin title line


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)

    @property
    def first(self) -> str:
        return self.lines[0].content

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


def _is_heading_text(text: str) -> bool:
    return visual_length(text) <= _MAX_HEADING_UNITS and not text.endswith(_NOT_HEADING_FINAL)


def _original(text: str) -> re.Match[str] | None:
    """The "[Original: …]" line of a reply, in any language's layout."""
    return next((m for pattern in _ORIGINALS if (m := pattern.match(text))), None)


def _item(text: str) -> re.Match[str] | None:
    """A paragraph's item marker at the start of `text`: "(a)", "a)", "(iv)", "(أ)"."""
    return next((m for pattern in _ITEMS if (m := pattern.match(text))), None)


def _heading_match(text: str) -> tuple[str, re.Match[str]] | None:
    return next(((kind, m) for kind, pattern in _HEADINGS if (m := pattern.match(text))), None)


def _numbered_heading(text: str) -> tuple[str, str] | None:
    """(kind, number) for "一. 导言", "II. Replies", "A. 各国政府", "ثانيا - الردود"; None otherwise."""
    if not _is_heading_text(text):
        return None
    found = _heading_match(text)
    return (found[0], found[1].group("num")) if found else None


def _full_line_width(lines: Sequence[Line]) -> float:
    """The width of a full line of running text on the page (90th percentile, in Latin-character units)."""
    widths = sorted(visual_length(line.content) for line in lines)
    return widths[int(len(widths) * 0.9)] if widths else 0.0


def _wrapped_on(previous: Line, full_width: float) -> bool:
    """A full-width line without closing punctuation wraps onto the next one, even when PDF extraction
    indents that next line (it does at some page and column breaks)."""
    ended = previous.content.rstrip("”’」』）)»\"'").endswith(_PARAGRAPH_END)
    return not ended and full_width > 0 and visual_length(previous.content) >= FULL_LINE_SHARE * full_width


def _blocks(lines: Sequence[Line]) -> list[_Block]:
    """Group running-text lines into paragraphs: a paragraph starts on an indented line, a structural
    line (heading, "[Original: …]", date) or a numbered paragraph that continues the numbering."""
    content = [line for line in lines if line.kind == "content"]
    full_width = _full_line_width(content)
    blocks: list[_Block] = []
    last_number = 0
    for i, line in enumerate(content):
        following = content[i + 1].content if i + 1 < len(content) else ""
        text = line.content
        starts = (
            not blocks
            or (line.indent > 0 and not _wrapped_on(blocks[-1].lines[-1], full_width))
            or _original(text) is not None
            or _DATE_LINE.match(text) is not None
            or _original(following) is not None
            or _numbered_heading(text) is not None
            or _original(blocks[-1].first) is not None
            or _DATE_LINE.match(blocks[-1].first) is not None
        )
        number = _NUMBERED_START.match(text)
        if not starts and number:
            n = int(number.group("num"))
            previous = blocks[-1]
            previous_ended = previous.lines[-1].content.rstrip("”’」』）)»\"'").endswith(_PARAGRAPH_END) or (
                previous.single_line and _is_heading_text(previous.first)
            )
            starts = previous_ended and (n == last_number + 1 or (number.group("dot") is not None and n == 1))
        if starts and number:
            last_number = int(number.group("num"))
        if starts:
            blocks.append(_Block([line]))
        else:
            blocks[-1].lines.append(line)
    return blocks


@dataclass
class _State:
    """Where the parser is in the document: the heading stack and who is speaking."""

    sections: list[tuple[int, str]] = field(default_factory=list)
    part_kind: RespondentKind = "none"
    respondent: Respondent = NO_RESPONDENT
    respondent_level: int = 0
    inner_letters: list[str] = field(default_factory=list)
    outer_letters: list[str] = field(default_factory=list)
    paragraph: str | None = None
    unnumbered: set[str] = field(default_factory=set)

    def push(self, level: int, title: str) -> None:
        self.sections = [(lvl, t) for lvl, t in self.sections if lvl < level]
        self.sections.append((level, title))
        if self.respondent_level and level <= self.respondent_level:
            self.respondent, self.respondent_level, self.inner_letters = NO_RESPONDENT, 0, []
        self.paragraph = None

    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.sections)


def _respondent_kind(
    name: str, resolved: tuple[str, RespondentKind, str] | None, part: RespondentKind
) -> RespondentKind:
    """The names table decides; else a name that reads as an organization; else the part's kind."""
    if resolved:
        return resolved[1]
    if lexicon.ORGANIZATION_NAME.search(name):
        return "organization"
    return part if part != "none" else "state"


def _name_from_heading(title: str) -> str:
    found = _heading_match(title)
    body = (found[1].group("title") if found else title).strip()
    if match := lexicon.REPLY_FROM.match(body):
        return next(group for group in match.groups() if group).strip()
    return body


def _letter_is_inner(state: _State, letter: str) -> bool:
    """Inside a reply, "A. 概述" starts the reply's own sub-sections; a letter that continues the
    document's outer sequence ("B. 欧洲联盟" after "A. 各国政府") closes the reply instead."""
    if not state.respondent_level:
        return False

    def follows(letters: list[str]) -> bool:
        return lexicon.next_letter(letters[-1]) == letter if letters else lexicon.first_letter(letter)

    return follows(state.inner_letters) and not (follows(state.outer_letters) and not state.inner_letters)


def _passage_id(doc_id: str, text: str, seen: dict[str, int]) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    seen[digest] = seen.get(digest, 0) + 1
    return f"{doc_id}-{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")


def parse_report(
    source: str, document: Document, resolve: Resolver | None = None, max_units: int = 1000
) -> list[Passage]:
    """Parse the text of one report into passages with section path, respondent and exact spans."""
    resolve = resolve or (lambda _name: None)
    lines = classify_lines(source)
    blocks = _blocks(lines)
    state = _State()
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    runs = _short_runs(blocks)
    for index, block in enumerate(blocks):
        following = blocks[index + 1].first if index + 1 < len(blocks) else ""
        if _reply_header(state, block, following, resolve) or _numbered_section(state, block):
            continue
        if runs[index] and runs[index] <= 3 and not any(c.isdigit() for c in block.first):
            _unnumbered_heading(state, block.first)
            continue
        _update_paragraph(state, block.first, passages[-1].text if passages else "")
        for part, (start, end) in enumerate(split_spans(source, block.lines[0].start, block.lines[-1].end, max_units)):
            passage_text = normalize_span(source[start:end])
            passages.append(
                Passage(
                    id=_passage_id(document.id, passage_text, seen),
                    doc_id=document.id,
                    text=passage_text,
                    start=start,
                    end=end,
                    section=state.path(),
                    respondent=state.respondent,
                    paragraph=state.paragraph,
                    part=part,
                )
            )
    return attach_footnotes(passages, lines)


def _reply_header(state: _State, block: _Block, following: str, resolve: Resolver) -> bool:
    """A reply's "[Original: …]" line, its date line, or the name line before them; True when it was one."""
    text = block.first
    if original := _original(text):
        if not state.respondent_level and state.sections:
            # The reply has no name line of its own: the part heading names the respondent.
            _open_respondent(state, _name_from_heading(state.sections[-1][1]), resolve, heading=True)
        languages = lexicon.language_codes(original["lang"])
        state.respondent = _replace(
            state.respondent, original_language=next(iter(languages), None), original_languages=languages
        )
        return True
    if (date := _DATE_LINE.match(text)) and state.respondent_level:
        state.respondent = _replace(state.respondent, date=lexicon.parse_date(date["date"]))
        return True
    if not (block.single_line and _original(following)):
        return False
    heading = _numbered_heading(text)
    if heading and heading[0] == "major":
        state.outer_letters = []
        state.push(1, text)
        state.part_kind = _part_kind(text)
        _open_respondent(state, _name_from_heading(text), resolve, heading=True)
    elif heading and heading[0] == "letter" and not _letter_is_inner(state, heading[1]):
        state.outer_letters.append(heading[1])
        state.push(2, text)
        state.part_kind = _part_kind(text) if _part_kind(text) != "none" else state.part_kind
        _open_respondent(state, _name_from_heading(text), resolve, heading=True)
    else:
        _open_respondent(state, text, resolve, heading=False)
    return True


def _numbered_section(state: _State, block: _Block) -> bool:
    """A numbered or lettered heading ("一. 导言", "II. Replies", "A. 概述"); True when it was one."""
    heading = _numbered_heading(block.first) if block.single_line else None
    if not heading:
        return False
    kind, number = heading
    text = block.first
    if kind == "major":
        state.outer_letters = []
        state.push(1, text)
        state.part_kind = _part_kind(text)
    elif _letter_is_inner(state, number):
        state.inner_letters.append(number)
        state.push(state.respondent_level + 1, text)
    else:
        state.outer_letters.append(number)
        state.push(2, text)
        state.part_kind = _part_kind(text) if _part_kind(text) != "none" else state.part_kind
    return True


def _unnumbered_heading(state: _State, text: str) -> None:
    """An unnumbered short line is a heading; a sibling heading replaces the previous one."""
    if state.respondent_level:
        level = state.respondent_level + 2
    elif state.sections and state.sections[-1][1] in state.unnumbered:
        level = state.sections[-1][0]
    else:
        level = (state.sections[-1][0] + 1) if state.sections else 1
    state.push(level, text)
    state.unnumbered.add(text)


def _replace(respondent: Respondent, **changes: str | tuple[str, ...] | None) -> Respondent:
    values = {**respondent.__dict__, **changes}
    return Respondent(**values)


def _part_kind(title: str) -> RespondentKind:
    if lexicon.ORGANIZATION_PART.search(title):
        return "organization"
    if lexicon.STATE_PART.search(title):
        return "state"
    return "none"


def _open_respondent(state: _State, name: str, resolve: Resolver, heading: bool) -> None:
    resolved = resolve(name)
    if not heading:
        level = max((lvl for lvl, _ in state.sections), default=0) + 1
        if state.respondent_level:
            level = state.respondent_level
        state.push(level, name)
    state.respondent_level = state.sections[-1][0] if state.sections else 1
    state.inner_letters = []
    state.respondent = Respondent(
        name=name,
        kind=_respondent_kind(name, resolved, state.part_kind),
        id=resolved[0] if resolved else None,
        name_en=resolved[2] if resolved else None,
    )


def _short_runs(blocks: Sequence[_Block]) -> list[int]:
    """For each block, the length of the run of short one-line blocks it belongs to (0 if none):
    up to three in a row are headings, a longer run is a list or a table and stays running text."""

    def short(block: _Block) -> bool:
        text = block.first
        return (
            block.single_line
            and _is_heading_text(text)
            and not _numbered_heading(text)
            and not _item(text)
            and not _original(text)
            and not _DATE_LINE.match(text)
        )

    runs = [0] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and short(blocks[j]) and not _names_respondent(blocks, j):
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = max(j, i + 1)
    return runs


def _names_respondent(blocks: Sequence[_Block], index: int) -> bool:
    return index + 1 < len(blocks) and _original(blocks[index + 1].first) is not None


_ITEM_SUFFIX = re.compile(r"\s*\([^()]*\)$")


# A paragraph ends with a colon when what follows belongs to it ("…the following goals:", then the goals).
_INTRODUCES = re.compile(r"[:：]\s*$")
_BULLET_START = re.compile(r"\s*[-–—•·*▪\uf0b7]")


def _update_paragraph(state: _State, text: str, before: str = "") -> None:
    """The paragraph number a block is cited by: its own ("12."), its item's under the number before ("12 (b)"),
    the number of the paragraph whose list it continues (after a colon, or a bullet), else none: an unnumbered
    paragraph of a reply is not the paragraph numbered before it."""
    if number := _NUMBERED_START.match(text):
        state.paragraph = number.group("num")
    elif item := _item(text):
        # "12 (b)" after "12 (a)", and "(b)" after an unnumbered "(a)": the item replaces the one before it.
        base = _ITEM_SUFFIX.sub("", state.paragraph or "")
        state.paragraph = f"{base} ({item['item']})".strip()
    elif (state.paragraph and "(" in state.paragraph) or not (_INTRODUCES.search(before) or _BULLET_START.match(text)):
        state.paragraph = None
