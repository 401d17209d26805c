"""Set questions that count ("How many states replied?", "有多少个国家…？", "Combien d'États mentionnent l'AIEA ?"):
where "how many" asks for respondents rather than a figure, and the clause and sentence bounds that reading needs.
The words are data (rag/lang/data/cues/<lang>.yaml)."""

from __future__ import annotations

import re
from typing import Literal

from rag.core.text import is_cjk
from rag.lang import cues

SetKind = Literal["state", "organization", "any"]

CLAUSE_END = re.compile(r"[.。?？!！;；，,]")  # where a clause ends
SENTENCE_END = re.compile(r"[.。?？!！]")
QUANTITY = cues.pattern("quantity")
REPLY_VERB = cues.pattern("reply_verb")
SPEECH = cues.pattern("speech")
ASKS_WHEN = cues.pattern("asks_when")
ASKS_WHERE = cues.pattern("asks_where")
NOUN_STATE = cues.pattern("noun_state")
NOUN_ORGANIZATION = cues.pattern("noun_organization")
NOUN_RESPONDENT = cues.pattern("noun_respondent")

COUNT_REACH = 2  # words between "how many" and the word for respondents ("كم عدد الدول", "how many EU states")
PREDICATE_REACH = 4  # words after that word in which the verb saying what they did stands ("replied", "mention")
_PARTICIPATION = cues.pattern("participation")


def count_cue(question: str) -> tuple[SetKind, int, int] | None:
    """A question asking how many respondents did something in their replies ("How many states replied?",
    "有多少个国家对该报告作出了答复？", "Combien d'États mentionnent l'AIEA ?"): a set question whose answer is
    counted. Only when the verb right after the word for them is one of replying or saying: "How many States are
    parties to the BWC?", "how many states voted for it", "combien d'États participent au Comité Zangger",
    "كم عدد الدول المشاركة في لجنة زانغر بحسب الردود" ask for a figure, not for respondents. A count of replies
    needs no such verb (`_counts_replies`)."""
    for match in QUANTITY.finditer(question):
        if asks_when_first(question, match.start()):
            continue
        rest = question[match.end() :]
        counted = _counted(rest[: _words_reach(rest, COUNT_REACH + 1)])
        if counted is None:
            among = _counted_among(question, match.start(), rest) or _counted_before(question, match.start())
            if among is not None:
                return among, match.start(), match.end()
            continue
        kind, start, end = counted
        if not _counts_replies(rest[start:end]):
            after = rest[end:]
            clause = CLAUSE_END.search(after)
            predicate = after[: clause.start() if clause else len(after)]
            if not (after.lstrip() and is_cjk(after.lstrip()[0])):
                predicate = predicate[: _words_reach(predicate, PREDICATE_REACH)]
            if _PARTICIPATION.search(predicate) or not (REPLY_VERB.search(predicate) or SPEECH.search(predicate)):
                continue
        return kind, match.start(), match.end() + end
    return None


def _counts_replies(word: str) -> bool:
    """Whether the word "how many" counts is one for replies or respondents ("Combien de réponses … parlent de
    l'OIAC", "有几个答复方担心…"): what they do needs no verb of saying, as "how many states" does."""
    return REPLY_VERB.search(word) is not None and _PARTICIPATION.search(word) is None


_AMONG = cues.pattern("among_word")


def _counted_among(question: str, start: int, rest: str) -> SetKind | None:
    """The kind of respondent counted when "how many" names none after it but the clause before it does, after
    "among", and a verb of saying follows it: "Parmi les organisations qui ont répondu…, combien mentionnent…",
    "Among the states that replied, how many mention…"."""
    sentence = question[:start].rsplit("?", 1)[-1]
    among = next(reversed([*_AMONG.finditer(sentence)]), None)  # the last "among" before "how many"
    if among is None:
        return None
    counted = _counted(sentence[among.end() : among.end() + _words_reach(sentence[among.end() :], COUNT_REACH + 1)])
    predicate = rest[: _words_reach(rest, PREDICATE_REACH)]
    if counted is None or _PARTICIPATION.search(predicate) or not SPEECH.search(predicate):
        return None
    return counted[0]


_TOTAL_BEFORE = re.compile(r"(?:一共|总共|共计|共)?(?:有|是)?\s*$")  # "…的国家政府一共有几个？"


def _counted_before(question: str, start: int) -> SetKind | None:
    """The kind of respondent counted when a Chinese question names them before "how many", after what they did:
    "答复…报告的国家政府一共有几个？", "提到瓦森纳安排的国家有几个？" (not "参加桑戈委员会的国家有几个？", which
    counts members)."""
    before = question[:start]
    total = _TOTAL_BEFORE.search(before)
    head = before[: total.start()] if total else before
    if not head or not is_cjk(head[-1]):
        return None
    for kind, pattern in (("state", NOUN_STATE), ("organization", NOUN_ORGANIZATION), ("any", NOUN_RESPONDENT)):
        noun = next((m for m in pattern.finditer(head) if m.end() == len(head)), None)
        if noun is None:
            continue
        clause = head[: noun.start()]
        clause = last_clause(clause)
        if _PARTICIPATION.search(clause) or not (REPLY_VERB.search(clause) or SPEECH.search(clause)):
            return None
        return kind  # type: ignore[return-value]
    return None


def last_clause(text: str) -> str:
    """The text after its last clause end (all of it when it has none)."""
    return text[max((m.end() for m in CLAUSE_END.finditer(text)), default=0) :]


def _words_reach(text: str, words: int) -> int:
    """Where the first `words` words of a text end (in Chinese, twice as many characters)."""
    stripped = text.lstrip()
    if stripped and is_cjk(stripped[0]):
        return len(text) - len(stripped) + 2 * words
    found = re.match(rf"\W*(?:[\w-]+\W+){{0,{words - 1}}}[\w-]+", text)
    return found.end() if found else 0


def _counted(window: str) -> tuple[SetKind, int, int] | None:
    """The kind of respondent the words after "how many" count, and where that word starts and ends, if they
    count respondents."""
    found = [
        (m.start(), m.end(), kind)
        for kind, pattern in (("state", NOUN_STATE), ("organization", NOUN_ORGANIZATION), ("any", NOUN_RESPONDENT))
        if (m := pattern.search(window))
    ]
    if not found:
        return None
    start, end, kind = min(found)
    return kind, start, end  # type: ignore[return-value]


def asks_when_first(question: str, cue: int) -> bool:
    """Whether the question asks when or where before its set cue, in the same clause ("متى طلب الأمين العام من
    الدول الأعضاء…": when the Secretary-General asked the States, not which States); a clause opening with the cue
    asks something more ("第76/234号决议是哪天通过的，有哪些国家…写出来了？": the day, and which states)."""
    for pattern in (ASKS_WHEN, ASKS_WHERE):
        match = pattern.search(question, 0, cue)
        if match is None or not same_sentence(question, match.end(), cue):
            continue
        breaks = list(_CLAUSE.finditer(question, match.end(), cue))
        # the clause asks of replies ("…在自己的答复里…"), not "Where did the Board meet, and which states attended?"
        if not breaks or cue - breaks[-1].end() > CUE_AFTER_BREAK or not REPLY_VERB.search(question, cue):
            return True
    return False


_CLAUSE = re.compile(r"[，,;；]")  # a clause ends
CUE_AFTER_BREAK = 6  # characters between a clause's end and a set cue opening the next ("，有", ", and ")


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding text[at] opens."""
    return max((m.end() for m in SENTENCE_END.finditer(text, 0, at)), default=0)


def same_sentence(text: str, i: int, j: int) -> bool:
    """Whether no sentence ends between two offsets of a text."""
    return SENTENCE_END.search(text, min(i, j), max(i, j)) is None
