"""The second dense ranking (rag.indexing.sentences): sentences cut from passages, a passage ranked by its best
sentence, the real multilingual Universal Sentence Encoder from its PyPI package, and an index built with it."""

from __future__ import annotations

import importlib.metadata
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from rag.core.errors import ModelUnavailable
from rag.core.settings import Settings
from rag.core.types import NO_RESPONDENT, Passage
from rag.indexing import sentences
from rag.indexing.faissindex import dense_index
from rag.indexing.sentences import SentenceVectors, load_sentence_encoder, row_spans, split
from rag.indexing.store import build_index, load_index, staleness, verify_index
from rag.lang.glossary import default_glossary
from rag.retrieval.service import Service
from rag.retrieval.terms import NearTerms

try:
    USE_VERSION: str | None = importlib.metadata.version(sentences.PACKAGE)
except importlib.metadata.PackageNotFoundError:
    USE_VERSION = None

needs_model = pytest.mark.skipif(USE_VERSION is None, reason=f"the PyPI package {sentences.PACKAGE} is missing")
MODEL = f"pypi:{sentences.PACKAGE}"


def _passage(text: str, number: str = "1") -> Passage:
    return Passage(f"d-{number}", "d", text, 0, len(text), respondent=NO_RESPONDENT, paragraph=number)


def test_split_keeps_each_sentence_worth_matching_with_its_passage() -> None:
    passages = [
        _passage("第一句话说的是出口管制。第二句话说的是核安全合作。", "1"),
        _passage("(a)", "2"),  # too short for a sentence: the passage stands for itself
        _passage("Spain refused 0.02 per cent of requests. See 4.", "3"),
    ]
    owners, texts = split(passages)
    assert texts == [
        "第一句话说的是出口管制。",
        "第二句话说的是核安全合作。",
        "(a)",
        "Spain refused 0.02 per cent of requests.",
    ]
    assert owners.tolist() == [0, 0, 1, 2]


def test_a_passages_rows_are_its_sentences_spans_without_their_blanks() -> None:
    text = "第一句话说的是出口管制。 Second one here.  "
    assert [text[a:b] for a, b in row_spans(text)] == ["第一句话说的是出口管制。", "Second one here."]
    text = "  短。  "  # no sentence of MIN_CHARS: the passage itself, blanks off
    assert row_spans(text) == [(2, 4)] and row_spans("   ") == [(0, 3)]
    passage = _passage("第一句话说的是出口管制。 第二句话说的是核安全合作。")
    assert [passage.text[a:b] for a, b in row_spans(passage.text)] == split([passage])[1]


def test_the_rows_of_a_passage_give_back_its_sentence_vectors_flat_or_ivf() -> None:
    import faiss

    rows = _vectors([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, 1]] * 20)
    owners = np.repeat(np.arange(40), 3)
    flat, _ = dense_index(rows)
    ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(3), 3, 4, faiss.METRIC_INNER_PRODUCT)
    ivf.train(rows)
    ivf.add(rows)
    for index in (flat, ivf):
        vectors = SentenceVectors(index, owners)
        assert vectors.rows(5) == range(15, 18) and vectors.rows(40) == range(120, 120)
        assert np.allclose(vectors.vectors(vectors.rows(5)), rows[15:18])
        assert vectors.vectors(vectors.rows(40)).shape == (0, 3)


def _vectors(rows: list[list[float]]) -> np.ndarray:
    vectors = np.asarray(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_passage_is_ranked_by_its_best_sentence_among_the_allowed_ones() -> None:
    # passage 0: one weak sentence; passage 1: a weak and the best sentence; passage 2: a middling one
    rows = _vectors([[0.2, 1, 0], [0.1, 1, 0], [1, 0.05, 0], [0.6, 0.4, 0]])
    index, _ = dense_index(rows)
    vectors = SentenceVectors(index, np.array([0, 1, 1, 2]))
    query = _vectors([[1, 0, 0]])[0]
    everyone = np.ones(3, dtype=bool)
    no_bonus = np.zeros(3, dtype=np.float32)
    assert vectors.ranking(query, everyone, no_bonus, limit=10) == [1, 2, 0]
    assert vectors.ranking(query, everyone, no_bonus, limit=1) == [1]
    assert vectors.ranking(query, np.array([True, False, True]), no_bonus, limit=10) == [2, 0]
    assert vectors.ranking(query, np.zeros(3, dtype=bool), no_bonus, limit=10) == []
    assert vectors.ranking(query, everyone, np.array([0.9, 0, 0], dtype=np.float32), limit=10)[0] == 0


def test_a_disabled_or_unknown_sentence_model_says_why() -> None:
    with pytest.raises(ModelUnavailable, match="disabled"):
        load_sentence_encoder(Settings(sentence_model=""))
    with pytest.raises(ModelUnavailable, match="unknown sentence model") as caught:
        load_sentence_encoder(Settings(sentence_model="LaBSE"))
    assert MODEL in caught.value.hint


@pytest.fixture(scope="module")
def encoder() -> sentences.UniversalEncoder:
    if USE_VERSION is None:
        pytest.skip(f"the PyPI package {sentences.PACKAGE} is missing")
    return load_sentence_encoder(Settings(sentence_model=MODEL))


@needs_model
def test_the_packaged_model_matches_a_question_to_its_translation(encoder: sentences.UniversalEncoder) -> None:
    assert encoder.dimension == 512 and encoder.name == sentences.MODEL
    provenance = encoder.provenance
    assert provenance.source == MODEL and provenance.version == USE_VERSION and provenance.licence == "Apache-2.0"
    assert len(provenance.sha256 or "") == 64 and encoder.fingerprint == provenance.fingerprint
    query = encoder.encode_query("Combien de demandes d'exportation ont été refusées ?")
    found = encoder.encode_passages(["2019 年有 603 项出口申请未获批准。", "会议于六月在日内瓦举行。"])
    assert found.dtype == np.float32 and np.allclose(np.linalg.norm(found, axis=1), 1, atol=1e-5)
    assert found[0] @ query > found[1] @ query + 0.1
    assert encoder.encode_passages([]).shape == (0, 512)


@needs_model
def test_the_packaged_model_reads_a_quoted_name_as_the_glossary_term_it_renders(
    encoder: sentences.UniversalEncoder,
) -> None:
    near = NearTerms(default_glossary(), encoder)
    # "lasting" where the glossary has "continuing"; "Global" where it has "Combat"
    found = near.nearest("الحوار المستدام بشأن الاستخدامات السلمية")
    assert found is not None and found[1].zh[0] == "关于和平利用的持续对话"
    found = near.nearest("Global Initiative against Nuclear Terrorism")
    assert found is not None and found[1].zh[0] == "打击核恐怖主义全球倡议"
    assert near.nearest("Международное агентство по биологической безопасности") is None  # no such term
    assert near.nearest("régime de retenue stratégique") is None  # near "strategic balance", but another thing


@needs_model
def test_an_index_built_with_sentences_serves_a_third_ranking(
    tmp_path: Path, corpus_dir: Path, encoder: sentences.UniversalEncoder
) -> None:
    settings = Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index" / "current", sentence_model=MODEL)
    manifest = build_index(settings, progress=False, sentence_encoder=encoder)
    info = manifest.sentences
    assert manifest.mode == "lexical" and info is not None and info.model == sentences.MODEL
    assert info.dimension == 512 and info.count and info.provenance and info.provenance.source == MODEL
    assert {sentences.SENTENCES, sentences.OWNERS} <= set(manifest.files)
    assert verify_index(settings.index_dir).sentences == info and staleness(settings) is None
    assert "the sentence model setting changed" in (staleness(replace_model(settings, "")) or "")
    assert "universal-sentence-encoder" in manifest.describe_sentences()

    service = Service.from_index(settings, load_index(settings.index_dir), sentence_encoder=encoder)
    assert service.retriever.sentence_encoder is encoder
    assert not [w for w in service.warnings if "sentence" in w]
    hits = service.retriever.search("What does the report say about export controls?", k=5).hits
    assert hits and all("sentences" in hit.ranks for hit in hits[:3])


@needs_model
def test_an_index_without_sentences_or_with_other_weights_turns_the_ranking_off(
    tmp_path: Path, corpus_dir: Path, encoder: sentences.UniversalEncoder
) -> None:
    settings = Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index" / "current", sentence_model="")
    manifest = build_index(settings, progress=False)
    assert manifest.sentences is not None and manifest.sentences.model is None
    assert "disabled" in (manifest.sentences.unavailable or "") and "none (" in manifest.describe_sentences()
    service = Service.from_index(settings, load_index(settings.index_dir), sentence_encoder=encoder)
    assert service.retriever.sentence_encoder is None

    settings = replace_model(settings, MODEL)
    build_index(settings, progress=False, sentence_encoder=encoder)
    other = sentences.UniversalEncoder(encoder.model, replace(encoder.provenance, version="0.0.1"))
    service = Service.from_index(settings, load_index(settings.index_dir), sentence_encoder=other)
    assert service.retriever.sentence_encoder is None
    assert any("sentence ranking off" in w and "rebuild" in w for w in service.warnings)


def replace_model(settings: Settings, model: str) -> Settings:
    return settings.model_copy(update={"sentence_model": model})
