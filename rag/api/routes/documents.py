"""GET /v1/documents (the reports in the index) and /v1/passages/{id} (a passage with its neighbours);
scope search."""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Depends

from rag.api.deps import ServiceDep
from rag.api.schemas import DocumentOut, DocumentsResponse, PassageOut, PassageResponse
from rag.api.scopes import ScopedRoute, require_scope
from rag.core.errors import NotFound, QueryError

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("search"))])


@router.get("/v1/documents", response_model=DocumentsResponse)
def documents(service: ServiceDep) -> DocumentsResponse:
    index = service.index
    passages = Counter(p.doc_id for p in index.passages)
    respondents = Counter(
        doc for doc, _ in {(p.doc_id, p.respondent.name) for p in index.passages if p.respondent.name}
    )
    return DocumentsResponse(
        documents=[
            DocumentOut(**d.__dict__, passages=passages[d.id], respondents=respondents[d.id])
            for d in index.documents.values()
        ]
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
        passage=PassageOut.of(found, documents[found.doc_id]),
        before=[PassageOut.of(p, documents[p.doc_id]) for p in earlier],
        after=[PassageOut.of(p, documents[p.doc_id]) for p in later],
    )
