"""Glossary terms found by meaning: a name a question quotes ("«الحوار المستدام بشأن الاستخدامات السلمية»") that no
glossary form matches as written is matched to the glossary form nearest to it in the sentence encoder's space,
when near enough. The glossary holds a term's usual renderings; an analyst may quote another ("المستدام", lasting,
for the glossary's "المستمر", continuing), and the words alone would then be read one by one."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from rag.core.text import is_cjk
from rag.indexing.dense import Encoder
from rag.lang.glossary import Glossary, GlossaryMatch, Term

# Cosine similarity a quoted name needs to its nearest glossary form. Measured with the multilingual USE on the
# development questions' quoted names: another rendering of the same name scores 0.89-1.0, a related but other
# term 0.75-0.77 ("régime de retenue stratégique" / "strategic balance"), an unrelated one below 0.65.
NEAR_TERM_SIMILARITY = 0.85
NAME_CACHE = 256  # quoted names whose nearest term is kept

# A quoted span: guillemets, curly and straight double quotes, low-high quotes. Chinese book-title marks are not
# read: a Chinese question's names are matched in the Chinese documents as written.
_QUOTED = re.compile(r"«\s*([^«»]{4,160}?)\s*»|“([^“”]{4,160}?)”|\"([^\"]{4,160}?)\"|„([^„“”]{4,160}?)[“”]")


@dataclass(frozen=True)
class _Form:
    text: str
    language: str
    term: Term


class NearTerms:
    """The glossary's forms of two words or more, encoded once (on first use), and the nearest of them to a
    quoted name."""

    def __init__(self, glossary: Glossary, encoder: Encoder, threshold: float = NEAR_TERM_SIMILARITY) -> None:
        self._glossary = glossary
        self._encoder = encoder
        self.threshold = threshold
        self._forms: list[_Form] | None = None
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._lock = threading.Lock()
        self._nearest: OrderedDict[str, _Form | None] = OrderedDict()

    def warm(self) -> None:
        """Encode the glossary's forms now rather than at the first quoted name."""
        self._table()

    def _table(self) -> tuple[list[_Form], np.ndarray]:
        with self._lock:
            if self._forms is None:
                forms = [
                    _Form(text, language, term)
                    for term in self._glossary.terms
                    for language, texts in term.forms.items()
                    for text in texts
                    if language != "zh" and len(text.split()) >= 2
                ]
                vectors = self._encoder.encode_passages([f.text for f in forms]) if forms else None
                self._vectors = vectors if vectors is not None else np.zeros((0, 1), dtype=np.float32)
                self._forms = forms
            return self._forms, self._vectors

    def nearest(self, name: str) -> tuple[str, Term] | None:
        """The glossary term one of whose forms is nearest to `name`, if near enough, with that form's language."""
        with self._lock:
            if name in self._nearest:
                self._nearest.move_to_end(name)
                found = self._nearest[name]
                return (found.language, found.term) if found else None
        forms, vectors = self._table()
        best: _Form | None = None
        if forms:
            similarities = vectors @ self._encoder.encode_passages([name])[0]
            at = int(np.argmax(similarities))
            best = forms[at] if similarities[at] >= self.threshold else None
        with self._lock:
            self._nearest[name] = best
            while len(self._nearest) > NAME_CACHE:
                self._nearest.popitem(last=False)
        return (best.language, best.term) if best else None

    def merge(self, text: str, matches: Sequence[GlossaryMatch]) -> list[GlossaryMatch]:
        """`matches` (the glossary's, as written) with each quoted name they do not cover whole replaced by the
        term nearest to it: the words inside it no longer stand for themselves."""
        found: list[GlossaryMatch] = []
        for start, end in quoted_names(text):
            if any(m.start <= start and end <= m.end for m in matches):
                continue
            near = self.nearest(text[start:end])
            if near is not None:
                found.append(GlossaryMatch(near[0], text[start:end], start, end, near[1]))
        if not found:
            return list(matches)
        kept = [m for m in matches if not any(f.start <= m.start and m.end <= f.end for f in found)]
        return sorted([*kept, *found], key=lambda m: m.start)


def quoted_names(text: str) -> list[tuple[int, int]]:
    """The spans of the names a question quotes: two words or more, in an alphabetic script."""
    spans = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, (match.lastindex or 0) + 1) if match.group(g))
        start, end = match.span(group)
        name = text[start:end]
        if len(name.split()) >= 2 and not any(is_cjk(c) for c in name):
            spans.append((start, end))
    return spans
