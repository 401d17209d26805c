"""The bodies a general term stands for (rag/lang/data/kinds.yaml): the multilateral export control regimes are
the Nuclear Suppliers Group, the Australia Group, the MTCR, the Wassenaar Arrangement and the Zangger Committee."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "kinds.yaml"


@cache
def _table() -> dict[str, tuple[str, ...]]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    valid = (isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v) for k, v in raw.items())
    if not all(valid):
        raise ValueError(f"{DATA}: each term maps to a list of ids")
    return {k: tuple(v) for k, v in raw.items()}


def members(pivot: str) -> tuple[str, ...]:
    """The ids of the bodies the term with this Chinese pivot stands for; () for any other term."""
    return _table().get(pivot, ())
