"""Embedding throughput (passages/s) of a random-init model with BAAI/bge-m3's architecture, on CPU or CUDA."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import platform
import re
import socket
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"

# BAAI/bge-m3 is XLM-RoBERTa-large with 8,194 positions; it embeds with the [CLS] vector, normalised.
BGE_M3: dict[str, Any] = {
    "hidden_size": 1024,
    "num_hidden_layers": 24,
    "num_attention_heads": 16,
    "intermediate_size": 4096,
    "vocab_size": 250002,
    "max_position_embeddings": 8194,
}


def say(message: str) -> None:
    print(f"[embed {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if was_enabled:
            hf_logging.enable_progress_bar()


def save_random_model(directory: Path, layers: int, max_tokens: int) -> dict[str, Any]:
    """A random-init XLMRobertaModel of bge-m3's shape plus a WordPiece tokenizer trained on the bundled corpus
    (only speed matters), saved as a plain transformers checkpoint."""
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaModel

    sys.path.insert(0, str(REPO))
    tiny_model = importlib.import_module("tests.support.tiny_model")
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    tokenizer = tiny_model._train_tokenizer(texts)
    tokenizer.model_max_length = max_tokens
    config = XLMRobertaConfig(**{**BGE_M3, "num_hidden_layers": layers}, pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(0)
    started = time.perf_counter()
    model = XLMRobertaModel(config)
    model.eval()
    parameters = sum(p.numel() for p in model.parameters())
    init_s = time.perf_counter() - started
    started = time.perf_counter()
    with quiet_transformers():
        model.save_pretrained(directory)
        tokenizer.save_pretrained(directory)
    save_s = time.perf_counter() - started
    del model
    gc.collect()
    return {"parameters": parameters, "init_s": round(init_s, 1), "save_s": round(save_s, 1)}


def load_sentence_transformer(directory: Path, device: str, max_tokens: int, fp16: bool) -> Any:
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    except ImportError:  # sentence-transformers < 5.4 keeps them in `models`
        from sentence_transformers.models import Normalize, Pooling, Transformer  # type: ignore[no-redef]

    with quiet_transformers():
        transformer = Transformer(str(directory), max_seq_length=max_tokens)
        model = SentenceTransformer(
            modules=[transformer, Pooling(BGE_M3["hidden_size"], "cls"), Normalize()], device=device
        )
    if fp16:
        model.half()
    model.eval()
    return model


def synthetic_passages(tokenizer: Any, count: int, tokens: int, seed: int = 0) -> list[str]:
    """Passages of random vocabulary words, long enough that truncation leaves exactly `tokens` tokens."""
    words = [w for w in tokenizer.get_vocab() if w.isalpha() and not w.startswith("##") and len(w) > 1]
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(words, size=tokens * 2)) for _ in range(count)]


def encode_rate(model: Any, texts: Sequence[str], batch_size: int, device: str) -> dict[str, Any]:
    warmup = batch_size if device.startswith("cuda") else 2  # a full batch lets CUDA pick its kernels
    model.encode(list(texts[:warmup]), batch_size=batch_size, convert_to_numpy=True)
    if device.startswith("cuda"):
        import torch

        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    vectors = model.encode(
        list(texts), batch_size=batch_size, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
    )
    seconds = time.perf_counter() - started
    out: dict[str, Any] = {"seconds": round(seconds, 3), "passages_per_s": round(len(texts) / seconds, 2)}
    out["shape"] = list(vectors.shape)
    if device.startswith("cuda"):
        import torch

        out["cuda_peak_mib"] = round(torch.cuda.max_memory_allocated() / 2**20)
    return out


def machine(device: str) -> dict[str, Any]:
    import torch

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    info: dict[str, Any] = {
        "hostname": socket.gethostname(),
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "cuda_available": torch.cuda.is_available(),
    }
    if device.startswith("cuda") and torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(torch.device(device))
    return info


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--device", default="cpu", help="torch device: cpu or cuda[:N] (default cpu)")
    parser.add_argument("--passages", type=int, default=1024, help="passages encoded per length (default 1024)")
    parser.add_argument("--lengths", default="128,512", help="comma-separated tokens per passage (default 128,512)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--fp16", action="store_true", help="half precision (CUDA)")
    parser.add_argument("--layers", type=int, default=BGE_M3["num_hidden_layers"], help="default 24, as bge-m3")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results/embed-*.json")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    lengths = [int(x) for x in args.lengths.split(",") if x.strip()]
    import torch

    if args.device.startswith("cuda") and not torch.cuda.is_available():
        print(
            f"error: --device {args.device} but this torch ({torch.__version__}) sees no CUDA device", file=sys.stderr
        )
        return 2
    results: dict[str, Any] = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model": {"architecture": "XLMRobertaModel (random init), CLS pooling, normalised", **BGE_M3},
        "device": args.device,
        "dtype": "float16" if args.fp16 else "float32",
        "batch_size": args.batch_size,
        "passages": args.passages,
        "machine": machine(args.device),
        "runs": [],
    }
    results["model"]["num_hidden_layers"] = args.layers
    with tempfile.TemporaryDirectory(prefix="rag-embed-") as tmp:
        directory = Path(tmp)
        say(f"building a random {args.layers}-layer XLM-RoBERTa-large (bge-m3 shape) in {directory}")
        results["model"].update(save_random_model(directory, args.layers, max(lengths)))
        say(f"model: {results['model']['parameters'] / 1e6:.0f}M parameters; loading on {args.device}")
        model = load_sentence_transformer(directory, args.device, max(lengths), args.fp16)
        tokenizer = model.tokenizer
        for tokens in lengths:
            model.max_seq_length = tokens
            texts = synthetic_passages(tokenizer, args.passages, tokens)
            measured = len(tokenizer(texts[0], truncation=True, max_length=tokens)["input_ids"])
            say(f"encoding {args.passages} passages of {measured} tokens, batch {args.batch_size}")
            run = {"tokens_per_passage": measured, **encode_rate(model, texts, args.batch_size, args.device)}
            run["tokens_per_s"] = round(run["passages_per_s"] * measured)
            results["runs"].append(run)
    results["peak_rss_mib"] = peak_rss_mib()
    print(f"device {args.device} ({results['dtype']}), batch {args.batch_size}, {results['machine']}")
    print(f"{'tokens/passage':>14}  {'passages':>8}  {'seconds':>8}  {'passages/s':>10}  {'tokens/s':>9}")
    for run in results["runs"]:
        print(
            f"{run['tokens_per_passage']:>14}  {args.passages:>8}  {run['seconds']:>8.2f}  "
            f"{run['passages_per_s']:>10.2f}  {run['tokens_per_s']:>9,}"
        )
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        host = re.sub(r"[^A-Za-z0-9_.-]", "_", socket.gethostname()) or "host"
        stamp = results["started_at"].replace(":", "").replace("-", "")
        payload = json.dumps(results, indent=2) + "\n"
        for name in (f"embed-{stamp}-{host}-{args.device.replace(':', '')}", "embed-latest"):
            path = RESULTS / f"{name}.json"
            tmp_path = path.with_name(path.name + ".tmp")
            tmp_path.write_text(payload, encoding="utf-8")
            os.replace(tmp_path, path)
            print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
