"""Set questions on which replies cite resolutions other than the ones a question names or its report answers: "Who
cites a different Security Council resolution by its number?", "还有谁在答复中点名引用了联大的其他决议？", "Кто
ссылается на более старые резолюции Генеральной Ассамблеи?". A General Assembly resolution is told by its symbol's
session and number (37/98), a Security Council one by its number and year (1718 (2006))."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.conditions import Condition, Finding
from rag.answering.scope import Section
from rag.core.text import sentence_spans
from rag.core.types import Document
from rag.lang import intent
from rag.retrieval.query import QueryAnalysis, resolution_mentions
from rag.retrieval.retriever import Retriever

_NUMBER = re.compile(r"\d+(?:\s*/\s*\d+)?")
_COUNCIL_YEAR = re.compile(r"[(（]\s*\d{4}\s*[)）]")  # the year of "1540 (2004)", no resolution of its own
LAW_YEAR_DIGITS = 4  # "53/2007": a law's number and year; a General Assembly resolution's number has fewer digits


def condition(analysis: QueryAnalysis, kind: intent.SetKind, documents: Sequence[Document]) -> Condition | None:
    """The condition of a question asking who cites other resolutions, of the organ it names if any; None when it
    does not ask that."""
    text = analysis.text
    asked = intent.OTHER_RESOLUTIONS.search(text)
    if asked is None:
        return None
    organ = "sc" if intent.ORGAN_COUNCIL.search(text) else "ga" if intent.ORGAN_ASSEMBLY.search(text) else "any"
    # Those the question names ("Resolution 1540 comes up everywhere…", "除了这项决议本身") and the reports' own.
    named = {re.sub(r"\s+", "", n) for n in _NUMBER.findall(_COUNCIL_YEAR.sub("", text))}
    own = {d.resolution for d in documents if d.resolution}
    return Condition(
        kind,
        "mention",
        topic=(asked.group(),),
        cites_resolutions=organ,
        besides_resolutions=tuple(sorted(named | own)),
    )


def _other(symbol: str, condition: Condition) -> bool:
    """Whether a resolution a reply names is of the organ asked and none of those set aside. A session and a number
    of four digits is a law's number and year ("第 53/2007号法"), no resolution."""
    council = "(" in symbol and "/" not in symbol
    if condition.cites_resolutions == ("sc" if not council else "ga"):
        return False
    if not council and len(re.sub(r"\D", "", symbol.split("/")[-1])) >= LAW_YEAR_DIGITS:
        return False
    return symbol.split("(")[0] not in condition.besides_resolutions


def cites_other(retriever: Retriever, condition: Condition, section: Section) -> Finding | None:
    """The first sentence of a reply naming a resolution of the organ asked other than those set aside."""
    for position in section.positions:
        text = retriever.passages[position].text
        for start, end in sentence_spans(text):
            if any(_other(symbol, condition) for symbol, _, _ in resolution_mentions(text[start:end])):
                return Finding(section, position, (start, end))
    return None
