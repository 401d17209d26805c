"""Tokenisation (Chinese words and bigrams, folded Latin words, UN symbols) and the weighted-query BM25."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from rag.indexing.lexical import LATIN_STOPWORDS, LexicalIndex, add_words, segment_words, token_groups, tokenize


def test_chinese_bigrams_carry_a_mark_so_they_never_meet_words() -> None:
    assert tokenize("出口管制", "bigram") == ["#出口", "#口管", "#管制"]
    assert tokenize("国", "bigram") == ["国"]  # a single character is its own token
    jieba = tokenize("澳大利亚支持出口管制", "jieba")
    assert "澳大利亚" in jieba and "出口" in jieba and not any(t.startswith("#") for t in jieba)
    both = tokenize("出口管制", "both")
    assert set(both) == set(tokenize("出口管制", "jieba")) | set(tokenize("出口管制", "bigram"))


def test_latin_words_are_folded_and_stopwords_dropped() -> None:
    assert tokenize("Les États et la Résolution") == ["etats", "resolution"]
    assert tokenize("the Treaty and the States") == ["treaty", "states"]
    assert {"the", "les", "и"} <= LATIN_STOPWORDS


def test_symbols_are_kept_whole_and_give_their_tail() -> None:
    assert tokenize("resolution A/RES/76/234") == ["resolution", "a/res/76/234", "76/234"]
    assert tokenize("76/234号决议")[0] == "76/234"  # the text between CJK runs is read as Latin


def test_token_groups_follow_the_words() -> None:
    # Everyday words: no index build teaches jieba these (it is taught glossary terms such as 出口管制, process-wide).
    assert token_groups("今天下雨 export controls") == [["今天", "#今天"], ["下雨", "#下雨"], ["export"], ["controls"]]
    assert token_groups("今天下雨", "bigram") == [["#今天", "#天下", "#下雨"]]


def test_taught_words_are_cut_whole_and_teaching_twice_changes_nothing() -> None:
    word = "枳椇甍鹬"  # no such word: teaching it (jieba is process-wide) changes no other test's text
    assert word not in segment_words(f"各国加入{word}。")
    add_words([word])
    assert word in segment_words(f"各国加入{word}。")
    cut = tokenize(f"各国加入{word}和武器贸易条约", "jieba")
    add_words([word])
    assert tokenize(f"各国加入{word}和武器贸易条约", "jieba") == cut


@pytest.fixture
def index() -> LexicalIndex:
    documents = [
        ["export", "controls", "australia"],
        ["export", "licences"],
        ["nuclear", "weapons", "treaty"],
        ["export", "export", "controls", "cuba"],
    ]
    return LexicalIndex.build(documents)


def test_scores_follow_weights_and_ignore_unknown_tokens(index: LexicalIndex) -> None:
    assert index.size == 4
    plain = index.scores({"controls": 1.0})
    assert plain.dtype == np.float32 and plain.shape == (4,)
    assert plain[0] > 0 and plain[3] > 0 and plain[1] == plain[2] == 0
    np.testing.assert_allclose(index.scores({"controls": 0.5}), plain * 0.5, rtol=1e-6)
    np.testing.assert_array_equal(index.scores({"controls": 1.0, "unknown": 1.0, "nuclear": 0.0}), plain)
    both = index.scores({"controls": 1.0, "treaty": 1.0})
    np.testing.assert_allclose(both, plain + index.scores({"treaty": 1.0}), rtol=1e-6)


def test_postings_and_idf(index: LexicalIndex) -> None:
    assert sorted(index.postings("export").tolist()) == [0, 1, 3]
    assert index.postings("unknown").size == 0
    assert index.idf("unknown") == 0.0
    assert index.idf("treaty") > index.idf("controls") > index.idf("export") > 0


def test_save_and_load_give_the_same_scores(index: LexicalIndex, tmp_path: Path) -> None:
    index.save(tmp_path)
    assert (tmp_path / LexicalIndex.DIRNAME).is_dir()
    loaded = LexicalIndex.load(tmp_path)
    query = {"export": 1.0, "controls": 0.5}
    np.testing.assert_array_equal(loaded.scores(query), index.scores(query))


def test_bm25s_says_nothing_below_a_warning_though_its_import_asks_for_debug(caplog: pytest.LogCaptureFixture) -> None:
    import bm25s  # noqa: F401  (imported by now; its import sets its logger to DEBUG, as the next line does)

    logging.getLogger("bm25s").setLevel(logging.DEBUG)
    with caplog.at_level(logging.DEBUG):
        LexicalIndex.build([["export", "controls"], ["nuclear", "weapons"]])
    assert not [record for record in caplog.records if record.name.startswith("bm25s")]
    assert logging.getLogger("bm25s").level == logging.WARNING
