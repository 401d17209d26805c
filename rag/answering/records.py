"""What every way of answering shares: the run one question accumulates, and the records it ends in
(citations, the answer, how reports and respondents are named in it)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from rag.core.types import Answer, Citation, Document, Hit, Passage
from rag.lang.names import NameTable


@dataclass
class Run:
    """What one question accumulates on its way through the stages."""

    question: str
    language: str  # of the question as asked: the answer's language
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    among: tuple[str, ...] = ()  # "which of them…": the respondents the answer before named, asked among
    stated: bool = False  # `among` are those a statement before the question names ("Spain names… Which of those…?")
    quoted_before: tuple[str, ...] = ()  # "what else…": the quotes of the answer before (blanks removed), not again
    asked: str | None = None  # a follow-up as read after its conversation, when that differs from the question
    started: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[stage] = round((now - since) * 1000, 2)
        return now

    def answer(
        self,
        text: str,
        answerable: bool,
        mode: str,
        citations: Sequence[Citation],
        grounded: float,
        retrieved: Sequence[Hit],
    ) -> Answer:
        """The finished answer, with what the run gathered (warnings, problems, timings up to now)."""
        self.timings["total"] = round((time.perf_counter() - self.started) * 1000, 2)
        return Answer(
            question=self.question,
            asked=self.asked,
            answer=text,
            language=self.language,
            answerable=answerable,
            mode="llm" if mode == "llm" else "extractive",
            citations=tuple(citations),
            warnings=tuple(dict.fromkeys(self.warnings)),
            grounded=grounded,
            timings_ms=dict(self.timings),
            retrieved=tuple(retrieved),
            problems=tuple(self.problems),
        )


def citation(n: int, passage: Passage, document: Document, span: tuple[int, int] | None) -> Citation:
    """Citation number n: the span of a passage that supports a claim, or the whole passage when none."""
    start, end = span or (0, len(passage.text))
    return Citation(n, passage, document, passage.text[start:end], start, end)


def doc_label(document: Document, language: str) -> str:
    """A report as an answer names it: its symbol, else its title in the answer's language when the catalogue
    gives it, else in English."""
    if document.symbol:
        return document.symbol
    return document.title_in(language) or document.title_en or document.title or document.id


def citation_label(cited: Citation, names: NameTable, language: str) -> str:
    """Where a citation is, for people, in the answer's language: "A/77/96, Australia, ¶3" (a respondent the
    names table lacks, as the document writes it)."""
    passage, respondent = cited.passage, cited.passage.respondent
    who = (display(names, respondent.id, language) if respondent.id else "") or respondent.name
    parts = (doc_label(cited.document, language), who, f"¶{passage.paragraph}" if passage.paragraph else "")
    return ", ".join(part for part in parts if part)


def display(names: NameTable, entity_id: str | None, language: str) -> str:
    """A state or organization as an answer in `language` names it (its id when the table lacks it)."""
    entity = names.get(entity_id) if entity_id else None
    return (entity.display(language) or entity.name_en) if entity else (entity_id or "")
