"""Tests for rag.indexing.vectors: passage vectors cached by passage hash, so a rebuild re-embeds only changes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np

from rag.core.settings import Settings
from rag.indexing.store import build_index, load_index
from rag.indexing.vectors import KEYS, ROWS, cache_root, encode_cached, model_key, prune, read_rows
from tests.support.fake_encoder import PROVENANCE, HashEncoder

CHANGED = ("Cuba rejects unilateral coercive measures.", "Cuba rejects all unilateral coercive measures.")


def cache_dirs(settings: Settings) -> list[Path]:
    root = cache_root(settings.index_dir)
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def test_a_rebuild_after_changing_one_passage_encodes_exactly_that_one(lexical_settings: Settings) -> None:
    first = HashEncoder()
    manifest = build_index(lexical_settings, progress=False, encoder=first)
    assert manifest.mode == "hybrid" and len(first.encoded) == manifest.counts.passages
    assert manifest.embedding.provenance is not None
    assert manifest.embedding.provenance.fingerprint == PROVENANCE.fingerprint

    again = HashEncoder()
    build_index(lexical_settings, progress=False, encoder=again)
    assert again.encoded == []  # nothing changed: every vector from the cache

    report = lexical_settings.corpus_dir / "S_2.en.txt"
    report.write_text(report.read_text(encoding="utf-8").replace(*CHANGED), encoding="utf-8")
    counted = HashEncoder()
    build_index(lexical_settings, progress=False, encoder=counted)
    assert counted.encoded == [CHANGED[1]]

    # the index holds the vectors a build from scratch would have given, in passage order
    loaded = load_index(lexical_settings.index_dir)
    stored = loaded.dense.reconstruct_n(0, loaded.dense.ntotal)
    fresh = HashEncoder().encode_passages([p.text for p in loaded.passages])
    np.testing.assert_allclose(stored, fresh, atol=1e-6)
    # bounded: the cache holds the latest build's passages only
    (directory,) = cache_dirs(lexical_settings)
    assert len(read_rows(directory, 16)) == len({p.text for p in loaded.passages})


def test_another_model_or_prefix_never_reuses_a_vector(tmp_path: Path) -> None:
    texts = ["a", "b", "a"]
    first = HashEncoder()
    done = encode_cached(first, texts, tmp_path)
    assert first.encoded == ["a", "b"] and done.encoded == 2 and done.vectors.shape == (3, 16)
    np.testing.assert_array_equal(done.vectors[0], done.vectors[2])

    other_weights = HashEncoder(provenance=dataclasses.replace(PROVENANCE, sha256="1" * 64))
    assert encode_cached(other_weights, texts, tmp_path).encoded == 2
    assert encode_cached(HashEncoder(), texts, tmp_path).encoded == 0  # each model has its own directory
    other_prefix = HashEncoder(passage_prefix="")
    assert encode_cached(other_prefix, texts, tmp_path).encoded == 2


def test_an_encoder_that_cannot_say_which_weights_it_has_is_not_cached(tmp_path: Path) -> None:
    anonymous = HashEncoder(provenance=None)
    done = encode_cached(anonymous, ["a"], tmp_path / "vectors")
    assert done.encoded == 1 and done.directory is None
    assert not (tmp_path / "vectors").exists()


def test_a_damaged_or_mismatched_cache_is_ignored(tmp_path: Path) -> None:
    encode_cached(HashEncoder(), ["a", "b"], tmp_path)
    directory = tmp_path / model_key(PROVENANCE.model, PROVENANCE.fingerprint)
    assert {p.name for p in directory.iterdir()} == {ROWS, KEYS}
    rows = directory / ROWS
    rows.write_bytes(rows.read_bytes()[:-4] + b"\0\0\0\0")  # the .npy no longer matches its recorded hash
    again = HashEncoder()
    done = encode_cached(again, ["a", "b"], tmp_path)
    assert again.encoded == ["a", "b"]
    np.testing.assert_allclose(done.vectors, HashEncoder().encode_passages(["a", "b"]), atol=1e-6)
    meta = json.loads((directory / KEYS).read_text(encoding="utf-8"))
    meta["keys"] = meta["keys"][:1]  # keys and rows disagree
    (directory / KEYS).write_text(json.dumps(meta), encoding="utf-8")
    assert read_rows(directory, 16) == {}


def test_only_the_newest_model_directories_are_kept(tmp_path: Path) -> None:
    for n in range(4):
        encode_cached(HashEncoder(provenance=dataclasses.replace(PROVENANCE, version=str(n))), ["a"], tmp_path)
    kept = sorted(p.name for p in tmp_path.iterdir())
    newest = HashEncoder(provenance=dataclasses.replace(PROVENANCE, version="3"))
    assert len(kept) == 2 and model_key(newest.name, str(newest.fingerprint)) in kept
    prune(tmp_path, keep=tmp_path / kept[0], retain=1)
    assert [p.name for p in tmp_path.iterdir()] == [kept[0]]
