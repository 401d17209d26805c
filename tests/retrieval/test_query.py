"""Query understanding: language detection, symbols, names and glossary expansion (pure)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.indexing.lexical import tokenize
from rag.lang.glossary import default_glossary
from rag.lang.names import default_names
from rag.retrieval.query import (
    LanguageTables,
    analyze,
    detect_language,
    document_symbols,
    references,
    resolution_symbols,
)

TABLES = LanguageTables(default_names(), default_glossary(), "both")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("日本在出口管制方面提出了哪些建议？", "zh"),
        ("Which states oppose resolution 76/234?", "en"),
        ("Quels États ont répondu en russe ?", "fr"),
        ("¿Qué dijo Cuba sobre las medidas coercitivas?", "es"),
        ("¿Cuánto aportó la Unión Europea a la Comisión Preparatoria de la OTPCE?", "es"),  # French-looking words
        ("Что сообщила Россия о мирном использовании?", "ru"),
        ("ما هي الدول التي تعارض القرار 76/234؟", "ar"),
        # no article, accent or "quels": "combien", "au", "elle" are French
        ("Combien de conventions internationales relatives au terrorisme Cuba a-t-elle ratifiées ?", "fr"),
        ("Cuántas respuestas hay de los países de la UE", "es"),
        ("Which states mention Al-Qaida?", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_follow_up_too_short_to_tell_takes_the_conversations_language() -> None:
    assert detect_language("Et l’Espagne ?") == "fr"  # a typographic apostrophe is French as much as a plain one
    assert detect_language("And Japan?", "fr") == "fr" and detect_language("Et Cuba ?", "fr") == "fr"
    assert detect_language("What about Canada?", "fr") == "en"  # two function words are enough to tell
    assert detect_language("Does Norway support resolution 76/234?", "ar") == "en"  # and one in a longer question
    assert detect_language("¿Y España?", "fr") == "es" and detect_language("А Япония?", "fr") == "ru"


def test_a_names_accents_are_its_own_languages() -> None:
    assert detect_language("Qu'a proposé Lucía Dammert ?") == "fr"  # not Spanish for Lucía's accent
    assert detect_language("What did Lucía Dammert propose?") == "en"
    assert detect_language("Qué propuso México") == "es"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Which states oppose resolution 76/234?", ("76/234",)),
        ("A/RES/76/234 and A/RES/71/38", ("76/234", "71/38")),
        ("哪些国家反对第76/234号决议？", ("76/234",)),
        ("大会第 76/234 号决议", ("76/234",)),
        ("la résolution 76/234", ("76/234",)),
        ("la resolución 76/234", ("76/234",)),
        ("резолюция 76/234", ("76/234",)),
        ("resolution 1540 (2004)", ("1540(2004)",)),
        ("第1540（2004）号决议", ("1540(2004)",)),
        ("What does A/77/96 say?", ()),
        ("no symbol here, only 2022", ()),
    ],
)
def test_resolution_symbols(text: str, expected: tuple[str, ...]) -> None:
    assert resolution_symbols(text) == expected


def test_document_symbols() -> None:
    assert document_symbols("see A/77/96 and a/77/87") == ("A/77/96", "A/77/87")
    assert document_symbols("A/RES/76/234") == ()


def test_analysis_translates_names_and_terms_into_chinese() -> None:
    analysis = analyze("Que propose le Japon sur les contrôles à l'exportation ?", TABLES)
    assert analysis.language == "fr"
    assert analysis.respondents == ("JPN",)
    assert "日本" in analysis.expansions
    assert any("出口管制" in term for term in analysis.expansions)
    assert analysis.tokens.get("日本", 0) > 0


def test_a_question_typed_with_arabic_marks_is_read_as_without_them() -> None:
    marked = analyze("من يتعاون مع منظمة حظر الأسلحة الكيميائية أو يموّل عملَها؟", TABLES)
    plain = analyze("من يتعاون مع منظمة حظر الأسلحة الكيميائية أو يمول عملها؟", TABLES)
    assert marked.text == plain.text and marked.tokens == plain.tokens


def test_a_currency_is_a_term_unless_it_is_the_unit_asked_for() -> None:
    assert "欧元" in analyze("Qui avance des montants en euros ?", TABLES).expansions
    assert "欧元" not in analyze("Combien d'euros l'UE a-t-elle versés au Code de La Haye ?", TABLES).expansions
    assert "美元" not in analyze("How many dollars did Cuba lose?", TABLES).expansions


def test_a_general_term_is_also_searched_as_the_bodies_it_stands_for() -> None:
    # Replies say "核供应国集团主席", not "多边出口管制制度主席": the regimes are searched by their names too, as
    # alternatives of the term, weighing as its other renderings do.
    analysis = analyze("Which countries have chaired one of the multilateral export control regimes?", TABLES)
    assert {"多边出口管制制度", "核供应国集团", "澳大利亚集团"} <= set(analysis.expansions)
    regimes = next(c for c in analysis.concepts if any("#核供" in f for f in c.forms))
    assert any("#多边" in form for form in regimes.forms)  # one concept: any one form is enough
    assert analysis.tokens["#核供"] == 0.5 < analysis.tokens["#多边"]


def test_chinese_query_is_not_sent_through_the_glossary() -> None:
    analysis = analyze("日本在出口管制方面提出了哪些建议？", TABLES)
    assert analysis.language == "zh" and analysis.respondents == ("JPN",)
    assert analysis.tokens["出口"] == 1.0


def test_concepts_group_each_thing_the_question_names() -> None:
    analysis = analyze(
        "How many EU export licences were refused in 2019, and what share of extra-EU exports was that?", TABLES
    )
    forms = [{"".join(form) for form in concept.forms} for concept in analysis.concepts]
    # The EU is named twice but is one concept, with its English and Chinese names as alternative forms.
    eu = [f for f in forms if any("欧洲联盟" in form for form in f)]
    assert len(eu) == 1 and "eu" in eu[0]
    # A glossary term is one concept whose forms are the words as typed and each Chinese rendering.
    licence = next(c for c in analysis.concepts if any("许可证" in "".join(f) for f in c.forms))
    assert len(licence.forms) >= 2 and max(licence.weights) == 1.0
    # Numbers read the same in every language: full weight, while English words weigh as foreign words.
    weights = {form[0]: c.weights[0] for c in analysis.concepts for form in c.forms[:1]}
    assert weights["2019"] == 1.0 and analysis.tokens["2019"] == 1.0
    assert weights["refused"] < 1.0


def test_numbers_written_out_are_rendered_as_chinese_documents_write_them() -> None:
    analysis = analyze("Where did the Board hold its seventy-third session in June 2020?", TABLES)
    assert {"第七十三", "73", "6月"} <= set(analysis.expansions)
    session = next(c for c in analysis.concepts if ("seventy-third",) in c.forms)
    assert any("#七十" in form and "#十三" in form for form in session.forms)
    assert analysis.tokens["#十三"] == 1.0
    # A Chinese question is taken as written.
    assert "73" not in analyze("委员会第七十三届会议在哪里举行？", TABLES).expansions


def test_people_named_in_latin_letters_are_looked_up_in_the_reports_transliterations() -> None:
    from rag.lang.persons import PersonIndex

    persons = PersonIndex.from_texts(["联合创始人迈克尔·克雷彭探讨了这个问题。", "罗戈夫先生回顾了军控制度。"])
    spanish = analyze("¿Qué recomendó Michael Krepon?", replace(TABLES, persons=persons))
    assert {"迈克尔", "克雷彭"} <= set(spanish.expansions)
    krepon = next(c for c in spanish.concepts if ("krepon",) in c.forms)
    assert tuple(tokenize("克雷彭")) in krepon.forms
    russian = analyze("Что предложил Рогов?", replace(TABLES, persons=persons))
    assert "罗戈夫" in russian.expansions
    # Without the reports' names, or for a name they do not hold, nothing is invented.
    alone = analyze("¿Qué recomendó Michael Krepon?", TABLES)
    assert "克雷彭" not in alone.expansions
    assert not {"迈克尔", "克雷彭", "罗戈夫"} & set(
        analyze("What did Jane Goodall say?", replace(TABLES, persons=persons)).expansions
    )


def test_a_known_language_is_not_detected_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import rag.retrieval.query as query

    def refuse(text: str) -> str:
        raise AssertionError(f"detected the language of {text!r} again")

    monkeypatch.setattr(query, "detect_language", refuse)
    assert analyze("And Japan? (76/234)", TABLES, language="fr").language == "fr"


def test_references_are_what_the_analysis_names() -> None:
    text = "What did Norway and Japan say about resolution 76/234 in A/77/96?"
    found, analysis = references(text, default_names()), analyze(text, TABLES)
    assert found.respondents == analysis.respondents == ("NOR", "JPN")
    assert found.resolutions == analysis.resolutions == ("76/234",)
    assert found.documents == analysis.documents == ("A/77/96",)


@pytest.mark.parametrize(
    ("query", "rendering"),
    [
        ("armes nucléaires", "核武器"),
        ("désarmement nucléaire", "核裁军"),
        ("armas químicas", "化学武器"),
        ("medidas de fomento de la confianza", "建立信任措施"),
        ("mesures de confiance", "建立信任措施"),
    ],
)
def test_a_short_keyword_query_finds_its_terms_whatever_its_language_is_taken_for(query: str, rendering: str) -> None:
    # Two words rarely tell French from English or Spanish from French; a wrong guess must not hide the term.
    assert rendering in analyze(query, TABLES).expansions


def test_accents_tell_french_and_spanish_apart() -> None:
    assert detect_language("armas químicas") == "es"
    assert detect_language("contrôle des armes") == "fr"


def test_a_term_describing_the_report_weighs_less_than_what_is_asked_about_it() -> None:
    # "the report on weapons of mass destruction" says where to look; "export controls" says what to find there.
    described = analyze("In the report on weapons of mass destruction, who mentions export controls?", TABLES)
    asked = analyze("Who mentions weapons of mass destruction and export controls?", TABLES)
    assert described.tokens["毁灭性"] < asked.tokens["毁灭性"]
    assert described.tokens["管制"] == asked.tokens["管制"]
