"""rag/lang/lexicon.py: report-layout words read from rag/lang/data/lexicon/<lang>.yaml."""

from __future__ import annotations

from rag.lang import lexicon


def test_language_names_gather_every_languages_words_in_source_order() -> None:
    assert lexicon.language_names("fr") == (
        "法文",
        "法语",
        "french",
        "français",
        "francés",
        "французский",
        "الفرنسية",
        "بالفرنسية",
    )
    assert lexicon.language_names("xx") == ()


def test_language_code_reads_any_languages_name() -> None:
    assert lexicon.language_code("英文和法文") == "en"
    assert lexicon.language_code("Français") == "fr"
    assert lexicon.language_code("Испанский") == "es"
    assert lexicon.language_code("Klingon") is None


def test_reply_languages_in_each_question_language() -> None:
    # in the order of UN_LANGUAGES, not of the question
    assert lexicon.reply_languages("Which states replied in Spanish or in Russian?") == ("ru", "es")
    assert lexicon.reply_languages("Quels États ont répondu en russe ?") == ("ru",)
    assert lexicon.reply_languages("Какие государства ответили на арабском языке?") == ("ar",)
    assert lexicon.reply_languages("哪些国家用俄文提交了答复？") == ("ru",)
    assert lexicon.reply_languages("Which states replied?") == ()
    assert lexicon.reply_languages("哪些组织的答复原文是俄文？") == ("ru",)
    assert lexicon.reply_languages("ما الدول التي ردّت باللغة العربية؟") == ("ar",)
    assert lexicon.reply_languages("أي الدول ردت بالإسبانية؟") == ("es",)
    # "Arab" as an adjective is not a reply language
    assert lexicon.reply_languages("هل ذكرت جامعة الدول العربية ذلك؟") == ()


def test_month_names_and_dates() -> None:
    assert lexicon.month_names("es")["setiembre"] == lexicon.month_names("es")["septiembre"] == 9
    assert len(lexicon.month_names("en")) == 12 and lexicon.month_names("ar") == {}
    assert lexicon.parse_date("19 de mayo de 2022") == "2022-05-19"
    assert lexicon.parse_date("1er février 2021") == "2021-02-01"
    assert lexicon.parse_date("19 мая 2022 г.") == "2022-05-19"
    assert lexicon.parse_date("May 19, 2022") == "2022-05-19"
    assert lexicon.parse_date("2022 年 5 月 19 日") == "2022-05-19"


def test_report_headings() -> None:
    assert lexicon.ORGANIZATION_PART.search("Replies received from international organizations")
    assert lexicon.STATE_PART.search("Réponses reçues des États") and lexicon.STATE_PART.search("各国政府的答复")
    assert not lexicon.STATE_PART.search("Réponses reçues des organisations")
    assert lexicon.ORGANIZATION_NAME.search("Европейское космическое агентство")
    assert not lexicon.ORGANIZATION_NAME.search("Japan")
    match = lexicon.REPLY_FROM.match("Réponse reçue de l'Union européenne")
    assert match and match.group("fr") == "Union européenne"
    match = lexicon.REPLY_FROM.match("从欧洲联盟收到的答复")
    assert match and match.group("zh") == "欧洲联盟"
    assert lexicon.REPLY_FROM.match("The reply received from Japan") is None  # anchored at the start
