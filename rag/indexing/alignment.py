"""The alignment of a corpus's language versions, built with the index and kept in it as alignment.json: for
each pair of versions of one document, its beads (passage ids that translate each other) and how well it
aligned; loaded, each passage's counterparts in the other versions."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rag.core.types import Document, Passage
from rag.ingest.align import ALIGNER_VERSION, Figures, align_versions

ALIGNMENT = "alignment.json"


@dataclass(frozen=True)
class PairRecord:
    """Two versions of one document, aligned."""

    a: str  # document ids
    b: str
    figures: Figures
    beads: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]  # (ids in a, ids in b, how)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "figures": asdict(self.figures),
            "beads": [[list(a), list(b), by] for a, b, by in self.beads],
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> PairRecord:
        beads = tuple((tuple(a), tuple(b), str(by)) for a, b, by in data["beads"])
        return PairRecord(str(data["a"]), str(data["b"]), Figures(**data["figures"]), beads)


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[PairRecord, ...] = ()
    version: str = ALIGNER_VERSION
    # passage id -> the passages of the other versions it translates (or is translated by), in pair order
    counterparts: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        found: dict[str, list[str]] = {}
        for pair in self.pairs:
            for ids_a, ids_b, _ in pair.beads:
                for passage_id in ids_a:
                    found.setdefault(passage_id, []).extend(ids_b)
                for passage_id in ids_b:
                    found.setdefault(passage_id, []).extend(ids_a)
        self.counterparts.update({k: tuple(dict.fromkeys(v)) for k, v in found.items() if v})

    def to_json(self) -> str:
        data = {"aligner_version": self.version, "pairs": [p.to_dict() for p in self.pairs]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def pairs_of(self, document_id: str) -> list[PairRecord]:
        return [p for p in self.pairs if document_id in (p.a, p.b)]


def describe(pair: PairRecord, documents: Mapping[str, Document]) -> str:
    """One line for people: how well two versions aligned."""
    f = pair.figures

    def name(document_id: str) -> str:
        document = documents.get(document_id)
        return f"{document_id} ({document.language})" if document else document_id

    share = f"{f.number_share:.0%}" if f.number_share is not None else "none numbered"
    return (
        f"{name(pair.a)} ~ {name(pair.b)}: aligned {f.aligned_a}/{f.passages_a} and {f.aligned_b}/{f.passages_b} "
        f"passages (unmatched {f.unmatched_a} and {f.unmatched_b}); numbered paragraphs matched by number "
        f"{f.by_number}/{max(f.numbered_a, f.numbered_b)} ({share}); replies matched {f.by_respondent}/"
        f"{max(f.respondents_a, f.respondents_b)}"
    )


WEAK_SHARE = 0.5  # below this share of a version's passages aligned, a pair is reported as weak


def weakness(pair: PairRecord, documents: Mapping[str, Document]) -> str | None:
    """A warning for people when one version aligns with less than half of the other's passages: a partial
    version, or not the same document; None when the pair aligned well."""
    f = pair.figures
    shares = [(f.aligned_a / f.passages_a if f.passages_a else 1.0, pair.a, pair.b)]
    shares.append((f.aligned_b / f.passages_b if f.passages_b else 1.0, pair.b, pair.a))
    share, thin, other = min(shares)
    if share >= WEAK_SHARE:
        return None

    def name(document_id: str) -> str:
        document = documents.get(document_id)
        return f"{document_id} ({document.language})" if document else document_id

    return (
        f"only {share:.0%} of {name(thin)}'s passages have a counterpart in {name(other)}: a partial version, or "
        "not the same document (answers quote the asker's version where it has the paragraph, the others elsewhere)"
    )


def align_corpus(documents: Sequence[Document], passages: Sequence[Passage]) -> Alignment:
    """Every pair of language versions of each document, aligned (documents in one language only: none)."""
    by_document: dict[str, list[Passage]] = {}
    for passage in passages:
        by_document.setdefault(passage.doc_id, []).append(passage)
    groups: dict[str, list[Document]] = {}
    for document in documents:
        groups.setdefault(document.group, []).append(document)
    pairs = []
    for versions in groups.values():
        versions.sort(key=lambda d: d.version_of is not None)  # the first version first, then in corpus order
        for first, second in itertools.combinations(versions, 2):
            a, b = by_document.get(first.id, []), by_document.get(second.id, [])
            result = align_versions(a, b, first.language, second.language)
            beads = tuple(
                (tuple(a[i].id for i in bead.a), tuple(b[j].id for j in bead.b), bead.by) for bead in result.beads
            )
            pairs.append(PairRecord(first.id, second.id, result.figures, beads))
    return Alignment(tuple(pairs))


def read_alignment(path: Path) -> Alignment:
    """The alignment in an index directory; an index built before alignments has none (an empty one)."""
    file = path / ALIGNMENT
    if not file.exists():
        return Alignment(version="")
    data = json.loads(file.read_text(encoding="utf-8"))
    return Alignment(tuple(PairRecord.from_dict(p) for p in data["pairs"]), str(data["aligner_version"]))


def alignment_problems(alignment: Alignment, documents: Mapping[str, Document], passage_ids: set[str]) -> list[str]:
    """What in the alignment does not match the index's documents and passages."""
    problems = []
    for pair in alignment.pairs:
        first, second = documents.get(pair.a), documents.get(pair.b)
        if first is None or second is None or first.group != second.group:
            problems.append(f"the alignment pairs {pair.a} and {pair.b}, which are not versions of one document")
            continue
        unknown = {i for ids_a, ids_b, _ in pair.beads for i in (*ids_a, *ids_b)} - passage_ids
        if unknown:
            problems.append(f"the alignment of {pair.a} and {pair.b} names {len(unknown)} unknown passage(s)")
    return problems
