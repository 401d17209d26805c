"""Which other respondents one reply names ("Which other respondents does the United States name in its reply?",
"西班牙的答复提到了哪些同样给这份报告交了答复的国际组织？"): the names table reads that reply, and each respondent it
names is listed with the sentence naming it, quoted from that reply. Recognised by recognition.named_by."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rag.answering.conditions import Condition, Finding, Plan
from rag.answering.scope import Section
from rag.core.text import sentence_spans
from rag.core.types import Document
from rag.lang import intent
from rag.lang.names import NameTable
from rag.retrieval.retriever import Retriever


def plan(
    kind: intent.SetKind,
    speaker: str,
    documents: Sequence[Document],
    replies: Mapping[str, Sequence[Section]],
    text: str = "",
) -> Plan | None:
    """The plan listing the respondents of `kind` that the speaker's reply names, in the documents it replied to
    (`replies`: each document's replies); None when it replied to none of them. A question naming the report of the
    reply read before a verb of replying and another report after it ("Which of the countries Spain names in its
    reply to A/77/87 also replied to A/77/96?") asks the respondents of the other report."""
    read, asked = _read_and_asked(text, documents)
    documents = [d for d in (asked or documents) if asked or any(s.key == speaker for s in replies[d.id])]
    if not documents or (read and not any(s.key == speaker for d in read for s in replies[d.id])):
        return None
    sections = [
        s for d in documents for s in replies[d.id] if (kind == "any" or s.respondent.kind == kind) and s.key != speaker
    ]
    condition = Condition(kind, "named_by", target=speaker, read_in=tuple(d.id for d in read))
    return Plan(condition, tuple(documents), tuple(sections))


def _read_and_asked(text: str, documents: Sequence[Document]) -> tuple[list[Document], list[Document]]:
    """The documents named (by symbol or resolution) before the question's last verb of replying, and those named
    after it; ([], []) unless each side names one at least."""
    verbs = list(intent.REPLY_VERB.finditer(text))
    if len(documents) < 2 or not verbs:
        return [], []
    where = {d.id: text.find(n) for d in documents for n in (d.symbol, d.resolution) if n and n in text}
    if len(where) != len(documents):
        return [], []
    last = verbs[-1].start()
    read = [d for d in documents if where[d.id] < last]
    asked = [d for d in documents if where[d.id] > last]
    return (read, asked) if read and asked else ([], [])


class NamedIn:
    """Reads which states and organizations a reply names, once per reply (at most one entry per reply of the corpus),
    and finds a respondent among them."""

    def __init__(self, retriever: Retriever, names: NameTable, replies: Mapping[str, Sequence[Section]]) -> None:
        self.retriever, self.names, self.replies = retriever, names, replies
        self._read: dict[tuple[str, str], dict[str, tuple[int, tuple[int, int]]]] = {}

    def finding(self, condition: Condition, section: Section) -> Finding | None:
        """Where the reply of the condition's target, in the section's document, names the section's respondent: the
        first sentence naming it (a longer name holding it, "77国集团和中国", names another)."""
        where = None
        for doc_id in condition.read_in or (section.doc_id,):
            named = self._named(doc_id, condition.target or "")
            where = where or (named.get(section.respondent.id) if section.respondent.id else None)
        return Finding(section, *where) if where is not None else None

    def _named(self, doc_id: str, target: str) -> dict[str, tuple[int, tuple[int, int]]]:
        key = (doc_id, target)
        if key not in self._read:
            reply = next((s for s in self.replies.get(doc_id, []) if s.key == target), None)
            found: dict[str, tuple[int, tuple[int, int]]] = {}
            for position in reply.positions if reply is not None else ():
                text = self.retriever.passages[position].text
                for mention in self.names.find_mentions(text):
                    spans = (sp for sp in sentence_spans(text) if sp[0] <= mention.start < sp[1])
                    found.setdefault(mention.entity.id, (position, next(spans, (0, len(text)))))
            self._read[key] = found
        return self._read[key]
