"""Who speaks where: the respondent sections of each document (which documents a question is about is
rag.retrieval.scope's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.core.text import fold, names_phrase
from rag.core.types import Passage, Respondent


@dataclass(frozen=True)
class Section:
    """One respondent's reply inside one document, as positions of its passages in reading order."""

    doc_id: str
    respondent: Respondent
    positions: tuple[int, ...]

    @property
    def key(self) -> str:
        return self.respondent.id or fold(self.respondent.name)


def respondent_key(respondent: Respondent) -> str:
    return respondent.id or fold(respondent.name)


def respondent_sections(passages: Sequence[Passage]) -> dict[str, list[Section]]:
    """Document id -> its respondents' sections, in order of first appearance (positions index `passages`)."""
    grouped: dict[tuple[str, str], list[int]] = {}
    first: dict[tuple[str, str], Respondent] = {}
    for position, passage in enumerate(passages):
        if passage.respondent.kind == "none":
            continue
        group = (passage.doc_id, respondent_key(passage.respondent))
        grouped.setdefault(group, []).append(position)
        first.setdefault(group, passage.respondent)
    sections: dict[str, list[Section]] = {}
    for group, positions in grouped.items():
        sections.setdefault(group[0], []).append(Section(group[0], first[group], tuple(positions)))
    return sections


def under_heading(passages: Sequence[Passage], section: Section, phrase: str) -> int | None:
    """The position of the first passage of a reply under a heading of the reply itself that names a folded phrase:
    a reply whose heading reads "measures to combat terrorism" speaks of terrorism though its paragraphs below never
    repeat the word."""
    for position in section.positions:
        if any(names_phrase(fold(heading), phrase) for heading in passages[position].own_headings):
            return position
    return None
