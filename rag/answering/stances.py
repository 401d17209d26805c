"""A reply's stance on a resolution, read sentence by sentence: the sentences that speak of the resolution (by its
symbol, as "this resolution" in the report on it, or by its title) and the stance words in them, weighed; and
whether a reply endorses another respondent's reply ("Germany fully aligns itself with the joint reply of the
European Union")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from rag.answering.conditions import Condition, Finding
from rag.answering.scope import Section
from rag.answering.wording import names_title
from rag.core.text import in_spans, is_cjk, sentence_spans
from rag.core.types import Document
from rag.lang import intent, regions, stance_words
from rag.lang.names import NameTable
from rag.retrieval.query import LanguageTables, QueryAnalysis, resolution_mentions, resolution_symbols
from rag.retrieval.retriever import Retriever


def stance_finding(retriever: Retriever, condition: Condition, section: Section) -> Finding | None:
    """Where a reply states the stance the condition asks (support, opposition or sponsorship of its resolution):
    the strongest such sentence, when the reply's stance words weigh that way on the whole; else None. When the
    question asks how respondents voted, only sentences about a vote count."""
    assert condition.resolution is not None
    titles = [
        t
        for d in retriever.documents.values()
        if d.resolution == condition.resolution
        for t in (d.title, d.title_en)
        if t
    ]
    totals = {"oppose": 0.0, "support": 0.0, "sponsor": 0.0}
    worded = False  # whether a stance word is said of the resolution, beside complaints or denials of restrictions
    premises: set[str] = set()  # the ways those complaints or denials go
    best: dict[str, tuple[float, int, tuple[int, int]]] = {}  # stance -> (strength, position, span)
    # The resolution the reply last named; in the report on the resolution itself, "the resolution" (该决议,
    # 决议, this resolution) is that one until the reply names another: replies rarely repeat the symbol.
    document = retriever.documents.get(section.doc_id)
    current: str | None = document.resolution if document is not None else None
    own = current == condition.resolution  # the report on the resolution asked about
    for position in section.positions:
        text = retriever.passages[position].text
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            named = resolution_symbols(sentence)
            if named:
                current = named[-1]
            if intent.about_others(sentence):  # what most states did is not this reply's stance
                continue
            refers = (
                condition.resolution in named
                or (not named and current == condition.resolution and _speaks_of_a_resolution(sentence))
                or (intent.RESOLUTION_WORD.search(sentence) is not None and names_title(sentence, titles))
                or (own and a_states_resolution(sentence, retriever.names))
            )
            if condition.vote and (not refers or intent.VOTED.search(sentence) is None):
                continue
            found = stance_words.stance_cues(sentence) if refers else []
            if condition.explicit:  # "say they cannot support it": no concern, no effect feared
                found = [c for c in found if c.stance != "oppose" or c.strength >= EXPLICIT]
            cue = premise_stance(retriever, section.doc_id, sentence) if own and not found else None
            # "which states explicitly support…": a complaint shares the resolution's concern, says no support (nor a
            # denial opposition: "which say they cannot support it")
            if cue is not None and not (condition.outright and cue.stance == "support") and not condition.explicit:
                own_record = OWN_RECORD if _of_itself(retriever, sentence, section.key) else 0.0  # "西班牙控制…的努力"
                found = [replace(cue, strength=cue.strength + own_record)]
                premises.add(cue.stance)
            else:
                worded = worded or bool(found)
            for cue in found:
                totals[cue.stance] += cue.strength
                if cue.strength > best.get(cue.stance, (0, 0, (0, 0)))[0]:
                    best[cue.stance] = (cue.strength, position, (start, end))
    wanted = condition.test
    if wanted == "support" and "support" not in best and "sponsor" in best:
        wanted = "sponsor"  # a sponsor of the resolution supports it, whether or not it says so again
    if wanted not in best or (len(premises) > 1 and not worded):
        return None  # "不认为多边出口管制制度是过度限制" and "单方面…可能构成过度限制": both ways, no stance
    if wanted == "oppose" and totals["oppose"] <= totals["support"] + totals["sponsor"]:
        return None
    if condition.test == "support" and totals["support"] + totals["sponsor"] <= totals["oppose"]:
        return None
    _, position, span = best[wanted]
    return Finding(section, position, span, strength=totals[wanted])


EXPLICIT = 3.0  # the strength of a position stated outright ("voted against", "cannot support")
OWN_RECORD = 0.05  # a restriction complained of or denied in a sentence naming the respondent itself weighs more


def _of_itself(retriever: Retriever, sentence: str, key: str) -> bool:
    """Whether a reply's sentence names its own author ("任何公正的观察者都不会说，西班牙控制…的努力…")."""
    return any(m.entity.id == key for m in retriever.names.find_mentions(sentence))


def premise_stance(retriever: Retriever, doc_id: str, sentence: str) -> stance_words.StanceCue | None:
    """How a reply's sentence answers a report whose request names restrictions as excessive: complaining of such
    restrictions (support) or denying them (opposition), stance_words.premise_cue; None in a report whose request
    names none, for a sentence restating the request, or one naming no such restriction."""
    names_restrictions, request = _request(retriever, doc_id)
    if not names_restrictions or (cue := stance_words.premise_cue(sentence)) is None:
        return None
    return None if _restates(sentence, request) else cue


def premise_named(retriever: Retriever, doc_id: str) -> bool:
    """Whether a report's request (what it says before its replies) names restrictions as excessive."""
    return _request(retriever, doc_id)[0]


@lru_cache(maxsize=8)
def _request(retriever: Retriever, doc_id: str) -> tuple[bool, frozenset[str]]:
    """What a report says before its replies, the request they answer in the words of its resolution: whether it
    names restrictions as excessive, and its pairs of characters."""
    text = "\n".join(p.text for p in retriever.passages if p.doc_id == doc_id and not p.respondent.name)
    return stance_words.names_a_grievance(text), _pairs(text)


RESTATED = 0.5  # share of a sentence's character pairs in the report's request above which it restates it


def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1) if not text[i : i + 2].isspace())


def _restates(sentence: str, request: frozenset[str]) -> bool:
    """Whether a reply's sentence restates the request it answers ("…请秘书长…征求…意见和建议，包括…过度限制措施"):
    most of its pairs of characters stand in the report's own account of the request."""
    pairs = _pairs(sentence)
    return bool(pairs) and len(pairs & request) > RESTATED * len(pairs)


def endorsement_finding(retriever: Retriever, condition: Condition, section: Section) -> Finding | None:
    """The first sentence of a reply in which it endorses the target's reply: a word of endorsing, then the target's
    name and a word for its reply or report ("德国完全赞同欧洲联盟就该问题作出的联合答复", "Spain endorses the
    report prepared by the European Union"); not the target's own reply, nor a sentence on what others did.
    Endorsing an explanation of vote or a statement is not endorsing the reply."""
    if section.key == condition.target:
        return None
    for position in section.positions:
        text = retriever.passages[position].text
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            cue = stance_words.ENDORSE.search(sentence)
            if cue is None or intent.about_others(sentence):
                continue
            after = sentence[cue.end() :]
            named = any(m.entity.id == condition.target for m in retriever.names.find_mentions(after))
            if named and (intent.REPLY_VERB.search(after) or intent.REPORT_WORD.search(after)):
                return Finding(section, position, (start, end))
    return None


# A resolution named as a state's ("中华人民共和国的这项决议", "China's resolution"): one a state put forward.
_STATES_RESOLUTION = re.compile(r"(?:的|['’]s\s+)(?:这项|该|此项|这一)?\s*(?:draft\s+)?(?:决议|resolution)", re.I)


def a_states_resolution(sentence: str, names: NameTable) -> bool:
    """Whether a sentence speaks of a resolution as a state's ("中华人民共和国的这项决议会启动一个…进程"): in the report
    on a resolution, that is the one the report is on, whatever resolution the reply named last (a Security Council
    resolution is no state's)."""
    if _STATES_RESOLUTION.search(sentence) is None:  # most sentences: no names to look up
        return False
    return any(
        m.entity.kind == "state" and _STATES_RESOLUTION.match(sentence, m.end) for m in names.find_mentions(sentence)
    )


def _speaks_of_a_resolution(sentence: str) -> bool:
    """ "该决议", "this resolution", or the bare word ("决议", "resolution") where one resolution is meant."""
    return bool(intent.RESOLUTION_ANAPHORA.search(sentence) or intent.RESOLUTION_WORD.search(sentence))


def stance_asked(
    tables: LanguageTables,
    analysis: QueryAnalysis,
    documents: Sequence[Document],
    subject: str | None = None,
    premised: Sequence[str] = (),
) -> tuple[intent.Stance, str] | None:
    """The stance a question asks about and the resolution it is on (named, or the one the documents answer when
    the question says "the resolution"); a stance word inside a term's name is none, and so is one said of a
    state or organization other than the question's `subject` ("¿Apoya Arabia Saudita la resolución…?": Saudi
    Arabia is who supports; "which replies speak of support for the OPCW's centre": the OPCW is what is
    supported)."""
    # A term of one word in letters ("co-sponsored") is the stance word inflected, not a name it stands in.
    named = [
        (t.start, t.end)
        for t in tables.terms(analysis.text, analysis.language)
        if " " in analysis.text[t.start : t.end] or any(map(is_cjk, analysis.text[t.start : t.end]))
    ]
    mentions = tables.names.find_mentions(analysis.text)
    # a name inside the group asked about ("Estados que no son miembros de la UE") is no object of the stance
    groups = [(r.start, r.end) for r in regions.of_respondents(analysis.text, tables.names)]
    objects = [(m.start, m.end) for m in mentions if m.entity.id != subject and not in_spans(m.start, groups)]
    # A term right after the stance word is what it is said of ("批评出口管制…"), unless it names the resolution.
    things = [(s, e) for s, e in named if not intent.RESOLUTION_WORD.search(analysis.text, s, e)]
    stance = stance_words.question_stance(analysis.text, ignore=named, objects=objects, things=things)
    # The resolution the text names first ("s'opposent à la résolution 76/234 …, lesquels ne citent jamais la
    # résolution 1540"), of the part read when the rest is blanked; else the one the whole question names.
    present = sorted(resolution_mentions(analysis.text), key=lambda m: m[1])
    resolution = present[0][0] if present else next(iter(analysis.resolutions), None)
    if resolution is None and intent.RESOLUTION_WORD.search(analysis.text):
        resolution = next((d.resolution for d in documents if d.resolution), None)
    if resolution is None and stance_words.on_premise(analysis.text):
        # "Which states deny that export controls impose excessive restrictions?": the premise of the resolution
        # whose report's request names such restrictions (`premised`), the only one if several reports are asked
        resolution = premised[0] if len(set(premised)) == 1 else None
    return (stance, resolution) if stance and resolution else None
