"""Which states a listed body's members come from ("ما الدول العربية التي كان لها من يمثّلها بين أعضاء المجلس
الاستشاري…؟", "Which countries do the Board's members come from?"): the states of the rows of its list of members
that the question describes (members.py), each cited to its row. A question asking which of them replied, or what
they said, is no such question: the replies or the passages answer it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rag.answering.citations import check_citations
from rag.answering.members import MEMBER_WORD, Described, Member, describe
from rag.answering.records import Run, citation, display, doc_label
from rag.core.types import Answer, Citation, Hit, Item
from rag.lang import intent, phrases
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever


class MemberAnswers:
    """Answers a set question on the states a listed body's members come from, from its list."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever

    def answer(self, run: Run, analysis: QueryAnalysis, hits: Sequence[Hit]) -> Answer | None:
        text = analysis.text
        if run.among or any(p.search(text) for p in (intent.REPLY_VERB, intent.MENTION_VERB, intent.SAYS_VERB)):
            return None  # "Which of their countries replied…?", "Which states did the members name?"
        described = describe(text, self.retriever, run.language)
        rows = described.rows
        if not rows or not _asks_members(text, described):
            return None
        named = [(m.start, m.end) for m in self.retriever.names.find_mentions(text)]
        # "Which countries…" asks for states, one each; "Quels membres … étaient basés aux États-Unis ?" for people
        people = intent.respondent_kind(text, ignore=named) != "state"
        first: dict[tuple[str, ...], Member] = {}  # one item a person, or a state
        for member in rows if people else [m for m in rows if m.states]:
            first.setdefault((*member.states[:1], member.name) if people else member.states[:1], member)
        if not first:
            return None
        citations: list[Citation] = []
        items: list[Item] = []
        language = run.language
        for member in first.values():
            state = member.states[0] if member.states else None
            passage = self.retriever.passages[member.position]
            cited = citation(len(citations) + 1, passage, self.retriever.documents[passage.doc_id], member.span)
            citations.append(cited)
            label = display(self.retriever.names, state, language) or state or ""
            if people:  # "刘易斯·邓恩 (United States of America)"
                label = f"{member.name} ({label})" if member.name and label else member.name or label
            english = (display(self.retriever.names, state, "en") or None) if state else None
            items.append(Item(label, english, state or member.name, (cited.n,)))
        document = self.retriever.documents[self.retriever.passages[rows[0].position].doc_id]
        key = "list_members" + ("_people" if people else "") + ("_one" if len(items) == 1 else "")
        listed = phrases.join_list([f"{item.label} [{item.citations[0]}]" for item in items], language)
        values: dict[str, str | int] = {
            "count": len(items),
            "kinds": phrases.kinds("state", language, len(items)) if not people else "",
            "doc": doc_label(document, language),
            "list": listed,
        }
        checked = check_citations(phrases.phrase(key, language, **values), len(citations))
        answer = run.answer(checked.text, True, "extractive", citations, checked.grounded, retrieved=hits)
        return replace(answer, items=tuple(items))


# Characters at most from the word asking which to the word for members ("Which Advisory Board members").
ASKED_REACH = 30


def _asks_members(text: str, described: Described) -> bool:
    """Whether a question asks which states or respondents, or which people or members ("哪些人", "Quels membres…")
    it describes by what the list holds ("…étaient basés aux États-Unis", 在日内瓦工作的, "tenían rango de embajador"):
    not which member did something ("Quel membre … a fait circuler le document…?", 是谁给委员们讲超高音速武器…: a
    term no row holds), nor "Which recommendations did the members make?"."""
    if intent.set_kind(text) in ("state", "any"):
        return True
    people = intent.ASKS_PERSON.search(text) or any(
        MEMBER_WORD.search(text, m.start(), m.end() + ASKED_REACH) for m in intent.ASKS_SEVERAL.finditer(text)
    )
    return bool(people) and (described.placed or (described.narrowed and not described.foreign))
