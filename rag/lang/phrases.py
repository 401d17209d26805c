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
_KINDS = _by_key(_FILES, "kinds")
_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    lang: names for lang, data in _FILES.items() if (names := data.get("language_names"))
}
_LIST_SEPARATOR: dict[str, str] = {lang: sep for lang, data in _FILES.items() if (sep := data.get("list_separator"))}
SOURCES: dict[str, str] = {lang: text for lang, data in _FILES.items() if (text := data.get("sources"))}
# What introduces a cited paragraph's versions in the other languages ("Other language versions: {list}").
OTHER_VERSIONS: dict[str, str] = {lang: text for lang, data in _FILES.items() if (text := data.get("other_versions"))}


def phrase(key: str, in_language: str, **values: str | int) -> str:
    table = _PHRASES[key]
    return table.get(in_language, table["en"]).format(**values)


def kinds(kind: str, language: str) -> str:
    table = _KINDS[kind]
    return table.get(language, table["en"])


def language_name(code: str, in_language: str) -> str:
    return _LANGUAGE_NAMES.get(in_language, _LANGUAGE_NAMES["en"]).get(code, code)


def join_list(parts: Sequence[str], language: str) -> str:
    return _LIST_SEPARATOR.get(language, ", ").join(parts)


def language_name_prompt(code: str) -> str:
    """The language's English name, for instructions to the model ("Write the answer in Spanish")."""
    return _LANGUAGE_NAMES["en"].get(code, "the language of the question")
