"""Tests for rag.numerals: number words, ordinals and months in a question, rendered as Chinese documents write them."""

from __future__ import annotations

import pytest

from rag.lang import numerals
from rag.lang.numerals import NumberMention, chinese_numeral, find_numbers, names_a_day


def found(text: str, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    mentions = find_numbers(text, lang)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.forms) for m in mentions]


def only(text: str, lang: str) -> tuple[str, ...]:
    """The forms of the single mention in text, which must cover the whole text."""
    mentions = find_numbers(text, lang)
    assert [m.text for m in mentions] == [text]
    return mentions[0].forms


# --- chinese_numeral


@pytest.mark.parametrize(
    ("n", "zh"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (73, "七十三"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (120, "一百二十"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (2000, "二千"),
        (2020, "二千零二十"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numeral(n: int, zh: str) -> None:
    assert chinese_numeral(n) == zh


@pytest.mark.parametrize("n", [-1, 10_000])
def test_chinese_numeral_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(n)


# --- cardinals


@pytest.mark.parametrize(
    ("lang", "text", "n"),
    [
        ("en", "seventy-three", 73),
        ("en", "seventy three", 73),
        ("en", "Seventy-Three", 73),
        ("en", "twenty-one", 21),
        ("en", "one hundred and five", 105),
        ("en", "two hundred", 200),
        ("en", "nine hundred ninety-nine", 999),
        ("en", "eleven", 11),
        ("fr", "soixante-treize", 73),
        ("fr", "soixante et onze", 71),
        ("fr", "soixante-dix-sept", 77),
        ("fr", "quatre-vingt-dix-neuf", 99),
        ("fr", "quatre-vingts", 80),
        ("fr", "vingt et un", 21),
        ("fr", "vingt-et-une", 21),
        ("fr", "cent cinq", 105),
        ("fr", "deux cents", 200),
        ("fr", "dix-sept", 17),
        ("es", "setenta y tres", 73),
        ("es", "veintiuno", 21),
        ("es", "veintidós", 22),
        ("es", "veintidos", 22),
        ("es", "ciento cinco", 105),
        ("es", "doscientos", 200),
        ("es", "quinientas", 500),
        ("es", "novecientos noventa y nueve", 999),
        ("ru", "семьдесят три", 73),
        ("ru", "сто пять", 105),
        ("ru", "двести", 200),
        ("ru", "двадцать одна", 21),
        ("ru", "девятьсот девяносто девять", 999),
        # oblique cases
        ("ru", "семидесяти трёх", 73),
        ("ru", "семидесяти трех", 73),
        ("ru", "пятьюдесятью", 50),
        ("ru", "двумястами", 200),
        ("ru", "сорока двух", 42),
        ("ar", "ثلاثة", 3),
        ("ar", "أربع", 4),
        ("ar", "اربعة", 4),  # hamza folded
        ("ar", "أحد عشر", 11),
        ("ar", "اثنتي عشرة", 12),
        ("ar", "سبعون", 70),
        ("ar", "ثلاثة وسبعون", 73),
        ("ar", "إحدى وعشرين", 21),
        ("ar", "مائتان", 200),
    ],
)
def test_cardinals(lang: str, text: str, n: int) -> None:
    assert only(text, lang) == (str(n), chinese_numeral(n))


def test_cardinal_forms() -> None:
    assert only("seventy-three", "en") == ("73", "七十三")


# --- ordinals


@pytest.mark.parametrize(
    ("lang", "text", "n"),
    [
        ("en", "first", 1),
        ("en", "second", 2),
        ("en", "third", 3),
        ("en", "twelfth", 12),
        ("en", "fortieth", 40),
        ("en", "seventy-third", 73),
        ("en", "twenty-first", 21),
        ("en", "one hundredth", 100),
        ("en", "two hundred and first", 201),
        ("en", "one hundred twenty-third", 123),
        ("fr", "premier", 1),
        ("fr", "première", 1),
        ("fr", "deuxième", 2),
        ("fr", "deuxieme", 2),
        ("fr", "seconde", 2),
        ("fr", "cinquième", 5),
        ("fr", "neuvième", 9),
        ("fr", "soixante-treizième", 73),
        ("fr", "vingt et unième", 21),
        ("fr", "quatre-vingt-dixième", 90),
        ("fr", "centième", 100),
        ("fr", "cent unième", 101),
        ("es", "primero", 1),
        ("es", "primera", 1),
        ("es", "primer", 1),
        ("es", "segundo", 2),
        ("es", "segunda", 2),
        ("es", "tercero", 3),
        ("es", "tercer", 3),
        ("es", "tercera", 3),
        ("es", "décimo tercero", 13),
        ("es", "decimotercera", 13),
        ("es", "vigésimo primero", 21),
        ("es", "septuagésimo tercero", 73),
        ("es", "septuagesimo tercer", 73),
        ("es", "septuagésima tercera", 73),
        ("es", "centésimo", 100),
        ("ru", "первый", 1),
        ("ru", "первая", 1),
        ("ru", "первой", 1),
        ("ru", "первого", 1),
        ("ru", "третий", 3),
        ("ru", "четвёртом", 4),
        ("ru", "четвертом", 4),
        ("ru", "семьдесят третий", 73),
        ("ru", "семьдесят третья", 73),
        ("ru", "семьдесят третьей", 73),
        ("ru", "семьдесят третьего", 73),
        ("ru", "семьдесят третьем", 73),
        ("ru", "сорок второй", 42),
        ("ru", "сто первом", 101),
        ("ru", "сотый", 100),
        ("ru", "двухсотой", 200),
        ("ar", "الأولى", 1),
        ("ar", "الثالث", 3),
        ("ar", "العاشرة", 10),
        ("ar", "الحادي عشر", 11),
        ("ar", "الخامسة عشرة", 15),
        ("ar", "السبعين", 70),
        ("ar", "الخامسة والسبعين", 75),
        ("ar", "الحادية والسبعين", 71),
        ("ar", "الثالثَ والسبعينَ", 73),  # vowel signs
    ],
)
def test_ordinals(lang: str, text: str, n: int) -> None:
    assert only(text, lang) == ("第" + chinese_numeral(n), str(n))


def test_ordinal_forms() -> None:
    assert only("seventy-third", "en") == ("第七十三", "73")


@pytest.mark.parametrize(
    ("lang", "text", "n"),
    [
        ("en", "73rd", 73),
        ("en", "1st", 1),
        ("en", "2nd", 2),
        ("en", "40th", 40),
        ("fr", "73e", 73),
        ("fr", "73ème", 73),
        ("fr", "73eme", 73),
        ("fr", "1er", 1),
        ("fr", "1re", 1),
        ("fr", "1ère", 1),
        ("es", "73.º", 73),
        ("es", "73º", 73),
        ("es", "73.ª", 73),
        ("es", "73ª", 73),
        ("ru", "73-й", 73),
        ("ru", "73-я", 73),
        ("ru", "73-е", 73),
        ("ru", "73-го", 73),
        ("ru", "73-м", 73),
        ("ru", "73-ей", 73),
        ("ru", "73-ю", 73),
    ],
)
def test_digit_ordinals(lang: str, text: str, n: int) -> None:
    assert only(text, lang) == ("第" + chinese_numeral(n), str(n))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "73 states"),  # plain digits are the tokenizer's
        ("en", "the 1990s"),
        ("en", "0th"),
        ("en", "1,000th"),
        ("ru", "в 2020-м году"),  # a year, not an ordinal
        ("ru", "в 1990-х годах"),
        ("fr", "en 2017"),
    ],
)
def test_digits_that_are_not_ordinals(lang: str, text: str) -> None:
    assert find_numbers(text, lang) == []


# --- months


@pytest.mark.parametrize(
    ("lang", "text", "month"),
    [
        ("en", "January", 1),
        ("en", "june", 6),
        ("en", "December", 12),
        ("en", "Sept.", 9),
        ("en", "Jan.", 1),
        ("fr", "janvier", 1),
        ("fr", "février", 2),
        ("fr", "fevrier", 2),
        ("fr", "mars", 3),
        ("fr", "mai", 5),
        ("fr", "août", 8),
        ("fr", "décembre", 12),
        ("es", "enero", 1),
        ("es", "mayo", 5),
        ("es", "septiembre", 9),
        ("es", "setiembre", 9),
        ("es", "diciembre", 12),
        ("ru", "январь", 1),
        ("ru", "января", 1),
        ("ru", "январе", 1),
        ("ru", "январю", 1),
        ("ru", "май", 5),
        ("ru", "мая", 5),
        ("ru", "мае", 5),
        ("ru", "марта", 3),
        ("ru", "августе", 8),
        ("ru", "декабрём", 12),
    ],
)
def test_months(lang: str, text: str, month: int) -> None:
    assert only(text, lang) == (f"{month}月",)


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("in May 2017", "May"),
        ("on 15 May", "May"),
        ("May 15, 2017", "May"),
        ("May, 2017", "May"),
    ],
)
def test_may_next_to_a_number_is_a_month(text: str, may: str) -> None:
    assert (may, ("5月",)) in found(text, "en")


@pytest.mark.parametrize(
    "text", ["you may ask", "May I ask who chaired it?", "MAY 2017", "may 2017", "States May Reply"]
)
def test_may_otherwise_is_not(text: str) -> None:
    assert found(text, "en") == []


@pytest.mark.parametrize("text", ["sent before May", "in May of 2017", "by early May"])
def test_may_after_a_word_of_time_is_a_month(text: str) -> None:
    assert ("May", ("5月",)) in found(text, "en")


def test_abbreviation_needs_capital_and_dot() -> None:
    assert found("jan. and Dec", "en") == []


# --- what is not a number


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "which one"),
        ("en", "one of the States"),
        ("en", "secondary"),
        ("en", "firstly"),  # an adverb of discourse, not a rank
        ("en", "secondly"),
        ("en", "someone"),
        ("en", "hundred"),  # "several hundred" is not 100
        ("fr", "un État"),
        ("fr", "une fois"),
        ("fr", "l'un des États"),
        ("fr", "pour cent"),  # a percentage
        ("es", "un país"),
        ("es", "uno de ellos"),
        ("es", "una vez"),
        ("es", "por ciento"),
        ("ru", "один из них"),
        ("ru", "одна страна"),
        ("ru", "семью"),  # "family", not the instrumental of семь
        ("ru", "восьмидесятник"),
    ],
)
def test_not_numbers(lang: str, text: str) -> None:
    assert find_numbers(text, lang) == []


@pytest.mark.parametrize("lang", ["zh", "de", ""])
def test_other_languages(lang: str) -> None:
    assert find_numbers("seventy-third session in June 七十三", lang) == []


# --- mentions in a question


def test_question_en() -> None:
    text = "When did the Board hold its seventy-third session in June 2017?"
    assert find_numbers(text, "en") == [
        NumberMention(28, 41, "seventy-third", ("第七十三", "73")),
        NumberMention(53, 57, "June", ("6月",)),
    ]


def test_question_fr() -> None:
    text = "Quand le Conseil a-t-il tenu sa soixante-treizième session, en juin 2017 ?"
    assert found(text, "fr") == [("soixante-treizième", ("第七十三", "73")), ("juin", ("6月",))]


def test_question_es() -> None:
    text = "¿Cuándo celebró la Junta su septuagésimo tercer período de sesiones, en junio de 2017?"
    assert found(text, "es") == [("septuagésimo tercer", ("第七十三", "73")), ("junio", ("6月",))]


def test_question_ru() -> None:
    text = "Когда Совет провёл свою семьдесят третью сессию, в июне 2017 года?"
    assert found(text, "ru") == [("семьдесят третью", ("第七十三", "73")), ("июне", ("6月",))]


def test_question_ar() -> None:
    text = "متى عقد المجلس دورته الثالثة والسبعين في حزيران/يونيه 2017؟"
    assert found(text, "ar") == [("الثالثة والسبعين", ("第七十三", "73")), ("حزيران", ("6月",)), ("يونيه", ("6月",))]


@pytest.mark.parametrize(("text", "month"), [("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الثاني", 1)])
def test_arabic_two_word_months_are_not_ordinals(text: str, month: int) -> None:
    assert only(text, "ar") == (f"{month}月",)


@pytest.mark.parametrize("text", ["أول دولة", "في المقام الأول", "بالدرجة الأولى", "واحد منها"])
def test_arabic_words_that_are_not_numbers(text: str) -> None:
    assert find_numbers(text, "ar") == []


def test_arabic_indic_digits_read_as_the_documents_digits() -> None:
    assert numerals.western_digits("الدورة ٧٥ عام ٢٠٢١: ٠٫٥") == "الدورة 75 عام 2021: 0.5"
    assert dict(numerals.named_numbers("ما نتائج الدورة ٧٥؟", "ar"))["75"] == ("75", "七十五")


def test_longest_match_is_one_mention() -> None:
    assert found("the seventy-third session", "en") == [("seventy-third", ("第七十三", "73"))]
    assert found("la quatre-vingt-dix-neuvième", "fr") == [("quatre-vingt-dix-neuvième", ("第九十九", "99"))]


def test_mentions_in_order_and_apart() -> None:
    text = "the first and second sessions, twenty one States, the 3rd of May 2018"
    assert found(text, "en") == [
        ("first", ("第一", "1")),
        ("second", ("第二", "2")),
        ("twenty one", ("21", "二十一")),
        ("3rd", ("第三", "3")),
        ("May", ("5月",)),
    ]


def test_a_number_stops_where_the_next_cannot_continue_it() -> None:
    # "and" joins only after hundreds in English; "tres" cannot follow "dos"; an ordinal ends an English number.
    assert [t for t, _ in found("between ten and two", "en")] == ["ten", "two"]
    assert [t for t, _ in found("dos y tres", "es")] == ["dos", "tres"]
    assert [t for t, _ in found("third four", "en")] == ["third", "four"]
    assert [t for t, _ in found("cinq pour cent", "fr")] == ["cinq"]


def test_words_are_not_matched_inside_longer_words() -> None:
    assert found("twentyfold, threefold, tenth-grade", "en") == [("tenth", ("第十", "10"))]
    assert found("второстепенный", "ru") == []
    assert found("troisièmement", "fr") == []


@pytest.mark.parametrize(
    "text, day",
    [
        ("于 2020 年 1 月 29 日至 1 月 31 日", True),
        ("adopted on 6 December 2021", True),
        ("June 24, 2020", True),
        ("le 6 décembre 2021", True),
        ("el 6 de diciembre de 2021", True),
        ("6 декабря 2021 года", True),
        ("2022-06-24", True),
        ("in December 2021", False),
        ("1993 年会议报告", False),
        ("2021年", False),
    ],
)
def test_names_a_day(text: str, day: bool) -> None:
    assert names_a_day(text) is day


def test_a_decimal_comma_is_read_as_the_documents_decimal_point() -> None:
    assert (
        numerals.decimal_points("un 0,0206 % y 2,7 millones; 1,000 states")
        == "un 0.0206 % y 2.7 millones; 1,000 states"
    )
    forms = dict(numerals.named_numbers("¿solo un 0,0206 %?", "es"))
    assert "0.0206" in forms["0,0206"]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Article IV of the NPT", "第四条"),
        ("Статья III ДНЯО", "第三条"),
        ("статью IV ДНЯО", "第四条"),
        ("l'article X de la Convention", "第十条"),
        ("el artículo 6 del Tratado", "第六条"),
        ("《不扩散条约》第四条", "第四条"),
    ],
)
def test_an_article_of_a_treaty_is_numbered_as_the_chinese_texts_number_it(text: str, form: str) -> None:
    assert [found for *_, found in numerals.article_references(text)] == [form]


def test_articles_without_a_number_and_roman_numerals() -> None:
    assert numerals.article_references("the articles of association") == []
    assert (numerals.roman("XIV"), numerals.roman("IX"), numerals.roman("ABC")) == (14, 9, None)
