"""Who a follow-up asks about when it does not name it: a subject pronoun, or no subject before its verb."""

from __future__ import annotations

import pytest

from rag.answering.subjects import (
    points_back_first,
    set_subject_pronoun,
    subject_pronoun,
    subjectless,
    which_subject_pronoun,
)
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
    ("question", "pronoun"),
    [
        ("它跟哪些国家有合作？", "它"),  # before the set asked: the countries it deals with
        ("哪些国家支持它？", None),  # after it: what the states support
        ("Which countries does it cooperate with?", "it"),  # after an auxiliary
        ("Which states mention it in their replies?", None),  # "it" after a verb is an object
        ("Which states do they work with?", "they"),  # never an object
        ("Avec quels pays coopère-t-elle ?", "elle"),
        ("Quels États ont-ils voté contre ?", None),  # the inverted pronoun repeats the states asked
        ("Quels pays coopèrent avec elle ?", None),
        ("¿Qué países cooperan con ella?", None),
        ("Какие страны оно упоминает?", "оно"),  # never an object
        ("Какие страны сотрудничают с ним?", None),
        ("What does it say about export controls?", None),  # no set asked: subject_pronoun's case
    ],
)
def test_the_subject_of_a_set_question(question: str, pronoun: str | None) -> None:
    span = set_subject_pronoun(question)
    assert (question[slice(*span)] if span else None) == pronoun


@pytest.mark.parametrize(
    ("question", "pronoun"),
    [
        ("它是哪些出口管制制度的成员？", "它"),  # which regimes is it a member of: asked of the one talked about
        ("Which regimes is it a member of?", "it"),
        ("Which measures did it take?", "it"),
        ("De quels régimes est-elle membre ?", "elle"),
        ("它跟哪些国家有合作？", "它"),  # a set of states, as set_subject_pronoun reads it
        ("Which measures mention it?", None),  # an object
        ("哪些国家支持它？", None),
    ],
)
def test_the_subject_of_a_question_asking_which_things(question: str, pronoun: str | None) -> None:
    span = which_subject_pronoun(question)
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


@pytest.mark.parametrize(
    ("question", "back"),
    [
        ("and its institute is an IAEA collaborating centre for what?", True),
        ("Et d'après elle, la Boussole stratégique de l'UE consacre un pilier à quoi ?", True),
        ("¿Y su plan nacional menciona al OIEA?", True),
        ("那它的国家计划提到原子能机构了吗？", True),
        ("And Japan, what did its reply say?", False),  # the name first: who is asked
        ("What does Japan say about the IAEA?", False),
    ],
)
def test_a_pronoun_or_possessive_before_any_name_points_back(question: str, back: bool) -> None:
    assert points_back_first(question, default_names()) is back


def test_a_pronoun_in_the_words_asking_who_points_to_no_one() -> None:
    """ "من هم أصحاب الردود…" is "who are the respondents…", not "who are they", the one talked about before."""
    question = "ومن هم كل أصحاب الردود في هذا التقرير الذين يذكرون أوكرانيا أصلاً؟"
    verb = question.index("يذكرون")
    assert subject_pronoun(question, verb) is None
    assert set_subject_pronoun(question) is None
