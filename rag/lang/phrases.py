"""The fixed sentences an answer is built from, in the six UN languages (English when a language is missing).
The sentences are data: rag/lang/data/phrases/<lang>.yaml; this module only looks them up."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data" / "phrases"
LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")


def _load() -> dict[str, dict[str, Any]]:
    return {lang: yaml.safe_load((DATA_DIR / f"{lang}.yaml").read_text(encoding="utf-8")) for lang in LANGUAGES}


def _by_key(files: dict[str, dict[str, Any]], section: str) -> dict[str, dict[str, str]]:
    """{key: {language: text}} from the languages' {section: {key: text}}."""
    out: dict[str, dict[str, str]] = {}
    for lang, data in files.items():
        for key, text in (data.get(section) or {}).items():
            out.setdefault(key, {})[lang] = text
    return out


_FILES = _load()
_PHRASES = _by_key(_FILES, "phrases")
_KINDS: dict[str, dict[str, Any]] = _by_key(_FILES, "kinds")  # a form, or forms by plural category
_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    lang: names for lang, data in _FILES.items() if (names := data.get("language_names"))
}
_LIST_SEPARATOR: dict[str, str] = {lang: sep for lang, data in _FILES.items() if (sep := data.get("list_separator"))}
SOURCES: dict[str, str] = {lang: text for lang, data in _FILES.items() if (text := data.get("sources"))}
# What introduces a cited paragraph's versions in the other languages ("Other language versions: {list}").
OTHER_VERSIONS: dict[str, str] = {lang: text for lang, data in _FILES.items() if (text := data.get("other_versions"))}


def has(key: str, in_language: str) -> bool:
    """Whether a language's data has a phrase of its own for `key` (else `phrase` falls back to English)."""
    return in_language in _PHRASES.get(key, {})


def phrase(key: str, in_language: str, **values: str | int) -> str:
    table = _PHRASES[key]
    return table.get(in_language, table["en"]).format(**values)


def kinds(kind: str, language: str, count: int | None = None) -> str:
    """The word for a kind of respondent after a count: by the language's plural category when its data gives
    forms by category ({one: state, other: states}; Russian one/few/many), else the one form it has."""
    table = _KINDS[kind]
    forms = table.get(language, table["en"])
    if isinstance(forms, str):
        return forms
    category = plural_category(language, count if count is not None else 2)
    return str(forms.get(category) or forms.get("other") or forms.get("many") or next(iter(forms.values())))


def plural_category(language: str, n: int) -> str:
    """The CLDR plural category of a whole number, for the languages whose data uses categories."""
    if language == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"
    if language == "fr":
        return "one" if n in (0, 1) else "other"
    return "one" if n == 1 else "other"


def language_name(code: str, in_language: str) -> str:
    return _LANGUAGE_NAMES.get(in_language, _LANGUAGE_NAMES["en"]).get(code, code)


def join_list(parts: Sequence[str], language: str) -> str:
    return _LIST_SEPARATOR.get(language, ", ").join(parts)


def language_name_prompt(code: str) -> str:
    """The language's English name, for instructions to the model ("Write the answer in Spanish")."""
    return _LANGUAGE_NAMES["en"].get(code, "the language of the question")
