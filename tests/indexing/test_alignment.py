"""The alignment of language versions in the index: built with it, stored as alignment.json, checked, loaded."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from rag.core.settings import Settings
from rag.indexing.alignment import ALIGNMENT, Alignment, PairRecord, alignment_problems, read_alignment, weakness
from rag.indexing.store import load_index, staleness, verify_index
from rag.ingest.align import ALIGNER_VERSION, Figures


def test_the_build_aligns_every_pair_of_versions(parallel_index: Settings) -> None:
    manifest = verify_index(parallel_index.index_dir)
    assert manifest.alignment is not None and manifest.alignment.pairs == 3
    assert manifest.alignment.version == ALIGNER_VERSION and ALIGNMENT in manifest.files
    loaded = load_index(parallel_index.index_dir)
    assert {(p.a, p.b) for p in loaded.alignment.pairs} == {
        ("A_77_96", "A_77_96.en"),
        ("A_77_96", "A_77_96.fr"),
        ("A_77_96.en", "A_77_96.fr"),
    }
    english = [p for p in loaded.passages if p.doc_id == "A_77_96.en"]
    extra = next(p for p in english if p.text.startswith("Australia stands ready"))
    assert extra.id not in loaded.alignment.counterparts
    vote = next(p for p in english if "voted against the resolution" in p.text)
    counterparts = [loaded.passages[loaded.position[i]] for i in loaded.alignment.counterparts[vote.id]]
    assert sorted(p.doc_id for p in counterparts) == ["A_77_96", "A_77_96.fr"]
    assert any("投了反对票" in p.text for p in counterparts) and any("voté contre" in p.text for p in counterparts)
    assert staleness(parallel_index) is None


def test_a_corpus_in_one_language_has_an_empty_alignment(lexical_settings: Settings) -> None:
    from rag.indexing.store import build_index

    manifest = build_index(lexical_settings, progress=False)
    assert manifest.alignment is not None and manifest.alignment.pairs == 0
    stored = json.loads((lexical_settings.index_dir / ALIGNMENT).read_text(encoding="utf-8"))
    assert stored == {"aligner_version": ALIGNER_VERSION, "pairs": []}


def test_an_index_built_before_alignments_loads_with_none_and_is_stale(lexical_settings: Settings) -> None:
    from rag.indexing.manifest import read_manifest, write_manifest
    from rag.indexing.store import build_index

    build_index(lexical_settings, progress=False)
    index = lexical_settings.index_dir.resolve()
    manifest = read_manifest(index)
    files = {k: v for k, v in manifest.files.items() if k != ALIGNMENT}
    write_manifest(index, manifest.model_copy(update={"alignment": None, "files": files}))
    (index / ALIGNMENT).unlink()
    assert "alignment" not in json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    assert read_alignment(index) == Alignment(version="")
    assert load_index(index).alignment.pairs == ()
    assert staleness(lexical_settings) == "the alignment of language versions changed since the index was built"


def test_alignment_problems_name_what_does_not_match(parallel_index: Settings) -> None:
    loaded = load_index(parallel_index.index_dir)
    assert alignment_problems(loaded.alignment, loaded.documents, set(loaded.position)) == []
    pair = loaded.alignment.pairs[0]
    forged = replace(pair, beads=((("nowhere",), (), "length"), *pair.beads))
    problems = alignment_problems(Alignment((forged,)), loaded.documents, set(loaded.position))
    assert problems == [f"the alignment of {pair.a} and {pair.b} names 1 unknown passage(s)"]
    stray = PairRecord("A_77_96", "ghost", Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ())
    assert "not versions of one document" in alignment_problems(Alignment((stray,)), loaded.documents, set())[0]


def test_a_pair_reads_back_as_written(tmp_path: Path, parallel_index: Settings) -> None:
    alignment = load_index(parallel_index.index_dir).alignment
    (tmp_path / ALIGNMENT).write_text(alignment.to_json(), encoding="utf-8")
    again = read_alignment(tmp_path)
    assert again == alignment and again.counterparts == alignment.counterparts


def test_a_pair_where_one_version_covers_little_of_the_other_is_reported_weak(parallel_index: Settings) -> None:
    index = load_index(parallel_index.index_dir)
    pair = index.alignment.pairs[0]
    assert weakness(pair, index.documents) is None
    thin = replace(pair, figures=replace(pair.figures, passages_a=475, aligned_a=20))
    warning = weakness(thin, index.documents)
    assert warning is not None and warning.startswith(f"only 4% of {pair.a} (")
