"""Which documents a question is about: those it names (by symbol or by the resolution they answer), those it
describes (by words of their titles, by their year), else those its best passages come from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.core.text import is_cjk
from rag.core.types import Document, Hit
from rag.indexing.lexical import tokenize
from rag.lang import cues, intent, stopwords
from rag.lang.years import report_years
from rag.retrieval.query import QueryAnalysis

# A document whose title the question repeats is the one it is about; retrieval votes settle the rest.
TITLE_WEIGHT = 1.0
KEEP_RATIO = 0.8  # other documents within this share of the best score are kept too
DESCRIBED_TITLE = 0.5  # share of a title's words a question must repeat to be taken as naming that report
STEM_CHARS = 5  # a word this long or longer matches a title's word inflected
DESCRIBED_BEFORE = ("zh", "en")  # languages describing a report before their word for it too ("X 的报告", "X report")
# In ranking, the weight left to a word of the title of a report the query describes: every passage of that report is
# about its title, so those words say little of which passage is meant (measured on the development sets: hit@5 0.863
# -> 0.868 at half weight, no question lost; at a fifth two were lost, with a filter to the report more). A report
# named by symbol or resolution is boosted instead; weighing its title less too answered a near miss (the vote on
# 76/43) from another resolution's sentence.
SCOPE_TITLE_WEIGHT = 0.5


@dataclass(frozen=True)
class QuestionScope:
    """The documents one question is about."""

    documents: tuple[Document, ...]
    explicit: bool  # named by symbol or by the resolution it answers, not inferred
    described: bool = False  # inferred from its title or year, which the question repeats

    def or_every(self, every: Sequence[Document]) -> tuple[Document, ...]:
        """The documents a question is asked of: these when it names or describes them, else every one
        (retrieval votes alone do not narrow a question about all replies)."""
        return self.documents if self.explicit or self.described else tuple(every)


def document_year(document: Document) -> int | None:
    # A session opens in September of year session + 1945; its reports are mostly issued that summer.
    return document.session + 1945 if document.session else None


def named_documents(analysis: QueryAnalysis, documents: Iterable[Document]) -> list[Document]:
    """The documents a question names by symbol ("A/77/96") or by the resolution they answer ("76/234")."""
    documents = list(documents)
    named = [d for d in documents if d.symbol and d.symbol.upper() in analysis.documents]
    # "…au rapport A/77/87 et aussi sur la résolution 76/234": one named by symbol, another by its resolution
    return named + [d for d in documents if d.resolution and d.resolution in analysis.resolutions and d not in named]


_ALL_REPORTS = cues.pattern("all_reports")


def looks_in_every_report(text: str) -> bool:
    """Whether a question says to look across every report ("in all three reports", "en cualquiera de estos
    informes", "replied to more than one report")."""
    return _ALL_REPORTS.search(text) is not None or intent.SEVERAL_REPORTS.search(text) is not None


def question_scope(analysis: QueryAnalysis, hits: Sequence[Hit], documents: Sequence[Document]) -> QuestionScope:
    """The documents a question is about: named by symbol, by resolution, or else inferred from the title
    words it repeats, a report year it gives, and which documents its best passages come from."""
    if looks_in_every_report(analysis.text):  # "Если просмотреть все три доклада…", "in all three reports"
        return QuestionScope(tuple(documents), explicit=False, described=True)
    named = named_documents(analysis, documents)
    # Documents are counted by their group: a hit in any language version of a document votes for it.
    scores = {d.group: title_overlap(analysis, d) * TITLE_WEIGHT for d in documents}
    described = {d.group for d in documents if scores[d.group] >= DESCRIBED_TITLE}
    # "the 2017 report", "the 2017 replies": a year beside the word for a report or a reply is the report's ("the
    # 2017 treaty" in a question on another report is not).
    # "La OTSC respondió al informe de 2017. ¿Cuáles de sus miembros respondieron sobre la resolución 76/234?": a
    # report year in a statement before the sentence naming the report is not asked about.
    opening = _opening(analysis.text, named, documents) if named else 0
    years = set(report_years(analysis.text[opening:]))
    if named:
        # "both A/77/96 and the 2017 report": a report described beside one named is in scope too.
        years -= {document_year(d) for d in named}  # "the 2022 report (A/77/96)" is that report's year
        groups = {d.group for d in named}
        # A report described only by words the question asks about ("أسلحة الدمار الشامل في تقرير «تدابير بناء الثقة»
        # (القرار 76/43)": weapons of mass destruction, in the report on confidence-building) is not: it must be
        # described in a clause of its own, or beside a word for both.
        beside = intent.every_report(analysis.text) is not None
        clause = _described_by_its_clause(analysis.text, documents, analysis.language) if described else set()
        also = [
            d
            for d in documents
            if d.group not in groups
            and (document_year(d) in years or (d.group in described and (beside or d.group in clause)))
        ]
        return QuestionScope(tuple(named + also), explicit=True)
    # "the report on peaceful uses", "submissions on peaceful uses": words of one title only (two at least) name that
    # report; the renderings of one word of the question are one ("لجنة": 委员 and 委员会, of the Board's title).
    distinctive = {d.group for d in documents if _words_of(analysis, _distinctive_title_words(d, documents)) >= 2}
    # "both the one on regional CBMs and the one on peaceful uses": each report described so, with "both" (one by most
    # of its title, the other by words only its title has).
    if len(distinctive | described) > 1 and intent.every_report(analysis.text) is not None:
        chosen = tuple(d for d in documents if d.group in distinctive | described)
        return QuestionScope(chosen, explicit=False, described=True)
    if not described:
        described = distinctive if len(distinctive) == 1 else described
    of_year = {d.group for d in documents if document_year(d) in years}
    # "In the report on peaceful uses, which states say they have no WMD?": the clause naming a report, in the
    # question's own words, describes it, whatever the rest asks about (here another report's title words).
    reported = _described_by_its_clause(analysis.text, documents, analysis.language)
    if of_year:
        # "the 2017 replies": the reports of that year, those whose title the question repeats if it does.
        chosen_groups = (of_year & described) or of_year
        if intent.every_report(analysis.text):  # "both the 2022 report on X and the one on Y"
            chosen_groups = of_year | described
        # "in the 2017 report on terrorism and in the report on peaceful uses": a second report described in a
        # clause of its own is asked about too.
        chosen_groups |= reported - of_year
        return QuestionScope(tuple(d for d in documents if d.group in chosen_groups), explicit=False, described=True)
    if reported:  # one report described so, or several, each in its own clause ("in X and in Y")
        return QuestionScope(tuple(d for d in documents if d.group in reported), explicit=False, described=True)
    votes = {d.group: 0.0 for d in documents}
    for rank, hit in enumerate(hits[:20], start=1):
        if hit.document.group in votes:
            votes[hit.document.group] += 1.0 / rank
    total = sum(votes.values()) or 1.0
    for doc_id, vote in votes.items():
        scores[doc_id] += vote / total
    best = max(scores.values(), default=0.0)
    if best <= 0:
        return QuestionScope(tuple(documents), explicit=False)
    chosen = tuple(d for d in documents if scores[d.group] >= KEEP_RATIO * best)
    return QuestionScope(chosen, explicit=False, described=all(d.group in described for d in chosen))


def ranking_tokens(analysis: QueryAnalysis, documents: Sequence[Document]) -> Mapping[str, float]:
    """The query's weighted words as ranking weighs them: those of the title of a report the query describes count
    SCOPE_TITLE_WEIGHT of their weight ("which replies in the peaceful-uses report bring up the Cold War?" asks for the
    Cold War). A query describing no report, or all of them, or naming one, keeps its weights."""
    scope = question_scope(analysis, (), documents)
    groups = {d.group for d in scope.documents}
    if scope.explicit or not scope.described or groups == {d.group for d in documents}:
        return analysis.tokens
    title = {w for d in documents if d.group in groups for w in _title_words(d)}
    return {
        token: weight * SCOPE_TITLE_WEIGHT if token in title else weight for token, weight in analysis.tokens.items()
    }


def _words_of(analysis: QueryAnalysis, title_words: set[str]) -> int:
    """How many of `title_words` the question holds, a word held inside another one counted with it (委员 in 委员会,
    both renderings of "لجنة")."""
    held = title_words & set(analysis.tokens)
    return sum(not any(word != other and word in other for other in held) for word in held)


def _weight(word: str) -> int:
    """How many words a title's word is: "confidence-building" two."""
    return 1 + word.count("-")


def _described_by_its_clause(text: str, documents: Sequence[Document], language: str) -> set[str]:
    """The reports a word for a report is described as by two words only that report's title has, in the question's
    own words: those after it, up to the next word for a report or the clause's end ("in the report on peaceful
    uses", "в докладе о мирном использовании", "تقرير الاستخدامات السلمية"), and in Chinese and English those before
    it too ("在关于和平利用的报告中", "the peaceful uses report"). A word for a report describes one report, or none."""
    found: set[str] = set()
    distinctive: dict[str, set[str]] | None = None  # each document's, once, when a word for a report is there
    # "its reply on confidence-building measures" describes a report as "the report on…" does
    matches = sorted([*intent.REPORT_WORD.finditer(text), *intent.REPLY_ON.finditer(text)], key=lambda m: m.start())
    for i, match in enumerate(matches):
        distinctive = distinctive or {d.id: _distinctive_title_words(d, documents) for d in documents}
        clause_start = max((m.end() for m in intent.CLAUSE_END.finditer(text, 0, match.start())), default=0)
        clause_end = next((m.start() for m in intent.CLAUSE_END.finditer(text, match.end())), len(text))
        start = max(clause_start, matches[i - 1].end() if i else 0)
        end = min(clause_end, matches[i + 1].start() if i + 1 < len(matches) else len(text))
        before = text[start : match.start()] if language in DESCRIBED_BEFORE else ""
        words = set(tokenize(f"{before} {text[match.end() : end]}", "jieba"))
        # Words of the question, each counted once (its "security" is the English title's and, inflected, the French).
        described = {
            d.group for d in documents if sum(_weight(w) for w in words if _in_title(w, distinctive[d.id])) >= 2
        }
        found |= described if len(described) == 1 else set()
    return found


def _in_title(word: str, title_words: set[str]) -> bool:
    """Whether a question's word is one of a title's words as it is or inflected: "мирном использовании" in a
    question is "мирного использования" in the title (the same stem, its last two letters aside)."""
    if word in title_words:
        return True
    if len(word) < STEM_CHARS or is_cjk(word[0]):
        return False
    for other in title_words:
        shortest = min(len(word), len(other))
        shared = next((i for i, (a, b) in enumerate(zip(word, other, strict=False)) if a != b), shortest)
        if shared >= max(STEM_CHARS, shortest - 2):
            return True
    return False


@lru_cache(maxsize=1024)
def _title_tokens(title: str) -> frozenset[str]:
    """A title's words (titles are few and asked about by every question: cut once)."""
    # Particles are no title's words: "من" (of) is in the Arabic titles of several reports and in most Arabic questions.
    return frozenset(w for w in tokenize(title, "jieba") if w not in stopwords.particles())


def _titles(document: Document) -> tuple[str, ...]:
    """A document's titles in every language the catalogue gives."""
    return tuple(dict.fromkeys(t for t in (document.title, document.title_en, *(t for _, t in document.titles)) if t))


def _title_words(document: Document) -> set[str]:
    return {w for title in _titles(document) for w in _title_tokens(title)}


def _distinctive_title_words(document: Document, documents: Sequence[Document]) -> set[str]:
    """The words of a document's title that no other document's title has (longer than one character)."""
    others = set().union(*(_title_words(d) for d in documents if d.id != document.id))
    return {w for w in _title_words(document) - others if len(w) > 1}


def _opening(text: str, named: Sequence[Document], documents: Sequence[Document]) -> int:
    """Where the sentence that first names one of the `named` documents opens (0 when a question asks of every
    report it names, "both the 2017 report and A/77/96")."""
    if intent.every_report(text):
        return 0
    at = min((w[0] for d in named if (w := where_named(text, d, documents)) is not None), default=0)
    return intent.sentence_start(text, at)


def where_named(text: str, document: Document, documents: Sequence[Document]) -> tuple[int, int] | None:
    """Where a text first names a document: by its symbol, its resolution, or a word of its title no other document's
    title has ("区域和次区域建立信任措施那份报告" for A/77/87), as (start, end); None when it does not."""
    for key in (document.symbol, document.resolution):
        if key and (at := text.find(key)) >= 0:
            return at, at + len(key)
    folded = text.lower()  # title words are lower-case; the offsets are the text's
    found = [(at, at + len(w)) for w in _distinctive_title_words(document, documents) if (at := folded.find(w)) >= 0]
    return min(found, default=None)


def title_overlap(analysis: QueryAnalysis, document: Document) -> float:
    """Share of a document title's words that the question (or its translations) contains."""
    best = 0.0
    for title in _titles(document):
        words = _title_tokens(title)
        if words:
            best = max(best, len(words & set(analysis.tokens)) / len(words))
    return best
