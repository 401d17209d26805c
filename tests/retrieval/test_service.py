"""Tests for rag.retrieval.service: the loaded index with its retriever, and building one when needed."""

from __future__ import annotations

import logging

import pytest

from rag.core.errors import IndexNotFound
from rag.core.settings import Settings
from rag.retrieval.service import Service, ensure_index


def test_a_missing_index_is_built_once_and_then_left_alone(
    lexical_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(IndexNotFound):
        Service.load(lexical_settings)
    reason = ensure_index(lexical_settings, progress=False)
    assert reason is not None and f"building the index: {reason}" in capsys.readouterr().out
    assert ensure_index(lexical_settings, progress=False) is None
    assert capsys.readouterr().out == ""


def test_a_lexical_index_serves_lexical_search_and_says_why_once(
    lexical_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    ensure_index(lexical_settings, progress=False)
    with caplog.at_level(logging.WARNING, logger="rag.retrieval.service"):
        service = Service.load(lexical_settings)
    assert service.mode == "lexical" and service.built_at
    assert len(service.warnings) == 1 and service.warnings[0].startswith("lexical-only index")
    assert [r.getMessage() for r in caplog.records if r.name == "rag.retrieval.service"] == service.warnings
    assert service.retriever.search("export controls", 3).hits


def test_a_hybrid_index_without_its_query_encoder_says_so_once(
    lexical_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    from rag.indexing.store import build_index
    from tests.support.fake_encoder import HashEncoder

    build_index(lexical_settings, progress=False, encoder=HashEncoder())
    settings = lexical_settings.model_copy(update={"embedding_model": str(lexical_settings.corpus_dir / "no-model")})
    with caplog.at_level(logging.INFO):
        service = Service.load(settings)
    assert service.mode == "lexical"
    [warning] = service.warnings
    assert warning.startswith("dense retrieval off, the query encoder is unavailable") and "no-model" in warning
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said == [warning]


def test_a_query_encoder_with_other_weights_than_the_index_turns_dense_retrieval_off(
    lexical_settings: Settings,
) -> None:
    import dataclasses

    from rag.indexing.store import build_index
    from tests.support.fake_encoder import PROVENANCE, HashEncoder

    build_index(lexical_settings, progress=False, encoder=HashEncoder())
    assert Service.load(lexical_settings, encoder=HashEncoder()).mode == "hybrid"
    # the same model name from another source and weights (e.g. the hub's full-precision copy)
    other = HashEncoder(provenance=dataclasses.replace(PROVENANCE, source="hub", sha256=None, revision="f" * 40))
    service = Service.load(lexical_settings, encoder=other)
    assert service.mode == "lexical"
    assert any("not those the index was built with (pypi:rag-tests)" in w for w in service.warnings)
    # a local directory's identity is its files' sizes and times: not held against it
    local = HashEncoder(provenance=dataclasses.replace(PROVENANCE, source="path", sha256=None, revision="files:1"))
    assert Service.load(lexical_settings, encoder=local).mode == "hybrid"


def test_a_service_with_a_query_encoder_encodes_on_one_torch_thread(lexical_settings: Settings) -> None:
    import torch

    from rag.indexing.store import build_index
    from tests.support.fake_encoder import HashEncoder

    build_index(lexical_settings, progress=False, encoder=HashEncoder())
    before = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        assert Service.load(lexical_settings, encoder=HashEncoder()).mode == "hybrid"
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
