"""What form a question has, told by its meaning: whether it asks for a set of respondents, and if so whether
for those that replied at all, learnt from the example questions of rag/lang/data/question_forms (written by
people who had not read the code or the evaluation sets) as they lie in the index's embedding space.

The cue patterns of rag/lang/data/cues recognise the set questions they were written for; this recognises the
others ("Enumerate the bodies that gave input", "Перечислите страны, которые…", "من الذين ردوا؟"). Two logistic
regressions over the examples' vectors, fitted once per loaded index by Newton's method: set question or not,
and (among set questions) replied or a condition. Measured on the development sets' 312 answerable questions,
where the cues find all 134 set questions: the fit alone (C = 10) finds 101 of them at probability 0.7 with 5
look-alikes taken for sets, 49 at 0.85 with none; as a fallback behind the cues, at 0.8 it adds 2 look-alikes
(a yes/no on whether a named state replied, which the speaker check below keeps out, and "how many people took
part…"). A question the cues miss is taken for a set question only above SET_PROBABILITY, when it names no
respondent as its speaker and has a word for the respondents (rag.lang.intent.respondent_kind)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rag.lang import forms
from rag.retrieval.retriever import Retriever

SET_PROBABILITY = 0.8  # that a question the cues do not recognise asks for a set of respondents
REPLIED_PROBABILITY = 0.5  # that a set question with no topic of its own asks who replied at all
C = 10.0  # inverse L2 regularisation of the fits (as scikit-learn's C)
NEWTON_STEPS = 25


@dataclass(frozen=True)
class FormReading:
    set_probability: float  # that the question asks for a set of respondents
    replied_probability: float  # were it a set question: that it asks who replied at all, not a condition


def fit_logistic(vectors: np.ndarray, labels: np.ndarray, c: float = C) -> np.ndarray:
    """Weights (the intercept last) of an L2-regularised logistic regression, the intercept not penalised."""
    x = np.hstack([vectors.astype(np.float64), np.ones((len(vectors), 1))])
    y = labels.astype(np.float64)
    penalty = np.full(x.shape[1], 1.0 / c)
    penalty[-1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(NEWTON_STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return w


def probability(weights: np.ndarray, vector: np.ndarray) -> float:
    return float(1.0 / (1.0 + np.exp(-(float(vector @ weights[:-1]) + float(weights[-1])))))


@dataclass
class QuestionForms:
    """Reads a question's form by meaning; nothing without an embedding model or stored example vectors."""

    retriever: Retriever
    _fits: tuple[np.ndarray, np.ndarray] | None = field(init=False, default=None)
    _tried: bool = field(init=False, default=False)

    def read(self, question: str) -> FormReading | None:
        fits = self._fitted()
        vector = self.retriever.embed_query(question) if fits is not None else None
        if fits is None or vector is None:
            return None
        is_set, replied = fits
        return FormReading(probability(is_set, vector), probability(replied, vector))

    def _fitted(self) -> tuple[np.ndarray, np.ndarray] | None:
        if not self._tried:
            self._tried = True
            vectors = self.retriever.form_vectors
            examples = forms.examples()
            if vectors is not None and len(vectors) == len(examples) and len(examples):
                kinds = np.array([e.form for e in examples])
                sets = kinds != "other"
                self._fits = (
                    fit_logistic(vectors, sets),
                    fit_logistic(vectors[sets], kinds[sets] == "set_replied"),
                )
        return self._fits
