"""The loaded service: index, retriever and (when available) the query encoder, built once per process."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.core.errors import ModelUnavailable
from rag.core.settings import Settings
from rag.indexing.store import LoadedIndex, build_index, load_index, staleness
from rag.retrieval.retriever import Retriever

if TYPE_CHECKING:
    from rag.indexing.dense import Encoder
    from rag.indexing.manifest import Manifest, Provenance, SentencesInfo
    from rag.indexing.models import ModelProvenance

log = logging.getLogger(__name__)


@dataclass
class Service:
    settings: Settings
    index: LoadedIndex
    retriever: Retriever
    warnings: list[str]

    @property
    def mode(self) -> str:
        return self.retriever.mode

    @property
    def built_at(self) -> str:
        return self.index.manifest.built_at

    @classmethod
    def load(cls, settings: Settings, encoder: Encoder | None = None) -> Service:
        """The index at settings.index_dir, verified, with the query encoder when it is hybrid."""
        return cls.from_index(settings, load_index(settings.index_dir), encoder)

    @classmethod
    def from_index(
        cls,
        settings: Settings,
        index: LoadedIndex,
        encoder: Encoder | None = None,
        sentence_encoder: Encoder | None = None,
    ) -> Service:
        """The service over a loaded index; the encoders are loaded from the settings unless given."""
        import faiss

        # One query at a time per request: FAISS's thread hand-off costs more than it saves on a few
        # cores (bench/: 1M x 384 exact search 140 ms with 2 threads, 51 ms with 1).
        faiss.omp_set_num_threads(1)
        warnings: list[str] = []
        if index.mode == "lexical":
            warnings.append(lexical_warning(index.manifest))
            encoder = None
        elif encoder is None:
            from rag.indexing.dense import load_encoder

            try:
                encoder = load_encoder(settings)
            except ModelUnavailable as exc:
                warnings.append(f"dense retrieval off, the query encoder is unavailable: {exc}")
        if encoder is not None and index.mode == "hybrid":
            built = index.manifest.embedding
            if other_weights(built.provenance, getattr(encoder, "provenance", None)):
                # Same name, other weights (e.g. the hub's full-precision model over the index's 4-bit copy).
                warnings.append(
                    f"dense retrieval off: the query encoder's weights ({_source(encoder)}) are not those the "
                    f"index was built with ({built.provenance.source if built.provenance else '?'}); "
                    "rebuild with `rag index build`"
                )
                encoder = None
            elif encoder.dimension != built.dimension or encoder.name != built.model:
                # Vectors of another model (even of the same size) would rank passages at random.
                warnings.append(
                    f"dense retrieval off: the query encoder {encoder.name} ({encoder.dimension} dimensions) is not "
                    f"the index's {built.model} ({built.dimension}); rebuild with `rag index build`"
                )
                encoder = None
        sentence_encoder = _sentence_encoder(index, settings, warnings, sentence_encoder)
        for warning in warnings:  # once, here: the command line and the API's start-up do not repeat them
            log.warning(warning)
        if encoder is not None:
            log.info("hybrid retrieval: query encoder %s (%s)", encoder.name, _source(encoder))
            single_threaded_torch()
        if sentence_encoder is not None:
            log.info("sentence ranking: %s (%s)", sentence_encoder.name, _source(sentence_encoder))
        retriever = Retriever(index, settings, encoder, sentence_encoder=sentence_encoder)
        if retriever.tables.near_terms is not None:
            retriever.tables.near_terms.warm()  # the glossary's forms encoded at start-up, not in a request
        return cls(settings, index, retriever, warnings)


def _sentence_encoder(
    index: LoadedIndex, settings: Settings, warnings: list[str], encoder: Encoder | None
) -> Encoder | None:
    """The model of the index's sentence vectors (the one given, else loaded) when the index has them and the
    model has their weights; else None, with a warning saying why the second dense ranking is off."""
    built = index.manifest.sentences
    if index.sentences is None or built is None:
        return None
    if encoder is None:
        from rag.indexing.sentences import load_sentence_encoder

        try:
            encoder = load_sentence_encoder(settings)
        except ModelUnavailable as exc:
            warnings.append(f"sentence ranking off: {exc.message}")
            return None
    if (
        encoder.name != built.model
        or encoder.dimension != built.dimension
        or other_weights(built.provenance, getattr(encoder, "provenance", None))
    ):
        warnings.append(
            f"sentence ranking off: the index's sentences were encoded with {built.model} ({_source_of(built)}), "
            f"the service has {encoder.name} ({_source(encoder)}); rebuild with `rag index build`"
        )
        return None
    return encoder


def _source_of(built: SentencesInfo) -> str:
    return built.provenance.source if built.provenance is not None else "unknown source"


def lexical_warning(manifest: Manifest) -> str:
    """What a lexical-only index is told with, wherever it is reported (its load here, `rag index build`)."""
    why = manifest.dense_unavailable
    return f"lexical-only index: {'no embedding model' if why is None else why}"


def single_threaded_torch() -> None:
    """One intra-op thread for torch (when loaded), as for FAISS: queries are encoded one at a time per request,
    requests run concurrently, and on a few cores torch's thread hand-off costs more than it saves
    (bench/model.py, multilingual-e5-small on 2 busy cores: query encoding p50 336 ms on 2 threads, 69 ms on 1)."""
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def ensure_index(settings: Settings, progress: bool = True, check_files: bool = True) -> str | None:
    """Build the index when it is missing or stale; returns why it was (re)built, or None. `check_files=False`
    skips hashing the build's files when the caller has just checked them (rag serve's start-up recovery)."""
    reason = staleness(settings, check_files)
    if reason is not None:
        print(f"building the index: {reason}", flush=True)
        build_index(settings, progress=progress)
    return reason


def _source(encoder: Encoder) -> str:
    provenance = getattr(encoder, "provenance", None)
    return provenance.source if provenance is not None else "unknown source"


def other_weights(recorded: Provenance | None, used: ModelProvenance | None) -> bool:
    """Whether the query encoder's weights are known to differ from the index's. A local directory's identity
    (its files' sizes and times) changes when it is copied, so it is not held against it."""
    if recorded is None or used is None or "path" in (recorded.source, used.source):
        return False
    return recorded.fingerprint is not None and recorded.fingerprint != used.fingerprint
