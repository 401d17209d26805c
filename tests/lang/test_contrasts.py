"""Words that say the contrary of another (rag/lang/contrasts.py)."""

from __future__ import annotations

from rag.lang import contrasts


def test_the_pairs_are_read_from_the_data_file() -> None:
    assert ("出口", "进口") in contrasts.pairs() and ("进口", "出口") in contrasts.pairs()
    assert all(asked != said for asked, said in contrasts.pairs())


def test_a_passage_saying_only_the_contrary() -> None:
    exports = ("武器出口", "军火出口")
    assert contrasts.said_instead(exports, "只有国防部长有权进口战争武器。") == "进口"
    assert contrasts.said_instead(exports, "武器的进口和出口均须获得许可。") is None  # it says both
    assert contrasts.said_instead(exports, "国防部长负责武器管制。") is None  # it says neither
    assert contrasts.said_instead(("批准",), "该国已签署该条约。") == "签署"  # ratified, not signed
    assert contrasts.said_instead(("签署",), "该国已批准该条约。") is None  # ratifying is no contrary of signing
