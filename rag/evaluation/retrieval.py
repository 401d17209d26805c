"""Retrieval evaluation against the gold question set: pure metrics plus a runner that writes a report."""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.core.errors import ConfigError
from rag.core.text import squash_whitespace
from rag.core.types import Hit, Passage

CUTOFFS = (1, 5, 10)
REQUIRED_FIELDS = ("id", "lang", "type", "question", "answer", "answer_items", "evidence", "doc")


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    lang: str
    type: str
    question: str
    answer: str
    answer_items: tuple[str, ...]
    evidence: tuple[str, ...]
    doc: str | tuple[str, ...] | None
    history: tuple[str, ...] = ()  # the questions asked before this one, in order (a conversation set's item)


def load_gold(path: Path) -> list[GoldQuestion]:
    questions: list[GoldQuestion] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}:{number} is not JSON: {exc}", "see eval/README.md for the format") from exc
        missing = [name for name in REQUIRED_FIELDS if name not in row]
        if missing:
            raise ConfigError(f"{path}:{number} lacks {', '.join(missing)}", "see eval/README.md for the format")
        doc = row["doc"]
        questions.append(
            GoldQuestion(
                id=row["id"],
                lang=row["lang"],
                type=row["type"],
                question=row["question"],
                answer=row["answer"],
                answer_items=tuple(row["answer_items"]),
                evidence=tuple(row["evidence"]),
                doc=tuple(doc) if isinstance(doc, list) else doc,
                history=tuple(row.get("history") or ()),
            )
        )
    return questions


# Evidence that is a reply's heading ("古巴[原件：西班牙文]", "Cuba [Original: Spanish]", with its date or not:
# "洪都拉斯[原件：西班牙文][2022 年 4 月 11 日]") is metadata every passage of that reply carries (respondent, original
# language, date), so any of them supports it.
_REPLY_HEADING = re.compile(
    r"^(?P<name>[^\[]+?)\s*\[\s*(?:原件|原文|Original|Подлинный текст)\s*[:：][^\]]*\](?:\s*\[[^\]]*\])?$",
    re.IGNORECASE,
)


def supports(passage: Passage, evidence: str) -> bool:
    """Whether a passage holds an evidence sentence, compared without whitespace. A passage that is a
    piece of a longer evidence item (a split paragraph, a list item) also counts."""
    if heading := _REPLY_HEADING.match(evidence.strip()):
        return squash_whitespace(heading["name"]) == squash_whitespace(passage.respondent.name)
    text, needle = squash_whitespace(passage.text), squash_whitespace(evidence)
    return needle in text or (len(text) >= 20 and text in needle)


@dataclass(frozen=True)
class QuestionResult:
    id: str
    lang: str
    type: str
    first_relevant: int | None  # 1-based rank of the first passage holding any evidence
    evidence_found_at: tuple[int | None, ...]  # per evidence item, 1-based rank of the first passage holding it
    latency_ms: float
    top_ids: tuple[str, ...] = field(default_factory=tuple)


def judge(question: GoldQuestion, hits: Sequence[Hit], latency_ms: float) -> QuestionResult:
    found: list[int | None] = []
    for evidence in question.evidence:
        rank = next((r for r, hit in enumerate(hits, start=1) if supports(hit.passage, evidence)), None)
        found.append(rank)
    ranks = [r for r in found if r is not None]
    return QuestionResult(
        id=question.id,
        lang=question.lang,
        type=question.type,
        first_relevant=min(ranks) if ranks else None,
        evidence_found_at=tuple(found),
        latency_ms=latency_ms,
        top_ids=tuple(hit.passage.id for hit in hits[:10]),
    )


def metrics(results: Iterable[QuestionResult], cutoffs: Sequence[int] = CUTOFFS) -> dict[str, float]:
    """hit@k, evidence recall@k and MRR over questions that have evidence."""
    scored = [r for r in results if r.evidence_found_at]
    if not scored:
        return {"questions": 0}
    out: dict[str, float] = {"questions": len(scored)}
    for k in cutoffs:
        out[f"hit@{k}"] = sum(r.first_relevant is not None and r.first_relevant <= k for r in scored) / len(scored)
    for k in cutoffs:
        recall = [sum(x is not None and x <= k for x in r.evidence_found_at) / len(r.evidence_found_at) for r in scored]
        out[f"recall@{k}"] = sum(recall) / len(recall)
    out["mrr"] = sum(1 / r.first_relevant if r.first_relevant else 0.0 for r in scored) / len(scored)
    return {key: round(value, 4) for key, value in out.items()}


def report(results: Sequence[QuestionResult]) -> dict[str, Any]:
    by_lang: dict[str, list[QuestionResult]] = defaultdict(list)
    by_type: dict[str, list[QuestionResult]] = defaultdict(list)
    for result in results:
        by_lang[result.lang].append(result)
        by_type[result.type].append(result)
    latencies = sorted(r.latency_ms for r in results)
    return {
        "overall": metrics(results),
        "by_language": {lang: metrics(rs) for lang, rs in sorted(by_lang.items())},
        "by_type": {kind: metrics(rs) for kind, rs in sorted(by_type.items())},
        "latency_ms": {
            "p50": round(latencies[len(latencies) // 2], 2) if latencies else None,
            "max": round(latencies[-1], 2) if latencies else None,
        },
        "unanswerable_skipped": sum(1 for r in results if not r.evidence_found_at),
        "questions": [r.__dict__ for r in results],
    }


def run_retrieval_eval(
    questions: Sequence[GoldQuestion],
    search: Callable[[str], Sequence[Hit]],
    rewrite: Callable[[GoldQuestion], str] | None = None,
) -> dict[str, Any]:
    """Search every gold question and judge the hits. A question asked in a conversation is searched as `rewrite`
    reads it after its history (the answering stage's follow-up rewrite), or as it is without one."""
    results = []
    for question in questions:
        text = rewrite(question) if rewrite is not None and question.history else question.question
        started = time.perf_counter()
        hits = search(text)
        results.append(judge(question, hits, (time.perf_counter() - started) * 1000))
    return report(results)


def format_table(result: dict[str, Any]) -> str:
    columns = ["questions", *(f"hit@{k}" for k in CUTOFFS), *(f"recall@{k}" for k in CUTOFFS), "mrr"]
    rows = [("overall", result["overall"])] + [(f"lang={k}", v) for k, v in result["by_language"].items()]
    rows += [(f"type={k}", v) for k, v in result["by_type"].items()]
    lines = ["".ljust(18) + "".join(c.rjust(11) for c in columns)]
    for name, values in rows:
        cells = [f"{values.get(c, 0):.3f}" if c != "questions" else str(values.get(c, 0)) for c in columns]
        lines.append(name.ljust(18) + "".join(cell.rjust(11) for cell in cells))
    return "\n".join(lines)
