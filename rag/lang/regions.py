"""Regions a set question may restrict its respondents to ("which Latin American states…", "哪些欧洲国家"):
the states of each (rag/lang/data/regions.yaml) and the words naming it (cue families region_<name>)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from rag.lang import cues
from rag.lang.names import NameTable

DATA = Path(__file__).parent / "data" / "regions.yaml"


@dataclass(frozen=True)
class RegionMention:
    region: str
    members: frozenset[str]  # the names table's ids of its states
    start: int
    end: int


@cache
def _regions() -> tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple((name, frozenset(ids), cues.pattern(f"region_{name}")) for name, ids in raw.items())


def find(text: str, names: NameTable) -> list[RegionMention]:
    """The regions a text names, leaving out words inside a state's or organization's name ("South Africa",
    "European Union", "African Union")."""
    inside = [(m.start, m.end) for m in names.find_mentions(text)]
    found = []
    for name, members, pattern in _regions():
        for match in pattern.finditer(text):
            if not any(s <= match.start() < e for s, e in inside):
                found.append(RegionMention(name, members, match.start(), match.end()))
    return found
