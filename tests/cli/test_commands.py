"""The command line: build, verify, search (table and JSON), eval, and errors as exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rag.cli import main
from rag.core.settings import Settings, get_settings


def args(settings: Settings, *rest: str) -> list[str]:
    return [
        "--index-dir",
        str(settings.index_dir),
        "--corpus-dir",
        str(settings.corpus_dir),
        "--embedding-model",
        "",
        *rest,
    ]


def test_build_verify_search(lexical_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args(lexical_settings, "index", "build", "--quiet")) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["mode"] == "lexical"
    assert main(args(lexical_settings, "index", "verify")) == 0
    assert "intact" in capsys.readouterr().out
    assert main(args(lexical_settings, "search", "Cuba coercive measures", "-k", "2")) == 0
    table = capsys.readouterr().out
    assert "mode=lexical" in table and "Cuba" in table
    assert main(args(lexical_settings, "search", "Cuba", "--json", "--lang", "es")) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and all(h["respondent"]["original_language"] == "es" for h in hits)


def test_errors_are_messages_and_exit_codes(lexical_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args(lexical_settings, "search", "anything")) == 1
    err = capsys.readouterr().err
    assert "error (index load)" in err and "rag index build" in err
    main(args(lexical_settings, "index", "build", "-q"))
    assert main(args(lexical_settings, "search", "  ")) == 2
    assert "query is empty" in capsys.readouterr().err
    assert main(args(lexical_settings, "search", "x", "--doc", "A/1/1")) == 2
    assert "unknown document" in capsys.readouterr().err


def test_corrupt_index_fails_verify(lexical_settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    main(args(lexical_settings, "index", "build", "-q"))
    (lexical_settings.index_dir / "documents.json").write_text("[]", encoding="utf-8")
    assert main(args(lexical_settings, "index", "verify")) == 1
    assert "documents.json does not match" in capsys.readouterr().err


def test_eval_retrieval_writes_a_report(
    lexical_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(args(lexical_settings, "index", "build", "-q"))
    gold = tmp_path / "gold.jsonl"
    rows = [
        {
            "id": "t1",
            "lang": "en",
            "type": "factoid",
            "question": "Does the Australia Group hinder legitimate trade?",
            "answer": "No.",
            "answer_items": [],
            "evidence": ["澳大利亚集团不应妨碍合法贸易"],
            "doc": "S_1",
        },
        {
            "id": "t2",
            "lang": "zh",
            "type": "unanswerable",
            "question": "火星上有核武器吗？",
            "answer": "文件未提及。",
            "answer_items": [],
            "evidence": [],
            "doc": None,
        },
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(args(lexical_settings, "eval", "retrieval", "--gold", str(gold), "--out", str(out))) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["overall"]["hit@1"] == 1.0 and report["unanswerable_skipped"] == 1
    assert "lang=en" in capsys.readouterr().out


def real_args(settings: Settings, *rest: str) -> list[str]:
    return ["--index-dir", str(settings.index_dir), "--embedding-model", "", "--llm-base-url", "", *rest]


def test_ask_prints_the_answer_and_its_sources(
    real_lexical_index: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(real_args(real_lexical_index, "ask", "Quels États ont répondu en russe ?")) == 0
    out = capsys.readouterr().out
    assert "Bélarus [1]" in out and "[2] A/77/96, 俄罗斯联邦:" in out
    assert main(real_args(real_lexical_index, "ask", "哪些国家反对第76/234号决议？", "--json")) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["mode"] == "extractive" and len(body["items"]) >= 12


def test_ask_errors(real_lexical_index: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(real_args(real_lexical_index, "ask", "  ")) == 2
    assert "question is empty" in capsys.readouterr().err
    assert main(real_args(real_lexical_index, "ask", "export controls", "--doc", "A/99/999")) == 2
    assert "unknown document" in capsys.readouterr().err


def test_eval_answers_writes_json_and_markdown(
    real_lexical_index: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "answers.json"
    assert main(real_args(real_lexical_index, "eval", "answers", "--out", str(out))) == 0
    assert "list_f1" in capsys.readouterr().out
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["settings"]["answers"] == "extractive"
    rows = out.with_suffix(".md").read_text(encoding="utf-8").count("\n| ")
    assert rows >= len(report["questions"])


def test_serve_hands_the_root_path_to_the_server(real_lexical_index: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import rag.api.observe

    calls: list[dict[str, Any]] = []
    logging_setup: list[tuple[str, str]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    monkeypatch.setattr(rag.api.observe, "configure_logging", lambda fmt, level: logging_setup.append((fmt, level)))
    monkeypatch.setenv("RAG_LOG_FORMAT", "text")
    get_settings.cache_clear()  # settings are read once per process; this test reads them anew
    try:
        assert main(real_args(real_lexical_index, "serve", "--no-build", "--port", "9", "--root-path", "qa/")) == 0
    finally:
        get_settings.cache_clear()
    assert calls[0]["root_path"] == "/qa" and calls[0]["port"] == 9
    assert calls[0]["access_log"] is False and calls[0]["log_config"] is None  # the app logs requests as JSON
    assert logging_setup == [("text", "info")]
