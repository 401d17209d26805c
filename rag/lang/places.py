"""Whether a text says where something is: a city where UN bodies sit and meet (rag/lang/data/places/), a
state (the names table), or a venue phrase ("held in …", "在…举行"; the `venue` cue family)."""

from __future__ import annotations

import re
from functools import cache

from rag.lang import intent, stopwords
from rag.lang.names import NameTable


@cache
def cities() -> re.Pattern[str]:
    """The names of cities, longest first."""
    cities = sorted(stopwords.words("places"), key=len, reverse=True)
    return re.compile("|".join(re.escape(c) for c in cities))


def names_a_place(text: str, names: NameTable, city: bool = False, question: str = "") -> bool:
    """Whether a text says where: a city, or (unless a `city` is asked for) a venue phrase ("在世贸组织等适当的多边机构
    中") or a state other than those the `question` names ("Où se tiendra la réunion pendant la présidence suisse ?"
    is not answered by Switzerland's own sentence); "在大会第七十五届会议上" says at which meeting, not in which
    city."""
    if cities().search(text):
        return True
    if city:
        return False
    if intent.VENUE.search(text) is not None:
        return True
    asked = {m.entity.id for m in names.find_mentions(question)} if question else set()
    return any(m.entity.kind == "state" and m.entity.id not in asked for m in names.find_mentions(text))
