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
    kind: intent.SetKind, speaker: str, documents: Sequence[Document], replies: Mapping[str, Sequence[Section]]
) -> Plan | None:
    """The plan listing the respondents of `kind` that the speaker's reply names, in the documents it replied to
    (`replies`: each document's replies); None when it replied to none of them."""
    documents = [d for d in documents if any(s.key == speaker for s in replies[d.id])]
    if not documents:
        return None
    sections = [
        s for d in documents for s in replies[d.id] if (kind == "any" or s.respondent.kind == kind) and s.key != speaker
    ]
    return Plan(Condition(kind, "named_by", target=speaker), tuple(documents), tuple(sections))


def named_in(
    retriever: Retriever,
    names: NameTable,
    replies: Mapping[str, Sequence[Section]],
    condition: Condition,
    section: Section,
) -> Finding | None:
    """Where the reply of the condition's target, in the section's document, names the section's respondent: the
    first sentence naming it (a longer name holding it, "77国集团和中国", names another)."""
    reply = next((s for s in replies.get(section.doc_id, []) if s.key == condition.target), None)
    if reply is None or not section.respondent.id:
        return None
    for position in reply.positions:
        text = retriever.passages[position].text
        for mention in names.find_mentions(text):
            if mention.entity.id == section.respondent.id:
                span = next((sp for sp in sentence_spans(text) if sp[0] <= mention.start < sp[1]), (0, len(text)))
                return Finding(section, position, span)
    return None
