"""Tests for rag.cli.program: the arguments, and errors turned into messages and exit codes in one place."""

from __future__ import annotations

import pytest

from rag.cli.program import main, parser
from rag.core.errors import ConfigError, QueryError, RagError


def test_every_command_is_reachable_and_documented() -> None:
    help_text = parser().format_help()
    for command in ("index", "search", "ask", "serve", "eval", "feedback", "keys"):
        assert command in help_text
    assert "docs/settings.md" in help_text and "2 bad input" in help_text
    parsed = parser().parse_args(["search", "export controls", "-k", "3", "--doc", "A/77/96", "--json"])
    assert (parsed.query, parsed.k, parsed.doc, parsed.json) == ("export controls", 3, ["A/77/96"], True)
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
