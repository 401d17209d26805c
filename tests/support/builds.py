"""Building and damaging index builds in tests."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rag.core.settings import Settings
from rag.indexing.manifest import Manifest, read_manifest
from rag.indexing.store import build_index


def rebuild(settings: Settings, **update: Any) -> Manifest:
    """A new build swapped in, with a later built_at (whole seconds) than the index there now."""
    try:
        before = read_manifest(settings.index_dir).built_at
    except Exception:
        before = ""
    while datetime.now(UTC).isoformat(timespec="seconds") <= before:
        time.sleep(0.05)
    return build_index(settings.model_copy(update=update), progress=False)


def corrupt_payload(path: Path) -> None:
    passages = path / "passages.jsonl"
    passages.write_bytes(passages.read_bytes()[:500])
