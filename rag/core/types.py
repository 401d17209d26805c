"""Typed records that flow between the stages: parse -> index -> retrieve -> api/cli/eval."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

RespondentKind = Literal["state", "organization", "none"]


@dataclass(frozen=True)
class Document:
    """One source file and what the catalogue (or the text) says about it."""

    id: str  # stable, derived from the file name without extensions
    file: str  # path relative to the corpus directory
    language: str  # ISO 639-1 code of the text ("zh", "en", ...)
    symbol: str | None = None  # UN document symbol, e.g. "A/77/96"
    title: str | None = None  # title in the document's language
    title_en: str | None = None
    resolution: str | None = None  # resolution the report answers, e.g. "76/234"
    session: int | None = None
    # The id of the first version of the same document when this file is another official language version of
    # it (the same symbol in another language); None for a document's first (or only) version.
    version_of: str | None = None
    # The title in other languages, as the catalogue gives it (title_fr: …): (language, title) pairs.
    titles: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """A document as `__dict__` wrote it to JSON (its pairs come back as lists)."""
        return cls(**{**data, "titles": tuple((str(k), str(v)) for k, v in data.get("titles") or ())})

    def title_in(self, language: str) -> str | None:
        """The title in a language when the catalogue or the text gives it, else None."""
        if language == self.language and self.title:
            return self.title
        if language == "en" and self.title_en:
            return self.title_en
        return dict(self.titles).get(language)

    @property
    def group(self) -> str:
        """What every language version of this document shares: the id of its first version."""
        return self.version_of or self.id


@dataclass(frozen=True)
class Respondent:
    """Who is speaking in a passage: a state, an organization, or nobody (the Secretariat)."""

    name: str  # as written in the document
    kind: RespondentKind
    id: str | None = None  # canonical id from the names table (ISO alpha-3 or org acronym)
    name_en: str | None = None  # canonical English name when known
    original_language: str | None = None  # ISO 639-1, from "[原件：英文]" / "[Original: English]"; the first one
    date: str | None = None  # ISO date of the reply when the text gives one
    original_languages: tuple[str, ...] = ()  # every one ("[原件：英文和法文]": en, fr); absent in older indexes

    @property
    def written_in(self) -> tuple[str, ...]:
        """The reply's original languages (the first alone in indexes built before all were kept)."""
        return self.original_languages or ((self.original_language,) if self.original_language else ())


NO_RESPONDENT = Respondent(name="", kind="none")


@dataclass(frozen=True)
class Footnote:
    number: str
    text: str


@dataclass(frozen=True)
class Passage:
    """A retrievable unit: one paragraph (or a sentence-aligned piece of a long one)."""

    id: str
    doc_id: str
    text: str
    start: int  # character offsets into the source file's text (str indices, not bytes)
    end: int
    section: tuple[str, ...] = ()
    respondent: Respondent = NO_RESPONDENT
    paragraph: str | None = None  # the paragraph number printed in the text, e.g. "12" or "3 (b)"
    part: int = 0  # index of this piece when a long paragraph was split, else 0
    footnotes: tuple[Footnote, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def own_headings(self) -> tuple[str, ...]:
        """The headings inside its respondent's reply that this passage stands under ("打击恐怖主义…的措施" in
        Honduras's reply): the respondent's own words, unlike the report's headings above its name."""
        name = self.respondent.name
        if self.respondent.kind == "none" or name not in self.section:
            return ()
        return self.section[self.section.index(name) + 1 :]

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Passage:
        raw = data["respondent"]
        respondent = Respondent(**{**raw, "original_languages": tuple(raw.get("original_languages", ()))})
        footnotes = tuple(Footnote(**f) for f in data.get("footnotes", ()))
        return Passage(
            id=data["id"],
            doc_id=data["doc_id"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            section=tuple(data.get("section", ())),
            respondent=respondent,
            paragraph=data.get("paragraph"),
            part=data.get("part", 0),
            footnotes=footnotes,
        )


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions on which passages may be returned; empty tuples mean no restriction."""

    doc: tuple[str, ...] = ()  # document ids or symbols
    respondent: tuple[str, ...] = ()  # canonical ids or names in any language
    respondent_kind: tuple[RespondentKind, ...] = ()
    original_language: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counterpart:
    """The same paragraph in another official language version of its document (rag/indexing/alignment.py)."""

    passage: Passage
    document: Document


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    document: Document
    # rank of the passage in each retriever that found it, e.g. {"lexical": 1, "dense": 4}
    ranks: dict[str, int] = field(default_factory=dict)
    counterparts: tuple[Counterpart, ...] = ()  # the paragraph in the document's other language versions


@dataclass(frozen=True)
class Citation:
    """A numbered reference from an answer to one passage, with the sentence(s) that support the claim."""

    n: int  # the number written in the answer as [n]
    passage: Passage
    document: Document
    quote: str  # exact substring of passage.text that supports the claim
    quote_start: int = 0  # offsets of the quote inside passage.text
    quote_end: int = 0
    counterparts: tuple[Counterpart, ...] = ()  # the cited paragraph in the document's other language versions
    label: str = ""  # where it is, for people, in the answer's language: "A/77/96, Australia, ¶3"


@dataclass(frozen=True)
class Item:
    """One member of a list answer (a qualifying state or organization) and the citations that show it."""

    label: str  # the respondent's name in the question's language
    label_en: str | None
    respondent: str | None  # canonical id from the names table, or the name as written
    citations: tuple[int, ...]  # citation numbers (Citation.n)


@dataclass(frozen=True)
class PromptRef:
    name: str
    sha256: str


@dataclass(frozen=True)
class Answer:
    """What /v1/ask returns, before it is turned into JSON."""

    question: str
    answer: str
    language: str
    answerable: bool
    mode: Literal["llm", "extractive"]
    citations: tuple[Citation, ...] = ()
    asked: str | None = None  # a follow-up as read after its conversation ("And what did Pakistan propose…?")
    items: tuple[Item, ...] | None = None  # set only for questions that ask for a set of respondents
    warnings: tuple[str, ...] = ()
    prompt: PromptRef | None = None
    grounded: float = 0.0  # share of answer sentences that carry at least one valid citation
    timings_ms: dict[str, float] = field(default_factory=dict)
    retrieved: tuple[Hit, ...] = ()  # the passages the answer was composed from (closest ones when abstaining)
    # What went wrong on the way, for metrics: "llm:<stage>:<reason>", "fallback:extractive",
    # "citation:removed", "citation:uncited" (one entry per occurrence); `warnings` says it to people.
    problems: tuple[str, ...] = ()
