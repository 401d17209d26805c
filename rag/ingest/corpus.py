"""The corpus directory: report files (.txt, .pdf) and the optional corpus.yaml catalogue.

A document may be present in several of the six official languages: the same UN symbol in another language.
corpus.yaml lists another language's file under its document (`versions:`) or as an entry of its own with the
same symbol; a file without an entry is a version of the document with the same name before its language
(A_77_96.en.txt beside A_77_96.zh.txt) or with the same symbol (from its name, or printed on its pages)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from rag.core.errors import CorpusError
from rag.core.types import Document

CATALOGUE = "corpus.yaml"
SUPPORTED = (".txt", ".pdf")
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
# What a version inherits from its document's entry unless it says otherwise.
_SHARED = ("symbol", "session", "resolution", "title_en", "kind")
# A file name that is a UN symbol with "_" for "/": A_77_96, S_2022_100, A_CONF.229_2017_8.
_SYMBOL_NAME = re.compile(r"^[A-Z]{1,6}(?:_[A-Za-z0-9.\-()]+){1,5}$")
# A page header that prints the symbol alone on its line (rag/ingest/layout.py reads the same lines as noise).
_SYMBOL_LINE = re.compile(r"^\s*([A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.()\-]*){1,5})\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SourceFile:
    document: Document
    path: Path
    text: str  # the text the parser reads and the spans point into
    sha256: str  # hash of the file's bytes


def document_id(file_name: str) -> str:
    """The file name up to its first dot ("A_77_96.zh.txt" -> "A_77_96"): the id of a document's first version."""
    return file_name.split(".", 1)[0]


def _guess_language(file_name: str) -> str | None:
    parts = file_name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in UN_LANGUAGES else None


def symbol_from_name(file_name: str) -> str | None:
    """The UN symbol a file name spells with "_" for "/" ("A_77_96.en.txt" -> "A/77/96"), else None."""
    stem = file_name.rsplit(".", 1)[0]
    stem = stem.rsplit(".", 1)[0] if _guess_language(file_name) else stem
    return stem.replace("_", "/") if _SYMBOL_NAME.match(stem) and any(c.isdigit() for c in stem) else None


def symbol_from_text(text: str) -> str | None:
    """The symbol a report prints alone on a line in most of its page headers, when it does so at least twice."""
    counts = Counter(m.group(1) for m in _SYMBOL_LINE.finditer(text) if any(c.isdigit() for c in m.group(1)))
    found = counts.most_common(1)
    return found[0][0] if found and found[0][1] >= 2 else None


def read_catalogue(corpus_dir: Path) -> dict[str, dict[str, Any]]:
    """File name -> its catalogue entry; a version listed under a document's `versions:` gets the document's
    shared fields (symbol, session, resolution, English title) and `version_of`, the file of that document."""
    path = corpus_dir / CATALOGUE
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path} is not valid YAML: {exc}", "fix the file or remove it") from exc
    entries = data.get("documents") or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "file" in e for e in entries):
        raise CorpusError(f"{path}: 'documents' must be a list of mappings with a 'file' key")
    catalogue: dict[str, dict[str, Any]] = {}
    for entry in entries:
        versions = entry.get("versions") or []
        if not isinstance(versions, list) or not all(isinstance(v, dict) and "file" in v for v in versions):
            raise CorpusError(f"{path}: 'versions' of {entry['file']} must be a list of mappings with a 'file' key")
        catalogue[str(entry["file"])] = {k: v for k, v in entry.items() if k != "versions"}
        for version in versions:
            inherited = {k: entry[k] for k in _SHARED if k in entry} | {
                k: v for k, v in entry.items() if k.startswith("title_")
            }
            catalogue[str(version["file"])] = inherited | dict(version) | {"version_of": str(entry["file"])}
    return catalogue


def make_document(file_name: str, entry: dict[str, Any], text_language: str | None) -> Document:
    language = entry.get("language") or _guess_language(file_name) or text_language or "und"
    title = entry.get(f"title_{language}") or entry.get("title") or entry.get("title_en")
    session = entry.get("session")
    return Document(
        id=document_id(file_name),
        file=file_name,
        language=language,
        symbol=entry.get("symbol"),
        title=title,
        title_en=entry.get("title_en"),
        resolution=entry.get("resolution"),
        session=int(session) if session is not None else None,
        titles=tuple(
            (key[len("title_") :], str(value))
            for key, value in sorted(entry.items())
            if key.startswith("title_") and key[len("title_") :] in UN_LANGUAGES and value
        ),
    )


def _read_text(path: Path, raw: bytes) -> str:
    from rag.ingest.pdf import pdf_text  # pypdf is only imported when a corpus holds PDFs

    if path.suffix.lower() == ".pdf":
        text = pdf_text(path)
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path.name} is not UTF-8 text ({exc})", "convert it to UTF-8") from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(f"{path.name} holds no text", "remove it or replace it with a text-bearing file")
    return text


def load_corpus(corpus_dir: Path) -> list[SourceFile]:
    """Every supported file in the directory, with its catalogue entry when it has one, its language versions
    linked (Document.version_of) and a unique id each."""
    from rag.lang.detect import detect_language

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist", "set RAG_CORPUS_DIR")
    catalogue = read_catalogue(corpus_dir)
    files: list[SourceFile] = []
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix.lower() not in SUPPORTED or not path.is_file():
            continue
        raw = path.read_bytes()
        text = _read_text(path, raw)
        entry = catalogue.get(path.name)
        if entry is None:  # no catalogue entry: the symbol from the file name, else from its page headers
            entry = {"symbol": symbol_from_name(path.name) or symbol_from_text(text)}
        doc = make_document(path.name, entry, detect_language(text[:5000]))
        files.append(SourceFile(doc, path, text, hashlib.sha256(raw).hexdigest()))
    missing = sorted(set(catalogue) - {f.path.name for f in files})
    if missing:
        raise CorpusError(f"corpus.yaml lists files that are not in {corpus_dir}: {', '.join(missing)}")
    if not files:
        raise CorpusError(f"no .txt or .pdf files in {corpus_dir}", "add report files")
    return link_versions(files, catalogue)


def link_versions(files: Sequence[SourceFile], catalogue: dict[str, dict[str, Any]]) -> list[SourceFile]:
    """Group the files into documents (a `versions:` list, the same symbol, the same name before the language)
    and give each a unique id: a document's first version keeps its file's id ("A_77_96"), another language's
    version adds its language ("A_77_96.en"). First is a catalogue entry's own file, in catalogue order, then a
    listed version, then a file without an entry, by name."""
    order = list(catalogue)

    def precedence(source: SourceFile) -> tuple[int, int, str]:
        entry = catalogue.get(source.path.name)
        rank = 2 if entry is None else 1 if "version_of" in entry else 0
        return rank, order.index(source.path.name) if entry is not None else 0, source.path.name

    ranked = sorted(files, key=precedence)
    symbol = {s.path.name: s.document.symbol for s in files}
    group: dict[str, str] = {}  # file name -> the file name of its document's first version
    first_by: dict[tuple[str, str], str] = {}  # ("symbol" | "stem", value) -> that first version's file name
    for source in ranked:
        name, document = source.path.name, source.document
        keys = [("symbol", document.symbol)] if document.symbol else []
        keys.append(("stem", document_id(name)))
        # The same name before the language is the same document, unless the two say they have other symbols.
        found = (first_by[k] for k in keys if k in first_by)
        compatible = (h for h in found if not (symbol[h] and document.symbol and symbol[h] != document.symbol))
        head = catalogue.get(name, {}).get("version_of") or next(compatible, name)
        group[name] = group.get(head, head)
        for key in keys:
            first_by.setdefault(key, group[name])
    ids: dict[str, str] = {}
    languages: dict[tuple[str, str], str] = {}
    for source in ranked:
        name, document = source.path.name, source.document
        head = group[name]
        other = languages.setdefault((head, document.language), name)
        if other != name:
            raise CorpusError(
                f"{name} and {other} are both the {document.language!r} version of one document",
                "give each file its language (name.<lang>.txt or `language:` in corpus.yaml), or remove one",
            )
        candidates = [document.id, f"{document.id}.{document.language}"]
        chosen = next((c for c in candidates if c not in ids.values()), None)
        if chosen is None:
            raise CorpusError(f"{name} and {_holder(ids, candidates[-1])} give the same document id", "rename one")
        ids[name] = chosen
    return [_linked(source, ids, group, catalogue) for source in files]


def _linked(
    source: SourceFile, ids: dict[str, str], group: dict[str, str], catalogue: dict[str, dict[str, Any]]
) -> SourceFile:
    """The file's document with its id and the id of its first version; a version without a catalogue entry
    takes its document's (symbol, session, resolution, titles) from the first version's entry."""
    name, head = source.path.name, group[source.path.name]
    document = source.document
    if name not in catalogue and head in catalogue:
        entry = catalogue[head]
        shared = {k: entry[k] for k in _SHARED if k in entry} | {
            k: v for k, v in entry.items() if k.startswith("title_")
        }
        document = make_document(name, {**shared, "language": document.language}, None)
    version_of = None if head == name else ids[head]
    return replace(source, document=replace(document, id=ids[name], version_of=version_of))


def _holder(ids: dict[str, str], document_id: str) -> str:
    return next(name for name, taken in ids.items() if taken == document_id)
