"""Library chatter silenced at its source: the level of each talkative library's own logger, set where logging is
configured (the command line's `main`, `rag serve`'s rag.api.observe.configure_logging) and by rag.indexing.lexical
as it imports bm25s, which sets its logger to DEBUG when imported."""

from __future__ import annotations

import logging

# Each library logger and the least level of its records worth a line. Below it they narrate their own start-up:
# faiss which CPU builds it tried ("Could not load library with AVX512 support", on every start), bm25s
# "Building index from tokens" (DEBUG), sentence-transformers the files it read. Their warnings still show.
LIBRARY_LEVELS = {
    "faiss.loader": logging.WARNING,
    "bm25s": logging.WARNING,
    "sentence_transformers": logging.WARNING,
}


def quiet_libraries() -> None:
    """Set each library logger of LIBRARY_LEVELS to its level (records below it are not even made)."""
    for name, level in LIBRARY_LEVELS.items():
        logging.getLogger(name).setLevel(level)
