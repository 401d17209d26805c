"""The fixed answer sentences (rag/lang/data/phrases/<lang>.yaml) and their lookup (rag/lang/phrases.py)."""

from __future__ import annotations

import string

from rag.lang import phrases


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_language_has_every_phrase_with_the_same_fields_as_english() -> None:
    for key, table in phrases._PHRASES.items():
        assert set(table) == set(phrases.LANGUAGES), key
        for lang, template in table.items():
            assert _fields(template) == _fields(table["en"]), (key, lang)


def test_phrase_fills_the_template_in_the_language_asked() -> None:
    assert phrases.phrase("not_mentioned", "en", names="Norway") == "The documents do not mention Norway."
    assert phrases.phrase("not_in_documents", "zh") == "文件中没有说明这一点。"


def test_a_missing_language_falls_back_to_english() -> None:
    assert phrases.phrase("not_in_documents", "de") == phrases.phrase("not_in_documents", "en")
    assert phrases.kinds("state", "de") == phrases.kinds("state", "en")
    assert phrases.language_name("fr", "de") == "French"


def test_language_names_and_lists() -> None:
    assert phrases.language_name("es", "ru") == "испанском языке"
    assert phrases.language_name_prompt("zh") == "Chinese"
    assert phrases.join_list(["a", "b"], "zh") == "a、b"
    assert phrases.join_list(["a", "b"], "ar") == "a، b"
    assert phrases.join_list(["a", "b"], "fr") == "a, b"
    assert phrases.SOURCES["es"] == "Fuentes"


def test_the_kind_of_respondent_agrees_with_its_count() -> None:
    assert [phrases.kinds("state", "en", n) for n in (1, 2)] == ["state", "states"]
    assert [phrases.kinds("organization", "ru", n) for n in (1, 3, 5, 11, 21, 22, 112)] == [
        "организация",
        "организации",
        "организаций",
        "организаций",
        "организация",
        "организации",
        "организаций",
    ]
    assert [phrases.kinds("state", "fr", n) for n in (0, 1, 2)] == ["État", "État", "États"]
    assert phrases.kinds("state", "zh", 3) == "国家" and phrases.kinds("state", "ar", 1) == "الدول"


def test_a_list_of_one_has_its_verb_in_the_singular() -> None:
    assert phrases.has("list_mention_one", "en") and not phrases.has("list_replied_one", "en")
    values = {"count": 1, "kinds": "state", "doc": "A/77/96", "topic": "“drones”", "list": "X [1]"}
    assert phrases.phrase("list_mention_one", "en", **values).startswith("1 state in A/77/96 mentions")
