"""Tests for rag.cli.program: the arguments, and errors turned into messages and exit codes in one place."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from rag.cli.program import main, parser
from rag.core.errors import ConfigError, QueryError, RagError
from rag.core.settings import Settings
from tests.conftest import REPO
from tests.support.waiting import wait_for


def test_every_command_is_reachable_and_documented() -> None:
    help_text = parser().format_help()
    for command in ("index", "search", "ask", "serve", "eval", "feedback", "keys"):
        assert command in help_text
    assert "docs/settings.md" in help_text and "2 bad input" in help_text
    parsed = parser().parse_args(["search", "export controls", "-k", "3", "--doc", "A/77/96", "--json"])
    assert (parsed.query, parsed.k, parsed.doc, parsed.json) == ("export controls", "3", ["A/77/96"], True)
    assert parser().parse_args(["eval", "answers"]).gold is None  # both default sets (rag.evaluation.sets)
    parsed = parser().parse_args(["eval", "retrieval", "--gold", "a.jsonl", "--gold", "b.jsonl"])
    assert parsed.gold == ["a.jsonl", "b.jsonl"]


def test_an_unknown_command_is_refused_by_argparse_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (QueryError("the query is empty", "type something"), 2),
        (ConfigError("RAG_PORT is not a number", "set a port"), 2),
        (RagError("the disk is full"), 1),
    ],
)
def test_a_library_error_becomes_a_message_and_an_exit_code(
    error: RagError, code: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing(_args: object) -> int:
        raise error

    monkeypatch.setattr("rag.cli.program.cmd_keys_hash", failing)
    assert main(["keys", "hash"]) == code
    err = capsys.readouterr().err
    assert err.startswith(f"error ({error.stage}): {error.message}")
    assert ("what to do:" in err) == bool(error.hint)
    assert "Traceback" not in err


# What a person sees at start-up: the lexical-only warning once, and no library narrating its own start-up
# (faiss's CPU builds, bm25s's DEBUG line) nor the build's old banner. Run as a person runs them, in a process
# of their own, at -v (INFO), where faiss's lines would show.
NOISE = ("faiss.loader", "AVX512", "AVX2", "bm25s", "Building index from tokens", "LEXICAL-ONLY")


def _environment(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "RAG_EMBEDDING_MODEL": "",
        "RAG_INDEX_DIR": str(settings.index_dir),
        "RAG_CORPUS_DIR": str(settings.corpus_dir),
    }


def _rag(settings: Settings, *argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "rag", *argv],
        cwd=REPO,
        env=_environment(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout + done.stderr


def _quiet(output: str) -> None:
    assert output.count("lexical-only") == 1, output
    assert not [noise for noise in NOISE if noise in output], output


@pytest.mark.slow
def test_the_commands_start_quietly(lexical_settings: Settings) -> None:
    _quiet(_rag(lexical_settings, "-v", "index", "build", "-q"))
    searched = _rag(lexical_settings, "-v", "search", "export controls", "-k", "1")
    _quiet(searched)
    assert "mode=lexical" in searched


@pytest.mark.slow
def test_serve_starts_quietly_even_when_it_builds_the_index(lexical_settings: Settings, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "rag", "serve", "--port", str(port)],
            cwd=REPO,
            env={**_environment(lexical_settings), "RAG_LOG_LEVEL": "info"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            started = wait_for(lambda: "Application startup complete" in log.read_text("utf-8"), seconds=120)
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = log.read_text("utf-8")
    assert started, output
    assert "building the index" in output  # the start-up that used to say it three times
    _quiet(output)
