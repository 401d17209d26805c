"""What GET /widget.js puts into the widget (rag/api/routes/widget.py), without a browser: the interface strings
of the six UN languages, each complete, with the plural forms its language needs; the style sheet; and the
question's limit as /v1/ask enforces it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from rag.api.app import create_app
from rag.api.routes.widget import BUNDLE_SLOT, bundle, interface_strings, widget_script
from rag.api.schemas import AskRequest, HistoryTurn
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.conftest import REPO

UN_LANGUAGES = {"ar", "zh", "en", "fr", "ru", "es"}
# The plural forms (CLDR, as the browser's Intl.PluralRules picks them) that a count of passages can take.
PLURAL_FORMS = {
    "ar": {"zero", "one", "two", "few", "many", "other"},
    "ru": {"one", "few", "many", "other"},
    "en": {"one", "other"},
    "fr": {"one", "other"},
    "es": {"one", "other"},
    "zh": {"other"},
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders(value: Any) -> set[str]:
    texts = value.values() if isinstance(value, dict) else value if isinstance(value, list) else [value]
    return {name for text in texts for name in PLACEHOLDER.findall(str(text))}


def test_the_interface_speaks_the_six_un_languages_each_complete() -> None:
    strings = interface_strings()
    assert set(strings) == UN_LANGUAGES
    english = strings["en"]
    for lang, table in strings.items():
        assert table.keys() == english.keys(), lang
        assert table["dir"] == ("rtl" if lang == "ar" else "ltr")
        for key, value in table.items():
            assert placeholders(value) == placeholders(english[key]), (lang, key)
            if key == "languages":  # the six languages' names, by code
                assert set(value) == UN_LANGUAGES and all(value.values()), lang
            elif isinstance(english[key], dict):
                assert set(value) == PLURAL_FORMS[lang], (lang, key)
        assert len(table["suggestions"]) == len(english["suggestions"]), lang
        if lang != "en":  # translated, not copied (French has "Sources", "Source {n}", "Section" too)
            same = [key for key in english if key != "dir" and table[key] == english[key]]
            assert len(same) <= 4, (lang, same)


def test_the_question_limit_is_the_apis(settings: Settings, service: Service) -> None:
    limits = bundle()["limits"]
    AskRequest(question="x" * limits["question"])
    AskRequest(question=f"  {'x' * limits['question']}  ")  # counted once trimmed, as the widget counts
    with pytest.raises(ValidationError):
        AskRequest(question="x" * (limits["question"] + 1))
    HistoryTurn(role="assistant", content="x" * limits["turnChars"])
    with pytest.raises(ValidationError):
        HistoryTurn(role="assistant", content="x" * (limits["turnChars"] + 1))
    with pytest.raises(ValidationError):
        AskRequest(question="x", history=[{"role": "user", "content": "x"}] * (limits["historyTurns"] + 1))
    # the conversation the widget sends back must fit the server's body limit, as the server is configured
    assert limits["body"] == Settings().max_body_bytes and bundle(1234)["limits"]["body"] == 1234


def test_the_script_is_served_with_its_bundle_in_its_one_slot(settings: Settings, service: Service) -> None:
    source = (REPO / "rag" / "static" / "widget.js").read_text(encoding="utf-8")
    assert source.count(BUNDLE_SLOT) == 1
    assert 'maxlength: "1999"' not in source and "1999" not in source  # the limit comes from the API
    with TestClient(create_app(settings, service)) as client:
        served = client.get("/widget.js")
    assert served.status_code == 200 and served.text == widget_script()
    assert BUNDLE_SLOT not in served.text
    start = served.text.index("const BUNDLE = ") + len("const BUNDLE = ")
    end = served.text.index(";\n", start)
    assert json.loads(served.text[start:end]) == bundle()
    assert ".items th" in bundle()["style"] and "padding-inline-start" in bundle()["style"]
