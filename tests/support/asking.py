"""A question read as the answer stage reads it before answering: its run, analysis, scope and hits."""

from __future__ import annotations

from typing import NamedTuple

from rag.answering.records import Run
from rag.core.types import Hit
from rag.retrieval.query import QueryAnalysis, detect_language
from rag.retrieval.scope import QuestionScope, question_scope
from rag.retrieval.service import Service


class Asked(NamedTuple):
    run: Run
    analysis: QueryAnalysis
    scope: QuestionScope
    hits: list[Hit]


def asked(service: Service, question: str, k: int = 20) -> Asked:
    """The question in the asker's language, analysed, searched (k hits) and scoped over every document."""
    run = Run(question, detect_language(question))
    analysis = service.retriever.analyze(question, run.language)
    hits = list(service.retriever.search(analysis, k).hits)
    scope = question_scope(analysis, hits, list(service.retriever.documents.values()))
    return Asked(run, analysis, scope, hits)
