"""Who a follow-up asks about when it does not name it: a subject pronoun, or no subject before its verb."""

from __future__ import annotations

import pytest

from rag.answering.subjects import subject_pronoun, subjectless
from rag.lang import intent
from rag.lang.names import default_names


@pytest.mark.parametrize(
    ("question", "pronoun"),
    [
        ("А что он говорит о финансировании МАГАТЭ?", "он"),
        ("Does it mention the Hague Code?", "it"),
        ("Que dit-elle de l'AIEA ?", "elle"),  # inverted, after its verb
        ("它提到外层空间了吗？", "它"),
        ("What does Egypt say about it?", None),  # after the verb: what is said, not who says it
    ],
)
def test_the_subject_pronoun(question: str, pronoun: str | None) -> None:
    verb = intent.SPEECH.search(question) or intent.MENTION_VERB.search(question)
    assert verb is not None
    span = subject_pronoun(question, verb.start())
    assert (question[slice(*span)] if span else None) == pronoun


@pytest.mark.parametrize(
    ("question", "without"),
    [
        ("هل تذكر الفضاء الخارجي؟", True),
        ("¿Menciona la verificación?", True),
        ("提到外层空间了吗？", True),
        ("وهل تذكر جمهورية كوريا الشعبية الديمقراطية؟", True),  # the DPRK sent no reply: it is mentioned
        ("¿Menciona Cuba la verificación?", False),  # Cuba replied: it is who mentions
        ("Does the report mention outer space?", False),
    ],
)
def test_a_question_opening_with_its_verb_has_no_subject(question: str, without: bool) -> None:
    assert subjectless(question, default_names(), frozenset({"CUB", "NZL", "KOR"})) is without
