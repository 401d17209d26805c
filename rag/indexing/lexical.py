"""Lexical side of the index: language-aware tokenisation and a weighted-query BM25 over bm25s."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from rag.core.logs import quiet_libraries
from rag.core.text import CJK_RUN_PATTERN, fold, is_cjk
from rag.lang import stopwords

ZhMode = Literal["jieba", "bigram", "both"]

# Python counts CJK characters as word characters, so words of other scripts are matched only in the
# text between CJK runs ("76/234号决议" is "76/234" then "号决议").
_WORD = re.compile(r"[^\W_]+(?:[/.\-][^\W_]+)*")
# Symbols such as "76/234" or "a/res/76/234" are kept whole and also give their "session/number" tail.
_SYMBOL_TAIL = re.compile(r"(\d{1,3}/\d{1,4})$")
# Words of en/fr/es/ru text the index leaves out (rag/lang/data/stopwords/<lang>.txt).
LATIN_STOPWORDS = stopwords.words("stopwords", ("en", "fr", "es", "ru", "ar"))


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


_TAUGHT = 2000  # frequency given to taught words


def add_words(words: Iterable[str]) -> None:
    """Teach the Chinese segmenter multi-character terms (UN terminology, state names)."""
    tokenizer = _jieba()
    for word in words:
        # Idempotent: jieba adds each call's frequency to its total, so teaching the same words again (every
        # index load, every hot reload) would shift every word's probability and with it how queries are cut.
        taught = tokenizer.FREQ.get(word) == _TAUGHT  # type: ignore[attr-defined]
        if len(word) >= 2 and all(is_cjk(c) for c in word) and not taught:
            tokenizer.add_word(word, freq=_TAUGHT)  # type: ignore[attr-defined]


def segment(text: str) -> list[str]:
    """Chinese text cut into words (jieba, with the terms taught by add_words), for phrase-level work."""
    return list(_jieba().cut(text))  # type: ignore[attr-defined]


def segment_words(text: str) -> list[str]:
    """The words of a Chinese run, without blanks."""
    return [w for w in segment(text) if w.strip()]


def _chinese_tokens(run: str, mode: ZhMode) -> list[str]:
    tokens: list[str] = []
    if mode in ("jieba", "both"):
        tokens.extend(w for w in _jieba().cut_for_search(run) if w.strip())  # type: ignore[attr-defined]
    if mode in ("bigram", "both"):
        if len(run) == 1:
            tokens.append(run) if mode == "bigram" else None
        else:
            tokens.extend("#" + run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def tokenize(text: str, zh_mode: ZhMode = "both") -> list[str]:
    """Tokens of a passage or a query: Chinese by jieba words and/or character bigrams (bigrams carry a
    '#' so they never collide with jieba words), other scripts as folded words without stopwords."""
    tokens: list[str] = []
    for index, segment in enumerate(CJK_RUN_PATTERN.split(text)):
        if index % 2:  # the split keeps the CJK runs at odd positions
            tokens.extend(_chinese_tokens(segment, zh_mode))
            continue
        for match in _WORD.finditer(segment):
            word = fold(match.group(0))
            if word in LATIN_STOPWORDS:
                continue
            tokens.append(word)
            if "/" in word and (tail := _SYMBOL_TAIL.search(word)) and tail.group(1) != word:
                tokens.append(tail.group(1))
    return tokens


def token_groups(text: str, zh_mode: ZhMode = "both") -> list[list[str]]:
    """The tokens of `text` grouped by the word they come from (a Chinese word with its sub-words and
    in-word bigrams, a Latin word with its symbol tail). Bigrams across word boundaries are left out:
    they stand for no word of the text."""
    groups: list[list[str]] = []
    for index, segment in enumerate(CJK_RUN_PATTERN.split(text)):
        if index % 2:
            words = segment_words(segment) if zh_mode != "bigram" else [segment]
            groups.extend(group for word in words if (group := _chinese_tokens(word, zh_mode)))
        else:
            groups.extend(group for word in _WORD.findall(segment) if (group := tokenize(word, zh_mode)))
    return groups


def _bm25s() -> Any:
    """bm25s, imported when first needed; its import sets its logger to DEBUG, so the libraries' levels
    (rag.core.logs) are set again after it."""
    import bm25s

    quiet_libraries()
    return bm25s


class LexicalIndex:
    """BM25 (bm25s, Lucene variant) whose queries carry a weight per token."""

    DIRNAME = "bm25"

    def __init__(self, model: object) -> None:
        self._model = model
        self._vocab: Mapping[str, int] = model.vocab_dict  # type: ignore[attr-defined]

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        model = _bm25s().BM25()
        model.index(documents, show_progress=False)
        return cls(model)

    def save(self, directory: Path) -> None:
        self._model.save(str(directory / self.DIRNAME), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path, mmap: bool = False) -> LexicalIndex:
        model = _bm25s().BM25.load(str(directory / cls.DIRNAME), mmap=mmap, show_progress=False)
        return cls(model)

    @property
    def size(self) -> int:
        return int(self._model.scores["num_docs"])  # type: ignore[attr-defined]

    def scores(self, weighted_tokens: Mapping[str, float]) -> np.ndarray:
        """BM25 score of every document for a query whose tokens carry weights (expansions weigh less)."""
        # One accumulator, each token's postings added straight from the score matrix (a document
        # appears once per token), instead of a full-length array per token.
        matrix = self._model.scores  # type: ignore[attr-defined]
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        total = np.zeros(self.size, dtype=np.float32)
        for token, weight in weighted_tokens.items():
            token_id = self._vocab.get(token)
            if token_id is not None and weight > 0:
                start, end = indptr[token_id], indptr[token_id + 1]
                total[indices[start:end]] += np.float32(weight) * data[start:end]
        return total

    def postings(self, token: str) -> np.ndarray:
        """Positions of the documents that contain `token` (empty when the token is unknown)."""
        token_id = self._vocab.get(token)
        if token_id is None:
            return np.zeros(0, dtype=np.int64)
        matrix = self._model.scores  # type: ignore[attr-defined]
        indptr = matrix["indptr"]
        return np.asarray(matrix["indices"][indptr[token_id] : indptr[token_id + 1]], dtype=np.int64)

    def idf(self, token: str) -> float:
        """Inverse document frequency (BM25's form); 0 for a token no document contains."""
        found = self.postings(token).size
        return 0.0 if found == 0 else float(np.log(1 + (self.size - found + 0.5) / (found + 0.5)))
