"""What a set question asks of every reply, and what checking it finds: the records that flow from planning
(answering/respondents.py) through the checks to the listed answer (answering/listing.py, verdicts.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from rag.answering.scope import Section
from rag.core.types import Document
from rag.lang import intent
from rag.lang.dates import ReplyDates

Test = Literal["oppose", "support", "sponsor", "language", "replied", "mention", "endorse", "lacks", "named_by"]


@dataclass(frozen=True)
class Condition:
    kind: intent.SetKind
    test: Test
    resolution: str | None = None
    target: str | None = None  # "endorse": the respondent whose reply is endorsed; "named_by": whose reply names
    read_in: tuple[str, ...] = ()  # "named_by": the documents whose reply from the target is read, when not each's own
    order: str = ""  # "which of them replied first": "first" or "last", the earliest or latest dated reply kept
    languages: tuple[str, ...] = ()
    every_language: bool = False  # "both in English and in French": replies written in each of the languages
    topic: tuple[str, ...] = ()  # the topic as the question words it, for the answer sentence
    topic_variants: tuple[tuple[str, ...], ...] = ()  # per topic phrase: its renderings in the corpus
    untranslated: tuple[str, ...] = ()  # content words the corpus languages have no rendering for
    unread: tuple[str, ...] = ()  # beside a topic read: the question's content words with no rendering
    quoted_unread: bool = False  # some of them the question quotes («كارتلات»): the words it insists on
    region: frozenset[str] | None = None  # "which Latin American states": the ids of the region's states
    region_words: tuple[str, ...] = ()  # the region as the question names it ("latinoamericanos")
    region_since: tuple[tuple[str, int], ...] = ()  # its members that joined late, with the year they joined
    region_until: tuple[tuple[str, int], ...] = ()  # states asked about until the year they joined a group outside it
    dated: ReplyDates | None = None  # "replies sent before May 2017": the dates of the replies asked about
    every_document: bool = False  # "replied to both reports": found in each of the plan's documents
    several_documents: bool = False  # "replied to more than one report": found in two of them or more
    # "replied to A/77/87 but not to A/77/96": the groups of the plan's documents the respondents are not found in
    absent_from: tuple[str, ...] = ()
    about_self: bool = False  # "which states say they themselves…": a sentence naming the topic names its author
    affected: bool = False  # "which states say they are victims of…": that sentence names its author as the target
    identity: bool = False  # "which states present themselves as…": that sentence says its author is the topic
    # "which states put a figure on…": the paragraph naming the topic gives a figure of this kind (intent.figure_kind)
    needs_figure: str = ""
    needs_date: bool = False  # "which replies say in what year…": the sentence naming the topic gives a year
    cites_resolutions: str = ""  # "who cites another resolution": of the organ asked, "ga", "sc" or "any"
    besides_resolutions: tuple[str, ...] = ()  # ... other than these (the question's and the reports' own)
    all_treaties: bool = False  # "which states say they joined all the treaties on WMD": a claim of every one
    names_law: bool = False  # "which cite their own laws on arms": a sentence naming a law, by title or number
    day: tuple[int, int, int] | None = None  # ... a full date: this one, or any when (0, 0, 0) ("the exact date")
    vote: bool = False  # "which states say they voted against…": the stance is stated of a vote
    outright: bool = False  # "which states explicitly support…": support said in words, not read from complaints
    explicit: bool = False  # "which say they cannot support it": opposition stated outright, no concern counted
    negated: bool = False  # "which of them do not mention…": the respondents asked about that do not meet the rest
    within: Condition | None = None  # "among those that oppose 76/234, which mention…": what the group asked of meets
    within_words: str = ""  # that group as the question names it
    # "among the states that support 76/234 or share its complaint about…": those meeting this instead, unless they
    # take the stance opposite to `within`'s
    within_or: Condition | None = None
    min_share: float = 1.0  # of the topic phrases, the share a reply must name (below 1 once relaxed)
    phrase_weights: tuple[float, ...] = ()  # once relaxed: what each phrase weighs (how few replies name it)


@dataclass(frozen=True)
class Plan:
    condition: Condition
    documents: tuple[Document, ...]
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Finding:
    """A respondent that meets the condition, and the sentence that shows it."""

    section: Section
    position: int  # of the passage in the index
    quote: tuple[int, int]  # offsets in the passage text
    strength: float = 1.0


def in_every_document(plan: Plan, findings: Sequence[Finding], documents: Mapping[str, Document]) -> list[Finding]:
    """The findings of respondents found in each of the plan's documents (any language version of it) when the
    question asks for that ("replied to both reports"), in two of them or more ("more than one"), or in none of those
    it says they did not reply to, else all of them."""
    condition = plan.condition
    if not condition.every_document and not condition.absent_from and not condition.several_documents:
        return list(findings)
    found_in: dict[str, set[str]] = {}
    for finding in findings:
        found_in.setdefault(finding.section.key, set()).add(documents[finding.section.doc_id].group)
    if condition.absent_from:  # "replied to A/77/87 but not to A/77/96"
        return [f for f in findings if not found_in[f.section.key] & set(condition.absent_from)]
    if condition.several_documents:  # "Who replied to more than one?"
        return [f for f in findings if len(found_in[f.section.key]) > 1]
    every = {d.group for d in plan.documents}
    return [f for f in findings if found_in[f.section.key] >= every]


def written_in(condition: Condition, languages: Sequence[str]) -> bool:
    """Whether a reply written in these languages is one the condition asks about: in any language it names, or in
    each ("both in English and in French")."""
    if condition.every_language:
        return all(code in languages for code in condition.languages)
    return not condition.languages or any(code in condition.languages for code in languages)


def in_region(condition: Condition, respondent: str | None, year: int | None) -> bool:
    """Whether a respondent is one of the states of the region or group asked about, in its report's year."""
    joined = dict(condition.region_since).get(respondent or "")
    left = dict(condition.region_until).get(respondent or "")
    in_time = (joined is None or year is None or year >= joined) and (left is None or year is None or year < left)
    return condition.region is not None and respondent in condition.region and in_time


def opposite(condition: Condition) -> Condition:
    """The same condition with the opposite stance: oppose for support or sponsor, support for oppose."""
    return replace(condition, test="oppose" if condition.test != "oppose" else "support")


def weighed_share(condition: Condition, flags: Sequence[bool]) -> float:
    """The share of the topic's weight that the phrases flagged carry."""
    weights = condition.phrase_weights
    return sum(w for w, f in zip(weights, flags, strict=True) if f) / (sum(weights) or 1.0)


def law_phrase(shown: str, variants: Sequence[str]) -> bool:
    """Whether a topic phrase is the laws asked about ("leyes nacionales", 国内法律), not what they are on."""
    return any(intent.LAW_WORD.search(v) for v in (shown, *variants))  # "法律来" too
