"""Retrieval metrics (pure) and the acceptance run on the bundled corpus and gold set."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.settings import Settings
from rag.core.types import Passage, Respondent
from rag.evaluation.retrieval import QuestionResult, load_gold, metrics, run_retrieval_eval, supports
from rag.retrieval.service import Service

REPO = Path(__file__).resolve().parents[2]


def passage(text: str, respondent: str = "") -> Passage:
    return Passage(id="p", doc_id="d", text=text, start=0, end=len(text), respondent=Respondent(respondent, "state"))


def test_supports_ignores_whitespace_and_accepts_pieces() -> None:
    assert supports(passage("各国 应当加强\n合作。其他内容。"), "各国应当加强合作。")
    assert supports(
        passage("a piece of a longer evidence sentence"), "This is a piece of a longer evidence sentence indeed"
    )
    assert not supports(passage("短"), "短句子里面有短")
    assert not supports(passage("unrelated text here"), "something else")


def test_reply_heading_evidence_is_supported_by_that_reply() -> None:
    assert supports(passage("任何内容。", respondent="古巴"), "古巴[原件：西班牙文]")
    assert supports(passage("任何内容。", respondent="古巴"), "古巴[原件：西班牙文][2022 年 5 月 30 日]")  # dated
    assert supports(passage("Anything.", respondent="Cuba"), "Cuba [Original: Spanish]")
    assert not supports(passage("任何内容。", respondent="墨西哥"), "古巴[原件：西班牙文]")


def test_metrics() -> None:
    results = [
        QuestionResult("a", "en", "factoid", 1, (1,), 1.0),
        QuestionResult("b", "en", "list", 3, (3, None), 1.0),
        QuestionResult("c", "fr", "factoid", None, (None,), 1.0),
        QuestionResult("d", "fr", "unanswerable", None, (), 1.0),
    ]
    m = metrics(results)
    assert m["questions"] == 3
    assert m["hit@1"] == pytest.approx(1 / 3, abs=1e-4) and m["hit@5"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["recall@5"] == pytest.approx((1 + 0.5 + 0) / 3, abs=1e-4)
    assert m["mrr"] == pytest.approx((1 + 1 / 3) / 3, abs=1e-4)


def test_gold_set_is_well_formed() -> None:
    questions = load_gold(REPO / "eval" / "gold.jsonl")
    assert len(questions) >= 80
    assert {q.lang for q in questions} >= {"zh", "en", "fr", "es", "ru"}
    assert {q.type for q in questions} == {"factoid", "list", "yesno", "unanswerable"}
    assert len({q.id for q in questions}) == len(questions)


def test_lexical_only_acceptance_on_the_bundled_corpus(real_lexical_index: Settings) -> None:
    """The issue's bar without any model: hit@5 >= 0.90 overall and >= 0.80 in every non-Chinese language."""
    service = Service.load(real_lexical_index)
    assert service.mode == "lexical"
    report = run_retrieval_eval(load_gold(REPO / "eval" / "gold.jsonl"), lambda q: service.retriever.search(q, 10).hits)
    assert report["overall"]["hit@5"] >= 0.90, report["overall"]
    for lang, values in report["by_language"].items():
        if lang != "zh":
            assert values["hit@5"] >= 0.80, (lang, values)
