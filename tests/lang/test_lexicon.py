"""rag/lang/lexicon.py: report-layout words read from rag/lang/data/lexicon/<lang>.yaml."""

from __future__ import annotations

import pytest

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
    assert lexicon.language_codes("英文和法文") == ("en", "fr")
    assert lexicon.language_codes("English and French") == ("en", "fr") and lexicon.language_codes("Klingon") == ()
    assert lexicon.language_code("Français") == "fr"
    assert lexicon.language_code("Испанский") == "es"
    assert lexicon.language_code("Klingon") is None


def test_languages_joined_to_one_said_of_replies() -> None:
    assert lexicon.reply_languages("Which replies were written in Russian or Arabic?") == ("ru", "ar")
    assert lexicon.reply_languages("Из ответов, присланных на русском или арабском языке, какие…?") == ("ru", "ar")
    assert lexicon.reply_languages("用俄文或阿拉伯文提交的答复有哪些？") == ("ru", "ar")
    assert lexicon.reply_languages("哪些国家交的是俄文原件？") == ("ru",)  # the original's language
    assert lexicon.reply_languages("Was it submitted in both English and French?") == ("en", "fr")
    assert "ar" not in lexicon.reply_languages("哪些国家交的不是阿拉伯文原件？")
    assert lexicon.reply_languages("ما الردود المقدمة بالعربية أو بالروسية؟") == ("ar", "ru")
    assert lexicon.reply_languages("Which states replied in English and mention Syria?") == ("en",)
    assert lexicon.reply_languages("Кто ответил по-русски на доклад A/77/96?") == ("ru",)  # the adverb
    assert lexicon.reply_languages("Какие ответы написаны по-русски или по-арабски?") == ("ar", "ru")
    spans = lexicon.reply_language_spans(
        text := "De las respuestas redactadas en español, ¿cuáles critican las sanciones?"
    )
    assert {text[a:b] for a, b in spans} == {"en español", "español", "redactadas"}  # the words on the language


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
    assert len(lexicon.month_names("en")) == 12 and lexicon.month_names("ar")["أيار/مايو"] == 5
    assert lexicon.month_names("zh") == {}
    assert lexicon.parse_date("19 de mayo de 2022") == "2022-05-19"
    assert lexicon.parse_date("1er février 2021") == "2021-02-01"
    assert lexicon.parse_date("19 мая 2022 г.") == "2022-05-19"
    assert lexicon.parse_date("May 19, 2022") == "2022-05-19"
    assert lexicon.parse_date("2022 年 5 月 19 日") == "2022-05-19"
    assert lexicon.parse_date("19 мая 2022 года") == "2022-05-19"
    assert lexicon.parse_date("19 أيار/مايو 2022") == "2022-05-19"
    assert lexicon.parse_date("3 كانون الثاني/يناير 2022") == "2022-01-03"
    assert lexicon.parse_date("no date here 2022") is None


def test_language_names_in_the_prepositional_case() -> None:
    # "[Подлинный текст на английском языке]"
    assert lexicon.language_code("английском") == "en"
    assert lexicon.language_code("испанском") == "es"


def test_layout_fragments_of_every_language_each_once() -> None:
    majors = lexicon.layout("major_heading")
    assert len(majors) == len(set(majors)) == 3  # Chinese numerals, Roman numerals, Arabic ordinals
    assert any("подлинный" in f for f in lexicon.layout("original"))
    with pytest.raises(KeyError):
        lexicon.layout("no such family")


def test_heading_letters_follow_their_own_alphabet() -> None:
    assert lexicon.next_letter("A") == "B"
    assert lexicon.next_letter("А") == "Б"  # Cyrillic
    assert lexicon.next_letter("ألف") == "باء"
    assert lexicon.next_letter("Z") is None and lexicon.next_letter("?") is None
    assert lexicon.first_letter("A") and lexicon.first_letter("А") and lexicon.first_letter("ألف")
    assert not lexicon.first_letter("B")


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


def test_every_language_describes_its_layout() -> None:
    for language in lexicon.UN_LANGUAGES:
        layout = lexicon.table(language)["layout"]
        assert set(layout) == {*lexicon.LAYOUT_KEYS, "letters"}, language
        assert layout["original"], language  # every language names a reply's original language its own way


@pytest.mark.parametrize(
    "question",
    [
        "Кто прислал свой ответ не на испанском языке и на каком именно?",
        "Which replies were not in Spanish?",
        "Which replies were not written in Spanish?",
        "¿Qué respuestas no fueron redactadas en español?",
        "Quelles réponses ne sont pas en espagnol ?",
        "Quelles réponses ne sont pas rédigées en espagnol ?",
        "哪些答复不是用西班牙文写的？",
        # the negation before the verb of replying
        "Which respondents did NOT write their reply in Spanish?",
        "Which respondents did not reply in Spanish?",
        "Quels répondants n'ont pas répondu en espagnol ?",
        "¿Qué respondientes no respondieron en español?",
        "Какие респонденты не ответили на испанском языке?",
        "ما الجهات التي لم ترد بالإسبانية؟",
        "哪些答复方没有用西班牙文答复？",
    ],
)
def test_replies_not_in_a_language_are_those_in_the_others(question: str) -> None:
    assert set(lexicon.reply_languages(question)) == {"ar", "zh", "en", "fr", "ru"}


@pytest.mark.parametrize(
    "question",
    [
        "Which Arab states replied in a language other than Arabic?",
        "Quels États arabes ont répondu dans une autre langue que l'arabe ?",
        "¿Qué Estados árabes respondieron en una lengua distinta del árabe?",
        "Какие арабские государства ответили на другом языке, не на арабском?",
        "ما الدول العربية التي ردت بلغة غير العربية؟",
        "哪些阿拉伯国家用阿拉伯文以外的语言答复？",
        "¿Qué Estados árabes respondieron en un idioma distinto del árabe?",  # idioma is masculine
        "Which Arab states replied in languages other than Arabic?",
        "Quels États arabes ont répondu dans d'autres langues que l'arabe ?",
    ],
)
def test_replies_in_a_language_other_than_one_are_those_in_the_others(question: str) -> None:
    assert set(lexicon.reply_languages(question)) == {"zh", "en", "fr", "ru", "es"}


def test_a_negation_of_something_else_is_no_negation_of_the_language() -> None:
    assert lexicon.reply_languages("Which states did not mention Syria in English replies?") == ("en",)


def test_a_language_before_the_word_for_replies() -> None:
    assert lexicon.reply_languages("Of the states that sent Spanish replies, which mention the IAEA?") == ("es",)
    assert lexicon.reply_languages("Which Spanish-language submissions mention the IAEA?") == ("es",)
    assert lexicon.reply_languages("Does the Spanish reply mention the IAEA?") == ()  # Spain's reply


def test_replies_written_in_each_of_two_languages() -> None:
    assert lexicon.in_each_language("Laquelle a été soumise à la fois en anglais et en français ?")
    assert lexicon.in_each_language("Which replies were written both in English and in French?")
    assert lexicon.in_each_language("哪些答复既用英文又用法文？")
    assert not lexicon.in_each_language("Which states replied in English or French?")
    assert not lexicon.in_each_language("Which states replied to both reports in English?")  # one language


@pytest.mark.parametrize(
    "question",
    [
        "Which organizations replied to the 2017 report, excluding those that wrote in Russian?",
        "¿Qué organizaciones respondieron al informe, excluyendo las que escribieron en ruso?",
        "Quelles organisations ont répondu, sauf celles qui ont écrit en russe ?",
        "ما المنظمات التي ردت باستثناء تلك التي كتبت بالروسية؟",
        "哪些组织作了答复，除了用俄文写的？",
    ],
)
def test_replies_set_apart_by_their_language_ask_for_the_others(question: str) -> None:
    assert set(lexicon.reply_languages(question)) == {"ar", "zh", "en", "fr", "es"}


def test_a_doctrine_and_its_followers_are_one_topic() -> None:
    assert lexicon.with_doctrine_kin(("恐怖主义",))[:2] == ("恐怖主义", "恐怖主义分子")
    assert "恐怖主义" in lexicon.with_doctrine_kin(("恐怖分子",))
    assert lexicon.with_doctrine_kin(("主义", "反恐")) == ("主义", "反恐")  # no stem of two characters
