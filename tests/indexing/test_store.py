"""Index build, verify, atomic swap, staleness, lexical-only degradation and the real dense path."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from rag.core.errors import CorpusError, IndexCorrupt, IndexNotFound
from rag.core.settings import Settings
from rag.indexing import store
from rag.indexing.faissindex import ivf_lists
from rag.indexing.manifest import MANIFEST, read_manifest
from rag.indexing.store import build_index, load_index, staleness, verify_index
from rag.retrieval.service import Service


def test_lexical_build_writes_a_complete_manifest(lexical_settings: Settings) -> None:
    manifest = build_index(lexical_settings, progress=False)
    index_dir = lexical_settings.index_dir
    assert index_dir.is_symlink()
    assert manifest.mode == "lexical"
    # no provenance key in a lexical build: the manifest reads as those built before it was recorded
    assert manifest.to_dict()["embedding"] == {"requested": "", "model": None, "dimension": None}
    assert set(manifest.corpus) == {"S_1.zh.txt", "S_2.en.txt"}
    assert manifest.counts.documents == 2
    assert manifest.parser_version and manifest.tokenizer.zh == "both"
    for name in ("passages.jsonl", "documents.json"):
        assert name in manifest.files
    assert any(name.startswith("bm25/") for name in manifest.files)
    assert verify_index(index_dir).counts == manifest.counts
    assert read_manifest(index_dir) == manifest
    on_disk = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    assert list(on_disk) == [
        "format_version",
        "built_at",
        "build_seconds",
        "parser_version",
        "max_passage_chars",
        "tokenizer",
        "corpus",
        "counts",
        "alignment",
        "embedding",
        "mode",
        "dense_unavailable",
        "sentences",
        "files",
    ]
    assert on_disk["sentences"] == {"requested": "", "unavailable": manifest.sentences.unavailable}
    assert staleness(lexical_settings) is None
    loaded = load_index(index_dir)
    assert len(loaded.passages) == manifest.counts.passages == loaded.lexical.size


def test_counts_respondents_per_document(lexical_settings: Settings) -> None:
    manifest = build_index(lexical_settings, progress=False)
    # zh sample: 澳大利亚, 中国, 欧洲联盟; en sample: Australia, Cuba, European Union
    assert manifest.counts.respondents == 6


def test_staleness_follows_corpus_and_settings(lexical_settings: Settings) -> None:
    assert "no index" in (staleness(lexical_settings) or "")
    build_index(lexical_settings, progress=False)
    assert staleness(lexical_settings) is None
    (lexical_settings.corpus_dir / "S_2.en.txt").write_text("  I. Other\n\n1. Changed text.\n", encoding="utf-8")
    assert staleness(lexical_settings) == "the corpus changed since the index was built"
    build_index(lexical_settings, progress=False)
    catalogue = lexical_settings.corpus_dir / "corpus.yaml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "    title_fr: Réponses\n", encoding="utf-8")
    assert staleness(lexical_settings) == "the catalogue (corpus.yaml) changed since the index was built"
    build_index(lexical_settings, progress=False)
    assert load_index(lexical_settings.index_dir).documents["S_2"].title_in("fr") == "Réponses"
    assert staleness(lexical_settings.model_copy(update={"zh_tokenizer": "jieba"})) is not None
    assert staleness(lexical_settings.model_copy(update={"embedding_model": "other"})) is not None


def test_an_index_cut_with_other_chinese_words_is_stale(
    lexical_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(lexical_settings, progress=False)
    assert staleness(lexical_settings) is None
    monkeypatch.setattr(store, "dictionary_fingerprint", lambda: "a-new-glossary")
    assert "glossary or names table changed" in (staleness(lexical_settings) or "")


def test_a_hybrid_build_stores_the_example_questions_and_is_stale_when_they_change(
    lexical_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.lang import forms
    from tests.support.fake_encoder import HashEncoder

    manifest = build_index(lexical_settings, progress=False, encoder=HashEncoder())
    assert manifest.forms is not None and manifest.forms.count == len(forms.examples())
    assert manifest.forms.examples == forms.fingerprint() and "forms.npy" in manifest.files
    loaded = load_index(lexical_settings.index_dir)
    assert loaded.forms is not None and loaded.forms.shape == (manifest.forms.count, 16)
    assert staleness(lexical_settings) is None
    monkeypatch.setattr(store, "question_forms", lambda: "other-examples")
    assert "example questions" in (staleness(lexical_settings) or "")


def test_a_rebuild_with_the_same_weights_and_examples_reuses_their_vectors(lexical_settings: Settings) -> None:
    from tests.support.fake_encoder import HashEncoder

    class Counting(HashEncoder):
        queries = 0

        def encode_query(self, text: str):  # type: ignore[no-untyped-def]
            Counting.queries += 1
            return super().encode_query(text)

    first = build_index(lexical_settings, progress=False, encoder=Counting())
    encoded = Counting.queries
    assert first.forms is not None and encoded == first.forms.count
    (lexical_settings.corpus_dir / "S_2.en.txt").write_text("  I. Other\n\n1. Changed text.\n", encoding="utf-8")
    second = build_index(lexical_settings, progress=False, encoder=Counting())
    assert Counting.queries == encoded and second.forms == first.forms  # copied, not encoded again
    assert load_index(lexical_settings.index_dir).forms is not None


def test_a_lexical_build_has_no_example_vectors(lexical_settings: Settings) -> None:
    manifest = build_index(lexical_settings, progress=False)
    assert manifest.forms is None
    assert "forms" not in json.loads((lexical_settings.index_dir / MANIFEST).read_text(encoding="utf-8"))
    assert load_index(lexical_settings.index_dir).forms is None and staleness(lexical_settings) is None


def test_failed_build_leaves_the_previous_index_serving(lexical_settings: Settings) -> None:
    first = build_index(lexical_settings, progress=False)
    target_before = lexical_settings.index_dir.resolve()
    (lexical_settings.corpus_dir / "broken.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    with pytest.raises(CorpusError, match="not UTF-8"):
        build_index(lexical_settings, progress=False)
    assert lexical_settings.index_dir.resolve() == target_before
    assert verify_index(lexical_settings.index_dir).built_at == first.built_at
    builds = lexical_settings.index_dir.parent / "builds"
    assert not [p for p in builds.iterdir() if p.name.startswith(".tmp-")]


def test_rebuild_swaps_and_keeps_one_previous_build(lexical_settings: Settings) -> None:
    targets = []
    for _ in range(3):
        build_index(lexical_settings, progress=False)
        targets.append(lexical_settings.index_dir.resolve())
    assert len(set(targets)) == 3
    builds = sorted(p for p in (lexical_settings.index_dir.parent / "builds").iterdir())
    assert builds == sorted(targets[1:])


def test_a_plain_directory_index_is_kept_and_replaced(lexical_settings: Settings, tmp_path: Path) -> None:
    build_index(lexical_settings, progress=False)
    real = lexical_settings.index_dir.resolve()
    lexical_settings.index_dir.unlink()
    real.rename(lexical_settings.index_dir)  # an index directory copied in by hand
    build_index(lexical_settings, progress=False)
    assert lexical_settings.index_dir.is_symlink()
    assert verify_index(lexical_settings.index_dir).mode == "lexical"


def test_verify_detects_tampering(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    store = lexical_settings.index_dir / "passages.jsonl"
    lines = store.read_text(encoding="utf-8").splitlines()
    store.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(IndexCorrupt, match=r"passages\.jsonl does not match"):
        verify_index(lexical_settings.index_dir)


def test_verify_detects_disagreeing_parts_even_with_matching_hashes(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    directory = lexical_settings.index_dir
    store = directory / "passages.jsonl"
    store.write_text("\n".join(store.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    from rag.indexing.builds import sha256

    manifest["files"]["passages.jsonl"] = sha256(store)
    (directory / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="passages in the manifest"):
        verify_index(directory)


def test_missing_index_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound) as info:
        read_manifest(tmp_path / "nothing")
    assert "rag index build" in (info.value.hint or "")


def test_unavailable_model_gives_a_lexical_build_that_says_why_once(
    lexical_settings: Settings, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    settings = lexical_settings.model_copy(update={"embedding_model": str(lexical_settings.corpus_dir / "no-model")})
    with caplog.at_level(logging.INFO):
        manifest = build_index(settings, progress=False)
        assert manifest.mode == "lexical"
        assert manifest.embedding.requested.endswith("no-model")
        assert "no-model" in (manifest.dense_unavailable or "")
        # the build keeps why; whoever reports it says it (`rag index build`, or the service as it loads: once)
        assert capsys.readouterr().out == "" and not [r for r in caplog.records if r.levelno >= logging.WARNING]
        service = Service.load(settings)
    assert service.mode == "lexical" and service.warnings == [f"lexical-only index: {manifest.dense_unavailable}"]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == service.warnings


@pytest.mark.slow
def test_hybrid_build_with_a_real_tiny_model(hybrid_settings: Settings) -> None:
    manifest = build_index(hybrid_settings, progress=False)
    assert manifest.mode == "hybrid"
    assert manifest.embedding.dimension == 32
    assert "dense.faiss" in manifest.files
    assert manifest.dense_unavailable is None and manifest.faiss is not None
    on_disk = json.loads((hybrid_settings.index_dir / MANIFEST).read_text(encoding="utf-8"))
    assert "dense_unavailable" not in on_disk
    assert on_disk["faiss"] == {"type": "IndexFlatIP", "metric": "inner_product"}
    loaded = load_index(hybrid_settings.index_dir)
    assert loaded.dense is not None and loaded.dense.ntotal == len(loaded.passages)
    assert loaded.forms is not None and loaded.forms.shape[1] == 32
    service = Service.load(hybrid_settings)
    assert service.mode == "hybrid" and not service.warnings
    result = service.retriever.search("澳大利亚集团 出口管制", k=5)
    assert result.mode == "hybrid"
    assert any("dense" in hit.ranks for hit in result.hits)
    assert any("lexical" in hit.ranks for hit in result.hits)
    assert result.hits[0].passage.respondent.name in {"澳大利亚", "Australia"}


@pytest.mark.slow
def test_hybrid_index_with_a_wrong_dimension_model_degrades(hybrid_settings: Settings, tmp_path: Path) -> None:
    build_index(hybrid_settings, progress=False)

    class OtherEncoder:
        name = "other"
        dimension = 8

    service = Service.load(hybrid_settings, encoder=OtherEncoder())
    assert service.mode == "lexical"
    assert any("dimension" in w for w in service.warnings)


@pytest.mark.slow
def test_large_corpora_get_an_ivf_index_that_filters_work_on(
    hybrid_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rag.indexing.faissindex

    monkeypatch.setattr(rag.indexing.faissindex, "EXACT_LIMIT", 5)
    manifest = build_index(hybrid_settings, progress=False)
    assert manifest.faiss is not None and manifest.faiss.type == "IndexIVFFlat" and (manifest.faiss.nprobe or 0) > 0
    service = Service.load(hybrid_settings)
    from rag.core.types import SearchFilters

    hits = service.retriever.search("export controls", 5, SearchFilters(respondent=("Cuba",))).hits
    assert hits and {h.passage.respondent.name for h in hits} == {"Cuba"}
    assert any("dense" in h.ranks for h in hits)


@pytest.mark.parametrize(("count", "lists"), [(1_000_000, 1024), (200_001, 512), (10_000, 128)])
def test_ivf_lists_are_the_power_of_two_nearest_the_square_root(count: int, lists: int) -> None:
    assert ivf_lists(count) == lists


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_corrupt_current_build_is_stale_so_start_up_rebuilds_it(lexical_settings: Settings) -> None:
    from rag.retrieval.service import ensure_index

    build_index(lexical_settings, progress=False)
    _flip_a_byte(lexical_settings.index_dir / "passages.jsonl")
    assert "passages.jsonl does not match" in (staleness(lexical_settings) or "")
    assert ensure_index(lexical_settings, progress=False) is not None
    assert staleness(lexical_settings) is None and load_index(lexical_settings.index_dir).passages


def test_start_up_falls_back_to_the_newest_intact_build(lexical_settings: Settings) -> None:
    from rag.indexing.store import recover_index
    from tests.support.builds import rebuild

    build_index(lexical_settings, progress=False)
    intact = lexical_settings.index_dir.resolve()
    rebuild(lexical_settings)
    _flip_a_byte(lexical_settings.index_dir / "passages.jsonl")
    done = recover_index(lexical_settings, progress=False, rebuild=False)
    assert done is not None and intact.name in done
    assert lexical_settings.index_dir.resolve() == intact and staleness(lexical_settings) is None
    assert recover_index(lexical_settings, progress=False) is None  # intact now: nothing to do


def test_start_up_rebuilds_when_no_build_is_intact(lexical_settings: Settings) -> None:
    from rag.indexing.store import recover_index

    build_index(lexical_settings, progress=False)
    corrupt = lexical_settings.index_dir.resolve()
    _flip_a_byte(corrupt / "passages.jsonl")
    assert recover_index(lexical_settings, progress=False, rebuild=False) is None  # nothing to fall back to
    assert "rebuilt" in (recover_index(lexical_settings, progress=False) or "")
    assert lexical_settings.index_dir.resolve() != corrupt and staleness(lexical_settings) is None
