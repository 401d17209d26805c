"""Sentences re-ranked by meaning beside words; headings and bare lead-ins never quoted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np

from rag.answering.evidence import Evidence
from rag.answering.semantic import MEANING_WEIGHT, SemanticRanker
from rag.core.types import Document, Hit, Passage, Respondent
from rag.retrieval.retriever import Retriever

DOC = Document(id="d", file="d.txt", language="zh", symbol="A/1/1")


def evidence(sentence: str, score: float, rank: int = 1) -> Evidence:
    passage = Passage(
        id=sentence, doc_id="d", text=sentence, start=0, end=len(sentence), respondent=Respondent("", "none")
    )
    return Evidence(Hit(passage, 1.0, DOC), rank, (0, len(sentence)), coverage=score, score=score)


class MeaningStub:
    """The retriever's two embedding reads over a table of unit vectors by text (None: lexical-only)."""

    def __init__(self, vectors: dict[str, list[float]] | None) -> None:
        self.vectors = vectors
        self.asked: list[str] = []

    def embed_query(self, text: str) -> np.ndarray | None:
        return None if self.vectors is None else _unit(self.vectors[text])

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray | None:
        assert self.vectors is not None
        self.asked.extend(texts)
        return np.stack([_unit(self.vectors[t]) for t in texts])


def _unit(values: list[float]) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def ranker(stub: MeaningStub) -> SemanticRanker:
    return SemanticRanker(cast(Retriever, stub))


def test_a_sentence_close_in_meaning_overtakes_one_that_only_shares_words() -> None:
    words = evidence("The conference was held in Vienna in 2016.", 0.60)
    meaning = evidence("About 2,100 participants attended.", 0.55, rank=2)
    stub = MeaningStub({"How many people came?": [1, 0], words.sentence: [0.6, 0.8], meaning.sentence: [0.95, 0.3]})
    ranked = ranker(stub).rerank("How many people came?", [words, meaning])
    assert [e.sentence for e in ranked] == [meaning.sentence, words.sentence]
    assert ranked[0].similarity is not None and ranked[0].similarity > ranked[1].similarity  # type: ignore[operator]
    # The closest sentence keeps its score; the other loses MEANING_WEIGHT per unit of cosine below it.
    assert ranked[0].score == meaning.score
    assert abs(ranked[1].score - (0.60 - MEANING_WEIGHT * (ranked[0].similarity - ranked[1].similarity))) < 1e-3  # type: ignore[operator]


def test_far_apart_word_scores_are_not_overturned_by_a_small_difference_in_meaning() -> None:
    strong = evidence("Jordan adopted the Prevention of Terrorism Act in 2006.", 0.9)
    weak = evidence("Jordan is a party to many conventions.", 0.3, rank=2)
    stub = MeaningStub({"q": [1, 0], strong.sentence: [0.90, 0.44], weak.sentence: [0.92, 0.39]})
    assert ranker(stub).rerank("q", [strong, weak])[0] is not weak


def test_headings_and_bare_lead_ins_are_never_quoted_when_a_sentence_is_left() -> None:
    heading, lead_in = evidence("1. 约旦与大规模毁灭性武器", 0.9), evidence("损失实例包括：", 0.8)
    answer = evidence("约旦是无大规模毁灭性武器国家。", 0.4, rank=3)
    for stub in (MeaningStub(None), MeaningStub({"q": [1, 0], answer.sentence: [1, 0]})):
        assert [e.sentence for e in ranker(stub).rerank("q", [heading, lead_in, answer])] == [answer.sentence]
    # With nothing else, a heading is better than no evidence at all.
    assert ranker(MeaningStub(None)).rerank("q", [heading]) == [heading]


def test_lexical_only_keeps_the_word_order_and_encodes_nothing() -> None:
    first, second = evidence("A first sentence.", 0.9), evidence("A second sentence.", 0.5, rank=2)
    stub = MeaningStub(None)
    assert ranker(stub).rerank("q", [first, second]) == [first, second] and stub.asked == []
