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
