"""Hot reload: load the index on disk, check it and that it suits the running configuration, and swap the
service in; or refuse and keep serving the old one. An optional watcher does the same when the manifest changes.

In-flight requests hold the Service object they started with, so swapping the reference never fails them."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from rag.api.observe import Metrics
from rag.core.errors import ModelUnavailable, RagError
from rag.core.settings import Settings
from rag.indexing.dense import Encoder
from rag.indexing.manifest import MANIFEST, Manifest, read_manifest
from rag.indexing.store import load_index
from rag.retrieval.service import Service, other_weights
from rag.runtime import public_error

log = logging.getLogger(__name__)

HINT = "fix or rebuild the index (`rag index build`), then reload again"


class ReloadRefused(RagError):
    """The index on disk cannot replace the one being served: `reason` is missing, corrupt or mismatched."""

    stage = "index reload"

    def __init__(self, message: str, reason: str, serving: str | None, hint: str = HINT) -> None:
        super().__init__(message, hint)
        self.reason = reason
        self.serving = serving  # built_at of the index that keeps serving, None when none is loaded


class ReloadResult(BaseModel):
    reloaded: bool
    built_at: str
    mode: str
    counts: dict[str, int]
    previous_built_at: str | None


def manifest_digest(manifest: Manifest) -> str:
    """The identity of a build: the hash of its manifest's content (which holds every file's hash)."""
    canonical = json.dumps(manifest.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def mismatch(manifest: Manifest, settings: Settings, serving: Service | None, encoder: Encoder | None) -> str | None:
    """Why an index (already verified) does not suit the running service, or None. `encoder` is the query
    encoder the new service would use for a hybrid index (None when it cannot load)."""
    built_zh = manifest.tokenizer.zh
    if built_zh != settings.zh_tokenizer:
        return f"the index cuts Chinese with {built_zh!r}, the service with {settings.zh_tokenizer!r}"
    if manifest.mode != "hybrid":
        if serving is not None and serving.mode == "hybrid":
            why = manifest.dense_unavailable or "no embedding model"
            return f"the index is lexical-only ({why}) but the service serves hybrid retrieval"
        return None
    model, dimension = manifest.embedding.model, manifest.embedding.dimension
    if encoder is None:
        return f"the index is hybrid ({model}, {dimension} dimensions) but the service has no query encoder"
    if encoder.name != model or encoder.dimension != dimension:
        return (
            f"the index was built with {model} ({dimension} dimensions), the service's query encoder is "
            f"{encoder.name} ({encoder.dimension} dimensions)"
        )
    recorded, used = manifest.embedding.provenance, getattr(encoder, "provenance", None)
    if recorded is not None and used is not None and other_weights(recorded, used):
        return (
            f"the index was built with {model} from {recorded.source}, the service's query encoder has other "
            f"weights of it (from {used.source})"
        )
    return None


class Reloader:
    """Loads settings.index_dir into a new Service and hands it to `put`; one reload at a time."""

    def __init__(
        self,
        settings: Settings,
        get: Callable[[], Service | None],
        put: Callable[[Service], None],
        metrics: Metrics | None = None,
    ) -> None:
        self.settings = settings
        self.get = get
        self.put = put
        self.metrics = metrics
        self._lock = threading.Lock()

    def reload(self) -> ReloadResult:
        """Swap in the index on disk: reloaded=False when it is the one being served; ReloadRefused when
        it is missing, corrupt or does not suit the running configuration (the old one keeps serving)."""
        with self._lock:
            serving = self.get()
            previous = serving.built_at if serving is not None else None
            # Follow the `current` link once, so that every file comes from the same build even if another
            # build is swapped in meanwhile.
            path = self.settings.index_dir.resolve()
            try:
                manifest = read_manifest(path)
                if serving is not None and manifest_digest(manifest) == manifest_digest(serving.index.manifest):
                    self._count("unchanged")
                    return _result(serving, False, previous)
                service = self._load(path, serving)
            except ReloadRefused as exc:
                raise self._refused(exc) from exc
            except RagError as exc:
                reason = "missing" if exc.stage == "index load" else "corrupt"
                raise self._refused(ReloadRefused(exc.message, reason, previous)) from exc
            except Exception as exc:  # an index that trips the loader is as unusable as a corrupt one
                log.exception("loading the index at %s failed", path)
                unreadable = ReloadRefused(f"the index at {path} cannot be loaded: {exc!r}", "corrupt", previous)
                raise self._refused(unreadable) from exc
            self.put(service)
            self._count("ok")
            if self.metrics is not None:
                self.metrics.set_index(service.index.manifest)
            log.info(
                "index reloaded: built %s (%s mode) replaces %s", service.built_at, service.mode, previous or "nothing"
            )
            return _result(service, True, previous)

    def _load(self, path: Path, serving: Service | None) -> Service:
        index = load_index(path)  # checks the manifest, every file hash and the counts
        encoder = None
        if index.mode == "hybrid":
            encoder = serving.retriever.encoder if serving is not None else None
            if encoder is None:
                from rag.indexing.dense import load_encoder

                try:
                    encoder = load_encoder(self.settings)
                except ModelUnavailable as exc:
                    log.warning("no query encoder for a hybrid index: %s", exc)
        problem = mismatch(index.manifest, self.settings, serving, encoder)
        if problem is not None:
            previous = serving.built_at if serving is not None else None
            raise ReloadRefused(f"the index at {path} does not match the service: {problem}", "mismatched", previous)
        sentences = serving.retriever.sentence_encoder if serving is not None else None
        return Service.from_index(self.settings, index, encoder, sentences)

    def _refused(self, exc: ReloadRefused) -> ReloadRefused:
        keeps = f"the index built at {exc.serving} keeps serving" if exc.serving else "no index is being served"
        refused = ReloadRefused(f"index reload refused ({exc.reason}): {exc.message}; {keeps}", exc.reason, exc.serving)
        log.error(refused.message)  # the operator's log names the paths; the client is told it without them
        self._count("refused")
        public = public_error(refused)
        assert isinstance(public, ReloadRefused)
        return public

    def _count(self, outcome: str) -> None:
        if self.metrics is not None:
            self.metrics.reloads.labels(outcome).inc()


def _result(service: Service, reloaded: bool, previous: str | None) -> ReloadResult:
    counts = {k: int(v) for k, v in service.index.manifest.counts.model_dump().items()}
    return ReloadResult(
        reloaded=reloaded, built_at=service.built_at, mode=service.mode, counts=counts, previous_built_at=previous
    )


class IndexWatcher:
    """Polls the index's manifest (where it lives, mtime, size, then content hash) every `interval` seconds
    and reloads when it changed. A refused index is not tried again until the manifest changes again."""

    def __init__(self, reloader: Reloader, interval: float) -> None:
        self.reloader = reloader
        self.interval = interval
        self._stat: tuple[str, int, int] | None = None
        self._digest: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> ReloadResult | None:
        """One check; the reload's result when the manifest changed (and was not refused), else None."""
        manifest = self.reloader.settings.index_dir.resolve() / MANIFEST
        try:
            stat = manifest.stat()
            if (str(manifest), stat.st_mtime_ns, stat.st_size) == self._stat:
                return None
            self._stat = (str(manifest), stat.st_mtime_ns, stat.st_size)
            digest = hashlib.sha256(manifest.read_bytes()).hexdigest()
        except OSError:
            self._stat = self._digest = None  # gone (or mid-swap): whatever appears next is a change
            return None
        if digest == self._digest:
            return None
        self._digest = digest
        try:
            return self.reloader.reload()
        except ReloadRefused:
            return None  # logged and counted by the reloader
        except Exception:
            log.exception("index reload failed")
            return None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="rag-index-watch", daemon=True)
        self._thread.start()
        log.info("watching %s for new index builds every %.1fs", self.reloader.settings.index_dir, self.interval)

    def _run(self) -> None:
        self.poll()
        while not self._stop.wait(self.interval):
            self.poll()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
