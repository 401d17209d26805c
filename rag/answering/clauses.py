"""Set questions read in parts: what a question asks of the replies besides their language ("Of the replies in
Spanish, which attack sanctions?"), and what it asks of the group its first clause names ("Among the countries that
push back against 76/234, which bring COVID-19 into it?"). Each part is read as a whole question would be, with the
rest of the question blanked, by the `read` it is given (Aggregator.condition)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rag.answering import recognition
from rag.answering.conditions import Condition, Finding, opposite
from rag.answering.scope import Section
from rag.core.text import blank_spans
from rag.lang import cues, intent, lexicon, stance_words
from rag.retrieval.query import QueryAnalysis

Read = Callable[[QueryAnalysis], Condition]
Check = Callable[[Condition, Section], Finding | None]


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
    relative = False
    span = recognition.group_clause(analysis.text)
    if span is None and (span := recognition.stance_group(analysis.text) or sentence_group(analysis.text)):
        relative = True  # "Which of the states that support 76/234 mention the IAEA?"
    if span is None:
        return None
    outside = blank_spans(analysis.text, [(0, span[0]), (span[1], len(analysis.text))])
    group = read(replace(analysis, text=outside))
    if group.test == "mention" and not group.about_self and intent.REPLY_VERB.search(outside):
        return None  # "… que respondieron a los informes del Secretario General sobre desarme": the reports described
    rest = read(replace(analysis, text=blank_spans(analysis.text, [span])))
    if not (asks_of_replies(group) and asks_of_replies(rest)) or (relative and group.test not in STANCES):
        return None
    first, other = _either(analysis, span, read)
    if first is not None:
        group = first
    if group.test in ("support", "oppose") and stance_words.negated_stance(analysis.text, *span):
        group = opposite(group)  # "которые не согласны"
    return replace(rest, within=group, within_words=analysis.text[span[0] : span[1]], within_or=other)


SENTENCE_END = re.compile(r"[.?!。？！؟]\s*")  # a sentence of a question ends (named_before.py too)


def sentence_group(text: str) -> tuple[int, int] | None:
    """Where the sentence naming a group by its stance stands, when the question's last sentence asks which of them
    ("站在第76/234号决议一边…的那些国家，大多只谈发展和制裁。其中有谁还谈到了恐怖主义？", "Some states back 76/234.
    Which of them mention the IAEA?"): the sentence before it, read as a group when it names a stance. None
    otherwise."""
    breaks = list(SENTENCE_END.finditer(text.rstrip(" ?？؟")))
    if not breaks:
        return None
    last = breaks[-1]
    if (among := intent.AMONG_THEM.search(text, last.end())) is None or among.start() - last.end() > ASK_REACH:
        return None
    start = breaks[-2].end() if len(breaks) > 1 else 0
    if (others := _OTHERS.match(text, start)) is not None:
        start = others.end()  # "Several states back it": the states that back it, not a claim of what others did
    if stance_words.question_stance(text[start : last.start()]) is None:
        return None
    return start, last.start()


_OTHERS = re.compile(rf"\W*(?:{cues.alternation('others_subject')})\s*", re.I)
ASK_REACH = 12  # characters before the words asking which of them ("Which of them", "Et lesquels", "那么其中")
_OR = cues.pattern("or_word")
STANCES = ("support", "oppose", "sponsor", "endorse")


def _either(analysis: QueryAnalysis, span: tuple[int, int], read: Read) -> tuple[Condition | None, Condition | None]:
    """The two conditions a group's clause joins by "or" when the first is a stance and the second asks something
    of a reply ("支持这项决议、或者认同“…过度限制”这种说法的国家", "que se ponen del lado de la resolución o se quejan
    de restricciones abusivas": a claim of two phrases or more); (None, None) otherwise."""
    text = analysis.text
    for joint in _OR.finditer(text, span[0], span[1]):
        first = read(replace(analysis, text=blank_spans(text, [(0, span[0]), (joint.start(), len(text))])))
        other = read(replace(analysis, text=blank_spans(text, [(0, joint.end()), (span[1], len(text))])))
        # "… ou à sa prémisse": a bare noun pointing back is part of the stance, not a claim of its own
        if first.test in STANCES and other.test == "mention" and asks_of_replies(other) and len(other.topic) > 1:
            return first, other
    return None, None


def asks_of_replies(condition: Condition) -> bool:
    """Whether a condition asks something of what a reply says: a stance, an endorsement, a lack, or a topic read
    whole (not who replied, nor in which language)."""
    if condition.test == "mention":
        return (
            bool(condition.topic_variants or condition.all_treaties or condition.names_law)
            and not condition.untranslated
        )
    return condition.test not in ("replied", "language")


def in_group(condition: Condition, section: Section, check: Check) -> bool:
    """Whether a reply is in the group a question asks which of: it meets the group's condition, or the other one
    joined by "or" without taking the stance opposite to the first's ("support 76/234 or share its complaint": not a
    state that opposes it)."""
    within, either = condition.within, condition.within_or
    assert within is not None
    if check(within, section) is not None:
        return True
    if either is None or check(either, section) is None:
        return False
    if within.test not in ("support", "oppose"):
        return True
    return check(opposite(within), section) is None
