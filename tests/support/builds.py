"""Building and damaging index builds in tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any
from unittest import mock

from rag.core.settings import Settings
from rag.indexing import store
from rag.indexing.manifest import Manifest, read_manifest
from rag.indexing.store import build_index


def rebuild(settings: Settings, **update: Any) -> Manifest:
    """A new build swapped in, with a later built_at (whole seconds) than the index there now.

    The build's clock is moved on to the next second rather than waited for (a second per rebuild otherwise);
    should the build stop reading that clock, it waits as before.
    """
    try:
        before = read_manifest(settings.index_dir).built_at
    except Exception:
        before = ""
    with clock_after(before):
        manifest = build_index(settings.model_copy(update=update), progress=False)
    if manifest.built_at > before:
        return manifest
    while datetime.now(UTC).isoformat(timespec="seconds") <= before:
        time.sleep(0.05)
    return build_index(settings.model_copy(update=update), progress=False)


@contextmanager
def clock_after(built_at: str) -> Iterator[None]:
    """While it lasts, the index build's clock reads at least one second after `built_at` (ISO 8601, UTC)."""
    if not built_at:
        yield
        return
    floor = datetime.fromisoformat(built_at) + timedelta(seconds=1)

    class Later(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> Any:  # a plain datetime, as the build would have read
            now = datetime.now(tz)
            return max(now, floor) if now.tzinfo is not None else now

    with mock.patch.object(store, "datetime", Later):
        yield


def corrupt_payload(path: Path) -> None:
    passages = path / "passages.jsonl"
    passages.write_bytes(passages.read_bytes()[:500])
