"""tests/support/builds.py: each rebuild gets a later built_at than the build it replaces, without waiting for
the clock to reach the next second."""

from __future__ import annotations

from datetime import UTC, datetime

from rag.core.settings import Settings
from rag.indexing import store
from rag.indexing.manifest import read_manifest
from rag.indexing.store import build_index
from tests.support.builds import clock_after, rebuild


def test_rebuilds_in_a_row_each_get_a_later_built_at(lexical_settings: Settings) -> None:
    first = build_index(lexical_settings, progress=False).built_at
    stamps = [first] + [rebuild(lexical_settings).built_at for _ in range(3)]

    assert stamps == sorted(set(stamps)), stamps
    assert read_manifest(lexical_settings.index_dir).built_at == stamps[-1]


def test_the_clock_is_moved_on_only_while_it_lasts() -> None:
    ahead = "2999-01-01T00:00:00+00:00"
    with clock_after(ahead):
        assert store.datetime.now(UTC).isoformat(timespec="seconds") == "2999-01-01T00:00:01+00:00"
    assert store.datetime is datetime
    assert store.datetime.now(UTC).year < 2999
