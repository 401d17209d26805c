"""Build, verify and load the index: a directory of named files plus manifest.json, swapped in atomically."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.core.errors import IndexBuildError, IndexCorrupt, IndexNotFound, ModelUnavailable, RagError
from rag.core.settings import Settings
from rag.core.types import Document, Passage
from rag.indexing import builds, lexical
from rag.indexing.alignment import ALIGNMENT, Alignment, align_corpus, alignment_problems, read_alignment
from rag.indexing.faissindex import dense_index
from rag.indexing.forms import encode_forms, read_forms
from rag.indexing.manifest import (
    FORMAT_VERSION,
    MANIFEST,
    AlignmentInfo,
    Counts,
    Embedding,
    FaissInfo,
    FormsInfo,
    IndexMode,
    Manifest,
    Provenance,
    SentencesInfo,
    Tokenizer,
    read_manifest,
    write_manifest,
)
from rag.indexing.segmenter import dictionary_fingerprint, prepare_segmenter
from rag.indexing.sentences import SentenceVectors, build_sentences
from rag.ingest.align import ALIGNER_VERSION
from rag.ingest.corpus import SourceFile, load_corpus
from rag.ingest.parse import PARSER_VERSION, Resolver, parse_report
from rag.lang.forms import fingerprint as question_forms

if TYPE_CHECKING:
    from rag.indexing.dense import Encoder

log = logging.getLogger(__name__)

DOCUMENTS = "documents.json"
PASSAGES = "passages.jsonl"
DENSE = "dense.faiss"


@dataclass
class LoadedIndex:
    """Everything retrieval needs, in memory; row i of every part is passage i."""

    path: Path
    manifest: Manifest
    documents: dict[str, Document]
    passages: list[Passage]
    lexical: lexical.LexicalIndex
    dense: Any | None = None  # faiss.Index when the index is hybrid
    alignment: Alignment = field(default_factory=Alignment)  # of the documents' language versions
    forms: np.ndarray | None = None  # the example questions' vectors (rag.indexing.forms), hybrid builds
    sentences: SentenceVectors | None = None  # the second dense ranking's rows (rag.indexing.sentences)
    position: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.position = {p.id: i for i, p in enumerate(self.passages)}

    @property
    def mode(self) -> IndexMode:
        return self.manifest.mode


def name_resolver() -> Resolver:
    """Map a respondent name as written to (canonical id, kind, English name) through the names table."""
    from rag.lang.names import default_names

    names = default_names()

    def resolve(name: str) -> tuple[str, Any, str] | None:
        entity = names.resolve(name)
        return (entity.id, entity.kind, entity.name_en) if entity else None

    return resolve


def indexed_text(passage: Passage) -> str:
    """What the lexical index sees: who speaks and under which heading, then the paragraph itself."""
    respondent = passage.respondent
    heading = passage.section[-1] if passage.section else ""
    return " ".join(x for x in (respondent.name, respondent.name_en or "", heading, passage.text) if x)


def parse_corpus(files: Sequence[SourceFile], settings: Settings) -> list[Passage]:
    resolve = name_resolver()
    passages: list[Passage] = []
    for source in files:
        try:
            passages.extend(parse_report(source.text, source.document, resolve, settings.max_passage_chars))
        except RagError:
            raise
        except Exception as exc:  # a parser bug must name the file it failed on
            raise IndexBuildError(f"parsing {source.path.name} failed: {exc!r}", "report this file") from exc
    return passages


def _progress(enabled: bool) -> Callable[[str], None]:
    def say(message: str) -> None:
        if enabled:
            print(message, flush=True)

    return say


def build_index(
    settings: Settings, progress: bool = True, encoder: Encoder | None = None, sentence_encoder: Encoder | None = None
) -> Manifest:
    """Build the index for settings.corpus_dir into a fresh directory and swap it in; returns the manifest.
    The encoders are loaded from the settings unless given. On any failure the previous index stays in place."""
    say = _progress(progress)
    started = time.perf_counter()
    target = settings.index_dir
    build_dir = target.parent / builds.BUILDS
    build_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    work = build_dir / f"{builds.TEMPORARY}{stamp}-{os.getpid()}"
    work.mkdir()
    try:
        files = load_corpus(settings.corpus_dir)
        fingerprint = prepare_segmenter()
        passages = parse_corpus(files, settings)
        if not passages:
            raise IndexBuildError("the corpus gave no passages", "check that the files hold report text")
        documents = len({f.document.group for f in files})
        versions = f" ({len(files)} language versions)" if len(files) > documents else ""
        say(f"parsed {documents} documents{versions} into {len(passages)} passages")
        alignment = align_corpus([f.document for f in files], passages)
        (work / ALIGNMENT).write_text(alignment.to_json(), encoding="utf-8")
        if alignment.pairs:
            say(f"aligned {len(alignment.pairs)} pair(s) of language versions")
        tokens = [lexical.tokenize(indexed_text(p), settings.zh_tokenizer) for p in passages]
        lexical.LexicalIndex.build(tokens).save(work)
        say("lexical index built")
        dense = _build_dense(passages, settings, encoder, work, progress)
        sentences = build_sentences(passages, settings, work, progress, sentence_encoder)
        _write_json(work / DOCUMENTS, [f.document.__dict__ for f in files])
        with (work / PASSAGES).open("w", encoding="utf-8") as out:
            for passage in passages:
                out.write(json.dumps(passage.to_dict(), ensure_ascii=False) + "\n")
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            build_seconds=round(time.perf_counter() - started, 3),
            parser_version=PARSER_VERSION,
            max_passage_chars=settings.max_passage_chars,
            tokenizer=Tokenizer(zh=settings.zh_tokenizer, dictionary=fingerprint),
            corpus={f.document.file: f.sha256 for f in files},
            counts=Counts(
                documents=len(files),
                passages=len(passages),
                respondents=len({(p.doc_id, p.respondent.name) for p in passages if p.respondent.name}),
            ),
            alignment=AlignmentInfo(version=ALIGNER_VERSION, pairs=len(alignment.pairs)),
            embedding=dense.embedding,
            mode=dense.mode,
            dense_unavailable=dense.unavailable,
            faiss=dense.faiss,
            forms=dense.forms,
            sentences=sentences,
            files={name: builds.sha256(work / name) for name in _payload_files(work)},
        )
        write_manifest(work, manifest)
        verify_index(work)
        final = build_dir / stamp
        work.rename(final)
        builds.swap(target, final)
        builds.prune(build_dir, keep={final}, target=target)
        say(f"index ready at {target} ({manifest.mode} mode, {time.perf_counter() - started:.1f}s)")
        return manifest
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


@dataclass(frozen=True)
class DenseSide:
    """What the dense half of a build gives the manifest."""

    embedding: Embedding
    mode: IndexMode
    unavailable: str | None = None  # why a build is lexical-only
    faiss: FaissInfo | None = None
    forms: FormsInfo | None = None


def _build_dense(
    passages: Sequence[Passage], settings: Settings, encoder: Encoder | None, work: Path, progress: bool
) -> DenseSide:
    requested = settings.embedding_model
    if encoder is None:
        from rag.indexing.dense import load_encoder

        try:
            encoder = load_encoder(settings)
        except ModelUnavailable as exc:
            # Said once, by whoever reports the build: the manifest keeps why (dense_unavailable), which
            # `rag index build` prints and the service logs as it loads the index (`rag serve` builds, then loads).
            return DenseSide(Embedding(requested=requested, model=None, dimension=None), "lexical", exc.message)
    import faiss

    from rag.indexing.vectors import cache_root, encode_cached

    texts = [p.text for p in passages]
    _progress(progress)(f"embedding {len(texts)} passages with {encoder.name} (new ones take minutes on a small CPU)")
    encoding = encode_cached(encoder, texts, cache_root(settings.index_dir), progress=progress)
    _progress(progress)(f"embedded {encoding.encoded} passages, {len(texts) - encoding.encoded} from the vector cache")
    vectors = np.ascontiguousarray(encoding.vectors, dtype=np.float32)
    if vectors.shape != (len(passages), encoder.dimension):
        raise IndexBuildError(f"the encoder returned shape {vectors.shape} for {len(passages)} passages")
    index, description = dense_index(vectors)
    faiss.write_index(index, str(work / DENSE))
    forms = encode_forms(encoder, work, settings.index_dir if settings.index_dir.exists() else None)
    provenance = getattr(encoder, "provenance", None)
    embedding = Embedding(
        requested=requested,
        model=encoder.name,
        dimension=encoder.dimension,
        provenance=Provenance(**provenance.to_dict()) if provenance is not None else None,
    )
    return DenseSide(embedding, "hybrid", faiss=description, forms=forms)


def _payload_files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file() and p.name != MANIFEST)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


def verify_index(path: Path) -> Manifest:
    """Check the manifest, every file hash, and that the store, BM25 and FAISS agree; raise IndexCorrupt."""
    return _verified(path).manifest


def _verified(path: Path) -> LoadedIndex:
    """The index at `path`, read once and checked."""
    manifest = read_manifest(path)
    problems = builds.file_problems(path, manifest)
    if problems:
        raise IndexCorrupt(f"index at {path}: " + "; ".join(problems), "rebuild with `rag index build`")
    loaded = _load_parts(path, manifest)
    count = manifest.counts.passages
    if len(loaded.passages) != count or loaded.lexical.size != count:
        problems.append(
            f"{count} passages in the manifest, {len(loaded.passages)} stored, {loaded.lexical.size} in BM25"
        )
    if manifest.mode == "hybrid":
        dimension = manifest.embedding.dimension
        if loaded.dense is None or loaded.dense.ntotal != count or loaded.dense.d != dimension:
            problems.append("the FAISS index does not match the passage store or the embedding dimension")
        if manifest.forms and (loaded.forms is None or loaded.forms.shape != (manifest.forms.count, dimension)):
            problems.append("the example questions' vectors do not match the manifest")
    if _has_sentences(manifest) and (loaded.sentences is None or loaded.sentences.index.ntotal != _count(manifest)):
        problems.append("the sentence vectors do not match the manifest")
    if len(loaded.position) != len(loaded.passages):
        problems.append("passage ids are not unique")
    unknown = {p.doc_id for p in loaded.passages} - set(loaded.documents)
    if unknown:
        problems.append(f"passages of unknown documents: {sorted(unknown)}")
    problems += alignment_problems(loaded.alignment, loaded.documents, set(loaded.position))
    if problems:
        raise IndexCorrupt(f"index at {path}: " + "; ".join(problems), "rebuild with `rag index build`")
    return loaded


def _load_parts(path: Path, manifest: Manifest) -> LoadedIndex:
    try:
        documents = {d["id"]: Document.from_dict(d) for d in json.loads((path / DOCUMENTS).read_text(encoding="utf-8"))}
        with (path / PASSAGES).open(encoding="utf-8") as handle:
            passages = [Passage.from_dict(json.loads(line)) for line in handle if line.strip()]
        lexical_index = lexical.LexicalIndex.load(path)
        alignment = read_alignment(path)
        dense = None
        if manifest.mode == "hybrid":
            import faiss

            dense = faiss.read_index(str(path / DENSE))
        forms = read_forms(path, manifest.forms)
        sentences = SentenceVectors.read(path, len(passages)) if _has_sentences(manifest) else None
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorrupt(f"index at {path} cannot be read: {exc}", "rebuild with `rag index build`") from exc
    return LoadedIndex(path.resolve(), manifest, documents, passages, lexical_index, dense, alignment, forms, sentences)


def _has_sentences(manifest: Manifest) -> bool:
    return manifest.sentences is not None and manifest.sentences.model is not None


def _count(manifest: Manifest) -> int | None:
    return manifest.sentences.count if manifest.sentences is not None else None


def load_index(path: Path, verify: bool = True) -> LoadedIndex:
    """The index at `path` (the `current` link followed once). Its build is held against pruning from before it
    is read for as long as the LoadedIndex lives (rag.indexing.builds)."""
    path = path.resolve()
    holding = builds.hold(path)
    try:
        loaded = _verified(path) if verify else _load_parts(path, read_manifest(path))
        prepare_segmenter()
    except BaseException:
        builds.release(holding)
        raise
    if holding is not None:
        weakref.finalize(loaded, builds.release, holding)
    return loaded


def _documents_changed(index_dir: Path, documents: list[Document]) -> bool:
    """Whether what the catalogue says of the documents (symbols, titles, resolutions) differs from the index's."""
    try:
        stored = json.loads((index_dir / DOCUMENTS).read_text(encoding="utf-8"))
        return {Document.from_dict(d) for d in stored} != set(documents)
    except (OSError, ValueError, TypeError):
        return True


def staleness(settings: Settings, check_files: bool = True) -> str | None:
    """Why the index at settings.index_dir must be rebuilt, or None when it is current and its files match
    their hashes (`check_files=False`: the caller has just hashed them and need not read them again)."""
    try:
        manifest = read_manifest(settings.index_dir)
    except RagError as exc:
        return exc.message
    problems = builds.file_problems(settings.index_dir, manifest) if check_files else []
    if problems:  # a damaged build is as stale as an outdated one
        return "the index is corrupt: " + "; ".join(problems)
    try:
        files = load_corpus(settings.corpus_dir)
    except RagError as exc:
        return f"corpus unreadable: {exc.message}"
    if manifest.corpus != {f.document.file: f.sha256 for f in files}:
        return "the corpus changed since the index was built"
    if _documents_changed(settings.index_dir, [f.document for f in files]):
        return "the catalogue (corpus.yaml) changed since the index was built"
    if manifest.parser_version != PARSER_VERSION:
        return "the parser changed since the index was built"
    if manifest.tokenizer.zh != settings.zh_tokenizer:
        return "the Chinese tokenizer setting changed"
    if manifest.tokenizer.dictionary != dictionary_fingerprint():
        return "the Chinese words of the glossary or names table changed (passages are cut with them)"
    if manifest.max_passage_chars != settings.max_passage_chars:
        return "the passage length setting changed"
    if manifest.embedding.requested != settings.embedding_model:
        return "the embedding model setting changed"
    if (manifest.sentences or SentencesInfo(requested="")).requested != settings.sentence_model:
        return "the sentence model setting changed (or the index has no sentence vectors)"
    if manifest.alignment is None or manifest.alignment.version != ALIGNER_VERSION:
        return "the alignment of language versions changed since the index was built"
    if manifest.mode == "hybrid" and (manifest.forms is None or manifest.forms.examples != question_forms()):
        return "the example questions (rag/lang/data/question_forms) changed since the index was built"
    return None


def recover_index(settings: Settings, progress: bool = True, rebuild: bool = True) -> str | None:
    """At start-up: when the current build fails its file hashes, point `current` at the newest earlier build
    that passes them, or else (when `rebuild`) build anew. Returns what was done, or None when the current build
    is intact or there is none (a missing index is for `ensure_index` to build)."""
    target = settings.index_dir
    try:
        manifest = read_manifest(target)
    except IndexNotFound:
        return None
    except IndexCorrupt as exc:
        problems = [exc.message]
    else:
        problems = builds.file_problems(target, manifest)
    if not problems:
        return None
    log.error("the current index at %s is corrupt: %s", target.resolve(), "; ".join(problems))
    current = target.resolve()
    for candidate in builds.finished_builds(target.parent / builds.BUILDS):
        if candidate.resolve() == current:
            continue
        try:
            if builds.file_problems(candidate, read_manifest(candidate)):
                continue
        except RagError:
            continue
        builds.swap(target, candidate)
        done = f"the current index was corrupt; fell back to the intact build {candidate.name}"
        log.warning("%s", done)
        return done
    if not rebuild:
        return None
    _progress(progress)("the current index is corrupt and no earlier build is intact: rebuilding it")
    build_index(settings, progress=progress)
    return "the current index was corrupt; rebuilt it"
