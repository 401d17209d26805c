"""HTTP request and response schemas (pydantic, at the edge) and the conversions from internal records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from rag.core.types import Answer, Citation, Counterpart, Document, Hit, Passage, Respondent, SearchFilters

MAX_QUERY_CHARS = 2000
MAX_K = 100
MAX_FILTER_VALUES = 100  # values of one filter field (there are some 200 States and organizations)
MAX_FILTER_CHARS = 200  # characters of one filter value: a name, an id or a document symbol


def _unicode(value: str, what: str = "the text") -> str:
    """JSON may escape half of a surrogate pair (\\ud800): Python takes it, but no UTF-8 file, log or database
    does; refuse it here (a 422) rather than fail later (a 500)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} is not valid Unicode (it holds half of a surrogate pair)") from None
    return value


def _question_text(value: str, what: str) -> str:
    value = _unicode(value.strip(), what)
    if not value:
        raise ValueError(f"{what} is empty: send a question or keywords")
    if len(value) >= MAX_QUERY_CHARS:
        raise ValueError(f"{what} is {len(value)} characters; the limit is {MAX_QUERY_CHARS - 1}")
    if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        raise ValueError(f"{what} contains control characters")
    return value


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


def _filter_values(values: list[str], info: ValidationInfo) -> list[str]:
    """At most MAX_FILTER_VALUES values of at most MAX_FILTER_CHARS characters each: a name is matched in time
    linear in its length, but nothing needs a longer one."""
    if len(values) > MAX_FILTER_VALUES:
        raise ValueError(f"{len(values)} values; the limit is {MAX_FILTER_VALUES}")
    for value in values:
        if len(value) > MAX_FILTER_CHARS:
            raise ValueError(f"a value is {len(value)} characters; the limit is {MAX_FILTER_CHARS}")
        _unicode(value, f"a {info.field_name} filter")
    return values


class Filters(BaseModel):
    """Restrict results; each field takes one value or a list, values combine with OR, fields with AND."""

    model_config = ConfigDict(extra="forbid")

    doc: list[str] = Field(default_factory=list, description="Document ids or symbols, e.g. A/77/96.")
    respondent: list[str] = Field(default_factory=list, description="State/organization in any UN language, or id.")
    respondent_kind: list[Literal["state", "organization", "none"]] = Field(default_factory=list)
    original_language: list[Literal["ar", "zh", "en", "fr", "ru", "es"]] = Field(default_factory=list)

    _lists = field_validator("doc", "respondent", "respondent_kind", "original_language", mode="before")(_as_list)
    _bounded = field_validator("doc", "respondent", "respondent_kind", "original_language")(_filter_values)

    def to_internal(self) -> SearchFilters:
        return SearchFilters(
            doc=tuple(self.doc),
            respondent=tuple(self.respondent),
            respondent_kind=tuple(self.respondent_kind),
            original_language=tuple(self.original_language),
        )


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(description=f"The question or keywords, 1 to {MAX_QUERY_CHARS - 1} characters.")
    k: int = Field(10, ge=1, le=MAX_K, description=f"Number of passages to return, 1 to {MAX_K}.")
    filters: Filters = Field(default_factory=Filters)

    _query = field_validator("query")(lambda value: _question_text(value, "query"))


class DocRef(BaseModel):
    id: str
    symbol: str | None
    title: str | None
    language: str = Field(description="The language of this version of the document (ISO 639-1).")

    @classmethod
    def of(cls, document: Document) -> DocRef:
        return cls(id=document.id, symbol=document.symbol, title=document.title, language=document.language)


class RespondentOut(BaseModel):
    name: str
    kind: str
    id: str | None
    name_en: str | None
    original_language: str | None
    date: str | None

    @classmethod
    def of(cls, respondent: Respondent) -> RespondentOut | None:
        return None if respondent.kind == "none" and not respondent.name else cls(**respondent.__dict__)


class SourceSpan(BaseModel):
    file: str
    start: int
    end: int


class FootnoteOut(BaseModel):
    number: str
    text: str


class VersionOut(BaseModel):
    """The same paragraph in another official language version of its document (aligned at build time)."""

    language: str = Field(description="The version's language (ISO 639-1).")
    id: str = Field(description="Passage id; GET /v1/passages/{id} shows it with its neighbours.")
    text: str
    doc: DocRef
    paragraph: str | None
    section: list[str]
    source: SourceSpan

    @classmethod
    def of(cls, counterpart: Counterpart) -> VersionOut:
        passage, document = counterpart.passage, counterpart.document
        return cls(
            language=document.language,
            id=passage.id,
            text=passage.text,
            doc=DocRef.of(document),
            paragraph=passage.paragraph,
            section=list(passage.section),
            source=SourceSpan(file=document.file, start=passage.start, end=passage.end),
        )


_VERSIONS = "The paragraph in the document's other language versions, when the corpus has them."


class PassageOut(BaseModel):
    id: str
    text: str
    doc: DocRef
    respondent: RespondentOut | None
    section: list[str]
    paragraph: str | None
    source: SourceSpan
    footnotes: list[FootnoteOut] = Field(default_factory=list)
    versions: list[VersionOut] = Field(default_factory=list, description=_VERSIONS)

    @classmethod
    def of(cls, passage: Passage, document: Document, versions: Sequence[Counterpart] = ()) -> PassageOut:
        return cls(
            id=passage.id,
            text=passage.text,
            doc=DocRef.of(document),
            respondent=RespondentOut.of(passage.respondent),
            section=list(passage.section),
            paragraph=passage.paragraph,
            source=SourceSpan(file=document.file, start=passage.start, end=passage.end),
            footnotes=[FootnoteOut(number=f.number, text=f.text) for f in passage.footnotes],
            versions=[VersionOut.of(c) for c in versions],
        )


class HitOut(PassageOut):
    score: float
    ranks: dict[str, int] = Field(
        default_factory=dict,
        description="Rank in each retriever that found it; {'follows': 1} for an item of the list the first hit leads "
        "in to.",
    )

    @classmethod
    def of_hit(cls, hit: Hit) -> HitOut:
        base = PassageOut.of(hit.passage, hit.document, hit.counterparts)
        return cls(**base.model_dump(), score=hit.score, ranks=hit.ranks)


class QueryInfo(BaseModel):
    language: str
    resolutions: list[str]
    documents: list[str]
    respondents: list[str]
    reply_languages: list[str]
    expansions: list[str]


class SearchResponse(BaseModel):
    hits: list[HitOut]
    mode: Literal["lexical", "hybrid"]
    query: QueryInfo
    warnings: list[str] = Field(default_factory=list, description="why there are no hits, when there are none")


class PassageResponse(BaseModel):
    passage: PassageOut
    before: list[PassageOut]
    after: list[PassageOut]


class AlignmentOut(BaseModel):
    """How well this version of a document aligned with another language version of it."""

    version: str = Field(description="The other version's document id.")
    language: str = Field(description="The other version's language.")
    passages: int = Field(description="Passages of this version.")
    aligned: int = Field(description="Passages of this version with a counterpart in the other.")
    unmatched: int = Field(description="Passages of this version without one.")
    other_passages: int
    other_unmatched: int
    numbered: int = Field(description="Numbered paragraphs (of the version that has more).")
    by_number: int = Field(description="Numbered paragraphs matched by their number.")
    number_share: float | None = Field(description="by_number / numbered; null when neither is numbered.")
    replies: int = Field(description="Replies (of the version that has more).")
    replies_matched: int = Field(description="Replies matched by their respondent.")


class DocumentOut(BaseModel):
    id: str
    symbol: str | None
    title: str | None
    title_en: str | None
    language: str
    file: str
    resolution: str | None
    session: int | None
    passages: int
    respondents: int
    version_of: str | None = Field(
        None, description="The id of the document's first version, when this file is another language's version."
    )
    versions: list[str] = Field(default_factory=list, description="Ids of the document's other language versions.")
    alignment: list[AlignmentOut] = Field(default_factory=list, description="One entry per other version.")


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]


MAX_HISTORY_TURNS = 20


class HistoryTurn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=MAX_QUERY_CHARS * 4)

    _content = field_validator("content")(lambda value: _unicode(value, "content"))


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description=f"The question in any UN language, 1 to {MAX_QUERY_CHARS - 1} characters.")
    k: int | None = Field(None, ge=1, le=50, description="Passages given to the answer stage (default RAG_ANSWER_K).")
    filters: Filters = Field(default_factory=Filters)
    history: list[HistoryTurn] = Field(
        default_factory=list,
        max_length=MAX_HISTORY_TURNS,
        description='Earlier turns, oldest first: {"role", "content"}, or a string for a question the user asked.',
    )

    _question = field_validator("question")(lambda value: _question_text(value, "question"))
    _turns = field_validator("history", mode="before")(lambda value: _as_turns(value))


def _as_turns(value: object) -> object:
    """History as turns: a string is a question the user asked before (["What did Australia say?"])."""
    if isinstance(value, list):
        return [{"role": "user", "content": turn} if isinstance(turn, str) else turn for turn in value]
    return value


class CitationOut(BaseModel):
    n: int
    id: str = Field(description="Passage id; GET /v1/passages/{id} shows it with its neighbours.")
    text: str = Field(description="The whole cited passage.")
    quote: str = Field(description="The sentence(s) of the passage that support the claim.")
    quote_start: int = Field(description="Offset of the quote in `text`.")
    quote_end: int
    doc: DocRef
    respondent: RespondentOut | None
    paragraph: str | None
    section: list[str]
    source: SourceSpan
    language: str = Field(description="The language of the version quoted: the question's, when the document has it.")
    label: str = Field(
        "", description="Where the passage is, in the answer's language: document, respondent, ¶paragraph."
    )
    versions: list[VersionOut] = Field(default_factory=list, description=_VERSIONS)

    @classmethod
    def of(cls, citation: Citation) -> CitationOut:
        passage, document = citation.passage, citation.document
        return cls(
            n=citation.n,
            id=passage.id,
            text=passage.text,
            quote=citation.quote,
            quote_start=citation.quote_start,
            quote_end=citation.quote_end,
            doc=DocRef.of(document),
            respondent=RespondentOut.of(passage.respondent),
            paragraph=passage.paragraph,
            section=list(passage.section),
            source=SourceSpan(file=document.file, start=passage.start, end=passage.end),
            language=document.language,
            label=citation.label,
            versions=[VersionOut.of(c) for c in citation.counterparts],
        )


class ItemOut(BaseModel):
    label: str = Field(description="The respondent's name in the question's language.")
    label_en: str | None
    respondent: str | None = Field(description="Canonical id (ISO alpha-3 or organization acronym).")
    citations: list[int]


class PromptOut(BaseModel):
    name: str
    sha256: str


class AskResponse(BaseModel):
    answer: str
    asked: str | None = Field(
        None, description="A follow-up as the service read it after its conversation (null when read as sent)."
    )
    language: str
    answerable: bool
    mode: Literal["llm", "extractive"]
    citations: list[CitationOut]
    items: list[ItemOut] | None
    warnings: list[str]
    grounded: float = Field(description="Share of answer sentences that carry a valid citation.")
    prompt: PromptOut | None
    timings_ms: dict[str, float]

    @classmethod
    def of(cls, answer: Answer) -> AskResponse:
        return cls(
            answer=answer.answer,
            asked=answer.asked,
            language=answer.language,
            answerable=answer.answerable,
            mode=answer.mode,
            citations=[CitationOut.of(c) for c in answer.citations],
            items=None
            if answer.items is None
            else [
                ItemOut(label=i.label, label_en=i.label_en, respondent=i.respondent, citations=list(i.citations))
                for i in answer.items
            ],
            warnings=list(answer.warnings),
            grounded=answer.grounded,
            prompt=PromptOut(name=answer.prompt.name, sha256=answer.prompt.sha256) if answer.prompt else None,
            timings_ms=answer.timings_ms,
        )


MAX_COMMENT_CHARS = 2000
MAX_ANSWER_CHARS = 20000
MAX_FEEDBACK_CITATIONS = 100


class FeedbackCitation(BaseModel):
    """What identifies a cited passage; other fields of an /v1/ask citation may be sent and are dropped."""

    model_config = ConfigDict(extra="ignore")

    n: int
    id: str = Field(max_length=200)
    quote: str = Field("", max_length=MAX_ANSWER_CHARS)

    _texts = field_validator("id", "quote")(lambda value: _unicode(value, "a citation"))


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=MAX_COMMENT_CHARS, description="Optional free text.")
    question: str = Field(description="The question that was answered, as sent to /v1/ask.")
    answer: str = Field("", max_length=MAX_ANSWER_CHARS, description="The answer that was rated.")
    citations: list[FeedbackCitation] = Field(default_factory=list, max_length=MAX_FEEDBACK_CITATIONS)
    mode: str | None = Field(None, max_length=20, description="The answer's mode: llm or extractive.")
    language: str | None = Field(None, max_length=35, description="The answer's language.")

    _question = field_validator("question")(lambda value: _question_text(value, "question"))
    _texts = field_validator("answer", "mode", "language")(lambda value: _unicode(value) if value else value)

    @field_validator("comment")
    @classmethod
    def _comment(cls, value: str | None) -> str | None:
        return _unicode(value.strip(), "comment") or None if value is not None else None


class FeedbackResponse(BaseModel):
    id: int = Field(description="The stored feedback's id.")
