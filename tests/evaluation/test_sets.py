"""Which question sets `rag eval` runs (both by default), how each is headed and where its report goes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from rag.core.errors import ConfigError
from rag.evaluation.sets import DEFAULT_GOLD_FILES, EvalSet, gold_sets, report_path

REPO = Path(__file__).resolve().parents[2]


def test_every_set_by_default_and_given_files_in_order() -> None:
    assert [(s.name, s.path) for s in gold_sets(None)] == [
        ("gold", REPO / "eval" / "gold.jsonl"),
        ("dev", REPO / "eval" / "dev.jsonl"),
        ("dev2", REPO / "eval" / "dev2.jsonl"),
        ("dev3", REPO / "eval" / "dev3.jsonl"),
        ("dev4", REPO / "eval" / "dev4.jsonl"),
        ("dev5", REPO / "eval" / "dev5.jsonl"),
        ("dev6", REPO / "eval" / "dev6.jsonl"),
        ("dev7", REPO / "eval" / "dev7.jsonl"),
        ("dev8", REPO / "eval" / "dev8.jsonl"),
        ("dev9", REPO / "eval" / "dev9.jsonl"),
        ("dev10", REPO / "eval" / "dev10.jsonl"),
        ("dev11", REPO / "eval" / "dev11.jsonl"),
        ("dev12", REPO / "eval" / "dev12.jsonl"),
        ("dev13", REPO / "eval" / "dev13.jsonl"),
        ("dev14", REPO / "eval" / "dev14.jsonl"),
        ("dev15", REPO / "eval" / "dev15.jsonl"),
        ("dev16", REPO / "eval" / "dev16.jsonl"),
        ("dev17", REPO / "eval" / "dev17.jsonl"),
        ("dev18", REPO / "eval" / "dev18.jsonl"),
        ("dev19", REPO / "eval" / "dev19.jsonl"),
        ("dev20", REPO / "eval" / "dev20.jsonl"),
        ("dev21", REPO / "eval" / "dev21.jsonl"),
        ("dev22", REPO / "eval" / "dev22.jsonl"),
        ("dev23", REPO / "eval" / "dev23.jsonl"),
        ("dev24", REPO / "eval" / "dev24.jsonl"),
        ("dev25", REPO / "eval" / "dev25.jsonl"),
        ("dev26", REPO / "eval" / "dev26.jsonl"),
        ("dev27", REPO / "eval" / "dev27.jsonl"),
        ("dev28", REPO / "eval" / "dev28.jsonl"),
        ("dev29", REPO / "eval" / "dev29.jsonl"),
        ("dev30", REPO / "eval" / "dev30.jsonl"),
        ("dev31", REPO / "eval" / "dev31.jsonl"),
        ("dev32", REPO / "eval" / "dev32.jsonl"),
        ("dev33", REPO / "eval" / "dev33.jsonl"),
        ("dev34", REPO / "eval" / "dev34.jsonl"),
        ("dev35", REPO / "eval" / "dev35.jsonl"),
        ("dev36", REPO / "eval" / "dev36.jsonl"),
        ("dev37", REPO / "eval" / "dev37.jsonl"),
        ("dev38", REPO / "eval" / "dev38.jsonl"),
        ("dev39", REPO / "eval" / "dev39.jsonl"),
        ("dev40", REPO / "eval" / "dev40.jsonl"),
        ("dev41", REPO / "eval" / "dev41.jsonl"),
        ("dev42", REPO / "eval" / "dev42.jsonl"),
        ("dev43", REPO / "eval" / "dev43.jsonl"),
        ("dev44", REPO / "eval" / "dev44.jsonl"),
        ("dev45", REPO / "eval" / "dev45.jsonl"),
        ("dev46", REPO / "eval" / "dev46.jsonl"),
        ("dev47", REPO / "eval" / "dev47.jsonl"),
        ("dev48", REPO / "eval" / "dev48.jsonl"),
        ("dev49", REPO / "eval" / "dev49.jsonl"),
        ("dev50", REPO / "eval" / "dev50.jsonl"),
        ("conv1", REPO / "eval" / "conv1.jsonl"),
        ("conv2", REPO / "eval" / "conv2.jsonl"),
        ("conv3", REPO / "eval" / "conv3.jsonl"),
        ("heldout", REPO / "eval" / "heldout.jsonl"),
        ("heldout_conv", REPO / "eval" / "heldout_conv.jsonl"),
    ]
    assert all(path.is_file() for path in DEFAULT_GOLD_FILES)
    assert [s.name for s in gold_sets(["x/heldout.jsonl", "y/mine.jsonl"])] == ["heldout", "mine"]
    with pytest.raises(ConfigError, match="share a name"):
        gold_sets(["a/gold.jsonl", "b/gold.jsonl"])


def test_headings_name_the_set() -> None:
    assert "gold: development set" in EvalSet("gold", Path("eval/gold.jsonl")).heading
    assert "heldout: held-out set" in EvalSet("heldout", Path("eval/heldout.jsonl")).heading
    assert EvalSet("mine", Path("mine.jsonl")).heading == "== mine (mine.jsonl) =="


def test_report_paths() -> None:
    default = Path("eval/reports/retrieval-lexical.json")
    gold, heldout = EvalSet("gold", Path("g")), EvalSet("heldout", Path("h"))
    assert report_path(None, default, gold, several=True) == Path("eval/reports/retrieval-lexical-gold.json")
    assert report_path(None, default, heldout, several=False) == Path("eval/reports/retrieval-lexical-heldout.json")
    assert report_path("out/a.json", default, heldout, several=False) == Path("out/a.json")
    assert report_path("out/a.json", default, heldout, several=True) == Path("out/a-heldout.json")


def _check_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", REPO / "eval" / "check_gold.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_check_gold_passes_every_set_with_its_own_mix(capsys: pytest.CaptureFixture[str]) -> None:
    check_gold = _check_gold()
    assert check_gold.main([]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "heldout.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev2.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev3.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev4.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev5.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev6.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev7.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev8.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev9.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev10.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev11.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev12.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev13.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev14.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev15.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev16.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev17.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev18.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev19.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev20.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev21.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev22.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev23.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev24.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev25.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev26.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev27.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev28.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev29.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev30.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev31.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev32.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev33.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev34.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev35.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev36.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev37.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev38.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev39.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev40.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev41.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev42.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev43.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev44.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev45.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev46.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev47.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev48.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev49.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "dev50.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "conv1.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "conv2.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "conv3.jsonl")]) == 0
    assert check_gold.main(["--gold", str(REPO / "eval" / "heldout_conv.jsonl")]) == 0
    table = capsys.readouterr().out
    assert "\nar " in table and table.count("OK: 110 questions") == 2 and "OK: 90 questions" in table
    assert "OK: 66 questions" in table and "OK: 72 questions" in table and "OK: 54 questions" in table
    assert "OK: 60 questions" in table and "OK: 36 questions" in table
    assert check_gold.MIXES["heldout.jsonl"].lang_counts["ar"] == 15 and check_gold.MIXES["heldout.jsonl"].id_tag == "h"


def test_check_gold_holds_each_file_to_its_mix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_gold = _check_gold()
    lines = (REPO / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    renamed = tmp_path / "heldout.jsonl"  # the development set checked as if it were the held-out set
    renamed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert check_gold.main(["--gold", str(renamed)]) == 1
    out = capsys.readouterr().out
    assert "ids in this file are <lang>-h<nnn>" in out and "ar: 0 questions, expected 15" in out
    unknown = tmp_path / "subset.jsonl"
    unknown.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    assert check_gold.main(["--gold", str(unknown)]) == 1
    assert "no agreed mix for subset.jsonl" in capsys.readouterr().out
    assert check_gold.main(["--gold", str(unknown), "--no-mix"]) == 0


def test_check_gold_accepts_a_history_of_earlier_questions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check_gold = _check_gold()
    docs = {"A_77_96": check_gold.squeeze("古巴认为出口管制不应妨碍和平利用。")}
    item: dict[str, object] = {"id": "en-cv001", "lang": "en", "type": "factoid", "question": "And Cuba?"}
    item |= {"answer": "Not a hindrance."}
    item |= {"answer_items": [], "evidence": ["古巴认为出口管制不应妨碍和平利用。"], "doc": "A_77_96"}
    assert check_gold.check_item(item | {"history": ["What does Japan think of export controls?"]}, docs, "cv") == []
    assert check_gold.check_item(item, docs, "cv") == []  # a question asked first has none
    assert "history holds 1 to 4" in check_gold.check_item(item | {"history": []}, docs)[0]
    assert "list of non-empty strings" in check_gold.check_item(item | {"history": "Japan?"}, docs)[0]
    assert "unknown fields ['turns']" in check_gold.check_item(item | {"turns": []}, docs)[0]
    tagged = check_gold.check_item(item | {"id": "en-001"}, docs, "cv")
    assert tagged == ["ids in this file are <lang>-cv<nnn>, not 'en-001'"]
