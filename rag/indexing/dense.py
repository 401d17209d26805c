"""Dense encoder: a sentence-transformers model (found by rag.indexing.models) with its family's prefixes and
the provenance of its weights."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import numpy as np

from rag.core.errors import ModelUnavailable
from rag.core.settings import Settings
from rag.indexing.models import ModelProvenance, load_model, quiet_weight_loading

__all__ = ["DISABLED_HINT", "Encoder", "SentenceEncoder", "load_encoder", "prefixes_for", "quiet_weight_loading"]

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DISABLED_HINT = "set RAG_EMBEDDING_MODEL to a model name or local path to enable dense retrieval"
_E5 = re.compile(r"(?:^|[/\\_.-])e5-")  # multilingual-e5-*, e5-base-v2, ... but not e.g. "bge5-"


def prefixes_for(model_name: str) -> tuple[str, str]:
    """(query_prefix, passage_prefix) by the model family's convention: e5 wants "query: " / "passage: "."""
    if _E5.search(model_name.lower()):
        return "query: ", "passage: "
    return "", ""  # bge-m3, LaBSE, paraphrase-multilingual-*, and anything unknown


class Encoder(Protocol):
    """What the index build and retrieval need of an encoder: float32, L2-normalised vectors of
    `dimension` components, for passages (build) and queries (search); `name` is recorded in the manifest."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class SentenceEncoder:
    """The Encoder over a sentence-transformers model, with the model family's query and passage prefixes."""

    def __init__(
        self,
        model: SentenceTransformer,
        name: str,
        batch_size: int,
        query_prefix: str,
        passage_prefix: str,
        provenance: ModelProvenance | None = None,
    ) -> None:
        self.model = model
        self.provenance = provenance  # where the weights came from; None for a model handed in directly
        self.name = name
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dimension = getter()
        self.dimension: int = int(dimension) if dimension else int(self._encode(["probe"], False).shape[1])

    @property
    def fingerprint(self) -> str | None:
        """What identifies the weights (cached passage vectors are reused only under the same one)."""
        return self.provenance.fingerprint if self.provenance is not None else None

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode([self.passage_prefix + text for text in texts], progress)

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text], False)[0]

    def _encode(self, texts: list[str], progress: bool) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            prompt="",  # our prefixes are the only ones: no prompt from the model's own config on top
            batch_size=self.batch_size,
            # A bar redrawn with carriage returns is for a terminal; in a log it is noise.
            show_progress_bar=progress and sys.stderr.isatty(),
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"SentenceEncoder({self.name!r}, dimension={self.dimension})"


def load_encoder(settings: Settings) -> SentenceEncoder:
    """Load settings.embedding_model on settings.embedding_device through the chain of sources in
    rag.indexing.models (path, cache, hub, PyPI package), or raise ModelUnavailable saying what was tried."""
    name = settings.embedding_model.strip()
    if not name:
        raise ModelUnavailable("embedding model disabled (RAG_EMBEDDING_MODEL is empty)", DISABLED_HINT)
    model, provenance = load_model(name, settings.embedding_device, settings.models_dir)
    default_query, default_passage = prefixes_for(provenance.model)
    return SentenceEncoder(
        model,
        provenance.model,
        settings.embedding_batch_size,
        default_query if settings.query_prefix is None else settings.query_prefix,
        default_passage if settings.passage_prefix is None else settings.passage_prefix,
        provenance,
    )
