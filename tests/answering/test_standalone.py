"""Which questions stand alone and which lean on the conversation before them."""

from __future__ import annotations

import pytest

from rag.answering.standalone import stands_alone, switched_topic
from rag.lang.names import default_names

SPEAKERS = frozenset({"EGY", "NZL", "KOR"})  # respondents with a reply


@pytest.mark.parametrize(
    "question",
    [
        "And Japan?",
        "Why?",
        "What did they say about it?",
        "What about export controls?",
        "Et le Japon ?",
        "¿Y Japón?",
        "А Япония?",
        "وماذا عن اليابان؟",
        "日本呢？",
        "那么日本怎么说？",
        "And what about the Zangger Committee?",
        "它的立场是什么？",
    ],
)
def test_a_question_that_leans_on_the_one_before_is_not_standalone(question: str) -> None:
    assert not stands_alone(question, default_names())


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Qu'a-t-il proposé pour l'Asie du Sud ?", False),  # "il": who was asked about before
        ("Et pourquoi a-t-elle refusé ?", False),
        ("Le Mexique a-t-il répondu ?", True),  # "il" is Mexico
        ("Quels États ont-ils mentionné le contrôle des exportations ?", True),  # "ils" are the states asked for
        ("What else did Spain say?", False),  # else than what the conversation quoted, on its subject
    ],
)
def test_inverted_pronouns_and_else_point_back(question: str, alone: bool) -> None:
    assert stands_alone(question, default_names()) is alone


def test_a_spanish_question_with_the_article_el_stands_alone() -> None:
    # "él" (he) points back; folded, it must not make the article "el" of every question do so.
    assert stands_alone("¿Menciona España el Tratado de Cielos Abiertos?", default_names())
    assert stands_alone("Volviendo a España, ¿menciona el Tratado de Cielos Abiertos?", default_names())


def test_a_continuation_naming_a_respondent_and_which_things_stands_alone() -> None:
    assert stands_alone("¿Y Cuba qué principios defiende?", default_names())
    assert stands_alone("Et le Japon, quelles mesures propose-t-il ?", default_names())
    assert not stands_alone("¿Y Japón, qué medidas?", default_names())


def test_a_pronoun_whose_antecedent_the_question_names_stands_alone() -> None:
    assert stands_alone("回到西班牙，它在2021年根据《1999年维也纳文件》参加了哪些检查？", default_names())
    assert not stands_alone("它在2021年根据《1999年维也纳文件》参加了哪些检查？", default_names())
    assert not stands_alone("هل تذكر الفضاء الخارجي؟", default_names(), SPEAKERS)
    assert stands_alone("وهل تذكر نيوزيلندا التحقق؟", default_names(), SPEAKERS)  # who, and what it mentions


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Combien de fois s'est-il réuni à ce titre en 2020 ?", False),  # "il", inverted after "how many times"
        ("Quels États ont-ils mentionné la Syrie ?", True),  # a set question says who "ils" are
        ("Pourquoi la Chine estime-t-elle que les contrôles sont excessifs ?", True),
        ("وكيف تصنّف فيها انتشار أسلحة الدمار الشامل؟", False),  # "and how does [it] classify…"
        ("وكم عدد أفراد هذه القوات؟", False),  # "and how many members do these forces have?"
        ("وكيف تصف مصر الرقابة على الصادرات في ردها؟", True),  # "and how does Egypt describe…": it says who
    ],
)
def test_a_continuation_without_its_subject_does_not_stand_alone(question: str, alone: bool) -> None:
    assert stands_alone(question, default_names()) is alone


def test_a_verb_written_with_an_accent_is_no_pointing_word() -> None:
    # "está" (is) folds to "esta" (this): the question names the United States and asks all it needs
    assert stands_alone(
        "¿Qué porcentaje del comercio mundial está sujeto a controles según Estados Unidos?", default_names()
    )
    assert not stands_alone("¿Y qué dice esta propuesta sobre el comercio?", default_names())


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        ("Different topic: does Pakistan push for channels?", "does Pakistan push for channels?"),
        (
            "Rien à voir : d'après Cuba, Washington a-t-il laissé voler IBC Airways ?",
            "d'après Cuba, Washington a-t-il laissé voler IBC Airways ?",
        ),
        ("Otra cosa que no tiene nada que ver: ¿qué dice Cuba?", "¿qué dice Cuba?"),
        ("Сменим тему. Как его зовут?", "Как его зовут?"),
        ("سؤال آخر لا علاقة له بما سبق: ماذا قالت مصر؟", "ماذا قالت مصر؟"),
        ("换个话题：日本说了什么？", "日本说了什么？"),
        ("Which other states mention it?", None),
        ("What does Japan say about another topic, verification?", None),  # not where it opens
    ],
)
def test_words_changing_the_subject(question: str, rest: str | None) -> None:
    assert switched_topic(question) == rest


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("ومتى أرسلت السعودية ردها؟", True),  # and when did Saudi Arabia send its reply?
        ("And when did Saudi Arabia send its reply?", True),  # "its" points to the name before it
        ("And when did it reply?", False),
        ("And when?", False),
    ],
)
def test_and_when_a_named_respondent_did_something_stands_alone(question: str, alone: bool) -> None:
    assert stands_alone(question, default_names()) is alone
