"""Tests for rag.answering.scope: who speaks where."""

from __future__ import annotations

from typing import Any

from rag.answering.scope import respondent_sections


def test_every_reply_is_one_section_of_its_document(service: Any) -> None:
    retriever = service.retriever
    sections = respondent_sections(retriever.passages)
    assert set(sections) <= set(retriever.documents)
    for doc_id, replies in sections.items():
        keys = [section.key for section in replies]
        assert len(keys) == len(set(keys)), f"a respondent appears twice in {doc_id}"
        for section in replies:
            assert section.positions == tuple(sorted(section.positions))
            assert all(retriever.passages[p].doc_id == doc_id for p in section.positions)
            assert all(retriever.passages[p].respondent.name == section.respondent.name for p in section.positions)
    assert len(sections["A_77_96"]) > 20  # the export-controls report has a reply from each of many states
