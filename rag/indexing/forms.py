"""The example questions of rag/lang/data/question_forms, encoded as queries with the index's model and stored
with the index (forms.npy, one row per example in rag.lang.forms order), so that answering can tell a set
question by its meaning without encoding hundreds of examples at start-up. The manifest records the examples'
fingerprint; an index whose examples have changed since is stale."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.lang import forms

if TYPE_CHECKING:
    from rag.indexing.dense import Encoder
    from rag.indexing.manifest import FormsInfo

FORMS = "forms.npy"


def encode_forms(encoder: Encoder, work: Path, previous: Path | None = None) -> FormsInfo:
    """Encode every example question (as a query) into `work`/forms.npy; what the manifest records of it. The
    vectors of the `previous` build are copied instead when it encoded the same examples with the same weights
    (a rebuild after a corpus edit encodes nothing it need not)."""
    from rag.indexing.manifest import FormsInfo

    info = FormsInfo(examples=forms.fingerprint(), count=len(forms.examples()))
    if previous is not None and _reusable(previous, info, encoder):
        shutil.copyfile(previous / FORMS, work / FORMS)
        return info
    texts = [e.text for e in forms.examples()]
    rows = [np.asarray(encoder.encode_query(t), dtype=np.float32) for t in texts]
    vectors = np.stack(rows) if rows else np.zeros((0, encoder.dimension), dtype=np.float32)
    np.save(work / FORMS, np.ascontiguousarray(vectors), allow_pickle=False)
    return info


def _reusable(previous: Path, info: FormsInfo, encoder: Encoder) -> bool:
    from rag.core.errors import RagError
    from rag.indexing.manifest import read_manifest

    fingerprint = getattr(encoder, "fingerprint", None)
    try:
        manifest = read_manifest(previous)
    except RagError:
        return False
    provenance = manifest.embedding.provenance
    return (
        fingerprint is not None
        and manifest.forms == info
        and provenance is not None
        and provenance.fingerprint == fingerprint
        and manifest.embedding.dimension == encoder.dimension
        and (previous / FORMS).is_file()
    )


def read_forms(path: Path, info: FormsInfo | None) -> np.ndarray | None:
    """The stored example vectors, or None when the build has none."""
    if info is None:
        return None
    vectors: np.ndarray = np.load(path / FORMS, allow_pickle=False)
    return vectors
