"""Sentences as evidence for a question: each scored by how well it states what the question names (its
concepts), the best chosen for an extractive answer, and the checks that decide when the documents do not
answer the question at all."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from rag.answering import absent
from rag.answering.absent import Checks
from rag.answering.constraints import Unmet, gives_what_is_asked, names_a_person, sentence_constraint
from rag.core.text import fold, sentence_spans
from rag.core.types import Document, Hit, Passage
from rag.lang import intent, stopwords
from rag.lang.names import NameTable
from rag.lang.persons import PersonIndex
from rag.lang.years import YEAR
from rag.retrieval.query import Concept, resolution_symbols
from rag.retrieval.scope import document_year

# Words that make a question a question; they say nothing about where the answer is.
_ZH_QUESTION_WORDS = stopwords.read("question_words", "zh")  # rag/lang/data/question_words/zh.txt
_ZH_QUESTION_CHARS = frozenset("哪什么吗呢谁怎")
# A second sentence, from another passage, is quoted when it scores within this share of the best one: the scorer
# cannot tell such sentences apart, and the reader is shown both rather than a guess. Measured on the 28 development
# and conversation sets (stop 39): at 1.0 (only ties) 16 factoid and yes/no answers quoted two passages; at 0.9, 68,
# and 17 answers whose one quote did not hold the evidence gained a second one that did, none lost one, and citation
# precision went from 0.747 to 0.739; at 0.8, 124, 36 gained, and precision fell to 0.727.
KEEP_RATIO = 0.9
NO_CHECKS = Checks()
MAX_QUOTES = 2
CONSTRAINT_RATIO = 0.7  # a sentence that meets the question's constraint may outrank a better-covering one
SPEAKER_COVERAGE_RATIO = 0.5  # below this share of the best sentence's coverage, a named organization is no speaker
DATE_RATIO = 0.5  # ... and, for a question asking when, one covering this share of the best one's words
ELSEWHERE_CREDIT = 0.5  # a question word found in the passage but not in the sentence itself
COVERAGE_SLACK = 0.05  # coverage below the best within which a sentence naming more of what is asked is preferred
# Below this IDF-weighted share of the question's words, a sentence does not answer it (calibrated on
# eval/gold.jsonl: see the README's answer-evaluation section).
MIN_COVERAGE = 0.25
OWN_SHARE = 0.4  # a figure from a sentence holding less of the question than this share of the best one's is another's
RANK_BONUS = 0.25  # ties between equally covering sentences go to the better-ranked passage


@dataclass(frozen=True)
class Evidence:
    hit: Hit
    rank: int  # 1-based rank of the passage in retrieval
    span: tuple[int, int]  # the sentence, as offsets in the passage text
    coverage: float  # IDF-weighted share of the question's tokens the sentence (and its passage) holds
    score: float
    lead_in: str = ""  # the passage that introduced this one ("… include:"), when it is a list item
    similarity: float | None = None  # cosine to the question in the embedding space, when there is a model
    own_coverage: float = 0.0  # the share of the question's words the sentence itself holds, its passage aside

    @property
    def context(self) -> str:
        """The text the sentence is read in: its passage, after the lead-in that introduced it."""
        return f"{self.lead_in}\n{self.hit.passage.text}" if self.lead_in else self.hit.passage.text

    @property
    def sentence(self) -> str:
        return self.hit.passage.text[self.span[0] : self.span[1]]

    @property
    def word_score(self) -> float:
        """The score by words alone: coverage, and a bonus for the better-ranked passage (`score` may add
        closeness in meaning to it)."""
        return self.coverage + RANK_BONUS / self.rank


def _is_question_word(token: str) -> bool:
    return token in _ZH_QUESTION_WORDS or (token.startswith("#") and bool(set(token[1:]) & _ZH_QUESTION_CHARS))


@dataclass(frozen=True)
class _Form:
    weights: Mapping[str, float]  # token -> IDF
    value: float  # what finding this form is worth
    numbers: frozenset[str] = frozenset()  # without these the form is not there at all: "7 月" is not "6月"


def _weighed(concepts: Sequence[Concept], idf: Callable[[str], float]) -> list[list[_Form]]:
    """Each concept's forms with their worth: the form's weight times the mean IDF of its tokens (so a
    long name cut into many tokens counts once, as one thing the question names). Question words and
    tokens no passage holds are left out, and with them concepts that are nothing else."""
    weighed = []
    for concept in concepts:
        forms = []
        for tokens, weight in zip(concept.forms, concept.weights, strict=True):
            idfs = {t: value for t in tokens if not _is_question_word(t) and (value := idf(t)) > 0}
            if idfs and weight > 0:
                numbers = frozenset(t for t in idfs if t[:1].isdigit()) if len(idfs) > 1 else frozenset()
                forms.append(_Form(idfs, weight * sum(idfs.values()) / len(idfs), numbers))
        if forms:
            weighed.append(forms)
    return weighed


def rank_sentences(
    hits: Sequence[Hit],
    concepts: Sequence[Concept],
    idf: Callable[[str], float],
    tokenize: Callable[[str], Sequence[str]],
    speakers: Iterable[str] = (),
    continuations: Mapping[str, Sequence[Passage]] = MappingProxyType({}),
    persons: PersonIndex | None = None,
) -> list[Evidence]:
    """Every sentence of the retrieved passages, best first, by how much of what the question names it
    states: for each concept, its best-found form, credited by the share of that form's (IDF-weighted)
    tokens in the sentence, or at a discount in the rest of its passage. A passage spoken by a respondent
    the question names counts that respondent's name as present (the reply rarely repeats its own name). A
    passage that introduces others (it ends with a colon: a list follows) has them read at its rank, in its
    context. What the passage's document states of itself (its title, symbol, year) counts as said in its passage."""
    weighed = _weighed(concepts, idf)
    total = sum(max(form.value for form in forms) for forms in weighed)
    if total <= 0:
        return []
    named = set(speakers)
    ranked = []
    framing: dict[str, set[str]] = {}
    for rank, hit in enumerate(hits, start=1):
        if hit.document.id not in framing:
            framing[hit.document.id] = _framing(hit.document, tokenize)
        readings: list[tuple[Hit, str, set[str]]] = [(hit, "", framing[hit.document.id])]
        items = continuations.get(hit.passage.id, ())
        lead_in_tokens = set(tokenize(hit.passage.text)) | framing[hit.document.id] if items else set()
        for item in items:
            readings.append((Hit(item, hit.score, hit.document, hit.ranks), hit.passage.text, lead_in_tokens))
        for read, lead_in, context in readings:
            passage = read.passage
            in_passage = set(tokenize(passage.text)) | context
            own: set[str] = set()
            if passage.respondent.id in named or passage.respondent.name in named:
                own = set(tokenize(passage.respondent.name))
            in_passage |= own
            for start, end in rows(passage.text, persons):
                in_sentence = set(tokenize(passage.text[start:end])) | own
                if intent.RESOLUTION_ANAPHORA.search(passage.text, start, end):
                    # "该决议" / "this resolution" states the resolution it refers to.
                    in_sentence |= _referent(passage.text[:start], read.document)
                gained = sum(max(_found(form, in_sentence, in_passage) for form in forms) for forms in weighed)
                held = sum(max(_found(form, in_sentence, set()) for form in forms) for forms in weighed)
                share, alone = round(gained / total, 4), held / total
                evidence = Evidence(read, rank, (start, end), share, 0.0, lead_in, own_coverage=alone)
                ranked.append(replace(evidence, score=evidence.word_score))
    ranked.sort(key=lambda e: (-e.score, e.rank, e.span[0]))
    return ranked


MEMBER_ROWS = 3  # people named in a passage without sentences from which it reads as a list of members


def rows(text: str, persons: PersonIndex | None = None) -> list[tuple[int, int]]:
    """A passage's sentences; a list of members without sentence ends (the Board's annex: city, post, name, …), one
    row per person, ending after the name and what brackets it ("日内瓦联合国裁军研究所主任雷纳塔·德万(当然成员)")."""
    spans = list(sentence_spans(text))
    named = persons.whole_names_in(text) if persons is not None and len(spans) == 1 else []
    if len(named) < MEMBER_ROWS:
        return spans
    ends = [m.end() if (m := _BRACKETED.match(text, end)) else end for _, end, _ in named]
    starts = [spans[0][0], *ends[:-1]]
    return [(a, b) for a, b in zip(starts, [*ends[:-1], spans[0][1]], strict=True) if text[a:b].strip()]


_BRACKETED = re.compile(r"\s*(?:[(（][^()（）]*[)）])?")


def _framing(document: Document, tokenize: Callable[[str], Sequence[str]]) -> set[str]:
    """What a passage's document states about every passage in it: its title, symbol, resolution and year. A
    sentence of the 2017 report on terrorists and WMD is read as saying so, as the rest of its passage is ("in its
    2017 reply on terrorists and WMD, is Mexico in the Australia Group?")."""
    year = document_year(document)
    told = [document.title or "", document.symbol or "", document.resolution or "", str(year) if year else ""]
    return set(tokenize(" ".join(told)))


def _referent(before: str, document: Document) -> set[str]:
    """The resolution "this resolution" refers to, as a token: the last one named before it in the
    passage, else the one the report answers."""
    named = resolution_symbols(before)
    symbol = named[-1] if named else document.resolution
    return {fold(symbol)} if symbol else set()


def _found(form: _Form, in_sentence: set[str], in_passage: set[str]) -> float:
    if not form.numbers <= in_sentence:
        # The number is stated elsewhere in the passage, or not at all.
        return ELSEWHERE_CREDIT * _found(form, in_passage, set()) if form.numbers <= in_passage else 0.0
    held = sum(
        w if t in in_sentence else ELSEWHERE_CREDIT * w if t in in_passage else 0.0 for t, w in form.weights.items()
    )
    return form.value * held / sum(form.weights.values())


def select_evidence(
    ranked: Sequence[Evidence], restrict_to: set[str] | None = None, question: str = "", checks: Checks = NO_CHECKS
) -> list[Evidence]:
    """The best sentence (a second one when another passage's sentence scores nearly as well). With
    `restrict_to`, only passages spoken by those respondents are quoted (when any are retrieved); a question
    asking how much, when or who prefers, among sentences nearly as good, one that holds a number, the year or
    a person's name, and one asking why, one that gives a reason."""
    pool = list(ranked)
    if restrict_to:
        spoken = [e for e in pool if (e.hit.passage.respondent.id or e.hit.passage.respondent.name) in restrict_to]
        if spoken and _named_not_speaking(restrict_to, spoken, pool, checks):
            spoken = []
        pool = spoken or pool
    if not pool:
        return []
    if question:
        # The window is by words: closeness in meaning reorders sentences, it does not push one out of it.
        best_words = max(e.word_score for e in pool)
        close = [e for e in pool if e.word_score >= CONSTRAINT_RATIO * best_words]
        fitting = [e for e in close if _constraint(question, e, checks) is None]
        best_unmet = _constraint(question, close[0], checks)
        unmet = best_unmet if not fitting else None
        named = unmet is not None and unmet.kind == "missing" and not YEAR.search(unmet.missing)
        if unmet is not None and (unmet.kind in ("when", "event", "who") or named):
            # "When did the Secretary-General send the note verbale?": the sentence giving the date may share
            # fewer words with the question than the report's opening on the same request; a date, or the body
            # the question is about ("how many partners does the MTCR have"), is specific enough to look further
            # for (a number, an amount or a year is not: they are everywhere), and so is a person named by name or
            # title ("Who is the Director of UNIDIR?": the row of the Board's list of members naming her; a state
            # named is not specific enough).
            wider = [e for e in pool if e.word_score >= DATE_RATIO * best_words]
            if unmet.kind == "who":
                persons = checks.persons
                wider = [e for e in wider if persons is not None and names_a_person(e.sentence, e.sentence, persons)]
            fitting = [e for e in wider if _constraint(question, e, checks) is None][:1]
        if best_unmet is not None:
            # The best sentence names what is asked about without the figure or date: one quoted instead for
            # giving it must still cover enough of the question on its own ("when was Jordan's team set up" is
            # not answered by the year of its 2006 terrorism law).
            fitting = [
                e for e in fitting if e.coverage >= MIN_COVERAGE and not absent.about_another(question, e, checks)
            ]
            if intent.asks_figure(question):
                # "How much does Italy give the nuclear security school?": the figure in the sentence after the one
                # naming the school is the school's; one elsewhere in the reply (its 3 million euros to the
                # technical cooperation fund) is of what its own sentence names.
                fitting = [e for e in fitting if _of_the_same(e, close[0])]
        fitting = [e for e in fitting if gives_what_is_asked(question, e.sentence)] or fitting
        if checks.persons is not None and intent.ASKS_PERSON.search(question):
            # "Who briefed the Board on hypersonic weapons?": the sentence naming the person, not its neighbour.
            # a person named by name or title first, then a state (a state chairs a regime as a person a board)
            fitting = (
                [e for e in fitting if names_a_person(e.sentence, e.sentence, checks.persons)]
                or [e for e in fitting if names_a_person(e.sentence, e.sentence, checks.persons, checks.names)]
                or fitting
            )
        if intent.ASKS_SPEAKER.search(question):
            # "Which country says it voted against 76/234?": a sentence on what most states did names no speaker.
            fitting = [e for e in fitting if not intent.about_others(e.sentence)] or fitting
        if restrict_to and checks.names is not None and intent.asks_which_entities(question):
            # "Which regimes does Spain belong to?": the sentence that names most of them, among those nearly as good.
            asked = {m.entity.id for m in checks.names.find_mentions(question)}
            # Not one covering less of the question: "瑞士担任哪个出口管制制度的主席？" is answered by the regime it
            # chairs, not by the sentence naming all four it takes part in.
            covering = max((e.coverage for e in fitting), default=0.0) - COVERAGE_SLACK
            counts = [_named(e.sentence, asked, checks.names) if e.coverage >= covering else 0 for e in fitting]
            most = max(counts, default=0)
            fitting = [e for e, n in zip(fitting, counts, strict=True) if n == most] if most >= 2 else fitting
        # Sentences that do not give what is asked are not quoted beside one that does.
        pool = fitting or pool
    chosen = [pool[0]]
    for evidence in pool[1:]:
        if len(chosen) == MAX_QUOTES or evidence.score < KEEP_RATIO * chosen[0].score:
            break
        if all(evidence.hit.passage.id != c.hit.passage.id for c in chosen):
            chosen.append(evidence)
    return chosen


def _of_the_same(evidence: Evidence, best: Evidence) -> bool:
    """Whether a sentence giving a figure is about what the best-covering sentence (which gives none) names: it
    holds nearly as much of the question on its own, or follows that sentence in its passage."""
    if evidence.own_coverage >= OWN_SHARE * best.own_coverage:
        return True
    passage = best.hit.passage
    follows = evidence.span[0] >= best.span[1] and not passage.text[best.span[1] : evidence.span[0]].strip()
    return evidence.hit.passage.id == passage.id and follows


def _named_not_speaking(
    restrict_to: set[str], spoken: Sequence[Evidence], pool: Sequence[Evidence], checks: Checks
) -> bool:
    """Whether the organizations a question names are what it speaks of, not who speaks: "What is the Philippine
    institute an IAEA collaborating centre for?" is answered by the Philippines' reply, which covers the question
    far better than anything the IAEA's own reply says. A state named is always its speaker."""
    if checks.names is None or any((e := checks.names.get(r)) is None or e.kind != "organization" for r in restrict_to):
        return False
    return max(e.coverage for e in spoken) < SPEAKER_COVERAGE_RATIO * max(e.coverage for e in pool)


def _constraint(question: str, evidence: Evidence, checks: Checks) -> Unmet | None:
    figure, when = intent.asks_figure(question), intent.ASKS_WHEN.search(question) is not None
    if (figure or when) and absent.about_another(question, evidence, checks):
        # "When did the Republic of Korea chair the Australia Group?" is not answered by its years chairing the NSG.
        if figure:
            return Unmet("number", "the question asks for a figure and the passages give another body's")
        return Unmet("when", "the question asks when and the passages date another body's")
    if (person := absent.unattributed(question, evidence, checks)) is not None:
        return Unmet("missing", f"the question asks what {person} said and the passages do not say it", person)
    if absent.names_none_asked(question, evidence, checks):
        return Unmet("which", "the question asks which states or organizations and the passage names none")
    if (general := absent.no_body_of_the_kind(question, evidence, checks)) is not None:
        return Unmet("which", f"the question asks which of the {general} and the passage names none of them")
    if (
        missing := absent.subject(question, evidence, checks)
        or absent.treaty(question, evidence, checks)
        or absent.narrower(question, evidence, checks)
        or absent.unsaid_by_person(question, evidence, checks)
        or absent.contrary(evidence, checks)
    ) is not None:
        return Unmet("missing", f"the question is about {missing} and the passages do not mention it", missing)
    if (treaty := absent.treaty_elsewhere(question, evidence, checks)) is not None:
        # "When did Kenya ratify the TPNW?": its passage names the TPNW, but dates only the NPT
        kind = "event" if intent.ASKS_WHEN.search(question) else "number"
        return Unmet(kind, f"the question asks of {treaty} and the passages give the date or figure of another thing")
    # The year of the passage's own report needs no mention in it; another report's year does ("how many were
    # denied in 2020" is not answered by a 2022 reply's 2019 figure because another report is from 2020).
    own = document_year(evidence.hit.document)
    return sentence_constraint(
        question,
        evidence.sentence,
        evidence.context,
        (own,) if own is not None else checks.document_years,
        checks.language,
        names=checks.names,
        persons=checks.persons,
        near=f"{evidence.lead_in}\n{evidence.sentence}",
    )


def _named(sentence: str, asked: set[str], names: NameTable) -> int:
    """How many states and organizations a sentence names besides those the question names (`asked`)."""
    return len({m.entity.id for m in names.find_mentions(sentence)} - asked)


def unmet_constraint(question: str, evidence: Sequence[Evidence], checks: Checks) -> Unmet | None:
    """The first chosen sentence's unmet constraint, if any (see sentence_constraint)."""
    if not evidence:
        return Unmet("nothing", "nothing retrieved")
    return _constraint(question, evidence[0], checks)
