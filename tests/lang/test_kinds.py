"""The bodies a general term stands for (rag/lang/data/kinds.yaml)."""

from __future__ import annotations

from rag.lang import kinds
from rag.lang.glossary import default_glossary
from rag.lang.names import default_names


def test_the_export_control_regimes_are_the_four_regimes_and_the_zangger_committee() -> None:
    assert set(kinds.members("多边出口管制制度")) == {"NSG", "AG", "MTCR", "WA", "ZC"}
    assert kinds.members("核武器") == ()


def test_every_term_is_a_glossary_pivot_and_every_member_a_name() -> None:
    pivots = {term.zh[0] for term in default_glossary().terms}
    names = default_names()
    for term, members in kinds._table().items():
        assert term in pivots, term
        assert all(names.get(member) is not None for member in members), term
