"""The builds directory: pruning never deletes a build that a process serves or loads, nor the one `current`
points to, however many builds came after it."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from rag.core.errors import IndexBuildError, IndexCorrupt
from rag.core.settings import Settings
from rag.indexing.builds import swap
from rag.indexing.store import build_index, load_index
from tests.support.builds import rebuild


def _builds(settings: Settings) -> Path:
    return settings.index_dir.parent / "builds"


def test_the_served_build_survives_later_builds_until_it_is_let_go(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    served = load_index(lexical_settings.index_dir)  # as a server holds it, e.g. after refusing newer builds
    for _ in range(3):  # refused reloads: the server keeps serving the first build
        rebuild(lexical_settings)
    assert served.path.is_dir() and served.path != lexical_settings.index_dir.resolve()
    assert load_index(served.path).manifest == served.manifest  # still whole
    del served
    gc.collect()
    rebuild(lexical_settings)
    finished = [p for p in _builds(lexical_settings).iterdir() if p.is_dir()]
    assert len(finished) == 2  # let go of, it is pruned like any old build
    assert not list(_builds(lexical_settings).glob(".held-*"))


def test_a_build_being_loaded_is_held_and_a_failed_load_lets_it_go(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    first = lexical_settings.index_dir.resolve()
    (first / "passages.jsonl").write_bytes(b"{}\n")
    with pytest.raises(IndexCorrupt):
        load_index(first)
    assert not list(_builds(lexical_settings).glob(".held-*"))


def test_the_build_current_points_to_is_never_pruned(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    oldest = lexical_settings.index_dir.resolve()
    rebuild(lexical_settings)
    rebuild(lexical_settings)
    assert not oldest.exists()  # the usual pruning: two builds kept
    rebuild(lexical_settings)
    kept = sorted(p for p in _builds(lexical_settings).iterdir() if p.is_dir())
    older = kept[0]
    lexical_settings.index_dir.unlink()
    lexical_settings.index_dir.symlink_to(os.path.relpath(older, lexical_settings.index_dir.parent))
    from rag.indexing import builds

    builds.prune(_builds(lexical_settings), keep=set(), target=lexical_settings.index_dir, retain=0)
    assert older.is_dir() and [p for p in _builds(lexical_settings).iterdir() if p.is_dir()] == [older]


def test_holds_of_dead_processes_are_ignored_and_removed(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    first = lexical_settings.index_dir.resolve()
    stale = _builds(lexical_settings) / ".held-999999999-0"
    stale.write_text(first.name, encoding="utf-8")
    rebuild(lexical_settings)
    rebuild(lexical_settings)
    assert not first.exists() and not stale.exists()


def test_a_directory_of_other_files_is_never_taken_over_by_a_build(tmp_path: Path) -> None:
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "README.md").write_text("mine", encoding="utf-8")
    build = tmp_path / "builds" / "20261203T000000Z"
    build.mkdir(parents=True)
    with pytest.raises(IndexBuildError, match="is not an index"):
        swap(mine, build)
    assert (mine / "README.md").read_text(encoding="utf-8") == "mine" and not mine.is_symlink()
    empty = tmp_path / "empty"
    empty.mkdir()
    swap(empty, build)  # an empty directory holds nothing to lose
    assert empty.is_symlink() and empty.resolve() == build.resolve()
