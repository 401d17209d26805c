"""Follow-ups made to stand alone: carried over without a model, rewritten by one when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from rag.answering.followup import FollowUps, Turn, history_text
from rag.answering.records import Run
from rag.core.errors import LLMError
from rag.core.settings import Settings
from rag.lang.names import default_names
from rag.llm.client import LLMClient

NORWAY = [Turn("user", "What did Norway say about resolution 76/234 in A/77/96?"), Turn("assistant", "...")]
PROMPTS: Path = Settings().prompts_dir


class StubLLM:
    def __init__(self, reply: str | None) -> None:
        self.reply = reply

    def complete(self, messages: Any, **options: Any) -> str:
        if self.reply is None:
            raise LLMError("down", reason="connection")
        return self.reply


def followups(llm: StubLLM | None = None) -> FollowUps:
    return FollowUps(default_names(), cast(LLMClient, llm), PROMPTS)


def test_a_first_question_stands_alone() -> None:
    assert followups().standalone("And Japan?", [Turn("assistant", "hello")], Run("And Japan?", "en")) == "And Japan?"


def test_what_the_follow_up_leaves_out_is_carried_over() -> None:
    run = Run("And Japan?", "en")
    assert followups().standalone("And Japan?", NORWAY, run) == "And Japan? (76/234, A/77/96)"
    # A respondent is carried over in the language of the question, unless it asks for a set of them.
    assert followups().carried_over("Et la résolution 71/38 ?", NORWAY[0].content, "fr") == (
        "Et la résolution 71/38 ? (Norvège, A/77/96)"
    )
    assert "Norway" not in followups().carried_over("Which states replied?", NORWAY[0].content, "en")


def test_the_model_rewrites_and_a_failed_rewrite_falls_back() -> None:
    run = Run("And Japan?", "en")
    rewritten = followups(StubLLM('"What did Japan say about resolution 76/234?"')).standalone(
        "And Japan?", NORWAY, run
    )
    assert rewritten == "What did Japan say about resolution 76/234?" and not run.warnings
    failed = Run("And Japan?", "en")
    assert followups(StubLLM(None)).standalone("And Japan?", NORWAY, failed) == "And Japan? (76/234, A/77/96)"
    assert failed.problems == ["llm:rewrite:connection"] and failed.warnings


def test_history_shows_the_latest_turns_only() -> None:
    turns = [Turn("user", f"q{i}") for i in range(8)] + [Turn("assistant", "  ")]
    assert history_text(turns).splitlines() == [f"user: q{i}" for i in range(3, 8)]
