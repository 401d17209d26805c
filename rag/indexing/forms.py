"""The example questions of rag/lang/data/question_forms, encoded as queries with the index's model and stored
with the index (forms.npy, one row per example in rag.lang.forms order), so that answering can tell a set
question by its meaning without encoding hundreds of examples at start-up. The manifest records the examples'
fingerprint; an index whose examples have changed since is stale."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.lang import forms

if TYPE_CHECKING:
    from rag.indexing.dense import Encoder
    from rag.indexing.manifest import FormsInfo

FORMS = "forms.npy"


def encode_forms(encoder: Encoder, work: Path) -> FormsInfo:
    """Encode every example question (as a query) into `work`/forms.npy; what the manifest records of it."""
    from rag.indexing.manifest import FormsInfo

    texts = [e.text for e in forms.examples()]
    rows = [np.asarray(encoder.encode_query(t), dtype=np.float32) for t in texts]
    vectors = np.stack(rows) if rows else np.zeros((0, encoder.dimension), dtype=np.float32)
    np.save(work / FORMS, np.ascontiguousarray(vectors), allow_pickle=False)
    return FormsInfo(examples=forms.fingerprint(), count=len(texts))


def read_forms(path: Path, info: FormsInfo | None) -> np.ndarray | None:
    """The stored example vectors, or None when the build has none."""
    if info is None:
        return None
    vectors: np.ndarray = np.load(path / FORMS, allow_pickle=False)
    return vectors
