"""Reciprocal-rank fusion of ranked lists: a pure function."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[int]], k: int = 60, weights: Mapping[str, float] | None = None
) -> list[tuple[int, float, dict[str, int]]]:
    """Fuse ranked lists of item ids (best first) into (id, score, {list name: 1-based rank}), best first.

    score(d) = sum over lists of weight / (k + rank(d)); ties keep the order of first appearance."""
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, item in enumerate(ranking, start=1):
            if name in ranks.get(item, {}):
                continue  # a list that names an item twice counts it once, at its best rank
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
            ranks.setdefault(item, {})[name] = rank
    order = sorted(scores, key=lambda item: -scores[item])
    return [(item, scores[item], ranks[item]) for item in order]
