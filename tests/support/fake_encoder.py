"""An Encoder without a model, for fast tests: each text hashes to a fixed unit vector; it counts what it encodes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from rag.indexing.models import ModelProvenance

PROVENANCE = ModelProvenance(
    "rag-tests/hash-encoder",
    "pypi:rag-tests",
    version="1.0",
    sha256="0" * 64,
    note="hashes, not meaning",
    licence="MIT",
)


class HashEncoder:
    """The Encoder protocol over text hashes (with the passage prefix, as a real encoder sees it); `encoded`
    lists every passage text it was asked to encode, in order."""

    def __init__(
        self,
        name: str = PROVENANCE.model,
        dimension: int = 16,
        provenance: ModelProvenance | None = PROVENANCE,
        passage_prefix: str = "passage: ",
    ) -> None:
        self.name = name
        self.dimension = dimension
        self.provenance = provenance
        self.passage_prefix = passage_prefix
        self.encoded: list[str] = []

    @property
    def fingerprint(self) -> str | None:
        return self.provenance.fingerprint if self.provenance is not None else None

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        rows = [self._vector(self.passage_prefix + text) for text in texts]
        return np.stack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self._vector("query: " + text)

    def _vector(self, text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
        vector = np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
        return vector / np.linalg.norm(vector)
