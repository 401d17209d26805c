"""The retriever's vector caches: bounded, most recent kept, each text encoded once."""

from __future__ import annotations

import numpy as np

from rag.retrieval.vectors import VectorCache, encoded
from tests.support.fake_encoder import HashEncoder


def test_the_cache_keeps_the_most_recent_up_to_its_limit() -> None:
    cache = VectorCache(2)
    for key in ("a", "b", "c"):
        cache.put(key, np.zeros(2, dtype=np.float32))
    assert len(cache) == 2 and cache.get("a") is None and cache.get("c") is not None


def test_a_query_is_encoded_once_while_cached() -> None:
    cache, encoder = VectorCache(4), HashEncoder()
    first = encoded(encoder, cache, "q")
    assert encoded(encoder, cache, "q") is first and first.dtype == np.float32
