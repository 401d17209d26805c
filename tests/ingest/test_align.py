"""Paragraph alignment of language versions: by respondent, by paragraph number, by length between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.settings import Settings
from rag.core.types import NO_RESPONDENT, Passage, Respondent
from rag.indexing.store import parse_corpus
from rag.ingest.align import BY_LENGTH, BY_NUMBER, Bead, align_versions, gale_church, text_length
from rag.ingest.corpus import load_corpus

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "parallel"
AUS = Respondent(name="Australia", kind="state", id="AUS")
CHN = Respondent(name="China", kind="state", id="CHN")


def passage(n: int, length: int, respondent: Respondent = NO_RESPONDENT, paragraph: str | None = None) -> Passage:
    return Passage(f"p{n}", "d", "x" * length, 0, length, respondent=respondent, paragraph=paragraph)


def version(*specs: tuple[int, Respondent, str | None]) -> list[Passage]:
    return [passage(i, length, who, number) for i, (length, who, number) in enumerate(specs)]


def pairs(beads: tuple[Bead, ...]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.a, b.b) for b in beads]


def test_the_same_structure_aligns_one_to_one_by_number_and_length() -> None:
    specs = [(300, NO_RESPONDENT, "1"), (200, NO_RESPONDENT, "2"), (400, AUS, None), (250, AUS, None)]
    english = version(*specs)
    chinese = version(*[(round(n * text_length("zh")), who, number) for n, who, number in specs])
    result = align_versions(english, chinese, "en", "zh")
    assert pairs(result.beads) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert [b.by for b in result.beads] == [BY_NUMBER, BY_NUMBER, BY_LENGTH, BY_LENGTH]
    figures = result.figures
    assert (figures.by_number, figures.number_share, figures.unmatched_a, figures.unmatched_b) == (2, 1.0, 0, 0)
    assert (figures.respondents_a, figures.by_respondent) == (1, 1)


def test_an_extra_paragraph_has_no_counterpart() -> None:
    english = version((500, AUS, None), (700, AUS, None), (250, AUS, None), (400, AUS, None))
    french = version((560, AUS, None), (800, AUS, None), (460, AUS, None))
    result = align_versions(english, french, "en", "fr")
    assert pairs(result.beads) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,))]
    assert (result.figures.unmatched_a, result.figures.unmatched_b) == (1, 0)


def test_a_paragraph_cut_in_two_is_one_bead() -> None:
    english = version((300, AUS, None), (600, AUS, None), (300, AUS, None))
    french = version((340, AUS, None), (350, AUS, None), (340, AUS, None), (340, AUS, None))
    assert pairs(align_versions(english, french, "en", "fr").beads) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_replies_align_by_respondent_even_when_one_version_lacks_one() -> None:
    # Lengths alone would pair China's reply in one version with Australia's in the other.
    english = version((300, NO_RESPONDENT, "1"), (500, AUS, None), (500, CHN, None), (200, CHN, None))
    french = version((340, NO_RESPONDENT, "1"), (580, CHN, None), (230, CHN, None))
    result = align_versions(english, french, "en", "fr")
    assert pairs(result.beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert (result.figures.respondents_a, result.figures.respondents_b, result.figures.by_respondent) == (2, 1, 1)


def test_numbered_paragraphs_anchor_and_their_pieces_stay_together() -> None:
    # Paragraph 2 is cut into three pieces in one version and one in the other; paragraph 3 is missing in b.
    a = version((300, NO_RESPONDENT, "1"), (300, NO_RESPONDENT, "2"), (300, NO_RESPONDENT, "2"))
    a += version((300, NO_RESPONDENT, "2"), (300, NO_RESPONDENT, "3"), (300, NO_RESPONDENT, "4"))
    b = version((300, NO_RESPONDENT, "1"), (900, NO_RESPONDENT, "2"), (300, NO_RESPONDENT, "4"))
    result = align_versions(a, b, "en", "en")
    assert pairs(result.beads) == [((0,), (0,)), ((1, 2, 3), (1,)), ((4,), ()), ((5,), (2,))]
    assert (result.figures.numbered_a, result.figures.numbered_b, result.figures.by_number) == (4, 3, 3)
    assert result.figures.number_share == 0.75


def test_gale_church_on_empty_sides() -> None:
    assert gale_church([], [], len, len, BY_LENGTH) == []
    assert gale_church([5], [], float, float, BY_LENGTH) == [Bead((5,), (), BY_LENGTH)]


@pytest.fixture(scope="module")
def samples() -> dict[str, list[Passage]]:
    by_document: dict[str, list[Passage]] = {}
    for p in parse_corpus(load_corpus(SAMPLES), Settings(corpus_dir=SAMPLES)):
        by_document.setdefault(p.doc_id, []).append(p)
    return by_document


def test_the_parallel_samples_align_but_for_the_extra_english_paragraph(samples: dict[str, list[Passage]]) -> None:
    english, chinese, french = samples["A_77_96.en"], samples["A_77_96"], samples["A_77_96.fr"]
    for other, language in ((chinese, "zh"), (french, "fr")):
        result = align_versions(english, other, "en", language)
        alone = [english[i].text for b in result.beads if not b.b for i in b.a]
        assert len(alone) == 1 and alone[0].startswith("Australia stands ready"), language
        assert result.figures.unmatched_b == 0 and result.figures.number_share == 1.0
        assert all(len(b.a) == len(b.b) == 1 for b in result.beads if b.a and b.b)
        for bead in result.beads:  # counterparts speak for the same respondent, under the same number
            if bead.a and bead.b:
                first, second = english[bead.a[0]], other[bead.b[0]]
                assert (first.respondent.id, first.paragraph) == (second.respondent.id, second.paragraph)
    chinese_french = align_versions(chinese, french, "zh", "fr")
    assert chinese_french.figures.unmatched_a == chinese_french.figures.unmatched_b == 0
