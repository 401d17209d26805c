"""A set question's topic loosened when no reply names every phrase of it: to the phrases the question quotes, or to
the replies naming the most of its phrases, the rarer phrases weighing more (listing.py says so in a warning)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rag.answering.conditions import Condition, weighed_share
from rag.answering.respondents import RELAXED_WEIGHT, Aggregator
from rag.answering.scope import Section

# Those naming the most of a topic are listed if that is more than this share of its phrases: the question's own
# words ("criticize Russia's military attack") are rarely all in one reply.
RELAXED_SHARE = 0.5


def quoted_only(
    aggregator: Aggregator, condition: Condition, sections: Sequence[Section], quoted: frozenset[str]
) -> Condition | None:
    """When no reply names every phrase of a topic some of whose phrases the question quotes ("哪些答复把“减少风险”
    措施列为建立信任的手段": risk reduction, as a means): the condition that the replies naming every quoted phrase
    meet, the others weighing nothing, or None when none names them or the question quotes none of them."""
    flags = tuple(shown in quoted for shown in condition.topic)
    if condition.test != "mention" or not any(flags) or all(flags) or len(flags) != len(condition.topic_variants):
        return None
    relaxed = replace(condition, phrase_weights=tuple(map(float, flags)), min_share=sum(flags) / len(flags))
    return relaxed if any(aggregator.check_section(relaxed, s) for s in sections) else None


def relaxed(aggregator: Aggregator, condition: Condition, sections: Sequence[Section]) -> Condition | None:
    """When no reply names every phrase of a topic of three or more: the condition that the replies naming the most
    of its phrases meet (more than RELAXED_SHARE of them: of two phrases, both), else None. Each phrase also weighs
    by how few replies name it, and a reply must name RELAXED_WEIGHT of the topic's weight: the "concern" most
    replies voice does not stand for "concern about export controls". A state or organization the topic names that
    no reply names is what the question is about, never a phrase to drop: "which states took part in the SCO's
    exercises" is not answered by the replies on exercises."""
    total = len(condition.topic_variants)
    if condition.test != "mention" or total < 2 or not sections:
        return None
    loose = replace(condition, min_share=0.0)
    named = [[f is not None for f in aggregator.phrases_named(loose, s)] for s in sections]
    unnamed = [i for i in range(total) if not any(flags[i] for flags in named)]
    if any(aggregator.tables.names.resolve(v) for i in unnamed for v in condition.topic_variants[i]):
        return None
    weights = tuple(1.0 - sum(flags[i] for flags in named) / len(sections) for i in range(total))
    if sum(weights) <= 0:
        return None
    weighed = replace(condition, phrase_weights=weights)
    counts = [sum(flags) for flags in named if weighed_share(weighed, flags) >= RELAXED_WEIGHT]
    best = max(counts, default=0)
    if best <= RELAXED_SHARE * total:
        return None
    return replace(weighed, min_share=best / total)
