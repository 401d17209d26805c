"""docs/settings.md documents every setting in one table, and nothing that is not a setting."""

from __future__ import annotations

import re
from pathlib import Path

from rag.core.settings import Settings

SETTINGS_DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def settings_table() -> set[str]:
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `RAG_")]
    return {name for row in rows for name in re.findall(r"`(RAG_[A-Z0-9_]+)`", row.split("|")[1])}


def test_every_setting_has_a_row_in_the_settings_table() -> None:
    documented = settings_table()
    expected = {f"RAG_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "add these to docs/settings.md"
    assert documented - expected == set(), "these docs/settings.md rows name no setting"
