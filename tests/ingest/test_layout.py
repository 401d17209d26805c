"""Tests for rag.ingest.layout: running text, long paragraphs cut at sentences, footnotes given to passages."""

from __future__ import annotations

from rag.core.types import Passage
from rag.ingest.layout import attach_footnotes, classify_lines, normalize_span, split_spans

PAGE = """  1.  The Group met twice. It agreed on a report.
https://undocs.org/A/77/96
A/77/96
2/68 22-09134
_____________
  1 See A/76/100.
"""


def test_urls_page_headers_and_footnotes_are_not_running_text() -> None:
    kinds = {line.content: line.kind for line in classify_lines(PAGE) if line.content}
    assert kinds["1.  The Group met twice. It agreed on a report."] == "content"
    assert kinds["https://undocs.org/A/77/96"] == "noise"
    assert kinds["A/77/96"] == kinds["2/68 22-09134"] == "noise"
    assert kinds["_____________"] == "footnote_rule"
    assert kinds["1 See A/76/100."] == "footnote"
    assert normalize_span(PAGE) == "1.  The Group met twice. It agreed on a report."


def test_a_long_paragraph_is_cut_at_sentence_boundaries_into_exact_source_spans() -> None:
    source = "  First sentence here.\nSecond sentence\nwraps on. Third one ends it."
    start, end = 2, len(source)
    assert split_spans(source, start, end, max_units=1000) == [(start, end)]
    pieces = split_spans(source, start, end, max_units=25)
    assert len(pieces) > 1
    texts = [normalize_span(source[a:b]) for a, b in pieces]
    assert texts[0] == "First sentence here."
    assert " ".join(texts) == normalize_span(source[start:end])


def test_a_footnote_goes_to_the_passage_that_carries_its_marker() -> None:
    source = "Alpha says so.1\nBeta says nothing.\n_____\n1 The note.\n"
    lines = classify_lines(source)
    first = Passage(id="d-1", doc_id="d", text="Alpha says so.1", start=0, end=15)
    second = Passage(id="d-2", doc_id="d", text="Beta says nothing.", start=16, end=34)
    noted = attach_footnotes([first, second], lines)
    assert [note.text for note in noted[0].footnotes] == ["The note."]
    assert noted[1].footnotes == ()


def test_symbol_font_bullets_become_bullets_of_the_same_length() -> None:
    raw = " 确定了以下目标：\n \uf0b7 完成规范框架。\n \uf0a7 保护关键设施。\n"
    text = normalize_span(raw)
    assert "\uf0b7" not in text and "\uf0a7" not in text
    assert text.count("•") == 1 and text.count("▪") == 1
    assert len(normalize_span(raw)) == len(normalize_span(raw.replace("\uf0b7", "x").replace("\uf0a7", "y")))
