"""Follow-up questions: rewritten to stand alone before retrieval, by the language model when there is one,
else by carrying over what the previous question named."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.answering.records import Run
from rag.core.errors import LLMError
from rag.lang import intent
from rag.lang.names import NameTable
from rag.llm.client import ChatMessage, LLMClient
from rag.llm.prompts import load_prompt
from rag.retrieval.query import references

HISTORY_TURNS = 6  # the latest turns of a conversation a prompt shows
# Of each of those turns, a prompt shows the last TURN_CHARS characters (a turn of /v1/ask holds at most as many);
# of the previous question, the last QUESTION_CHARS are read for what it named (a question holds at most 1,999). A
# long turn of a chat client's conversation costs no more than these.
TURN_CHARS = 8000
QUESTION_CHARS = 2000


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


def history_text(history: Sequence[Turn]) -> str:
    """The latest HISTORY_TURNS turns, each cut to its last TURN_CHARS characters, for a prompt."""
    turns = ((t.role, t.content.strip()[-TURN_CHARS:].strip()) for t in history[-HISTORY_TURNS:])
    return "\n".join(f"{role}: {content}" for role, content in turns if content)


class FollowUps:
    """Makes a follow-up ("And Japan?") a question retrieval understands without the conversation."""

    def __init__(self, names: NameTable, llm: LLMClient | None, prompts_dir: Path) -> None:
        self.names = names
        self.llm = llm
        self.prompts_dir = prompts_dir

    def standalone(self, question: str, history: Sequence[Turn], run: Run) -> str:
        """The question itself when nothing came before it; else rewritten by the model, or (without one,
        or when it fails) with the states, resolutions and documents the previous question named."""
        earlier = [t.content for t in history if t.role == "user" and t.content.strip()]
        if not earlier:
            return question
        if self.llm is not None:
            rewritten = self._rewrite(self.llm, question, history, run)
            if rewritten is not None:
                return rewritten
        return self.carried_over(question, earlier[-1].strip()[-QUESTION_CHARS:], run.language)

    def _rewrite(self, llm: LLMClient, question: str, history: Sequence[Turn], run: Run) -> str | None:
        system, user = load_prompt(self.prompts_dir, "rewrite").render(history=history_text(history), question=question)
        try:
            rewritten = llm.complete([ChatMessage("system", system), ChatMessage("user", user)], max_tokens=200)
        except LLMError as exc:
            run.warnings.append(f"could not rewrite the follow-up with the language model ({exc.reason})")
            run.problems.append(f"llm:rewrite:{exc.reason}")
            return None
        rewritten = rewritten.strip().strip('"').strip()
        return rewritten if rewritten and len(rewritten) < 4 * len(question) + 200 else None

    def carried_over(self, question: str, earlier: str, language: str) -> str:
        """What the follow-up names replaces what the earlier question named ("And Japan?" asks about Japan
        instead of Norway); what it leaves out is carried over, named in the question's language."""
        now, before = references(question, self.names), references(earlier, self.names)
        carried: list[str] = []
        # A follow-up asking for a set of respondents ("Which states…?") asks about all of them.
        if not now.respondents and intent.set_kind(question) is None:
            for entity_id in before.respondents:
                if entity := self.names.get(entity_id):
                    carried.append(entity.display(language) or entity.name_en)
        carried += [] if now.resolutions else list(before.resolutions)
        carried += [] if now.documents else list(before.documents)
        return f"{question} ({', '.join(carried)})" if carried else question
