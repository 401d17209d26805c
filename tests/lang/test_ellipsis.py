"""Tests for terms written once for several modifiers (rag/lang/ellipsis.py), as the glossary's matcher finds them."""

from __future__ import annotations

import pytest

from rag.lang import ellipsis
from rag.lang.glossary import Glossary, default_glossary


@pytest.fixture(scope="module")
def g() -> Glossary:
    return default_glossary()


def read(g: Glossary, text: str, lang: str | None) -> list[tuple[str, str]]:
    return [(m.text, m.term.zh[0]) for m in g.match(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("chemical or biological weapons", "en"),
        ("химическое или биологическое оружие", "ru"),
        ("armes chimiques ou biologiques", "fr"),
        ("armas químicas o biológicas", "es"),
        ("الأسلحة الكيميائية أو البيولوجية", "ar"),
    ],
)
def test_two_modifiers_share_the_word_they_qualify(g: Glossary, text: str, lang: str) -> None:
    assert [zh for _, zh in read(g, text, lang)] == ["化学武器", "生物武器"]


def test_a_list_of_modifiers_shares_it_too(g: Glossary) -> None:
    assert [zh for _, zh in read(g, "nuclear, chemical or biological weapons", "en")] == [
        "核武器",
        "化学武器",
        "生物武器",
    ]
    found = read(g, "armas nucleares, químicas o biológicas", "es")
    assert [zh for _, zh in found] == ["核武器", "化学武器", "生物武器"]
    assert found[1][0] == "químicas"  # found at the modifier standing for the term


def test_a_modifier_after_two_words_qualifies_both(g: Glossary) -> None:
    assert ("ministère", "国防部") in read(g, "le ministère ou le ministre de la Défense", "fr")
    assert ("الأسلحة", "核武器") in read(g, "الأسلحة أو المسائل النووية", "ar")


def test_the_shared_words_are_looked_for_only_where_the_language_puts_them(g: Glossary) -> None:
    # English modifiers come first: the disarmament here is no nuclear disarmament.
    assert [zh for _, zh in read(g, "nuclear weapons and disarmament", "en")] == ["核武器", "裁军"]
    assert ellipsis.modifiers_follow("fr") and not ellipsis.modifiers_follow("en")


def test_words_not_listing_modifiers_are_read_as_they_stand(g: Glossary) -> None:
    # "of" joins no modifiers: "chemical" alone is the chemicals, not chemical weapons.
    assert ("chemical", "化学武器") not in read(g, "chemical of biological weapons", "en")
    assert [zh for _, zh in read(g, "biological weapons", "en")] == ["生物武器"]


def test_chinese_modifiers_before_a_term_share_its_end(g: Glossary) -> None:
    found = [(m.text, m.term.zh[0], m.start) for m in g.elided_zh("核、化学或生物武器")]
    assert found == [("化学", "化学武器", 2), ("核", "核武器", 0)]
    assert g.elided_zh("化学和生物武器")[0].term.zh[0] == "化学武器"
    assert g.elided_zh("美国和生物武器") == []  # 美国武器 is no term
    assert g.elided_zh("签署、批准或加入") == []  # 加入 shares no single 入 with 批准 (准入 is another term)
