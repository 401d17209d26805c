"""HTTP request and response schemas (pydantic, at the edge) and the conversions from internal records."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.types import Document, Hit, Passage, Respondent, SearchFilters

MAX_QUERY_CHARS = 2000
MAX_K = 100


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class Filters(BaseModel):
    """Restrict results; each field takes one value or a list, values combine with OR, fields with AND."""

    model_config = ConfigDict(extra="forbid")

    doc: list[str] = Field(default_factory=list, description="Document ids or symbols, e.g. A/77/96.")
    respondent: list[str] = Field(default_factory=list, description="State/organization in any UN language, or id.")
    respondent_kind: list[Literal["state", "organization", "none"]] = Field(default_factory=list)
    original_language: list[Literal["ar", "zh", "en", "fr", "ru", "es"]] = Field(default_factory=list)

    _lists = field_validator("doc", "respondent", "respondent_kind", "original_language", mode="before")(_as_list)

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

    @field_validator("query")
    @classmethod
    def _query_text(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("query is empty: send a question or keywords")
        if len(value) >= MAX_QUERY_CHARS:
            raise ValueError(f"query is {len(value)} characters; the limit is {MAX_QUERY_CHARS - 1}")
        if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise ValueError("query contains control characters")
        return value


class DocRef(BaseModel):
    id: str
    symbol: str | None
    title: str | None

    @classmethod
    def of(cls, document: Document) -> DocRef:
        return cls(id=document.id, symbol=document.symbol, title=document.title)


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


class PassageOut(BaseModel):
    id: str
    text: str
    doc: DocRef
    respondent: RespondentOut | None
    section: list[str]
    paragraph: str | None
    source: SourceSpan
    footnotes: list[FootnoteOut] = Field(default_factory=list)

    @classmethod
    def of(cls, passage: Passage, document: Document) -> PassageOut:
        return cls(
            id=passage.id,
            text=passage.text,
            doc=DocRef.of(document),
            respondent=RespondentOut.of(passage.respondent),
            section=list(passage.section),
            paragraph=passage.paragraph,
            source=SourceSpan(file=document.file, start=passage.start, end=passage.end),
            footnotes=[FootnoteOut(number=f.number, text=f.text) for f in passage.footnotes],
        )


class HitOut(PassageOut):
    score: float
    ranks: dict[str, int] = Field(default_factory=dict, description="Rank in each retriever that found it.")

    @classmethod
    def of_hit(cls, hit: Hit) -> HitOut:
        base = PassageOut.of(hit.passage, hit.document)
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


class PassageResponse(BaseModel):
    passage: PassageOut
    before: list[PassageOut]
    after: list[PassageOut]


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


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]
