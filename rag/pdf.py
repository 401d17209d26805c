"""PDF -> text in the layout the text parser reads (one extracted line per line, blank-line separated)."""

from __future__ import annotations

from pathlib import Path

from rag.errors import CorpusError


def pdf_text(path: Path) -> str:
    """Extract the text of every page with pypdf; lines are kept as the PDF lays them out."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise CorpusError(f"cannot read PDF {path.name}: {exc}", "check that the file is a valid PDF") from exc
    # The text parser expects paragraphs to open on an indented line and wrapped lines to follow;
    # pypdf keeps the leading spaces of indented lines, so pages are simply concatenated.
    return "\n".join(pages)
