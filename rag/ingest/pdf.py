"""PDF -> text in the layout the text parser reads: one printed line per line, paragraph indents kept."""

from __future__ import annotations

from pathlib import Path

from rag.core.errors import CorpusError


def dedent_page(page: str) -> str:
    """Remove the page's left margin so that only paragraph indents remain as leading spaces."""
    lines = [line.rstrip() for line in page.splitlines()]
    margins = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    margin = min(margins, default=0)
    return "\n".join(line[margin:] for line in lines)


def pdf_text(path: Path) -> str:
    """Extract every page with pypdf in layout mode, which keeps the indentation the parser reads."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise CorpusError(f"cannot read PDF {path.name}: {exc}", "check that the file is a valid PDF") from exc
    if not any(page.strip() for page in pages):
        raise CorpusError(f"{path.name} has no extractable text", "run OCR on it first or supply the text file")
    return "\n\n".join(dedent_page(page) for page in pages)
