"""Set questions whose topic the documents' languages cannot render, answered with the replies closest in meaning
(rag/answering/closest.py): list F1 of those lists on the development sets, at several margins and list sizes.
The held-out sets are never run here.

    RAG_INDEX_DIR=... python3 bench/closest.py     # an index built with the sentence model (the default); ~3 minutes

Every respondent-set question of eval/gold.jsonl and eval/dev*.jsonl is asked once (extractive); those answered by
closeness (their warning says so) are asked again at each CLOSEST_MARGIN and CLOSEST_ITEMS below. Before this
fallback they got no list at all (list F1 0). Prints the table and writes bench/results/closest-latest.md.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rag.answering import closest  # noqa: E402
from rag.answering.pipeline import Answerer  # noqa: E402
from rag.core.settings import Settings  # noqa: E402
from rag.evaluation.answers import gold_item_keys, is_respondent_set  # noqa: E402
from rag.evaluation.retrieval import load_gold  # noqa: E402
from rag.retrieval.service import Service  # noqa: E402

RESULTS = REPO / "bench" / "results"
MARGINS = (0.0, 0.02, 0.03, 0.05)
SIZES = (1, 2, 3, 5)
MARKER = "listed the replies closest to the question in meaning"


def f1(predicted: set[str], gold: set[str]) -> float:
    hit = len(predicted & gold)
    return 2 * hit / (len(predicted) + len(gold)) if hit else 0.0


def main() -> int:
    service = Service.load(Settings(llm_base_url=None))
    if service.retriever.sentence_encoder is None:
        print("needs an index built with the sentence model (RAG_INDEX_DIR)", file=sys.stderr)
        return 2
    answerer, names = Answerer(service), service.retriever.names
    files = [REPO / "eval" / "gold.jsonl", *sorted((REPO / "eval").glob("dev*.jsonl"))]
    asked = [(q, path.stem) for path in files for q in load_gold(path) if is_respondent_set(q, names) and not q.history]
    fallback = [(q, name) for q, name in asked if any(MARKER in w for w in answerer.ask(q.question).warnings)]
    print(f"{len(fallback)} of {len(asked)} set questions answered by closeness in meaning")
    rows = []
    for margin in MARGINS:
        for size in SIZES:
            closest.CLOSEST_MARGIN, closest.CLOSEST_ITEMS = margin, size
            scores = []
            for question, _ in fallback:
                items = {item.respondent for item in answerer.ask(question.question).items}
                scores.append(f1(items, set(gold_item_keys(question.answer_items, names))))
            rows.append((margin, size, round(mean(scores), 3) if scores else None))
            print(f"margin {margin}, at most {size}: list F1 {rows[-1][2]}")
    lines = [
        f"# Replies closest in meaning ({datetime.now(UTC).isoformat(timespec='seconds')})",
        "",
        f"{len(fallback)} of {len(asked)} development set questions answered so "
        f"({', '.join(sorted({f'{name} {q.id}' for q, name in fallback}))}); list F1 before: 0.",
        "",
        "| margin | at most | list F1 |",
        "|---:|---:|---:|",
        *(f"| {m} | {s} | {v} |" for m, s, v in rows),
    ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "closest-latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
