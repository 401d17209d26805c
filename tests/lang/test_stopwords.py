"""rag/lang/stopwords.py: the word lists read from rag/lang/data/<kind>/<lang>.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.indexing import lexical
from rag.lang import stopwords


def test_read_skips_comments_and_blank_lines() -> None:
    words = stopwords.read("stopwords", "en")
    assert {"the", "of", "which"} <= words
    assert not any(w.startswith("#") or not w or w != w.strip() for w in words)


def test_words_is_the_union_of_the_languages_files() -> None:
    union = stopwords.words("stopwords", ("en", "fr"))
    assert union == stopwords.read("stopwords", "en") | stopwords.read("stopwords", "fr")
    assert "the" in union and "les" in union and "и" not in union


def test_a_language_without_a_file_contributes_nothing() -> None:
    assert stopwords.read("question_words", "fr") == frozenset()
    assert stopwords.words("question_words", ("fr", "zh")) == stopwords.read("question_words", "zh")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(KeyError):
        stopwords.read("no_such_kind", "en")


def test_every_data_folder_is_a_declared_kind_of_un_language_files() -> None:
    for kind in stopwords.KINDS:
        files = sorted(Path(stopwords.DATA_DIR / kind).glob("*.txt"))
        assert files, kind
        assert {f.stem for f in files} <= set(stopwords.LANGUAGES)
        for f in files:
            assert stopwords.read(kind, f.stem), f  # no empty list


def test_the_index_leaves_the_stopwords_out() -> None:
    assert lexical.tokenize("the reports of les États et для Japan") == ["reports", "etats", "japan"]
    assert stopwords.words("stopwords", ("en", "fr", "es", "ru", "ar")) == lexical.LATIN_STOPWORDS
