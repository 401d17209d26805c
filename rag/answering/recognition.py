"""Set questions that no set cue of rag.lang.intent recognises: asking for others than the respondents named, asking
who said something in a report, or told by meaning. Each gives the kind of respondent asked for and where its "cue"
stands in the question (its start when no word says it)."""

from __future__ import annotations

from collections.abc import Set

from rag.answering.forms import SET_PROBABILITY, FormReading
from rag.lang import intent, stance_words
from rag.lang.names import NameTable
from rag.retrieval.query import QueryAnalysis

Cue = tuple[intent.SetKind, int, int]


def others_than_named(analysis: QueryAnalysis, names: NameTable) -> Cue | None:
    """ "Besides Mexico, which other country mentions…" (in the singular as in the plural): the question asks for
    others, every respondent it names is set apart by a word of "besides" (at one of its mentions at least), and a
    word for respondents says which kind of others it asks for."""
    text = analysis.text
    if intent.OTHERS_ASKED.search(text) is None:  # "¿qué país asegura … fuera de la UE?" asks for no others
        return None
    mentions = names.find_mentions(text)
    apart = {m.entity.id for m in mentions if intent.BESIDES.search(text[: m.start])}  # once is enough
    if not mentions or any(m.entity.id not in apart for m in mentions):
        return None
    kind = intent.respondent_kind(text, ignore=[(m.start, m.end) for m in mentions])
    return (kind, 0, 0) if kind is not None else None


def who_of_a_report(analysis: QueryAnalysis, names: NameTable, speakers: Set[str]) -> Cue | None:
    """ "Who, in the report on resolution 76/234, traces the Australia Group back to…?", "建立信任措施那份报告里，
    谁强调…": "who" as the subject of what was said or done, in a question that names a report (where whoever said
    it is one of its respondents), asking for no person (who chaired, who briefed) and naming no respondent as its
    speaker, nor when. Respondents of any kind."""
    text = analysis.text
    who = intent.WHO_SUBJECT.search(text)
    if who is None or intent.ASKS_PERSON.search(text) or intent.ASKS_WHEN.search(text):
        return None  # "Кто и когда создал рабочую группу…": who did a thing, and when, is one fact
    if not (analysis.documents or analysis.resolutions or intent.REPORT_WORD.search(text)):
        return None
    before = (m for m in names.find_mentions(text) if m.start < who.start())  # after "who", a name is what is said
    if any(m.entity.id in speakers and not intent.set_apart(text, m.start) for m in before):
        return None  # "在布基纳法索，谁有权进口战争武器": who, within Burkina Faso's reply
    return "any", who.start(), who.end()


def set_by_meaning(
    analysis: QueryAnalysis, reading: FormReading | None, names: NameTable, speakers: Set[str]
) -> Cue | None:
    """A set question no cue recognises, told by its meaning (rag.answering.forms): likely enough a set
    question, naming no respondent (that would be its speaker as often as its topic), and with a word for the
    respondents that says their kind. A respondent it names may only be set apart ("besides Mexico, who…")."""
    if reading is None or reading.set_probability < SET_PROBABILITY:
        return None
    text = analysis.text
    which = intent.ASKS_WHICH.search(text)
    if intent.asks_when_first(text, which.start() if which else len(text)):
        return None  # "When did the Secretary-General ask the States for their views?"
    mentions = names.find_mentions(text)
    endorsed = stance_words.endorses_a_reply(text)  # "who endorses the EU's reply": the EU is no speaker
    mentions = [m for m in mentions if endorsed is None or m.start < endorsed]
    if any(m.entity.id in speakers and not intent.set_apart(text, m.start) for m in mentions):
        return None
    kind = intent.respondent_kind(text, ignore=[(m.start, m.end) for m in mentions])
    return (kind, 0, 0) if kind is not None else None
