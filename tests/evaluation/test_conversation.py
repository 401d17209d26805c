"""Conversation items: the questions before one are asked first, in order, each with the turns before it; only the
last is judged, and retrieval searches it as rewritten after them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rag.answering.followup import Turn
from rag.core.types import Answer
from rag.evaluation.answers import run_answer_eval
from rag.evaluation.conversation import Replays
from rag.evaluation.retrieval import GoldQuestion, load_gold, run_retrieval_eval
from rag.lang.names import default_names


class ScriptedAsk:
    """Answers "Q" with "A to Q" and records what it was asked with."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Turn, ...]]] = []

    def __call__(self, question: str, *, history: Sequence[Turn] = ()) -> Answer:
        self.calls.append((question, tuple(history)))
        return Answer(question=question, answer=f"A to {question}", language="en", answerable=True, mode="extractive")


def question(qid: str, text: str, history: tuple[str, ...] = ()) -> GoldQuestion:
    return GoldQuestion(qid, "en", "factoid", text, "a", (), ("evidence",), "A_77_96", history)


def test_each_earlier_question_is_asked_once_with_the_turns_before_it() -> None:
    ask = ScriptedAsk()
    replays = Replays(ask)
    turns = replays.turns(("What did Cuba say?", "Why?"))
    assert [(t.role, t.content) for t in turns] == [
        ("user", "What did Cuba say?"),
        ("assistant", "A to What did Cuba say?"),
        ("user", "Why?"),
        ("assistant", "A to Why?"),
    ]
    assert ask.calls == [("What did Cuba say?", ()), ("Why?", turns[:2])]
    assert replays.turns(("What did Cuba say?",)) == turns[:2] and len(ask.calls) == 2  # a shared start: asked once
    assert replays.turns(()) == ()


def test_answer_eval_asks_the_last_question_after_its_history() -> None:
    ask = ScriptedAsk()
    questions = [question("en-cv001", "And Japan?", ("What did Cuba say?",)), question("en-001", "Alone?")]
    report = run_answer_eval(questions, ask, default_names())
    cuba = (Turn("user", "What did Cuba say?"), Turn("assistant", "A to What did Cuba say?"))
    assert ask.calls[1] == ("And Japan?", cuba)
    assert ask.calls[2] == ("Alone?", ())
    rows = {row["id"]: row for row in report["questions"]}
    assert rows["en-cv001"]["history"] == ["What did Cuba say?"] and "history" not in rows["en-001"]
    assert report["overall"]["questions"] == 2  # the earlier questions are not judged


def test_retrieval_eval_searches_a_conversation_item_as_rewritten() -> None:
    searched: list[str] = []
    questions = [question("en-cv001", "And Japan?", ("What did Cuba say?",)), question("en-001", "Alone?")]

    def search(text: str) -> list:
        searched.append(text)
        return []

    run_retrieval_eval(questions, search, lambda q: f"{q.question} ({q.history[-1]})")
    assert searched == ["And Japan? (What did Cuba say?)", "Alone?"]
    run_retrieval_eval(questions, search)
    assert searched[2:] == ["And Japan?", "Alone?"]


def test_load_gold_reads_the_history(tmp_path: Path) -> None:
    row: dict[str, object] = {"id": "en-cv001", "lang": "en", "type": "unanswerable", "question": "And France?"}
    row |= {"answer": "No."}
    row |= {"answer_items": [], "evidence": [], "doc": None, "history": ["Who replied to 76/234?"]}
    path = tmp_path / "conv.jsonl"
    path.write_text(json.dumps(row) + "\n" + json.dumps(row | {"id": "en-cv002", "history": []}) + "\n", "utf-8")
    first, second = load_gold(path)
    assert first.history == ("Who replied to 76/234?",) and second.history == ()
