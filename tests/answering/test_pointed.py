"""A demonstrative and its noun named as the question before named the thing (rag/answering/pointed.py)."""

from __future__ import annotations

import pytest

from rag.answering.pointed import resolve_pointed, without_report_pointer
from rag.lang.names import default_names


@pytest.mark.parametrize(
    ("asked", "earlier", "resolved"),
    [
        (
            "Qui d'autre mentionne ce comité ?",
            "Depuis quand l'Espagne fait-elle partie du Comité Zangger ?",
            "Qui d'autre mentionne Comité Zangger ?",
        ),
        (
            "Who else mentions that committee?",
            "Since when has Spain been a member of the Zangger Committee?",
            "Who else mentions Zangger Committee?",
        ),
        (
            "Кто ещё упоминает этот комитет?",
            "С какого года Испания входит в Комитет Цангера?",
            "Кто ещё упоминает Комитет Цангера?",
        ),
        ("还有谁提到该委员会？", "西班牙从什么时候起是桑戈委员会成员？", "还有谁提到桑戈委员会？"),
        # no name the tables know: the noun and the words of the thing's name after it, not the clause's
        (
            "¿Quién más habla de esa conferencia?",
            "Ecuador cuenta que participó en una conferencia del OIEA en diciembre de 2016. ¿Cuál era?",
            "¿Quién más habla de conferencia del OIEA?",
        ),
    ],
)
def test_the_pointed_thing_is_named_as_before(asked: str, earlier: str, resolved: str) -> None:
    assert resolve_pointed(asked, earlier, default_names()) == resolved


def test_a_symbol_is_one_word_of_the_pointed_phrase() -> None:
    said = resolve_pointed(
        "¿Qué otros Estados mencionan esa resolución?", "¿Qué dice Cuba de la resolución 76/234?", default_names()
    )
    assert said == "¿Qué otros Estados mencionan resolución 76/234?"


def test_a_demonstrative_pointing_to_nothing_named_before_is_left() -> None:
    names = default_names()
    # "that" opening a clause, and a noun the earlier question never used
    asked = "Who else says that the export controls are too strict?"
    assert resolve_pointed(asked, "Does China say export controls hurt developing countries?", names) == asked
    asked = "Qui d'autre mentionne cette conférence ?"
    assert resolve_pointed(asked, "Depuis quand l'Espagne fait-elle partie du Comité Zangger ?", names) == asked


def test_an_article_and_a_capitalised_noun_point_to_a_name_given_before() -> None:
    names = default_names()
    earlier = "What does Ecuador say about the International Atomic Energy Agency?"
    assert resolve_pointed("Who else mentions the Agency?", earlier, names) == (
        "Who else mentions International Atomic Energy Agency?"
    )
    # by another form of the name: "l'AIEA" before, "l'Agence" now
    before = "L'Ukraine dit-elle que sa police coopère avec l'AIEA ?"
    assert resolve_pointed("Qui d'autre parle de l'Agence ?", before, names) == "Qui d'autre parle de AIEA ?"
    # only a name the tables know: "the report", "the Treaty" point to nothing named before
    assert resolve_pointed("Who else mentions the report?", earlier, names) == "Who else mentions the report?"
    assert resolve_pointed("Who else speaks of the Treaty?", earlier, names) == "Who else speaks of the Treaty?"


def test_a_pointer_to_the_report_is_passed_over_for_the_thing_pointed_to() -> None:
    earlier = "Эквадор пишет, что участвовал в международной конференции МАГАТЭ в декабре 2016 года."
    asked = "Кто ещё из ответивших в этом докладе упоминает ту конференцию?"
    assert resolve_pointed(asked, earlier, default_names()) == (
        "Кто ещё из ответивших в этом докладе упоминает конференции МАГАТЭ?"
    )


@pytest.mark.parametrize(
    ("question", "pointer"),
    [
        ("Which replies in that report mention Ukraine at all?", "that report"),
        ("Quels États de ce rapport parlent de l'Ukraine ?", "ce rapport"),
        ("¿Quiénes dicen en ese informe que financian la Iniciativa?", "ese informe"),
        ("Кто в этом докладе упоминает Украину?", "этом докладе"),
        ("ومن هم كل أصحاب الردود في هذا التقرير الذين يذكرون أوكرانيا؟", "هذا التقرير"),
        ("这份报告里还有谁提到乌克兰？", "这份报告"),
    ],
)
def test_words_pointing_to_a_report_named_before(question: str, pointer: str) -> None:
    blanked = without_report_pointer(question)
    assert pointer not in blanked and len(blanked) == len(question)
    assert without_report_pointer("Which states mention the report on Ukraine?") == (
        "Which states mention the report on Ukraine?"
    )
