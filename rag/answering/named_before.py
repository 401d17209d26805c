"""Those a statement before a set question says one reply names: "In its reply on regional confidence-building,
Spain names the Asian countries it talks to regularly. Which of those countries sent their own views on resolution
76/234?" asks among the states that Spain's paragraph on its Asian partners names, not among a list answered before.

The statement is read as a search within the reply of the respondent it names first (its subject); the states the
best paragraph names, less the speaker and those the statement itself names ("confirmed Iraq's chemical weapons
use": Iraq is what they confirmed, not one of them), are those the last sentence asks which of."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

from rag.answering.clauses import SENTENCE_END
from rag.core.types import SearchFilters
from rag.lang import intent
from rag.retrieval.retriever import Retriever

STATEMENT_HITS = 3  # paragraphs of the speaker's reply read for the one the statement describes
MIN_NAMED = 2  # states a paragraph must name, besides the speaker, to be the list a statement speaks of


@dataclass(frozen=True)
class NamedBefore:
    """The last sentence of a question, to be asked among the states a statement before it says a reply names."""

    asked: str
    among: tuple[str, ...]
    speaker: str


def split_statement(question: str) -> tuple[str, str] | None:
    """The statement and the last sentence of a question of two sentences or more; None for one sentence."""
    text = question.rstrip()
    ends = [m.end() for m in SENTENCE_END.finditer(text) if m.end() < len(text)]
    if not ends:
        return None
    return text[: ends[-1]].strip(), text[ends[-1] :].strip()


def named_before(question: str, retriever: Retriever, speakers: Set[str]) -> NamedBefore | None:
    """The states a question's statement says one respondent's reply names, when its last sentence asks which of
    those replied ("Which of those countries sent their own views…", "这几个国家里有哪些…交了答复"); else None."""
    parts = split_statement(question)
    if parts is None:
        return None
    statement, asked = parts
    if intent.AMONG_THEM.search(asked) is None or intent.set_cue(statement) is not None:
        return None  # "Seven EU states replied. Which of them…": the group is the statement's own words
    if intent.REPLY_VERB.search(asked) is None:
        return None  # "…cite ses États partenaires. Lesquels ?": what the reply names, answered from it (named_by)
    names = retriever.names
    mentioned = names.find_mentions(statement)
    speaker = next((m.entity.id for m in mentioned if m.entity.id in speakers), None)
    if speaker is None:
        return None
    stated = {m.entity.id for m in mentioned}
    filters = SearchFilters(respondent=(speaker,))
    for hit in retriever.search(statement, STATEMENT_HITS, filters).hits:
        named = [m.entity.id for m in names.find_mentions(hit.passage.text) if m.entity.kind == "state"]
        among = tuple(dict.fromkeys(n for n in named if n not in stated))
        if len(among) >= MIN_NAMED:
            return NamedBefore(asked, among, speaker)
    return None
