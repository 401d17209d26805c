"""The README documents every setting in one table, and nothing that is not a setting."""

from __future__ import annotations

import re
from pathlib import Path

from rag.core.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def settings_table() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `RAG_")]
    return {name for row in rows for name in re.findall(r"`(RAG_[A-Z0-9_]+)`", row.split("|")[1])}


def test_every_setting_has_a_row_in_the_settings_table() -> None:
    documented = settings_table()
    expected = {f"RAG_{name.upper()}" for name in Settings.model_fields}
    assert expected - documented == set(), "add these to README.md, Settings"
    assert documented - expected == set(), "these README rows name no setting"
