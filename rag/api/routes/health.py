"""GET /healthz (the process answers), /readyz (an index is served) and /metrics (Prometheus; scope admin once
any key is configured)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response

from rag import __version__
from rag.api.deps import LoadedServiceDep, MetricsDep, StateDep
from rag.api.observe import METRICS_CONTENT_TYPE
from rag.api.scopes import ScopedRoute, require_scope

router = APIRouter(route_class=ScopedRoute)


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(require_scope("admin"))])
def prometheus_metrics(metrics: MetricsDep) -> Response:
    return Response(metrics.render(), media_type=METRICS_CONTENT_TYPE)


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


@router.get("/readyz")
async def readyz(service: LoadedServiceDep, state: StateDep) -> JSONResponse:
    if service is None:
        error = state.runtime.load_error
        return JSONResponse(status_code=503, content={"ready": False, "reason": str(error) if error else "loading"})
    manifest = service.index.manifest
    written = manifest.to_dict()
    return JSONResponse(
        content={
            "ready": True,
            "mode": service.mode,
            "index_mode": manifest.mode,
            "counts": manifest.counts.model_dump(mode="json"),
            "embedding": written["embedding"],  # with the provenance of the index's vectors
            "query_encoder": _query_encoder(service.retriever.encoder),
            # The second dense ranking's model (rag.indexing.sentences), as built and as used now.
            "sentences": written.get("sentences"),
            "sentence_encoder": _query_encoder(service.retriever.sentence_encoder),
            "built_at": manifest.built_at,
            "warnings": service.warnings,
        }
    )


def _query_encoder(encoder: object) -> dict[str, object] | None:
    """The model that encodes queries now, and where it came from; None when dense retrieval is off."""
    if encoder is None:
        return None
    provenance = getattr(encoder, "provenance", None)
    return {
        "model": getattr(encoder, "name", None),
        "provenance": provenance.to_dict() if provenance is not None else None,
    }
