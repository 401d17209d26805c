"""The cue-word data (rag/lang/data/cues/<lang>.yaml) and how rag/lang/cues.py joins it into patterns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.lang import cues


def test_every_language_file_loads_and_names_only_known_families() -> None:
    for language in cues.LANGUAGES:
        table = cues.table(language)
        assert table, language
        assert set(table) <= set(cues.FAMILIES)


def test_every_fragment_compiles_on_its_own() -> None:
    for language in cues.LANGUAGES:
        for family, fragments in cues.table(language).items():
            for fragment in fragments:
                try:
                    re.compile(fragment, re.I)
                except re.error as error:
                    pytest.fail(f"{language} {family} {fragment!r}: {error}")


def test_every_family_has_words_in_some_language() -> None:
    assert all(cues.fragments(family) for family in cues.FAMILIES)


def test_alternation_joins_the_languages_in_order() -> None:
    en, zh = cues.table("en")["report_word"], cues.table("zh")["report_word"]
    assert cues.alternation("report_word", ("en", "zh")) == "|".join((*en, *zh))
    assert cues.alternation("report_word", ("zh", "en")) == "|".join((*zh, *en))


@pytest.mark.parametrize(
    "family, text",
    [
        ("reply_oppose_explicit", "The Government voted against the resolution."),
        ("reply_oppose_explicit", "我国不能支持该决议。"),
        ("reply_support", "La France accueille avec satisfaction la résolution."),
        ("reason", "¿Por qué votó España en contra?"),
        ("cause", "لأن"),
        ("resolution_word", "Резолюция 76/234"),
    ],
)
def test_pattern_matches_words_of_each_language(family: str, text: str) -> None:
    assert cues.pattern(family).search(text)


def test_the_spanish_reason_keeps_its_lookahead() -> None:
    # "por qué medios" asks how, not why.
    assert not cues.pattern("reason").search("¿Por qué medios se financia?")


def test_unknown_family_is_an_error() -> None:
    with pytest.raises(KeyError):
        cues.fragments("no_such_family")


def test_a_data_file_with_an_unknown_family_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "xx.yaml").write_text("not_a_family:\n  - 'x'\n", encoding="utf-8")
    monkeypatch.setattr(cues, "DATA_DIR", tmp_path)
    cues.table.cache_clear()
    try:
        with pytest.raises(ValueError, match="unknown cue families"):
            cues.table("xx")
    finally:
        cues.table.cache_clear()
