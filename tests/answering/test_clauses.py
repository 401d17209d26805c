"""Set questions read in parts (rag/answering/clauses.py): the group a sentence before the question names."""

from __future__ import annotations

import pytest

from rag.answering.clauses import sentence_group


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("Several states back resolution 76/234. Which of them mention the IAEA?", "back resolution 76/234"),
        (
            "Plusieurs pays soutiennent la résolution 76/234. Lesquels d'entre eux citent l'AIEA ?",
            "soutiennent la résolution 76/234",
        ),
        (
            "站在第76/234号决议一边的那些国家大多只谈发展。其中有谁谈到了恐怖主义？",
            "站在第76/234号决议一边的那些国家大多只谈发展",
        ),
    ],
)
def test_a_stance_in_the_sentence_before_names_the_group_asked_which_of(question: str, group: str) -> None:
    span = sentence_group(question)
    assert span is not None and question[span[0] : span[1]] == group


@pytest.mark.parametrize(
    "question",
    [
        "Which states mention the IAEA?",  # one sentence
        "Several states mention the IAEA. Which of them back resolution 76/234?",  # no stance before
        "Several states back resolution 76/234. Which states mention the IAEA?",  # not asked of them
    ],
)
def test_no_group_without_a_stance_before_a_question_asking_which_of_them(question: str) -> None:
    assert sentence_group(question) is None
