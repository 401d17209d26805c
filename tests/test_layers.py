"""The layering contract ([tool.importlinter] in pyproject.toml): stage packages import only downward,
core < lang < ingest < indexing < (retrieval | llm) < answering < runtime < (api | evaluation) < cli."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

LINT = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package under `root`, with the contract in `root`/pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-c", LINT, "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_its_layers() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Stage packages import only downward KEPT" in result.stdout


def test_an_upward_import_a_sibling_import_and_an_unplaced_module_break_it(tmp_path: Path) -> None:
    shutil.copytree(REPO / "rag", tmp_path / "rag", ignore=shutil.ignore_patterns("__pycache__", "static", "data"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    (tmp_path / "rag" / "core" / "upward.py").write_text("import rag.answering\n")
    (tmp_path / "rag" / "retrieval" / "sideways.py").write_text("import rag.llm\n")
    (tmp_path / "rag" / "helpers.py").write_text('"""A new top-level module with no place in the layers."""\n')

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Stage packages import only downward BROKEN" in result.stdout
    assert "rag.core is not allowed to import rag.answering" in result.stdout
    assert "rag.core.upward -> rag.answering" in result.stdout
    assert "rag.retrieval is not allowed to import rag.llm" in result.stdout
    assert "- rag.helpers" in result.stdout  # exhaustive: every top-level module has its layer
