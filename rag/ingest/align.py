"""Paragraph alignment of two language versions of one document; pure functions.

Official versions of a UN report have the same structure: the same replies in the same order, the same
numbered paragraphs. So the versions are cut at what both share and the rest is aligned by length:

1. replies align by respondent (the canonical id of the names table, else the name as written), and the
   stretches without a respondent between them by order;
2. inside, numbered paragraphs align by their number;
3. what is left between two such anchors (unnumbered paragraphs, the pieces of a long paragraph) is aligned by
   the classic dynamic programme of Gale and Church (1993) on character lengths, with each language's length
   relative to English (the `text_length` of rag/lang/data/lexicon/<lang>.yaml) as the expected ratio."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cache

from rag.core.text import fold
from rag.core.types import Passage
from rag.lang import lexicon

ALIGNER_VERSION = "1"
# Gale and Church's prior probabilities of the bead types (a passages, b passages), and the variance of the
# length of a translation per character of its source.
_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.011}
VARIANCE = 6.8
BAND = 40  # passages off the diagonal the programme looks at, beyond the difference in count

BY_NUMBER = "number"  # inside a numbered paragraph both versions have
BY_LENGTH = "length"  # by order and length between anchors


@dataclass(frozen=True)
class Bead:
    """Passages of version a and of version b that translate each other (one side empty: no counterpart)."""

    a: tuple[int, ...]  # positions in version a's passages
    b: tuple[int, ...]
    by: str  # BY_NUMBER or BY_LENGTH


@dataclass(frozen=True)
class Figures:
    """How well a pair of versions aligned."""

    passages_a: int
    passages_b: int
    aligned_a: int  # passages of a with a counterpart in b
    aligned_b: int
    numbered_a: int  # numbered paragraphs of a
    numbered_b: int
    by_number: int  # numbered paragraphs matched by their number
    respondents_a: int  # replies of a
    respondents_b: int
    by_respondent: int  # replies matched by their respondent

    @property
    def unmatched_a(self) -> int:
        return self.passages_a - self.aligned_a

    @property
    def unmatched_b(self) -> int:
        return self.passages_b - self.aligned_b

    @property
    def number_share(self) -> float | None:
        """Share of the numbered paragraphs (of the version with more) matched by number; None without any."""
        most = max(self.numbered_a, self.numbered_b)
        return round(self.by_number / most, 4) if most else None


@dataclass(frozen=True)
class PairAlignment:
    beads: tuple[Bead, ...]
    figures: Figures


@cache
def text_length(language: str) -> float:
    """Characters of this language's UN text per character of the same text in English (1.0 when unknown)."""
    return float(lexicon.table(language).get("text_length", 1.0))


def align_versions(a: Sequence[Passage], b: Sequence[Passage], language_a: str, language_b: str) -> PairAlignment:
    """Align the passages of two language versions of one document (each in reading order)."""
    scale_a, scale_b = text_length(language_a), text_length(language_b)
    runs_a, runs_b = _runs(a), _runs(b)
    beads: list[Bead] = []
    by_number = 0
    for seg_a, seg_b in _segments(runs_a, runs_b):
        found, numbered = _align_segment(a, b, seg_a, seg_b, scale_a, scale_b)
        beads.extend(found)
        by_number += numbered
    keyed_a = {r[0] for r in runs_a if r[0][0]}
    keyed_b = {r[0] for r in runs_b if r[0][0]}
    figures = Figures(
        passages_a=len(a),
        passages_b=len(b),
        aligned_a=sum(len(x.a) for x in beads if x.b),
        aligned_b=sum(len(x.b) for x in beads if x.a),
        numbered_a=len(_numbered_keys(a)),
        numbered_b=len(_numbered_keys(b)),
        by_number=by_number,
        respondents_a=len(keyed_a),
        respondents_b=len(keyed_b),
        by_respondent=len(keyed_a & keyed_b),
    )
    return PairAlignment(tuple(beads), figures)


# --- cutting at what both versions share ----------------------------------------------------------------------

Run = tuple[tuple[str, int], list[int]]  # ((respondent key, occurrence), positions)


def _respondent_key(passage: Passage) -> str:
    respondent = passage.respondent
    return "" if respondent.kind == "none" else (respondent.id or fold(respondent.name))


def _runs(passages: Sequence[Passage]) -> list[Run]:
    """Stretches of consecutive passages with one speaker, keyed by the speaker and its occurrence."""
    runs: list[Run] = []
    seen: dict[str, int] = {}
    for position, passage in enumerate(passages):
        key = _respondent_key(passage)
        if runs and runs[-1][0][0] == key:
            runs[-1][1].append(position)
            continue
        seen[key] = seen.get(key, -1) + 1
        runs.append(((key, seen[key]), [position]))
    return runs


def _common(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable]) -> list[tuple[int, int]]:
    """Index pairs of the longest common subsequence of two key lists (keys unique within each list)."""
    where_b = {key: j for j, key in enumerate(keys_b)}
    pairs = [(i, where_b[key]) for i, key in enumerate(keys_a) if key in where_b]
    # Longest increasing subsequence of the b indices (patience sorting), keeping the pairs in order.
    tails: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    ends: list[int] = []
    for k, (_, j) in enumerate(pairs):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < j:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[lo], ends[lo] = j, k
        previous[k] = ends[lo - 1] if lo else -1
    chain: list[tuple[int, int]] = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def _segments(runs_a: Sequence[Run], runs_b: Sequence[Run]) -> list[tuple[list[int], list[int]]]:
    """Pairs of passage-position lists: each reply with the same reply in the other version, and what lies
    between two such pairs with what lies between them in the other version."""
    matched = _common([r[0] for r in runs_a], [r[0] for r in runs_b])
    segments: list[tuple[list[int], list[int]]] = []
    last_a = last_b = 0
    for i, j in [*matched, (len(runs_a), len(runs_b))]:
        gap_a = [p for run in runs_a[last_a:i] for p in run[1]]
        gap_b = [p for run in runs_b[last_b:j] for p in run[1]]
        if gap_a or gap_b:
            segments.append((gap_a, gap_b))
        if i < len(runs_a):
            segments.append((list(runs_a[i][1]), list(runs_b[j][1])))
        last_a, last_b = i + 1, j + 1
    return segments


def _blocks(passages: Sequence[Passage], positions: Sequence[int]) -> list[tuple[tuple[str, int] | None, list[int]]]:
    """Consecutive passages of one numbered paragraph (its pieces, and the unnumbered paragraphs that continue
    it) as one block keyed by (number, occurrence); a stretch before any number has the key None."""
    blocks: list[tuple[tuple[str, int] | None, list[int]]] = []
    seen: dict[str, int] = {}
    current: str | None = None
    for position in positions:
        paragraph = passages[position].paragraph
        if blocks and paragraph == current:
            blocks[-1][1].append(position)
            continue
        current = paragraph
        if paragraph is None:
            blocks.append((None, [position]))
            continue
        seen[paragraph] = seen.get(paragraph, -1) + 1
        blocks.append(((paragraph, seen[paragraph]), [position]))
    return blocks


def _numbered_keys(passages: Sequence[Passage]) -> set[tuple[str, tuple[str, int]]]:
    keys: set[tuple[str, tuple[str, int]]] = set()
    for (speaker, occurrence), positions in _runs(passages):
        for key, _ in _blocks(passages, positions):
            if key is not None:
                keys.add((f"{speaker}#{occurrence}", key))
    return keys


def _align_segment(
    a: Sequence[Passage],
    b: Sequence[Passage],
    seg_a: Sequence[int],
    seg_b: Sequence[int],
    scale_a: float,
    scale_b: float,
) -> tuple[list[Bead], int]:
    """Beads of one segment pair, and how many numbered paragraphs in it were matched by number."""
    blocks_a, blocks_b = _blocks(a, seg_a), _blocks(b, seg_b)
    keyed_a = [(i, key) for i, (key, _) in enumerate(blocks_a) if key is not None]
    keyed_b = [(j, key) for j, (key, _) in enumerate(blocks_b) if key is not None]
    anchors = [(keyed_a[i][0], keyed_b[j][0]) for i, j in _common([k for _, k in keyed_a], [k for _, k in keyed_b])]
    beads: list[Bead] = []

    def lengths(passages: Sequence[Passage], scale: float) -> Callable[[int], float]:
        return lambda position: len(passages[position].text) / scale

    measure_a, measure_b = lengths(a, scale_a), lengths(b, scale_b)
    last_a = last_b = 0
    for i, j in [*anchors, (len(blocks_a), len(blocks_b))]:
        gap_a = [p for _, ps in blocks_a[last_a:i] for p in ps]
        gap_b = [p for _, ps in blocks_b[last_b:j] for p in ps]
        beads += gale_church(gap_a, gap_b, measure_a, measure_b, BY_LENGTH)
        if i < len(blocks_a):
            beads += gale_church(blocks_a[i][1], blocks_b[j][1], measure_a, measure_b, BY_NUMBER)
        last_a, last_b = i + 1, j + 1
    return beads, len(anchors)


# --- Gale and Church --------------------------------------------------------------------------------------------


def _cost(length_a: float, length_b: float, prior: float) -> float:
    """-log of the probability that stretches of these (English-equivalent) lengths translate each other. A
    passage without a counterpart costs its prior alone: its length says nothing about whether it is extra
    (Gale and Church's own cost grows with it, so that a long extra paragraph would be taken as half of a 2-1
    bead rather than left alone)."""
    if length_a == 0 or length_b == 0:
        return -math.log(prior)
    mean = (length_a + length_b) / 2
    delta = (length_b - length_a) / math.sqrt(max(mean, 1.0) * VARIANCE)
    tail = math.erfc(abs(delta) / math.sqrt(2))  # 2 * (1 - Phi(|delta|))
    return -math.log(prior) - math.log(max(tail, 1e-300))


def gale_church(
    seg_a: Sequence[int],
    seg_b: Sequence[int],
    measure_a: Callable[[int], float],
    measure_b: Callable[[int], float],
    by: str,
) -> list[Bead]:
    """The most probable sequence of beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) over two lists of passages."""
    n, m = len(seg_a), len(seg_b)
    if n == 0 and m == 0:
        return []
    la = [measure_a(p) for p in seg_a]
    lb = [measure_b(p) for p in seg_b]
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    band = max(BAND, abs(n - m) + BAND // 2)  # versions do not drift far from the diagonal
    for i in range(n + 1):
        diagonal = i * m // n if n else 0
        for j in range(max(0, diagonal - band), min(m, diagonal + band) + 1):
            if i == 0 and j == 0:
                continue
            for (da, db), prior in _PRIORS.items():
                if da > i or db > j or best[i - da][j - db] == inf:
                    continue
                cost = best[i - da][j - db] + _cost(sum(la[i - da : i]), sum(lb[j - db : j]), prior)
                if cost < best[i][j]:
                    best[i][j], step[i][j] = cost, (da, db)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        da, db = step[i][j]
        beads.append(Bead(tuple(seg_a[i - da : i]), tuple(seg_b[j - db : j]), by))
        i, j = i - da, j - db
    beads.reverse()
    return _whole(beads) if by == BY_NUMBER else beads


def _whole(beads: list[Bead]) -> list[Bead]:
    """Inside one numbered paragraph every piece has a counterpart: a piece left alone joins the bead before it
    (or after it, at the start)."""
    merged: list[Bead] = []
    for bead in beads:
        if merged and (not bead.a or not bead.b or not merged[-1].a or not merged[-1].b):
            last = merged.pop()
            bead = Bead(last.a + bead.a, last.b + bead.b, bead.by)
        merged.append(bead)
    return merged
