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


def names_a_place(text: str, names: NameTable, city: bool = False) -> bool:
    """Whether a text says where: a city, or (unless a `city` is asked for) a venue phrase or a state: "在大会第七十五届
    会议上" says at which meeting, not in which city."""
    if cities().search(text):
        return True
    if city:
        return False
    return intent.VENUE.search(text) is not None or any(m.entity.kind == "state" for m in names.find_mentions(text))
