"""Passage vectors cached by passage hash, so a rebuild re-embeds only the passages that changed.

Beside the builds directory, `vectors/<model-key>/` holds `vectors.npy` (float32, one row per passage) and
`vectors.json` (the row keys, the dimension and the sha256 of the .npy). A row's key hashes the model's
fingerprint, the passage prefix and the text, so a different model, prefix or text never reuses a vector. Each
file is written beside itself and renamed into place; a pair that does not match (two builds racing) is
ignored, never trusted. The cache is bounded: a build keeps only its own passages' vectors, and only the
newest `RETAIN` model directories are kept.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.core.errors import IndexBuildError

if TYPE_CHECKING:
    from rag.indexing.dense import Encoder

log = logging.getLogger(__name__)

VECTORS = "vectors"
ROWS = "vectors.npy"
KEYS = "vectors.json"
RETAIN = 2  # model directories kept: the one just used and one to switch back to


@dataclass(frozen=True)
class CachedEncoding:
    vectors: np.ndarray  # one row per text, in order
    encoded: int  # texts the encoder was asked for (the others came from the cache)
    directory: Path | None  # where the vectors are cached; None when the encoder cannot be identified


def cache_root(index_dir: Path) -> Path:
    """The vector cache of the index at `index_dir`: beside its `builds/` directory."""
    return index_dir.parent / VECTORS


def model_key(name: str, fingerprint: str) -> str:
    """A directory name for a model: a readable tail of its name, then its fingerprint."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")[-48:] or "model"
    return f"{readable}-{fingerprint[:16]}"


def row_key(fingerprint: str, prefix: str, text: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{prefix}\0{text}".encode()).hexdigest()


def encode_cached(encoder: Encoder, texts: Sequence[str], root: Path, progress: bool = False) -> CachedEncoding:
    """The encoder's passage vectors for `texts`, reusing those cached under `root` for the same model, prefix
    and text, and leaving exactly these texts' vectors in the cache. An encoder without a `fingerprint` (one
    that cannot say which weights it has) is never cached."""
    fingerprint = getattr(encoder, "fingerprint", None)
    if not fingerprint:
        return CachedEncoding(encoder.encode_passages(texts, progress=progress), len(texts), None)
    prefix = str(getattr(encoder, "passage_prefix", ""))
    keys = [row_key(fingerprint, prefix, text) for text in texts]
    directory = root / model_key(encoder.name, fingerprint)
    cached = read_rows(directory, encoder.dimension)
    missing: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in cached and key not in missing:
            missing[key] = text
    if missing:
        fresh = np.asarray(encoder.encode_passages(list(missing.values()), progress=progress), dtype=np.float32)
        if fresh.shape != (len(missing), encoder.dimension):
            raise IndexBuildError(f"the encoder returned shape {fresh.shape} for {len(missing)} passages")
        cached.update(zip(missing, fresh, strict=True))
    vectors = np.zeros((len(texts), encoder.dimension), dtype=np.float32)
    for i, key in enumerate(keys):
        vectors[i] = cached[key]
    unique = list(dict.fromkeys(keys))
    try:
        write_rows(directory, unique, np.stack([cached[k] for k in unique]) if unique else vectors[:0])
        prune(root, keep=directory)
    except OSError as exc:  # a cache that cannot be written costs the next build time, never this one
        log.warning("cannot write the vector cache at %s: %s", directory, exc)
    return CachedEncoding(vectors, len(missing), directory)


def read_rows(directory: Path, dimension: int) -> dict[str, np.ndarray]:
    """The cached rows by key; empty when there are none or the files do not match each other."""
    try:
        meta = json.loads((directory / KEYS).read_text(encoding="utf-8"))
        data = (directory / ROWS).read_bytes()
    except (OSError, ValueError):
        return {}
    if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(data).hexdigest():
        return {}
    try:
        rows = np.load(io.BytesIO(data), allow_pickle=False)
    except (OSError, ValueError):
        return {}
    keys = meta.get("keys")
    if not isinstance(keys, list) or rows.shape != (len(keys), dimension) or rows.dtype != np.float32:
        return {}
    return dict(zip(keys, rows, strict=True))


def write_rows(directory: Path, keys: list[str], rows: np.ndarray) -> None:
    """Write the rows and their keys, each file renamed into place (vectors first, then the keys naming them)."""
    directory.mkdir(parents=True, exist_ok=True)
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    staging = directory / f".{ROWS}.{os.getpid()}"
    with staging.open("wb") as out:
        np.save(out, rows, allow_pickle=False)
    digest = hashlib.sha256(staging.read_bytes()).hexdigest()
    os.replace(staging, directory / ROWS)
    meta = {"dimension": int(rows.shape[1]), "count": len(keys), "sha256": digest, "keys": keys}
    staging = directory / f".{KEYS}.{os.getpid()}"
    staging.write_text(json.dumps(meta) + "\n", encoding="utf-8")
    os.replace(staging, directory / KEYS)


def prune(root: Path, keep: Path, retain: int = RETAIN) -> None:
    """Keep `keep` and the newest other model directories up to `retain` in all; drop the rest."""
    others = [p for p in root.iterdir() if p.is_dir() and p != keep]
    others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[max(retain - 1, 0) :]:
        shutil.rmtree(old, ignore_errors=True)
