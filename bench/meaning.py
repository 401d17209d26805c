"""Meaning against the word rules, measured on the two development sets (the held-out set is never run here):
where the answer stage decides by word overlap or cue lists, how the embedding-based alternative does.

    RAG_INDEX_DIR=... python3 bench/meaning.py     # a hybrid index (the default model); ~5 minutes on 2 cores

1. Choosing the quote: the share of answerable questions whose first quote's passage holds the evidence (among
   those where one of the 16 best sentences by words does), by words alone and with closeness in meaning added
   at several weights (rag/answering/semantic.py keeps MEANING_WEIGHT).
2. Deciding whether a reply speaks of a set question's topic: list F1 of the word rule (rag/answering/
   respondents.py) against the replies whose passages lie closest to the question, given the true number of items.
3. Deciding to abstain: for the closest sentence's similarity as a threshold, the unanswerable questions it would
   abstain on against the answerable ones it would refuse, for questions in the documents' language and others.

Prints the figures and writes bench/results/meaning-latest.{md,json}.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rag.answering.evidence import rank_sentences  # noqa: E402
from rag.answering.pipeline import Answerer  # noqa: E402
from rag.answering.quotes import quotable  # noqa: E402
from rag.answering.semantic import CANDIDATES  # noqa: E402
from rag.core.settings import Settings  # noqa: E402
from rag.evaluation.answers import gold_item_keys  # noqa: E402
from rag.evaluation.retrieval import load_gold  # noqa: E402
from rag.retrieval.scope import question_scope  # noqa: E402
from rag.retrieval.service import Service  # noqa: E402

RESULTS = REPO / "bench" / "results"
SETS = {"gold": REPO / "eval" / "gold.jsonl", "dev": REPO / "eval" / "dev.jsonl"}
WEIGHTS = (0.0, 2.5, 5.0, 10.0, 20.0)
THRESHOLDS = (0.80, 0.83, 0.86, 0.89, 0.92)


def bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def candidates(answerer: Answerer, question: str) -> list[dict[str, Any]]:
    """The 16 best quotable sentences by words, each with its similarity and whether its passage holds it."""
    retriever, extractive = answerer.retriever, answerer.extractive
    analysis = retriever.analyze(question)
    _, hits = answerer._retrieve(analysis, answerer.settings.answer_k, None)
    ranked = rank_sentences(
        hits,
        analysis.concepts,
        retriever.idf,
        extractive.tokenize,
        analysis.respondents,
        extractive.continuations(hits),
    )
    pool = [e for e in ranked if quotable(e.sentence)][:CANDIDATES]
    query = retriever.embed_query(analysis.text)
    vectors = retriever.embed_sentences([e.sentence for e in pool])
    if query is None or vectors is None or not pool:
        return []
    return [
        {"words": e.score, "similarity": float(s), "passage": bare(e.hit.passage.text)}
        for e, s in zip(pool, vectors @ query, strict=True)
    ]


def quote_choice(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    figures: dict[str, dict[str, Any]] = {}
    for name in SETS:
        judged = [
            r for r in rows if r["set"] == name and r["type"] != "unanswerable" and any(c["holds"] for c in r["c"])
        ]
        for weight in WEIGHTS:
            right = 0
            for row in judged:
                closest = max(c["similarity"] for c in row["c"])
                best = max(row["c"], key=lambda c: c["words"] - weight * (closest - c["similarity"]))
                right += best["holds"]
            figures.setdefault(name, {"questions": len(judged)})[f"w={weight}"] = right
    return figures


def topics(answerer: Answerer, questions: list[Any]) -> dict[str, Any]:
    retriever, aggregator = answerer.retriever, answerer.aggregator
    dense = answerer.service.index.dense
    vectors = dense.reconstruct_n(0, dense.ntotal)
    scores: list[tuple[float, float]] = []
    for question in questions:
        analysis = retriever.analyze(question.question)
        documents = list(retriever.documents.values())
        scope = question_scope(analysis, retriever.search(analysis, 20).hits, documents)
        plan = aggregator.plan(analysis, scope.or_every(documents))
        if plan is None or plan.condition.test != "mention":
            continue
        gold = set(gold_item_keys(question.answer_items, retriever.names))
        query = retriever.embed_query(analysis.text)
        assert query is not None
        closest = sorted(plan.sections, key=lambda s: -float((vectors[list(s.positions)] @ query).max()))
        by_meaning = {s.key for s in closest[: len(gold)]}
        by_rule = {f.section.key for f in aggregator.check(plan)}
        scores.append((f1(by_rule, gold), f1(by_meaning, gold)))
    return {
        "questions": len(scores),
        "rule_f1": round(mean(s[0] for s in scores), 3) if scores else None,
        "meaning_f1": round(mean(s[1] for s in scores), 3) if scores else None,
    }


def f1(predicted: set[str], gold: set[str]) -> float:
    hit = len(predicted & gold)
    return 2 * hit / (len(predicted) + len(gold)) if hit else 0.0


def abstention(rows: list[dict[str, Any]], corpus_language: str) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for group, same in (("question in the documents' language", True), ("other languages", False)):
        chosen = [r for r in rows if r["c"] and (r["lang"] == corpus_language) == same]
        unanswerable = [max(c["similarity"] for c in r["c"]) for r in chosen if r["type"] == "unanswerable"]
        answerable = [max(c["similarity"] for c in r["c"]) for r in chosen if r["type"] != "unanswerable"]
        figures[group] = {
            f"<{t}": {
                "abstains": round(np.mean([s < t for s in unanswerable]), 3) if unanswerable else None,
                "refuses_answerable": round(np.mean([s < t for s in answerable]), 3) if answerable else None,
            }
            for t in THRESHOLDS
        } | {"n": [len(unanswerable), len(answerable)]}
    return figures


def render(results: dict[str, Any]) -> str:
    lines = [f"# Meaning against the word rules ({results['started_at']})", "", f"Index: {results['index']}", ""]
    lines += ["## 1. Choosing the quote (first quote's passage holds the evidence)", ""]
    lines += [
        "| set | questions | " + " | ".join(f"w={w}" for w in WEIGHTS) + " |",
        "|---|---:|" + "---:|" * len(WEIGHTS),
    ]
    for name, fig in results["quotes"].items():
        lines.append(f"| {name} | {fig['questions']} | " + " | ".join(str(fig[f"w={w}"]) for w in WEIGHTS) + " |")
    t = results["topics"]
    lines += ["", "## 2. Does a reply speak of the topic? (set questions by topic, both sets)", ""]
    lines += [
        f"{t['questions']} questions: list F1 by the word rule {t['rule_f1']}, by closeness in meaning "
        f"(the replies closest to the question, as many as the true items) {t['meaning_f1']}.",
        "",
    ]
    lines += ["## 3. Abstaining below a similarity (unanswerable abstained / answerable refused)", ""]
    for group, fig in results["abstention"].items():
        lines.append(
            f"**{group}** (unanswerable, answerable: {fig['n']}): "
            + "; ".join(f"{t}: {v['abstains']} / {v['refuses_answerable']}" for t, v in fig.items() if t != "n")
        )
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    settings = Settings(llm_base_url=None)
    service = Service.load(settings)
    if service.retriever.encoder is None:
        print("needs a hybrid index (RAG_INDEX_DIR) and its model", file=sys.stderr)
        return 2
    answerer = Answerer(service)
    rows: list[dict[str, Any]] = []
    questions: list[Any] = []
    for name, path in SETS.items():
        for question in load_gold(path):
            questions.append(question)
            found = candidates(answerer, question.question)
            evidence = [bare(e) for e in question.evidence]
            for c in found:
                passage = c.pop("passage")
                c["holds"] = any(e in passage for e in evidence)
            rows.append({"set": name, "id": question.id, "lang": question.lang, "type": question.type, "c": found})
    corpus_language = next(iter(service.retriever.documents.values())).language
    results = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "index": str(settings.index_dir),
        "quotes": quote_choice(rows),
        "topics": topics(answerer, [q for q in questions if q.type == "list"]),
        "abstention": abstention(rows, corpus_language),
    }
    text = render(results)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "meaning-latest.md").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "meaning-latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
