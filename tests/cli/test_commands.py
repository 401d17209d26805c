"""The command line: build, verify, search (table and JSON), eval, and errors as exit codes."""

from __future__ import annotations

import json
import logging
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
    verified = capsys.readouterr().out
    assert "intact" in verified and "embedding: none, lexical-only" in verified
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


# A small question file for the small test corpus: one question with evidence, one unanswerable.
SMALL_GOLD = [
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


def write_gold(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_retrieval_writes_a_report(
    lexical_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(args(lexical_settings, "index", "build", "-q"))
    gold = write_gold(tmp_path / "gold.jsonl", SMALL_GOLD)
    out = tmp_path / "report.json"
    assert main(args(lexical_settings, "eval", "retrieval", "--gold", str(gold), "--out", str(out))) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["overall"]["hit@1"] == 1.0 and report["unanswerable_skipped"] == 1
    printed = capsys.readouterr().out
    assert "lang=en" in printed and "== gold: development set" in printed
    assert sorted(p.name for p in tmp_path.glob("report*")) == ["report.json"]  # one --gold: --out as given


@pytest.fixture
def two_default_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Small stand-ins for eval/gold.jsonl and eval/heldout.jsonl as the sets `rag eval` runs by default."""
    import rag.evaluation.sets

    arabic = {**SMALL_GOLD[0], "id": "ar-h001", "lang": "ar", "question": "هل تعيق مجموعة أستراليا التجارة المشروعة؟"}
    gold = write_gold(tmp_path / "gold.jsonl", SMALL_GOLD)
    heldout = write_gold(tmp_path / "heldout.jsonl", [SMALL_GOLD[0], arabic])
    monkeypatch.setattr(rag.evaluation.sets, "DEFAULT_GOLD_FILES", (gold, heldout))
    return gold, heldout


def _headed_sections(printed: str) -> dict[str, str]:
    """Each set's printed part, by the name its heading gives."""
    parts = printed.split("== ")[1:]
    return {part.split(":", 1)[0]: part for part in parts}


def test_eval_retrieval_runs_both_sets_by_default(
    lexical_settings: Settings, two_default_sets: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(args(lexical_settings, "index", "build", "-q"))
    capsys.readouterr()
    out = tmp_path / "reports" / "retrieval.json"
    assert main(args(lexical_settings, "eval", "retrieval", "--out", str(out))) == 0
    sections = _headed_sections(capsys.readouterr().out)
    assert list(sections) == ["gold", "heldout"]
    assert "development set" in sections["gold"] and "held-out set" in sections["heldout"]
    assert "lang=ar" in sections["heldout"] and "lang=ar" not in sections["gold"]
    gold = json.loads((out.parent / "retrieval-gold.json").read_text(encoding="utf-8"))
    heldout = json.loads((out.parent / "retrieval-heldout.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in gold["questions"]] == ["t1", "t2"] and gold["unanswerable_skipped"] == 1
    assert [q["id"] for q in heldout["questions"]] == ["t1", "ar-h001"] and set(heldout["by_language"]) == {"ar", "en"}
    assert not out.exists()

    # --gold picks one set (repeatable): the held-out set alone, its figures as in the two-set run.
    picked = tmp_path / "picked.json"
    heldout_only = ("--gold", str(two_default_sets[1]), "--out", str(picked))
    assert main(args(lexical_settings, "eval", "retrieval", *heldout_only)) == 0
    assert list(_headed_sections(capsys.readouterr().out)) == ["heldout"]
    assert json.loads(picked.read_text(encoding="utf-8"))["overall"] == heldout["overall"]


def test_eval_answers_runs_both_sets_by_default(
    lexical_settings: Settings, two_default_sets: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(args(lexical_settings, "index", "build", "-q"))
    capsys.readouterr()
    out = tmp_path / "answers.json"
    assert main(args(lexical_settings, "--llm-base-url", "", "eval", "answers", "--out", str(out))) == 0
    sections = _headed_sections(capsys.readouterr().out)
    assert list(sections) == ["gold", "heldout"] and "lang=ar" in sections["heldout"]
    for name, ids in (("gold", ["t1", "t2"]), ("heldout", ["t1", "ar-h001"])):
        report = json.loads((tmp_path / f"answers-{name}.json").read_text(encoding="utf-8"))
        assert [q["id"] for q in report["questions"]] == ids and report["settings"]["answers"] == "extractive"
        assert (tmp_path / f"answers-{name}.md").read_text(encoding="utf-8").startswith(f"# Answer evaluation: {name}")


def test_eval_runs_a_conversation_set(
    lexical_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An item with a history is asked after its earlier questions, by both evaluations."""
    main(args(lexical_settings, "index", "build", "-q"))
    conversation = {**SMALL_GOLD[0], "id": "en-cv001", "history": ["火星上有核武器吗？"]}
    gold = write_gold(tmp_path / "conv.jsonl", [conversation])
    out = tmp_path / "retrieval.json"
    assert main(args(lexical_settings, "eval", "retrieval", "--gold", str(gold), "--out", str(out))) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["overall"]["hit@1"] == 1.0  # it stands alone: as asked
    answers = tmp_path / "answers.json"
    assert (
        main(
            args(lexical_settings, "--llm-base-url", "", "eval", "answers", "--gold", str(gold), "--out", str(answers))
        )
        == 0
    )
    (row,) = json.loads(answers.read_text(encoding="utf-8"))["questions"]
    assert row["history"] == ["火星上有核武器吗？"] and row["supported"] is True


def test_two_question_files_of_one_name_are_refused(
    lexical_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_gold(tmp_path / "gold.jsonl", SMALL_GOLD)
    (tmp_path / "other").mkdir()
    second = write_gold(tmp_path / "other" / "gold.jsonl", SMALL_GOLD)
    assert main(args(lexical_settings, "eval", "retrieval", "--gold", str(first), "--gold", str(second))) == 2
    assert "share a name" in capsys.readouterr().err


def real_args(settings: Settings, *rest: str) -> list[str]:
    return ["--index-dir", str(settings.index_dir), "--embedding-model", "", "--llm-base-url", "", *rest]


def test_ask_prints_the_answer_and_its_sources(
    real_lexical_index: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(real_args(real_lexical_index, "ask", "Quels États ont répondu en russe ?")) == 0
    out = capsys.readouterr().out
    # the citation lines name the respondent in the question's language, as the answer does
    assert "Bélarus [1]" in out and "[2] A/77/96, Fédération de Russie:" in out and "俄罗斯联邦:" not in out
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
    gold = Path(__file__).resolve().parents[2] / "eval" / "gold.jsonl"
    assert main(real_args(real_lexical_index, "eval", "answers", "--gold", str(gold), "--out", str(out))) == 0
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


def test_a_lexical_index_is_said_once_by_each_command(
    lexical_settings: Settings, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    def said(step: list[str]) -> list[str]:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            assert main(args(lexical_settings, *step)) == 0
        printed = capsys.readouterr()
        assert "lexical-only" not in printed.out + printed.err and "LEXICAL-ONLY" not in printed.out
        return [r.getMessage() for r in caplog.records if "lexical-only" in r.getMessage().lower()]

    once = ["lexical-only index: embedding model disabled (RAG_EMBEDDING_MODEL is empty)"]
    assert said(["index", "build", "-q"]) == once
    assert said(["search", "Cuba"]) == once
    assert len(said(["--llm-base-url", "", "ask", "Does Cuba oppose coercive measures?"])) == 1


# One validation for both doors (rag.api.validation): what the API refuses with a 422, the command line refuses
# with exit 2 and the same message. Each case: the command line's words, then the same request to the API.
LONG = "a" * 5000
REFUSED = [
    (["search", "x", "-k", "0"], "/v1/search", {"query": "x", "k": 0}),
    (["search", "x", "-k", "101"], "/v1/search", {"query": "x", "k": 101}),
    (["search", "x", "-k", "ten"], "/v1/search", {"query": "x", "k": "ten"}),
    (["search", "x", "--lang", "english"], "/v1/search", {"query": "x", "filters": {"original_language": ["english"]}}),
    (["search", "x", "--kind", "people"], "/v1/search", {"query": "x", "filters": {"respondent_kind": ["people"]}}),
    (["search", "x", "--doc", "A" * 201], "/v1/search", {"query": "x", "filters": {"doc": ["A" * 201]}}),
    (
        ["search", "x", *["--respondent", "Cuba"] * 101],
        "/v1/search",
        {"query": "x", "filters": {"respondent": ["Cuba"] * 101}},
    ),
    (["search", "x", "--respondent", "\ud800"], "/v1/search", {"query": "x", "filters": {"respondent": ["\ud800"]}}),
    (["search", LONG], "/v1/search", {"query": LONG}),
    (["search", "  "], "/v1/search", {"query": "  "}),
    (["search", "export\x01controls"], "/v1/search", {"query": "export\x01controls"}),
    (["ask", LONG], "/v1/ask", {"question": LONG}),
    (["ask", " \n "], "/v1/ask", {"question": " \n "}),
    (["ask", "x", "-k", "51"], "/v1/ask", {"question": "x", "k": 51}),
    (
        ["ask", "x", "-k", "0", "--lang", "EN"],
        "/v1/ask",
        {"question": "x", "k": 0, "filters": {"original_language": ["EN"]}},
    ),
]


@pytest.mark.parametrize(
    ("command", "path", "body"), REFUSED, ids=lambda v: str(v)[:40] if isinstance(v, list) else None
)
def test_the_command_line_refuses_what_the_api_refuses_in_the_same_words(
    command: list[str],
    path: str,
    body: dict[str, Any],
    real_lexical_index: Settings,
    make_client: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sent = json.dumps(body)  # \u escapes: a lone surrogate travels as JSON allows it
    refused = make_client().post(path, content=sent, headers={"content-type": "application/json"})
    assert refused.status_code == 422
    api = refused.json()["error"]
    assert main(real_args(real_lexical_index, *command)) == 2
    first, hint = capsys.readouterr().err.splitlines()[:2]
    assert first == f"error ({api['stage']}): {api['message']}"
    assert f"rag {command[0]} --help" in hint


def test_a_value_only_the_index_can_judge_is_refused_alike(
    real_lexical_index: Settings, make_client: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    refused = make_client().post("/v1/search", json={"query": "x", "filters": {"doc": ["A/99/999"]}})
    assert refused.status_code == 422
    assert main(real_args(real_lexical_index, "search", "x", "--doc", "A/99/999")) == 2
    error = refused.json()["error"]
    assert capsys.readouterr().err.startswith(f"error ({error['stage']}): {error['message']}\n")


def test_what_the_api_takes_the_command_line_takes(
    real_lexical_index: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(real_args(real_lexical_index, "search", "  export controls ", "-k", "2", "--lang", "es", "--json")) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert len(hits) == 2 and all(h["respondent"]["original_language"] == "es" for h in hits)
    assert (
        main(
            real_args(
                real_lexical_index,
                "ask",
                "Which states oppose resolution 76/234?",
                "-k",
                "50",
                "--kind",
                "state",
                "--json",
            )
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["answerable"]


def test_verify_shows_how_the_language_versions_aligned(
    parallel_index: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args(parallel_index, "index", "verify")) == 0
    out = capsys.readouterr().out
    assert "language versions aligned (3 pairs):" in out
    assert (
        "A_77_96 (zh) ~ A_77_96.en (en): aligned 12/12 and 12/13 passages (unmatched 0 and 1); "
        "numbered paragraphs matched by number 7/7 (100%); replies matched 2/2"
    ) in out
    assert "warning" not in out  # every pair aligned well


@pytest.mark.parametrize(
    ("question", "quoted", "versions"),
    [
        (
            "Why did Australia vote against resolution 76/234?",
            "[1] A/77/96, Australia: ",
            "    Other language versions: Chinese A_77_96-",
        ),
        (
            "Pourquoi l'Australie a-t-elle voté contre la résolution 76/234 ?",
            "[1] A/77/96, Australie: ",
            "    Autres versions linguistiques : chinois A_77_96-",
        ),
    ],
)
def test_ask_quotes_the_askers_version_and_lists_the_others(
    parallel_index: Settings, capsys: pytest.CaptureFixture[str], question: str, quoted: str, versions: str
) -> None:
    assert main(real_args(parallel_index, "ask", question)) == 0
    lines = capsys.readouterr().out.splitlines()
    cited = next(i for i, line in enumerate(lines) if line.startswith(quoted))
    assert lines[cited + 1].startswith(versions)
