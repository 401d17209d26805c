"""Vectors kept by the text they encode: the query and sentence caches of the retriever."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from rag.indexing.dense import Encoder


class VectorCache:
    """Vectors by text, the most recently added kept up to a limit; safe to share between request threads."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._rows: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            return self._rows.get(key)

    def put(self, key: str, value: np.ndarray) -> None:
        with self._lock:
            self._rows[key] = value
            self._rows.move_to_end(key)
            while len(self._rows) > self.limit:
                self._rows.popitem(last=False)

    def __len__(self) -> int:
        return len(self._rows)


def encoded(encoder: Encoder, cache: VectorCache, text: str) -> np.ndarray:
    """A query's vector from `encoder`, encoded once per text while `cache` keeps it."""
    vector = cache.get(text)
    if vector is None:
        vector = np.asarray(encoder.encode_query(text), dtype=np.float32)
        cache.put(text, vector)
    return vector
