"""The example questions of rag/lang/data/question_forms: every UN language has all three classes."""

from __future__ import annotations

from collections import Counter

import pytest

from rag.lang import forms


def test_every_un_language_has_examples_of_every_class() -> None:
    counts = Counter((e.language, e.form) for e in forms.examples())
    assert forms.gaps() == ()
    for language in forms.LANGUAGES:
        assert counts[(language, "set_condition")] >= 30
        assert counts[(language, "set_replied")] >= 10
        assert counts[(language, "other")] >= 30  # the look-alikes weigh as much as the set questions


def test_examples_are_distinct_whole_questions() -> None:
    texts = [e.text for e in forms.examples()]
    assert len(set(texts)) == len(texts)
    assert all(len(t) >= 6 and t == t.strip() for t in texts)


def test_the_fingerprint_follows_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    before = forms.fingerprint()
    assert before == forms.fingerprint() and len(before) == 16
    changed = (*forms.examples()[:-1], forms.Example("Which states replied late?", "set_replied", "en"))
    monkeypatch.setattr(forms, "examples", lambda: changed)
    forms.fingerprint.cache_clear()
    try:
        assert forms.fingerprint() != before
    finally:
        monkeypatch.undo()
        forms.fingerprint.cache_clear()
    assert forms.fingerprint() == before


def test_an_unknown_class_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "en.yaml").write_text("set_condition: ['Which states?']\nsets: ['x']\n", encoding="utf-8")
    monkeypatch.setattr(forms, "DATA_DIR", tmp_path)
    forms.examples.cache_clear()
    try:
        with pytest.raises(ValueError, match="unknown classes"):
            forms.examples()
    finally:
        monkeypatch.undo()
        forms.examples.cache_clear()
