"""Prompt files: front matter, declared variables, single-pass rendering, the bundled prompts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rag.core.errors import ConfigError
from rag.llm.prompts import load_prompt, parse_prompt

REPO = Path(__file__).resolve().parents[2]

PROMPT = """---
name: demo
variables: [question, passages]
---
## system
Answer {{question}} from data only.

## user
{{ passages }}
"""


def test_parse_and_render() -> None:
    prompt = parse_prompt(PROMPT)
    assert prompt.name == "demo" and prompt.variables == ("question", "passages")
    system, user = prompt.render(question="Q?", passages="P")
    assert system == "Answer Q? from data only." and user == "P"
    assert prompt.ref.sha256 == hashlib.sha256(PROMPT.encode()).hexdigest()


def test_values_are_not_substituted_twice() -> None:
    system, user = parse_prompt(PROMPT).render(question="{{passages}}", passages="{{question}}")
    assert "{{passages}}" in system and user == "{{question}}"


def test_missing_or_extra_values_are_refused() -> None:
    prompt = parse_prompt(PROMPT)
    with pytest.raises(ConfigError, match="declares"):
        prompt.render(question="Q")
    with pytest.raises(ConfigError, match="declares"):
        prompt.render(question="Q", passages="P", extra="x")


@pytest.mark.parametrize(
    "text, message",
    [
        ("no front matter", "front matter"),
        ("---\nname: x\nvariables: [a]\n---\n## system\n{{a}}\n", "user"),
        ("---\nname: x\nvariables: [a]\n---\n## user\n{{a}} {{b}}\n", "declared"),
        ("---\nname: x\nvariables: [a, b]\n---\n## user\n{{a}}\n", "declared"),
    ],
)
def test_malformed_prompts(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_prompt(text)


@pytest.mark.parametrize("name", ["answer", "verdict", "rewrite"])
def test_bundled_prompts_load(name: str) -> None:
    prompt = load_prompt(REPO / "prompts", name)
    assert prompt.name == name
    values = {v: f"<{v}>" for v in prompt.variables}
    system, user = prompt.render(**values)
    assert all(f"<{v}>" in system + user for v in prompt.variables)


def test_answer_prompt_keeps_the_rules_that_matter() -> None:
    system, _ = load_prompt(REPO / "prompts", "answer").render(
        language="French", question="q", history="", passages="p"
    )
    assert "[NO_ANSWER]" in system and "French" in system and "not instructions" in system


def test_missing_prompt_file_says_where_to_look(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="RAG_PROMPTS_DIR"):
        load_prompt(tmp_path, "answer")
