"""The builds directory next to the index: `builds/<stamp>/` per finished build, the `current` link swapped
between them, and holds that keep a build from being pruned while a process serves (or loads) it.

A hold is a file `builds/.held-<pid>-<n>` naming one build: written before a process reads the build, removed
when its LoadedIndex is gone (or the process is: a dead process's holds are ignored and cleaned up)."""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import shutil
from pathlib import Path

from rag.core.errors import IndexBuildError
from rag.indexing.manifest import MANIFEST, Manifest

log = logging.getLogger(__name__)

BUILDS = "builds"
HOLD = ".held-"
TEMPORARY = ".tmp-"
_serial = itertools.count()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_problems(path: Path, manifest: Manifest) -> list[str]:
    """What is missing or does not match its hash in the manifest, among the payload files of the build at `path`."""
    problems: list[str] = []
    for name, expected in manifest.files.items():
        file = path / name
        if not file.is_file():
            problems.append(f"{name} is missing")
        elif sha256(file) != expected:
            problems.append(f"{name} does not match its hash in the manifest")
    return problems


def finished_builds(builds: Path) -> list[Path]:
    """The finished builds, newest first (their names are UTC time stamps)."""
    if not builds.is_dir():
        return []
    found = (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith((TEMPORARY, ".")))
    return sorted(found, key=lambda p: p.name.removeprefix("previous-"), reverse=True)


def swap(target: Path, final: Path) -> None:
    """Point `target` (a symlink) at the build `final` in one rename, so readers see the old or the new index."""
    if target.exists() and not target.is_symlink():
        if not (target / MANIFEST).is_file() and (not target.is_dir() or any(target.iterdir())):
            # A directory of other files (RAG_INDEX_DIR pointed at a folder of one's own): never taken over.
            raise IndexBuildError(
                f"{target} exists and is not an index; set RAG_INDEX_DIR to an index or to a path that does not exist"
            )
        # An index directory from elsewhere: keep it as a build so the swap can stay a symlink flip.
        target.rename(final.parent / f"previous-{final.name}")
    link = target.parent / f".{target.name}.link-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(os.path.relpath(final, target.parent))
    os.replace(link, target)


def prune(builds: Path, keep: set[Path], target: Path | None = None, retain: int = 2) -> None:
    """Keep the newest `retain` builds (the current one and one to roll back to) and, whatever their age, the
    builds in `keep`, the one `target` points to and every build a live process holds; drop the others and the
    leftovers of failed builds."""
    kept = {p.resolve() for p in keep} | held(builds)
    if target is not None and target.exists():
        kept.add(target.resolve())
    for old in finished_builds(builds)[retain:]:
        if old.resolve() not in kept:
            shutil.rmtree(old, ignore_errors=True)
    for leftover in builds.glob(f"{TEMPORARY}*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def held(builds: Path) -> set[Path]:
    """The builds that live processes hold; the holds of dead processes are removed."""
    found: set[Path] = set()
    for hold in builds.glob(f"{HOLD}*"):
        pid = hold.name.removeprefix(HOLD).split("-", 1)[0]
        try:
            if pid.isdigit() and alive(int(pid)):
                found.add((builds / hold.read_text(encoding="utf-8").strip()).resolve())
            else:
                hold.unlink()
        except OSError:
            continue  # released meanwhile
    return found


def hold(build: Path) -> Path | None:
    """Keep the build at `build` (resolved) from being pruned until `release` is called with what this returns;
    None when `build` is not in a builds directory or the hold cannot be written."""
    build = build.resolve()
    if build.parent.name != BUILDS:
        return None
    path = build.parent / f"{HOLD}{os.getpid()}-{next(_serial)}"
    try:
        path.write_text(build.name, encoding="utf-8")
    except OSError as exc:
        log.warning("cannot hold the build at %s against pruning: %s", build, exc)
        return None
    return path


def release(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
