"""Library chatter silenced at its source: the library loggers' own levels (rag.core.logs)."""

from __future__ import annotations

import logging

from rag.core.logs import LIBRARY_LEVELS, quiet_libraries


def test_the_talkative_libraries_keep_only_their_warnings() -> None:
    logging.getLogger("bm25s").setLevel(logging.DEBUG)  # as bm25s does when it is imported
    logging.getLogger("faiss.loader").setLevel(logging.NOTSET)
    quiet_libraries()
    assert {"faiss.loader", "bm25s"} <= LIBRARY_LEVELS.keys()
    for name in LIBRARY_LEVELS:
        logger = logging.getLogger(name)
        assert not logger.isEnabledFor(logging.INFO) and logger.isEnabledFor(logging.WARNING), name
    assert not logging.getLogger("sentence_transformers.base.model").isEnabledFor(logging.INFO)  # children too
