"""rag/lang/events.py: the events a question asks the date of, from each language's `events` table."""

from __future__ import annotations

import pytest

from rag.lang import events


@pytest.mark.parametrize(
    ("question", "event"),
    [
        ("When was the 5+5 Defence Initiative launched?", "launch"),
        ("En quelle année le Burkina Faso a-t-il créé sa commission ?", "found"),
        ("¿En qué fecha ratificó Noruega la enmienda?", "ratify"),
        ("Когда Эквадор ратифицировал Договор?", "ratify"),
        ("متى انضمت كينيا إلى المعاهدة؟", "join"),
        ("它是哪一年加入核供应国集团的？", "join"),
        ("Когда договор вступил в силу?", "in_force"),
    ],
)
def test_a_question_names_the_event_it_asks_the_date_of(question: str, event: str) -> None:
    assert event in events.named(question)


def test_words_are_whole_unless_a_stem() -> None:
    assert events.named("What is the significance of the initiative?") == frozenset()  # not "sign", "initiated"
    assert events.named("¿Cuándo se reunió la Junta?") == frozenset()
    assert "launch" in events.named("Quand l'initiative a-t-elle été lancée ?")  # lanc*: any ending


def test_a_text_in_any_language_names_an_event() -> None:
    assert events.names_one("挪威于 2014 年正式加入该《公约》。", frozenset({"join"}))
    assert events.names_one("Norway acceded to the Convention in 2014.", frozenset({"join"}))
    assert not events.names_one("挪威于 2005 年签署了该公约。", frozenset({"ratify"}))
