"""Reciprocal-rank fusion (pure)."""

from __future__ import annotations

import pytest

from rag.retrieval.fusion import reciprocal_rank_fusion


def test_scores_are_sums_of_reciprocal_ranks() -> None:
    fused = reciprocal_rank_fusion({"lexical": [1, 2, 3], "dense": [3, 1]}, k=60)
    scores = {item: score for item, score, _ in fused}
    assert scores[1] == pytest.approx(1 / 61 + 1 / 62)
    assert scores[3] == pytest.approx(1 / 63 + 1 / 61)
    assert scores[2] == pytest.approx(1 / 62)
    assert [item for item, _, _ in fused] == [1, 3, 2]
    assert dict((item, ranks) for item, _, ranks in fused)[3] == {"lexical": 3, "dense": 1}


def test_a_single_list_keeps_its_order_and_ties_keep_first_appearance() -> None:
    assert [i for i, _, _ in reciprocal_rank_fusion({"a": [5, 4, 9]})] == [5, 4, 9]
    fused = reciprocal_rank_fusion({"a": [1, 2], "b": [2, 1]})
    assert [i for i, _, _ in fused] == [1, 2]


def test_duplicates_count_once_at_their_best_rank() -> None:
    fused = reciprocal_rank_fusion({"a": [7, 7, 8]}, k=10)
    assert dict((i, s) for i, s, _ in fused)[7] == pytest.approx(1 / 11)


def test_weights_and_empty_lists() -> None:
    fused = reciprocal_rank_fusion({"a": [1], "b": [2]}, k=0, weights={"b": 3.0})
    assert [i for i, _, _ in fused] == [2, 1]
    assert reciprocal_rank_fusion({"a": [], "b": []}) == []


def test_the_default_constant_keeps_what_one_ranking_puts_first_on_top() -> None:
    from rag.core.settings import Settings

    # Passage 1: first by words, tenth by meaning; passage 2: fourth in both.
    rankings = {"lexical": [1, 3, 4, 2, 5], "dense": [6, 7, 8, 2, 9, 10, 11, 12, 13, 1]}
    assert reciprocal_rank_fusion(rankings, k=60)[0][0] == 2  # the usual constant lets the middle win
    assert [i for i, _, _ in reciprocal_rank_fusion(rankings, k=Settings().rrf_k)][:1] == [1]
