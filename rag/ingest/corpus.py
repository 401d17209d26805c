"""The corpus directory: report files (.txt, .pdf) and the optional corpus.yaml catalogue."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rag.core.errors import CorpusError
from rag.core.types import Document

CATALOGUE = "corpus.yaml"
SUPPORTED = (".txt", ".pdf")


@dataclass(frozen=True)
class SourceFile:
    document: Document
    path: Path
    text: str  # the text the parser reads and the spans point into
    sha256: str  # hash of the file's bytes


def document_id(file_name: str) -> str:
    """Stable id from the file name: everything before the first dot ("A_77_96.zh.txt" -> "A_77_96")."""
    return file_name.split(".", 1)[0]


def _guess_language(file_name: str) -> str | None:
    parts = file_name.split(".")
    return parts[-2] if len(parts) >= 3 and len(parts[-2]) == 2 else None


def read_catalogue(corpus_dir: Path) -> dict[str, dict[str, Any]]:
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
    return {str(e["file"]): e for e in entries}


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
    )


def load_corpus(corpus_dir: Path) -> list[SourceFile]:
    """Every supported file in the directory, with its catalogue entry when it has one."""
    from rag.core.text import cjk_ratio
    from rag.ingest.pdf import pdf_text  # pypdf is only imported when a corpus holds PDFs

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus directory {corpus_dir} does not exist", "set RAG_CORPUS_DIR")
    catalogue = read_catalogue(corpus_dir)
    files: list[SourceFile] = []
    ids: dict[str, str] = {}
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix.lower() not in SUPPORTED or not path.is_file():
            continue
        raw = path.read_bytes()
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
        doc = make_document(path.name, catalogue.get(path.name, {}), "zh" if cjk_ratio(text[:5000]) > 0.3 else None)
        if doc.id in ids:
            raise CorpusError(f"{path.name} and {ids[doc.id]} give the same document id {doc.id!r}", "rename one")
        ids[doc.id] = path.name
        files.append(SourceFile(doc, path, text, hashlib.sha256(raw).hexdigest()))
    missing = sorted(set(catalogue) - {f.path.name for f in files})
    if missing:
        raise CorpusError(f"corpus.yaml lists files that are not in {corpus_dir}: {', '.join(missing)}")
    if not files:
        raise CorpusError(f"no .txt or .pdf files in {corpus_dir}", "add report files")
    return files
