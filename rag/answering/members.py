"""The people a report's list of members names (a board, a panel, a group of experts), one row per person: the
words of their post and affiliation and the states those name. A statement before "which of them" that speaks of a
listed body's members ("Plusieurs membres du Conseil consultatif … portent le titre d'ambassadeur. Parmi les pays de
ces ambassadeurs, lesquels ont répondu…?") asks among the states of the rows it describes.

A list is a section whose first words name its members (成员, Members, Membres, Состав…: cue family member_word) and
whose paragraphs name at least MIN_MEMBERS people. Its rows are cut at the people's names: where a row gives the name
last (the Chinese layout: city, post, title, name), a row ends with its name and the remark in brackets after it
("(主席)"); else it starts with it. A row naming a second state where no name was found is two rows."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.core.types import Passage
from rag.lang import cues, regions, stopwords
from rag.lang.glossary import reading_language
from rag.lang.names import NameTable
from rag.lang.persons import PersonIndex
from rag.retrieval.retriever import Retriever

MIN_MEMBERS = 4  # people a section must name to be a list of members
HEADING = 40  # characters of a section's first paragraph that may name its members
TRAILING = 12  # characters after the last name that still belong to its row, in a list giving names last
_BRACKET = re.compile(r"\s*[(（][^()（）]{0,20}[)）]")  # "(主席)", "(当然成员)" after a name
MEMBER_WORD = cues.pattern("member_word", re.IGNORECASE)
FORMER = cues.pattern("former_post", re.IGNORECASE)
SERVING = cues.pattern("serving_post", re.IGNORECASE)


@dataclass(frozen=True)
class Member:
    """One row of a list of members."""

    position: int  # of its passage in the index
    span: tuple[int, int]  # the row in the passage text
    row: str
    states: tuple[str, ...]
    name: str = ""  # the person's, as the list writes it ("" where it was not found)


@dataclass(frozen=True)
class MemberList:
    doc_id: str
    heading: str  # its words up to the word for members: "2020 年裁军事项咨询委员会成员"
    bodies: frozenset[str]  # the bodies its heading names (the Advisory Board)
    members: tuple[Member, ...]


@functools.lru_cache(maxsize=4)
def member_lists(retriever: Retriever) -> tuple[MemberList, ...]:
    """The lists of members in the index's documents (read once per loaded index)."""
    names, persons = retriever.names, retriever.tables.persons
    if persons is None:  # an index without the people its reports name
        return ()
    sections: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for position, passage in enumerate(retriever.passages):
        sections.setdefault((passage.doc_id, tuple(passage.section)), []).append(position)
    found = []
    for (doc_id, _), positions in sections.items():
        word = MEMBER_WORD.search(retriever.passages[positions[0]].text[:HEADING])
        if word is None:
            continue
        heading = retriever.passages[positions[0]].text[: word.end()]  # "2020 年裁军事项咨询委员会成员"
        rows = [row for p in positions for row in _rows(p, retriever.passages[p], names, persons)]
        if len(rows) >= MIN_MEMBERS:
            bodies = frozenset(m.entity.id for m in names.find_mentions(heading))
            found.append(MemberList(doc_id, heading, bodies, tuple(rows)))
    return tuple(found)


def _rows(position: int, passage: Passage, names: NameTable, persons: PersonIndex) -> list[Member]:
    text = passage.text
    people = [(start, _after_bracket(text, end)) for start, end, _ in persons.whole_names_in(text)]
    if not people:
        return []
    if len(text) - people[-1][1] <= TRAILING:  # city, post, name: a row ends with its name
        bounds = list(zip([0] + [end for _, end in people[:-1]], [end for _, end in people], strict=True))
    else:  # name, post: a row starts with it
        bounds = list(
            zip([start for start, _ in people], [start for start, _ in people[1:]] + [len(text)], strict=True)
        )
    spans = [(s, e) for s, e in people]
    return [row for start, end in bounds for row in _split(position, text, start, end, spans, names)]


def _after_bracket(text: str, end: int) -> int:
    bracket = _BRACKET.match(text, end)
    return bracket.end() if bracket else end


def _split(
    position: int, text: str, start: int, end: int, people: Sequence[tuple[int, int]], names: NameTable
) -> list[Member]:
    """A row, or two where it names a second state (a person whose name was not found: "…裁军事务大使李松雅加达
    印度尼西亚前外交部长…"); states inside people's names (阿曼迪) are none."""
    mentions = [
        m
        for m in names.find_mentions(text[start:end])
        if m.entity.kind == "state" and not any(s <= start + m.start < e for s, e in people)
    ]
    cuts = [start]
    seen: list[str] = []
    for mention in mentions:
        if seen and mention.entity.id not in seen:
            cuts.append(start + mention.start)
        if mention.entity.id not in seen:
            seen.append(mention.entity.id)
    rows = []
    for i, (a, b) in enumerate(zip(cuts, [*cuts[1:], end], strict=True)):
        name = next((text[s:e] for s, e in people if a <= s < b), "")
        rows.append(Member(position, (a, b), text[a:b], (seen[i],) if i < len(seen) else (), name))
    return rows


def members_asked(statement: str, retriever: Retriever, language: str) -> tuple[str, ...]:
    """The states of the members a statement describes (describe), in the list's order."""
    rows = describe(statement, retriever, language).rows
    return tuple(dict.fromkeys(state for member in rows for state in member.states))


@dataclass(frozen=True)
class Described:
    """The members a statement describes, and how it describes them."""

    rows: list[Member]
    narrowed: bool  # by a term, a post, a state or a place it names: not every member
    foreign: bool  # it names a term no row holds ("le document sur…", 超高音速武器): it asks of something else
    placed: bool = False  # by a state, a city or a region it names


def describe(statement: str, retriever: Retriever, language: str) -> Described:
    """The members a statement describes, of a body whose list the index holds ("有几位当时就是本国政府或外交部门的
    在职官员", "portent le titre d'ambassadeur", "من الدول العربية"): the rows holding a term it names that some rows
    hold and others do not (大使 for ambassadors), a serving or a former post, of a state in a place it names; [] when
    it speaks of no listed body's members."""
    words = list(MEMBER_WORD.finditer(statement))
    if not words:
        return Described([], False, False)
    mentions = retriever.names.find_mentions(statement)
    glossary = retriever.tables.glossary
    found = (
        glossary.zh_terms(statement)
        if language == "zh"
        else retriever.tables.terms(statement, reading_language(language))
    )
    # the body by its name ("the Advisory Board on Disarmament Matters") or a term its list's heading writes
    lists = [
        each
        for each in member_lists(retriever)
        if each.bodies & {m.entity.id for m in mentions} or any(_holds(each.heading, t.term.zh) for t in found)
    ]
    if not lists:
        return Described([], False, False)
    rows = [member for each in lists for member in each.members]
    taken = [(m.start, m.end) for m in mentions] + [w.span() for w in words]
    terms = [
        t.term.zh
        for t in found
        if not any(s < t.end and t.start < e for s, e in taken) and not any(_holds(x.heading, t.term.zh) for x in lists)
    ]
    held = [forms for forms in terms if 0 < sum(_holds(m.row, forms) for m in rows) < len(rows)]
    foreign = any(not any(_holds(m.row, forms) for m in rows) for forms in terms)
    every = len(rows)
    if held:
        rows = [m for m in rows if any(_holds(m.row, forms) for forms in held)]
    if SERVING.search(statement):
        rows = [m for m in rows if not FORMER.search(m.row)]
    elif FORMER.search(statement):
        rows = [m for m in rows if FORMER.search(m.row)]
    termed = len(rows)
    # "The Board's members include ambassadors from Jordan and Egypt": the states it names
    if named := {m.entity.id for m in mentions if m.entity.kind == "state"}:
        rows = [m for m in rows if named & set(m.states)]
    # "在日内瓦工作的": a city written as the list's documents write it
    if cities := [c for c in stopwords.words("places", retriever.tables.corpus_languages) if c in statement]:
        rows = [m for m in rows if any(c in m.row for c in cities)]
    places = [r.members for r in regions.find(statement, retriever.names) if not r.membership]
    rows = [m for m in rows if not places or any(s in p for p in places for s in m.states)]
    return Described(rows, len(rows) < every, foreign, len(rows) < termed)


def _holds(row: str, forms: Sequence[str]) -> bool:
    return any(form in row for form in forms)
