"""Prompt files: YAML front matter declaring name and variables, then `## system` / `## user` sections."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from rag.core.errors import ConfigError
from rag.core.types import PromptRef

_FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n(?P<body>.*)\Z", re.DOTALL)
_SECTION = re.compile(r"^## (system|user)\s*$", re.MULTILINE)
_VARIABLE = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: tuple[str, ...]
    system: str
    user: str
    sha256: str

    @property
    def ref(self) -> PromptRef:
        return PromptRef(name=self.name, sha256=self.sha256)

    def render(self, **values: str) -> tuple[str, str]:
        """(system, user) with every declared variable filled; a missing or undeclared value is an error,
        so a prompt and the code that fills it cannot drift apart silently."""
        missing = set(self.variables) - set(values)
        extra = set(values) - set(self.variables)
        if missing or extra:
            raise ConfigError(
                f"prompt {self.name!r} was given {sorted(values)} but declares {list(self.variables)}",
                "keep the prompt's `variables:` list and the code that renders it in step",
            )

        def fill(template: str) -> str:
            # One pass, so text inside a value (a passage quoting "{{question}}") is never substituted again.
            return _VARIABLE.sub(lambda m: values[m.group(1)], template)

        return fill(self.system), fill(self.user)


def parse_prompt(text: str, source: str = "<prompt>") -> Prompt:
    match = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if not match:
        raise ConfigError(f"{source} has no front matter", "start the file with ---, name:, variables:, ---")
    meta = yaml.safe_load(match["meta"]) or {}
    name, variables = meta.get("name"), tuple(meta.get("variables") or ())
    if not isinstance(name, str) or not all(isinstance(v, str) for v in variables):
        raise ConfigError(f"{source}: front matter needs `name` (text) and `variables` (list of names)")
    parts = _SECTION.split(match["body"])
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if "user" not in sections:
        raise ConfigError(f"{source} has no `## user` section")
    used = set(_VARIABLE.findall(sections.get("system", "") + sections["user"]))
    if used != set(variables):
        raise ConfigError(
            f"{source}: declared variables {sorted(variables)} but the text uses {sorted(used)}",
            "declare exactly the {{variables}} the prompt uses",
        )
    return Prompt(
        name=name,
        variables=variables,
        system=sections.get("system", ""),
        user=sections["user"],
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@lru_cache(maxsize=32)
def load_prompt(directory: Path, name: str) -> Prompt:
    path = directory / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"prompt file {path} cannot be read: {exc}", "set RAG_PROMPTS_DIR to the prompts/ folder"
        ) from exc
    return parse_prompt(text, str(path))
