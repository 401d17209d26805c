"""Names set apart from those a question asks about (rag/lang/apart.py)."""

from __future__ import annotations

import pytest

from rag.lang import apart


@pytest.mark.parametrize(
    ("question", "word", "opens"),
    [
        ("Какие организации упоминают МАГАТЭ (не считая ответа самого МАГАТЭ)?", "не считая", True),
        ("Which bodies, not counting the IAEA itself, mention it?", "not counting", True),
        ("¿Qué organizaciones (sin contar la respuesta del propio OIEA) lo mencionan?", "sin contar", True),
        ("哪些组织提到原子能机构（不算原子能机构自己的答复）？", "不算", True),
        ("Which states do not mention it?", "not", False),
        ("Какие государства не упоминают МАГАТЭ?", "не", False),
    ],
)
def test_a_negation_opening_a_besides_phrase(question: str, word: str, opens: bool) -> None:
    assert apart.opens_besides(question, question.index(word)) is opens


def test_a_name_after_besides_is_set_apart() -> None:
    question = "Besides Mexico, which states mention the Wassenaar Arrangement?"
    at = question.index("Mexico")
    assert apart.set_apart(question, at, at + len("Mexico")) is not None
    assert apart.included("Which states, Norway included, mention it?", 14, 20)


@pytest.mark.parametrize(
    ("question", "name", "apart_"),
    [
        ("¿Qué países apoyan la resolución 76/234, aparte de China y Rusia?", "Rusia", True),
        ("Besides China and Russia, which states support it?", "Russia", True),
        ("除了中国和俄罗斯，还有哪些国家支持？", "俄罗斯", True),
        ("باستثناء الصين وروسيا، ما الدول التي تؤيد القرار؟", "روسيا", True),
        ("Quelles organisations ont répondu, sauf l'OTAN et l'Union européenne ?", "Union européenne", True),
        ("Which states, like China and Russia, support it?", "Russia", False),
        ("Which states mention China and Russia?", "Russia", False),
    ],
)
def test_a_name_joined_to_one_set_apart_is_set_apart_too(question: str, name: str, apart_: bool) -> None:
    at = question.index(name)
    assert (apart.set_apart(question, at, at + len(name)) is not None) is apart_


@pytest.mark.parametrize(
    "question",
    [
        "Dejando aparte la propia respuesta de INTERPOL, ¿quiénes cuentan que trabajan con INTERPOL?",
        "Sin contar la respuesta de INTERPOL, ¿quiénes trabajan con INTERPOL?",
        "Not counting the reply from INTERPOL, who says they work with INTERPOL?",
        "Sans compter la réponse d'INTERPOL, qui dit travailler avec INTERPOL ?",
        "Combien d'États ont répondu, hors INTERPOL ?",
    ],
)
def test_a_reply_set_apart_sets_its_author_apart(question: str) -> None:
    at = question.index("INTERPOL")
    assert apart.set_apart(question, at, at + len("INTERPOL")) is not None
