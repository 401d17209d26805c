"""Those a statement before a set question says one reply names: "In its reply on regional confidence-building,
Spain names the Asian countries it talks to regularly. Which of those countries sent their own views on resolution
76/234?" asks among the states that Spain's paragraph on its Asian partners names, not among a list answered before.

The statement is read as a search within the reply of the respondent it names first (its subject); the states the
best paragraph names, less the speaker and those the statement itself names ("confirmed Iraq's chemical weapons
use": Iraq is what they confirmed, not one of them), are those the last sentence asks which of."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from rag.answering.clauses import SENTENCE_END
from rag.answering.members import members_asked
from rag.answering.scope import Section
from rag.core.text import blank_spans, is_cjk
from rag.core.types import Hit, Passage, SearchFilters
from rag.lang import intent, regions, years
from rag.lang.detect import detect_language
from rag.lang.names import NameTable
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever
from rag.retrieval.scope import named_documents, question_scope

STATEMENT_HITS = 6  # paragraphs of the speaker's reply read for the one the statement describes
BARE_WORDS = 2  # words of a last sentence that only asks what the one before it asks ("¿Cuáles?", "Which ones?")
BARE_CJK = 4  # … in Chinese, characters ("哪些？", "是哪几个？")
CLOSE_PARAGRAPH = 0.8  # a paragraph matching a statement this near the list's names those it speaks of too
MIN_NAMED = 2  # states or organizations a paragraph names, besides the statement's, to be the list it speaks of


@dataclass(frozen=True)
class NamedBefore:
    """The last sentence of a question, to be asked among the states a statement before it says a reply names."""

    asked: str
    among: tuple[str, ...]
    speaker: str  # "" when the statement speaks of the replies of one kind ("les organisations internationales…")
    statement: str = ""
    documents: tuple[str, ...] = ()  # those of the paragraphs read: the report "the same report" points to


_TRAILING_ASIDE = re.compile(r"\s*[(（][^()（）]*[)）]\s*[.。]?\s*\Z")  # "…؟ (بغضّ النظر عن…)": a remark on the question


def split_statement(question: str) -> tuple[str, str] | None:
    """The statement and the last sentence of a question of two sentences or more; None for one sentence. A remark
    in brackets after the last sentence belongs to it."""
    text = question.rstrip()
    aside = _TRAILING_ASIDE.search(text)
    body = text[: aside.start()] if aside is not None and aside.start() > 0 else text
    ends = [m.end() for m in SENTENCE_END.finditer(body) if m.end() < len(body)]
    if len(ends) > 1 and _bare_question(body[ends[-1] :]):
        ends.pop()  # "¿Alguno de esos dos países mandó su propia respuesta…? ¿Cuáles?": the question is both
    if not ends:
        return None
    return body[: ends[-1]].strip(), (body[ends[-1] :] + text[len(body) :]).strip()


def _bare_question(sentence: str) -> bool:
    """Whether a last sentence is a question word alone ("¿Cuáles?", "Which?", "哪些？"), asking what the sentence
    before it asks."""
    bare = SENTENCE_END.sub("", sentence).strip(" ¿¡")
    return not bare or (len(bare) <= BARE_CJK if is_cjk(bare[0]) else len(bare.split()) <= BARE_WORDS)


def named_before(
    question: str,
    retriever: Retriever,
    speakers: Set[str],
    replies: Mapping[str, Sequence[Section]] | None = None,
    language: str | None = None,
) -> NamedBefore | None:
    """The states a question's statement says one respondent's reply names, or the replies of one kind in a report
    (`replies`: each document's), when its last sentence asks which of those replied ("Which of those countries sent
    their own views…", "这几个国家里有哪些…交了答复", "les organisations… citent des pays. Lesquels…"); else None."""
    parts = split_statement(question)
    if parts is None:
        return None
    statement, asked = parts
    among_them = intent.AMONG_THEM.search(asked) or intent.AMONG_NAMED.search(asked)  # "of the countries it names"
    if not among_them:
        return None
    if intent.REPLY_VERB.search(asked) is None:
        return None  # "…cite ses États partenaires. Lesquels ?": what the reply names, answered from it (named_by)
    names = retriever.names
    # "Plusieurs membres du Conseil consultatif … portent le titre d'ambassadeur": the states of the members described
    if members := members_asked(statement, retriever, language or detect_language(question, "en")):
        return NamedBefore(asked, members, "", statement)
    mentioned = names.find_mentions(statement)
    if not any(p.search(statement) for p in (intent.REPLY_VERB, intent.SAYS_VERB, intent.MENTION_VERB)):
        # "The Board's members include ambassadors from Jordan and Egypt. Which of these two…": those it names
        own = tuple(dict.fromkeys(m.entity.id for m in mentioned if m.entity.kind == "state"))
        return NamedBefore(asked, own, "", statement) if len(own) >= MIN_NAMED else None
    speaker = next((m.entity.id for m in mentioned if m.entity.id in speakers), None)
    cue = intent.set_cue(statement)
    if speaker is None:
        group = _named_by_group(statement, retriever, replies, cue) if replies else ()
        return NamedBefore(asked, group, "", statement) if len(group) >= MIN_NAMED else None
    verbs = [m.start() for p in (intent.REPLY_VERB, intent.MENTION_VERB) if (m := p.search(statement)) is not None]
    if cue is not None and (not verbs or cue[1] < min(verbs)):
        # "Seven EU states replied. Which of them…": the group is the statement's own words (not "The EU's reply…
        # strings together a long list of partner organizations", "El Reino Unido enumera los países donde…", what
        # the reply names)
        return None
    stated = {m.entity.id for m in mentioned}
    places = [r.members for r in regions.find(statement, names) if not r.membership]
    # "Dans sa réponse de 2017…": the paragraph is looked for in the reply to the report the statement names.
    documents = _statement_documents(statement, retriever)
    # "Lesquelles de ces organisations…": organizations only; "…parle de plusieurs organisations. Lesquelles…": the
    # kind the statement says, when the last sentence says none
    kind = intent.respondent_kind(asked)
    if kind not in ("state", "organization"):
        kind = intent.respondent_kind(statement, [(m.start, m.end) for m in mentioned]) or kind

    def listed(entity_ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in entity_ids if n not in stated and _of_kind(names, n, kind, speakers)))

    hits = retriever.search(statement, STATEMENT_HITS, SearchFilters(doc=documents, respondent=(speaker,))).hits
    if documents and not hits:  # it did not reply to the report named: the statement is read in its other replies
        documents = ()
        hits = retriever.search(statement, STATEMENT_HITS, SearchFilters(respondent=(speaker,))).hits
    chosen, read = _paragraph_list([(listed(_named(hit.passage, names)), hit) for hit in hits], places, documents)
    if chosen is None and replies is not None and kind in ("state", "organization"):
        # "l'Espagne s'appuie sur plusieurs organisations… Lesquelles de ces organisations…": no one paragraph lists
        # them; those of the kind asked that its reply names ("Which of them never say…" asks of no kind: not read),
        # in the reply its best paragraph is in ("Dans sa réponse sur les mesures de confiance…")
        read = documents or tuple(dict.fromkeys(h.passage.doc_id for h in hits[:1]))
        chosen = listed(_named_in_reply(speaker, read, retriever, replies))
        chosen = chosen if len(chosen) >= MIN_NAMED else None
    if chosen is None:
        return None
    return NamedBefore(asked, chosen, speaker, statement, tuple(read))


def _paragraph_list(
    found: Sequence[tuple[tuple[str, ...], Hit]], places: Sequence[Set[str]], documents: tuple[str, ...]
) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """The states a statement says a reply names, from the paragraphs found for it with those each names (best
    first), and the report they are in: the first naming two or more, within a place the statement names if one
    does ("the countries of the Middle East with which it held…"), else with those the paragraphs of that reply that
    match the statement nearly as well name ("des organisations internationales et un État", "有它自己的伙伴国，也有…
    送设备的国家"); (None, `documents`) when none names two."""
    lists = [(among, hit) for among, hit in found if len(among) >= MIN_NAMED]
    within = [a for a in lists if places and all(any(n in p for p in places) for n in a[0])]
    if not (within or lists):
        return None, documents
    chosen, hit = within[0] if within else lists[0]
    read = (hit.passage.doc_id,)
    if within:
        return chosen, read
    close = [a for a, h in found if h.score >= CLOSE_PARAGRAPH * hit.score and h.passage.doc_id in read]
    return tuple(dict.fromkeys(n for among in (chosen, *close) for n in among)), read


def _statement_documents(statement: str, retriever: Retriever) -> tuple[str, ...]:
    """The documents a statement names by symbol or by a report's year ("(A/77/87)", "Dans sa réponse de 2017");
    () for any (words it shares with a title do not choose: "Iraq's chemical weapons use" is no report's)."""
    documents = list(retriever.documents.values())
    analysis = retriever.analyze(statement)
    if not years.report_years(statement) and not named_documents(analysis, documents):  # "(A/77/87)", "76/234"
        return ()
    scope = question_scope(analysis, (), documents)
    if not (scope.explicit or scope.described) or len(scope.documents) == len(documents):
        return ()
    return tuple(d.id for d in scope.documents)


def _named_in_reply(
    speaker: str, documents: Sequence[str], retriever: Retriever, replies: Mapping[str, Sequence[Section]]
) -> list[str]:
    """The states and organizations a respondent's whole reply names, in the documents given (every one for ())."""
    sections = (s for d, found in replies.items() if not documents or d in documents for s in found)
    positions = (p for s in sections if s.key == speaker for p in s.positions)
    return [n for p in positions for n in _named(retriever.passages[p], retriever.names) if n != speaker]


def _of_kind(names: NameTable, entity_id: str, kind: str | None, speakers: Set[str]) -> bool:
    """Whether a named entity is of the kind the question asks among: a state or an organization when it says
    which, else a state or a respondent."""
    if kind == "organization":
        return getattr(names.get(entity_id), "kind", "") == "organization"
    return _is_state(names, entity_id) or (kind != "state" and entity_id in speakers)


def _named_by_group(
    statement: str, retriever: Retriever, replies: Mapping[str, Sequence[Section]], cue: tuple[str, int, int] | None
) -> tuple[str, ...]:
    """The states that the replies of one kind, in the report a statement names or describes, name: "Dans le
    rapport de 2017…, les organisations internationales citent parfois des pays" (the kind is the subject of its verb
    of mentioning, and a set cue, if any, is its object: "name countries"); () when it says no such thing."""
    verb = intent.MENTION_VERB.search(statement)
    kind = intent.respondent_kind(statement[: verb.start()]) if verb is not None else None
    asks = statement.rstrip()[-1:] in ("?", "？", "؟")  # "有几个国家政府…点了别国的名。": several, not which
    if verb is None or kind not in ("state", "organization") or (asks and cue is not None and cue[1] < verb.start()):
        return ()
    scope = question_scope(retriever.analyze(statement), (), list(retriever.documents.values()))
    if not (scope.explicit or scope.described):
        return ()
    named: list[str] = []
    for document in scope.documents:
        for section in replies.get(document.id, ()):
            if section.respondent.kind == kind:
                passages = (retriever.passages[p] for p in section.positions)
                found = (n for passage in passages for n in _named(passage, retriever.names) if n != section.key)
                named += [n for n in found if _is_state(retriever.names, n)]
    return tuple(dict.fromkeys(named))


def _is_state(names: NameTable, entity_id: str) -> bool:
    return getattr(names.get(entity_id), "kind", "") == "state"


def _named(passage: Passage, names: NameTable) -> list[str]:
    """The states and organizations a paragraph names, in its text and then in its footnotes ("the fifteen states it
    began with", listed in a footnote; "加上欧洲联盟，最近又增加了墨西哥和印度")."""
    texts = (passage.text, *(note.text for note in passage.footnotes))
    return [m.entity.id for text in texts for m in names.find_mentions(text)]


def without_among_named(analysis: QueryAnalysis) -> QueryAnalysis:
    """ "Which of the countries named in that account also sent their own views…?", "这三个国家当中，哪些…", asked
    among those a statement before says a reply names: the words saying who they are ("named in that account") are
    not what is asked of them; the set's cue is kept."""
    named = intent.AMONG_NAMED.search(analysis.text)
    cue = intent.set_cue(analysis.text) if named is not None else None
    if named is None or cue is None:
        return analysis
    spans = [(named.start(), min(named.end(), cue[1])), (max(named.start(), cue[2]), named.end())]
    return replace(analysis, text=blank_spans(analysis.text, [(a, b) for a, b in spans if a < b]))
