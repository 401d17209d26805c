"""Set questions read in parts: what a question asks of the replies besides their language ("Of the replies in
Spanish, which attack sanctions?"), and what it asks of the group its first clause names ("Among the countries that
push back against 76/234, which bring COVID-19 into it?"). Each part is read as a whole question would be, with the
rest of the question blanked, by the `read` it is given (Aggregator.condition)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rag.answering import recognition
from rag.answering.conditions import Condition
from rag.core.text import blank_spans
from rag.lang import intent, lexicon
from rag.retrieval.query import QueryAnalysis

Read = Callable[[QueryAnalysis], Condition]


def beyond_language(analysis: QueryAnalysis, read: Read) -> Condition | None:
    """What a question with a reply-language condition asks of those replies besides their language: a stance or
    a topic read with the words on the language blanked; None when it asks only which replied in it."""
    spans = lexicon.reply_language_spans(analysis.text)
    said = read(replace(analysis, text=blank_spans(analysis.text, spans), reply_languages=()))
    return said if said.test not in ("mention", "replied") or said.topic_variants else None


def within_group(analysis: QueryAnalysis, read: Read) -> Condition | None:
    """What the rest of a question asks, of the group its first clause names, when both ask something of a reply (a
    stance, a claim, a topic named); None when the question names no such group, or one every respondent asked about
    is in ("Among the replies in Spanish, which…", "Entre los Estados que respondieron a los informes…")."""
    span = recognition.group_clause(analysis.text)
    if span is None:
        return None
    outside = blank_spans(analysis.text, [(0, span[0]), (span[1], len(analysis.text))])
    group = read(replace(analysis, text=outside))
    if group.test == "mention" and not group.about_self and intent.REPLY_VERB.search(outside):
        return None  # "… que respondieron a los informes del Secretario General sobre desarme": the reports described
    rest = read(replace(analysis, text=blank_spans(analysis.text, [span])))
    if not (asks_of_replies(group) and asks_of_replies(rest)):
        return None
    return replace(rest, within=group, within_words=analysis.text[span[0] : span[1]])


def asks_of_replies(condition: Condition) -> bool:
    """Whether a condition asks something of what a reply says: a stance, an endorsement, a lack, or a topic read
    whole (not who replied, nor in which language)."""
    if condition.test == "mention":
        return bool(condition.topic_variants or condition.all_treaties) and not condition.untranslated
    return condition.test not in ("replied", "language")
