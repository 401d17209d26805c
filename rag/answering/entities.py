"""The states and organizations an extractive answer's quotes name, as the items of a question that asks which
ones ("Which regimes does Spain say it belongs to?", "日本与哪些国家开展了合作？"): a list answer, not only quotes.

Only the kind the question asks for is listed (states, organizations, or both when it does not say), and never a
respondent the question names itself (its speaker, or one it sets apart)."""

from __future__ import annotations

from collections.abc import Sequence

from rag.core.types import Citation, Item
from rag.lang import intent
from rag.lang.names import NameTable
from rag.retrieval.query import QueryAnalysis


def named_items(analysis: QueryAnalysis, citations: Sequence[Citation], names: NameTable) -> tuple[Item, ...]:
    """The entities the quotes name, each with the citations naming it, in order of first mention; none when
    the question does not ask which ones."""
    if not intent.asks_which_entities(analysis.text):
        return ()
    kind = intent.respondent_kind(analysis.text)
    asked_about = {m.entity.id for m in names.find_mentions(analysis.text)}
    found: dict[str, list[int]] = {}
    for cited in citations:
        for mention in names.find_mentions(cited.quote):
            entity = mention.entity
            if entity.id in asked_about or entity.id == cited.passage.respondent.id:
                continue
            if kind in ("state", "organization") and entity.kind != kind:
                continue
            numbers = found.setdefault(entity.id, [])
            if cited.n not in numbers:
                numbers.append(cited.n)
    items = []
    for entity_id, numbers in found.items():
        known = names.get(entity_id)
        assert known is not None
        label = known.display(analysis.language) or known.name_en
        items.append(Item(label, known.name_en, entity_id, tuple(numbers)))
    return tuple(items)
