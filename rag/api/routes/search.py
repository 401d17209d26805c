"""POST /v1/search: ranked passages for a question or keywords; scope search."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from rag.api.deps import ServiceDep
from rag.api.schemas import HitOut, QueryInfo, SearchRequest, SearchResponse
from rag.api.scopes import ScopedRoute, require_scope

router = APIRouter(route_class=ScopedRoute, dependencies=[Depends(require_scope("search"))])


@router.post("/v1/search", response_model=SearchResponse)
def search(request: SearchRequest, service: ServiceDep) -> SearchResponse:
    result = service.retriever.search(request.query, request.k, request.filters.to_internal())
    analysis = result.analysis
    return SearchResponse(
        hits=[HitOut.of_hit(hit) for hit in result.hits],
        mode=result.mode,
        query=QueryInfo(
            language=analysis.language,
            resolutions=list(analysis.resolutions),
            documents=list(analysis.documents),
            respondents=list(analysis.respondents),
            reply_languages=list(analysis.reply_languages),
            expansions=list(analysis.expansions),
        ),
        warnings=result.warnings,
    )
