"""Tests for the dates a question gives and the reply dates it asks about (rag/lang/dates.py)."""

from __future__ import annotations

import pytest

from rag.lang.dates import adoption_day_asked, all_reply_dates, find_dates, mentions_with_edges, reply_dates


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("dated 31 May 2022", (2022, 5, 31)),
        ("before May 2017", (2017, 5, 0)),
        ("le 31 mai 2022", (2022, 5, 31)),
        ("el 1 de junio de 2017", (2017, 6, 1)),
        ("до 1 мая 2017 года", (2017, 5, 1)),
        ("مؤرخة في 31 أيار/مايو 2022", (2022, 5, 31)),
        ("2022年5月31日", (2022, 5, 31)),
        ("2017年5月之前", (2017, 5, 0)),
        ("on 2022-05-19", (2022, 5, 19)),
        ("on June 9", (0, 6, 9)),
    ],
)
def test_dates_down_to_the_month(text: str, day: tuple[int, int, int]) -> None:
    assert [d.day for d in find_dates(text)] == [day]


def test_a_year_alone_or_the_modal_may_is_no_date() -> None:
    assert find_dates("Which states adopted a law in 2015?") == []
    assert find_dates("You may ask which states replied.") == []


@pytest.mark.parametrize(
    ("question", "inside", "outside"),
    [
        ("Which replies are dated 31 May 2022?", ["2022-05-31"], ["2022-05-30", "2017-05-31"]),
        ("Which organizations sent their replies before May 2017?", ["2017-04-30", "2016-12-01"], ["2017-05-01"]),
        ("2017年5月之前提交答复的国际组织有哪些？", ["2017-03-16"], ["2017-05-11"]),
        ("哪些答复的日期是2022年5月31日？", ["2022-05-31"], ["2022-05-30"]),
        ("¿Qué respuestas se recibieron después del 1 de junio de 2017?", ["2017-06-02"], ["2017-06-01"]),
        ("Какие ответы были получены до 1 мая 2017 года?", ["2017-04-30"], ["2017-05-01"]),
        ("Quelles réponses sont datées du 31 mai 2022 ?", ["2022-05-31"], ["2022-06-01"]),
        ("أيّ المنظمات أرسلت ردّها قبل أيار/مايو 2017؟", ["2017-04-27"], ["2017-05-22"]),
        ("Which states replied on or before 20 May?", ["2022-05-20", "2017-05-18"], ["2022-05-23"]),
        # two dates joined by "or": either; the first takes the year of the second
        ("Which governments sent in their replies in June or July 2017?", ["2017-06-02", "2017-07-20"], ["2017-05-31"]),
        ("Which replies were sent before May?", ["2022-04-29", "2017-03-16"], ["2022-05-31"]),  # May after "before"
        ("哪些国际组织的答复是2017年5月份送来的？", ["2017-05-11"], ["2017-06-01"]),
        # what the reply answered between the verb and "in" the month
        ("Which states replied to the peaceful uses report in April 2022?", ["2022-04-11"], ["2022-05-31"]),
        ("Which governments answered the WMD questionnaire in June or July 2017?", ["2017-07-20"], ["2017-05-31"]),
        (
            "Какие государства ответили на доклад о мирном использовании в апреле 2022 года?",
            ["2022-04-29"],
            ["2022-05-02"],
        ),
        ("ما الدول التي ردت على تقرير الاستخدامات السلمية في أبريل أو مارس 2022؟", ["2022-03-30"], ["2022-05-31"]),
        # what the reply answered between the reply and the date compared
        (
            "أيّ الحكومات أرسلت ردّها على استطلاع الآراء بشأن القرار 76/234 (الاستخدامات السلمية) قبل أيار/مايو 2022؟",
            ["2022-04-30"],
            ["2022-05-31"],
        ),
        (
            "Which governments sent their reply on the survey about resolution 76/234 (peaceful uses) before May 2022?",
            ["2022-04-30"],
            ["2022-05-31"],
        ),
    ],
)
def test_the_reply_dates_a_question_asks_about(question: str, inside: list[str], outside: list[str]) -> None:
    dated = reply_dates(question)
    assert dated is not None, question
    assert all(dated.holds(day) for day in inside), question
    assert not any(dated.holds(day) for day in outside), question
    assert not dated.holds(None)  # a reply without a date is not known to be in the span


@pytest.mark.parametrize(
    "question",
    [
        "Which states said they adopted a law in May 2015?",
        "Which states' replies mention the meeting held on 12 April 2017?",
        "Which states that replied mention the meeting held on 12 April 2017?",
        "Which states that replied mention the treaty signed before May 2017?",
        "Which states replied, and which mention the treaty signed before May 2017?",
        "哪些国家在答复中提到了2017年4月12日的会议？",
        "Which replies mention the law adopted in May 2021?",
    ],
)
def test_a_date_of_what_a_reply_says_is_no_reply_date(question: str) -> None:
    assert reply_dates(question) is None


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("avant la vague de fin mai ?", ["fin mai"]),
        ("a finales de mayo de 2022", ["finales de mayo de 2022"]),
        ("в конце мая 2022 года", ["конце мая 2022 года"]),
        ("في أواخر مايو 2022", ["أواخر مايو 2022"]),
        ("before 31 May 2022", ["31 May 2022"]),
    ],
)
def test_a_date_with_the_word_setting_where_in_it(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in mentions_with_edges(text)] == spans


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("A/77/87 printed what had come in by 31 May 2022. Whose replies arrived right on that day?", "31 May 2022"),
        ("Le rapport date du 31 mai 2022. Quels États ont envoyé leur réponse ce jour-là ?", "31 mai 2022"),
        ("El informe es del 31 de mayo de 2022. ¿Quiénes enviaron su respuesta ese mismo día?", "31 de mayo de 2022"),
        ("Доклад включает ответы до 31 мая 2022 года. Чьи ответы были получены в тот же день?", "31 мая 2022 года"),
        ("تضمن التقرير الردود حتى 31 أيار/مايو 2022. من أرسل ردّه في ذلك اليوم؟", "31 أيار/مايو 2022"),
    ],
)
def test_words_pointing_back_to_a_date_given_earlier(question: str, shown: str) -> None:
    asked = all_reply_dates(question)[-1]  # the first sentence may date replies too ("received by")
    assert asked.holds("2022-05-31") and not asked.holds("2022-05-30") and not asked.holds("2022-04-11")
    assert asked.words.endswith(shown) or shown in asked.words


def test_a_pointer_right_after_a_date_is_part_of_it() -> None:
    question = "报告说2022年5月31日以后收到的意见只挂到网上。那么哪几家是卡着5月31日当天才交答复的？"
    after, on = all_reply_dates(question)  # the first sentence's date is of replies too, and its own
    assert after.holds("2022-06-01") and not after.holds("2022-05-31")
    assert on.holds("2022-05-31") and not on.holds("2022-06-01") and on.words == "5月31日当天"
    assert reply_dates(question) == after
    assert find_dates("那天") == []  # pointing back to no date given before


@pytest.mark.parametrize(
    "question",
    [
        "En las respuestas sobre la resolución 76/234, ¿qué países recuerdan el día exacto en que se aprobó?",
        "Which replies on 76/234 recall the day it was adopted?",
        "Какие ответы указывают точную дату принятия резолюции 76/234?",
        "哪些答复写明了第76/234号决议通过的确切日期？",
    ],
)
def test_a_question_asking_on_which_day_a_resolution_was_adopted(question: str) -> None:
    assert adoption_day_asked(question) == (0, 0, 0)


def test_a_resolution_adopted_without_asking_a_day_asks_none() -> None:
    assert adoption_day_asked("Which replies say resolution 76/234 was adopted by a vote?") is None


def test_a_chinese_word_for_before_standing_before_a_date_is_another_words() -> None:
    (dated,) = all_reply_dates("哪些答复是截止日前一天、也就是2022年5月30日发出的？")
    assert dated.low == dated.high == (2022, 5, 30)
    (before,) = all_reply_dates("哪些答复是2022年5月30日之前发出的？")
    assert before.low is None and before.high == (2022, 5, 29)
