"""GET /v1/documents (the reports in the index) and /v1/passages/{id} (a passage with its neighbours);
scope search."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from fastapi import APIRouter, Depends

from rag.api.deps import ServiceDep
from rag.api.schemas import AlignmentOut, DocumentOut, DocumentsResponse, PassageOut, PassageResponse
from rag.api.scopes import ScopedRoute, require_scope
from rag.core.errors import NotFound, QueryError
from rag.core.types import Document
from rag.indexing.alignment import PairRecord

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("search"))])


@router.get("/v1/documents", response_model=DocumentsResponse)
def documents(service: ServiceDep) -> DocumentsResponse:
    index = service.index
    passages = Counter(p.doc_id for p in index.passages)
    respondents = Counter(
        doc for doc, _ in {(p.doc_id, p.respondent.name) for p in index.passages if p.respondent.name}
    )
    groups: dict[str, list[str]] = {}
    for d in index.documents.values():
        groups.setdefault(d.group, []).append(d.id)
    return DocumentsResponse(
        documents=[
            DocumentOut(
                **d.__dict__,
                passages=passages[d.id],
                respondents=respondents[d.id],
                versions=[v for v in groups[d.group] if v != d.id],
                alignment=[_alignment(pair, d.id, index.documents) for pair in index.alignment.pairs_of(d.id)],
            )
            for d in index.documents.values()
        ]
    )


def _alignment(pair: PairRecord, document_id: str, documents: Mapping[str, Document]) -> AlignmentOut:
    """The pair's figures, seen from `document_id`."""
    f = pair.figures
    mine = pair.a == document_id
    other = pair.b if mine else pair.a
    return AlignmentOut(
        version=other,
        language=documents[other].language,
        passages=f.passages_a if mine else f.passages_b,
        aligned=f.aligned_a if mine else f.aligned_b,
        unmatched=f.unmatched_a if mine else f.unmatched_b,
        other_passages=f.passages_b if mine else f.passages_a,
        other_unmatched=f.unmatched_b if mine else f.unmatched_a,
        numbered=max(f.numbered_a, f.numbered_b),
        by_number=f.by_number,
        number_share=f.number_share,
        replies=max(f.respondents_a, f.respondents_b),
        replies_matched=f.by_respondent,
    )


@router.get("/v1/passages/{passage_id}", response_model=PassageResponse)
def passage(passage_id: str, service: ServiceDep, before: int = 2, after: int = 2) -> PassageResponse:
    found = service.retriever.passage(passage_id)
    if found is None:
        raise NotFound(f"no passage {passage_id!r}", "use an id returned by /v1/search")
    if not (0 <= before <= 20 and 0 <= after <= 20):
        raise QueryError("before and after must be between 0 and 20")
    earlier, later = service.retriever.neighbours(passage_id, before, after)
    documents = service.index.documents
    return PassageResponse(
        passage=PassageOut.of(found, documents[found.doc_id], service.retriever.counterparts(found.id)),
        before=[PassageOut.of(p, documents[p.doc_id]) for p in earlier],
        after=[PassageOut.of(p, documents[p.doc_id]) for p in later],
    )
