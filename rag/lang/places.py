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
    """Whether a text says where: a venue phrase, a city, or (unless a `city` is asked for) a state."""
    if intent.VENUE.search(text) or cities().search(text):
        return True
    return not city and any(m.entity.kind == "state" for m in names.find_mentions(text))
