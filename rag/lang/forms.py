"""Example questions of the six UN languages, kept as data: rag/lang/data/question_forms/<lang>.yaml.

Each file holds whole questions in three classes: `set_condition` (the respondents that meet a condition),
`set_replied` (the respondents that replied at all) and `other` (look-alikes that ask for something else: what
one named respondent said, a list of things that are not respondents, a count, a date). They were written,
from the reports' subject matter alone, by people who had not read the code or the evaluation sets. The index
encodes them with its embedding model (rag/indexing/forms.py) and answering learns from them how a set question
reads, whatever its words (rag/answering/forms.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

DATA_DIR = Path(__file__).parent / "data" / "question_forms"
LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")

FormClass = Literal["set_condition", "set_replied", "other"]
CLASSES: tuple[FormClass, ...] = ("set_condition", "set_replied", "other")


@dataclass(frozen=True)
class Example:
    text: str
    form: FormClass
    language: str


@cache
def examples() -> tuple[Example, ...]:
    """Every example question, language by language in LANGUAGES order, each file's classes in CLASSES order."""
    out: list[Example] = []
    for language in LANGUAGES:
        path = DATA_DIR / f"{language}.yaml"
        if not path.is_file():
            continue
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        unknown = set(raw) - set(CLASSES)
        if unknown:
            raise ValueError(f"{path}: unknown classes {sorted(unknown)}")
        for form in CLASSES:
            questions = raw.get(form) or []
            if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
                raise ValueError(f"{path}: {form} must be a list of non-empty strings")
            out.extend(Example(q.strip(), form, language) for q in questions)
    return tuple(out)


@cache
def fingerprint() -> str:
    """Identifies the examples (their text, class and order): vectors encoded from others do not fit them."""
    digest = hashlib.sha256()
    for example in examples():
        digest.update(f"{example.form}\0{example.text}\n".encode())
    return digest.hexdigest()[:16]


def gaps() -> tuple[str, ...]:
    """The languages that have no examples of some class."""
    have = {(e.language, e.form) for e in examples()}
    return tuple(language for language in LANGUAGES if any((language, f) not in have for f in CLASSES))
