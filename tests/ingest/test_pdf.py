"""PDF text in the layout the parser reads: lines kept, the page margin removed, paragraph indents kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.errors import CorpusError
from rag.ingest.pdf import dedent_page, pdf_text
from tests.support.pdf_sample import write_pdf


def test_dedent_removes_only_the_common_margin() -> None:
    page = "      I. Title\n\n          1. Indented paragraph   \n      continues here\n"
    assert dedent_page(page) == "I. Title\n\n    1. Indented paragraph\ncontinues here"
    assert dedent_page("") == ""


def test_pages_are_read_with_their_indents(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "report.pdf",
        [
            [(0, "I. Introduction"), (36, "1. Australia supports export controls.")],
            [(0, "II. Replies"), (0, "Cuba")],
        ],
    )
    text = pdf_text(path)
    lines = [line for line in text.splitlines() if line.strip()]
    assert [line.strip() for line in lines] == [
        "I. Introduction",
        "1. Australia supports export controls.",
        "II. Replies",
        "Cuba",
    ]
    assert lines[0] == "I. Introduction"  # the margin is gone
    assert lines[1].startswith(" ") and not lines[2].startswith(" ")  # the indent is kept
    assert "\n\n" in text.split("Replies")[0]  # pages are joined by a blank line


def test_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(CorpusError, match="no extractable text") as info:
        pdf_text(path)
    assert "OCR" in (info.value.hint or "")


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(CorpusError, match=r"cannot read PDF broken\.pdf"):
        pdf_text(path)
