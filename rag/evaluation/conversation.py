"""Questions asked in a conversation (a gold item with a `history`): the questions before one are asked first, in
order, each with the turns before it, and their answers are the turns the question is asked after, as the widget
sends them. Only the last question is judged; what came before is asked the way a user asked it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rag.answering.followup import Turn
from rag.core.types import Answer


class Ask(Protocol):
    """Answers a question asked after some turns (Answerer.ask fits)."""

    def __call__(self, question: str, *, history: Sequence[Turn] = ()) -> Answer: ...


class Replays:
    """The turns before a question: each earlier question answered once, with the turns before it, however many
    items of a set start the same way (a set has a few dozen conversations, so what is kept stays small)."""

    def __init__(self, ask: Ask) -> None:
        self.ask = ask
        self._turns: dict[tuple[str, ...], tuple[Turn, ...]] = {}

    def turns(self, history: Sequence[str]) -> tuple[Turn, ...]:
        """The user's questions in `history` and the answers they got, in order; () for a question asked first."""
        asked = tuple(history)
        if not asked:
            return ()
        if asked not in self._turns:
            before = self.turns(asked[:-1])
            answer = self.ask(asked[-1], history=before)
            self._turns[asked] = (*before, Turn("user", asked[-1]), Turn("assistant", answer.answer))
        return self._turns[asked]
