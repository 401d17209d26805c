"""Glossary terms found by meaning (rag.retrieval.terms): a quoted name no glossary form matches as written is
matched to the nearest form, when near enough; with a scripted encoder here, with the real multilingual USE in
tests/indexing/test_sentences.py."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from rag.lang.glossary import Glossary, Term
from rag.retrieval import terms
from rag.retrieval.terms import NearTerms, quoted_names

DIALOGUE = Term(
    ("关于和平利用的持续对话",),
    {"en": ("Sustained Dialogue on Peaceful Uses",), "ar": ("الحوار المستمر بشأن الاستخدامات السلمية",)},
    "test",
)
PEACEFUL = Term(("和平利用",), {"en": ("peaceful uses",), "ar": ("الاستخدامات السلمية",)}, "test")
DIALOGUE_WORD = Term(("对话",), {"en": ("dialogue",), "ar": ("الحوار",)}, "test")
GLOSSARY = Glossary([DIALOGUE, PEACEFUL, DIALOGUE_WORD])
ASKED = "الحوار المستدام بشأن الاستخدامات السلمية"  # "lasting" where the glossary says "continuing"


class ScriptedEncoder:
    """Texts to vectors as scripted (unscripted texts are orthogonal to everything); it records what it encodes."""

    name = "scripted"
    dimension = 3

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self.vectors = {text: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for text, v in vectors.items()}
        self.encoded: list[str] = []

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        rows = [self.vectors.get(t, np.zeros(3, dtype=np.float32)) for t in texts]
        return np.stack(rows) if rows else np.zeros((0, 3), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_passages([text])[0]


def _encoder(asked: list[float]) -> ScriptedEncoder:
    return ScriptedEncoder(
        {
            "Sustained Dialogue on Peaceful Uses": [1, 0, 0],
            "الحوار المستمر بشأن الاستخدامات السلمية": [1, 0.05, 0],
            ASKED: asked,
        }
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (f"اذكر من يذكر مبادرة «{ASKED}» بالاسم", [ASKED]),
        ("Who mentions the “Sustained Dialogue on Peaceful Uses”?", ["Sustained Dialogue on Peaceful Uses"]),
        ('Qui cite le "dialogue soutenu" ?', ["dialogue soutenu"]),
        ("Кто упоминает „Устойчивый диалог“?", ["Устойчивый диалог"]),
        ("Who mentions the “Dialogue”?", []),  # one word: the glossary reads it as it is
        ("哪些国家提到“和平利用持续对话”倡议？", []),  # Chinese: matched in the Chinese documents as written
    ],
)
def test_quoted_names(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_names(text)] == names


def test_a_quoted_name_no_form_matches_is_read_as_the_nearest_term() -> None:
    near = NearTerms(GLOSSARY, _encoder([1, 0.1, 0]))
    text = f"اذكر من يذكر مبادرة «{ASKED}» بالاسم"
    merged = near.merge(text, GLOSSARY.match(text, None))
    assert [(m.text, m.term.zh[0], m.lang) for m in merged] == [(ASKED, "关于和平利用的持续对话", "ar")]


def test_a_quoted_name_far_from_every_form_keeps_its_words() -> None:
    near = NearTerms(GLOSSARY, _encoder([0, 0, 1]))
    text = f"اذكر من يذكر مبادرة «{ASKED}» بالاسم"
    words = GLOSSARY.match(text, None)
    assert near.merge(text, words) == words and {m.term.zh[0] for m in words} == {"对话", "和平利用"}


def test_a_name_the_glossary_matches_whole_is_not_encoded_and_forms_are_encoded_once() -> None:
    encoder = _encoder([1, 0.1, 0])
    near = NearTerms(GLOSSARY, encoder)
    text = "Who mentions the “Sustained Dialogue on Peaceful Uses”?"
    assert near.merge(text, GLOSSARY.match(text, None)) == GLOSSARY.match(text, None)
    near.warm()
    near.merge(f"«{ASKED}»", [])
    near.merge(f"«{ASKED}» again", [])
    forms = [*DIALOGUE.forms["en"], *DIALOGUE.forms["ar"], *PEACEFUL.forms["en"], *PEACEFUL.forms["ar"]]
    assert sorted(encoder.encoded) == sorted([*forms, ASKED])  # one-word forms are not encoded; the name once


def test_the_names_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terms, "NAME_CACHE", 2)
    encoder = _encoder([1, 0.1, 0])
    near = NearTerms(GLOSSARY, encoder)
    for name in ("aa bb", "cc dd", "ee ff", "ee ff", "aa bb"):
        near.nearest(name)
    assert encoder.encoded.count("ee ff") == 1  # kept
    assert encoder.encoded.count("aa bb") == 2  # the oldest, let go
