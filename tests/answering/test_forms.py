"""Question forms by meaning: the logistic fit, and the reading of a question from stored example vectors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from rag.answering import forms as answering_forms
from rag.answering.forms import QuestionForms, fit_logistic, probability
from rag.lang import forms


def test_the_fit_separates_what_a_direction_separates() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 8))
    y = x[:, 0] + 0.5 * x[:, 1] > 0
    weights = fit_logistic(x, y)
    predicted = np.array([probability(weights, v) for v in x]) > 0.5
    assert (predicted == y).mean() > 0.97
    assert weights[0] > weights[1] > 0  # the direction found is the one that separates


def test_stronger_regularisation_gives_less_certain_probabilities() -> None:
    x = np.array([[1.0, 0.0], [0.9, 0.1], [-1.0, 0.0], [-0.8, 0.2]])
    y = np.array([True, True, False, False])
    loose, tight = fit_logistic(x, y, c=100.0), fit_logistic(x, y, c=0.1)
    assert probability(loose, x[0]) > probability(tight, x[0]) > 0.5


@dataclass
class _Retriever:
    """What QuestionForms reads of a retriever: the stored example vectors and the query encoder."""

    form_vectors: np.ndarray | None
    vectors: dict[str, np.ndarray]

    def embed_query(self, text: str) -> np.ndarray | None:
        return self.vectors.get(text)


def _example_vectors() -> np.ndarray:
    """One axis per class, so that a question's vector says its form."""
    axis = {"set_condition": 0, "set_replied": 1, "other": 2}
    rows = np.zeros((len(forms.examples()), 3), dtype=np.float32)
    for i, example in enumerate(forms.examples()):
        rows[i, axis[example.form]] = 1.0
    return rows


def test_a_question_is_read_by_the_examples_it_lies_near() -> None:
    vectors = {
        "set": np.array([1.0, 0.0, 0.0], dtype=np.float32),
        "replied": np.array([0.0, 1.0, 0.0], dtype=np.float32),
        "other": np.array([0.0, 0.0, 1.0], dtype=np.float32),
    }
    reader = QuestionForms(_Retriever(_example_vectors(), vectors))  # type: ignore[arg-type]
    set_question, replied, other = reader.read("set"), reader.read("replied"), reader.read("other")
    assert set_question and replied and other
    assert set_question.set_probability > 0.9 and set_question.replied_probability < 0.1
    assert replied.set_probability > 0.9 and replied.replied_probability > 0.9
    assert other.set_probability < 0.1


@pytest.mark.parametrize("stored", [None, np.zeros((3, 3), dtype=np.float32)])
def test_without_stored_vectors_that_fit_the_examples_nothing_is_read(stored: np.ndarray | None) -> None:
    reader = QuestionForms(_Retriever(stored, {"q": np.ones(3, dtype=np.float32)}))  # type: ignore[arg-type]
    assert reader.read("q") is None


def test_the_examples_are_fitted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = answering_forms.fit_logistic
    monkeypatch.setattr(answering_forms, "fit_logistic", lambda *a, **k: calls.append(1) or real(*a, **k))
    reader = QuestionForms(_Retriever(_example_vectors(), {"q": np.ones(3, dtype=np.float32)}))  # type: ignore[arg-type]
    reader.read("q")
    reader.read("q")
    assert len(calls) == 2  # the two fits, made once
