"""API key entries: `name:scopes:secret`, parsed and hashed as they are read, so that no plain key is kept.

`scopes` is a `+`-joined subset of ask, search and admin; `secret` is a plain key or `sha256:<64 hex>`. An entry
that is only a secret (the format before scopes existed) is named `key-N` and may ask and search."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.core.errors import ConfigError

SCOPES = ("ask", "search", "admin")
DEFAULT_SCOPES = frozenset({"ask", "search"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
FORMAT_HINT = (
    "write name:scopes:secret, e.g. widget:ask+search:sha256:<64 hex digits> (scopes: ask, search, admin, "
    "joined with +); `rag keys new NAME --scopes ask+search` prints one"
)


def hash_secret(secret: str) -> str:
    """`sha256:<hex>` of a plain key, as entries and `rag keys hash` write it."""
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def parse_scopes(text: str) -> frozenset[str]:
    parts = [part.strip().lower() for part in text.split("+")]
    if not all(parts):
        raise ValueError(f"no scopes given: write one or more of {', '.join(SCOPES)} joined with +")
    unknown = [part for part in parts if part not in SCOPES]
    if unknown:
        # Never the text itself: a plain key with colons in it is read as name:scopes:secret, so the "scope" may
        # be part of a secret.
        raise ValueError(f"unknown scope: the scopes are {', '.join(SCOPES)}")
    return frozenset(parts)


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(
            "the key name is not allowed: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or "
            "digit"
        )
    return name


@dataclass(frozen=True)
class ApiKey:
    name: str
    scopes: frozenset[str]
    digest: str  # 64 hexadecimal digits: the sha256 of the key

    @property
    def entry(self) -> str:
        """The normalised entry; parsing it gives this key back."""
        return f"{self.name}:{scope_text(self.scopes)}:sha256:{self.digest}"


def scope_text(scopes: Iterable[str]) -> str:
    return "+".join(scope for scope in SCOPES if scope in set(scopes))


def _digest(secret: str) -> str:
    """The hexadecimal digest of an entry's secret part; never puts the secret in a message."""
    if secret.lower().startswith("sha256:"):
        digest = secret[len("sha256:") :].lower()
        if not _HEX64.fullmatch(digest):
            raise ValueError("a secret starting with sha256: needs 64 hexadecimal digits after it")
        return digest
    if not secret:
        raise ValueError("the secret is empty")
    return hash_secret(secret).removeprefix("sha256:")


def parse_entry(entry: str, number: int) -> ApiKey:
    """One entry; `number` names a legacy (secret-only) entry `key-<number>`. ValueError says what is wrong."""
    entry = entry.strip()
    if ":" not in entry or (entry.lower().startswith("sha256:") and entry.count(":") == 1):
        return ApiKey(f"key-{number}", DEFAULT_SCOPES, _digest(entry))
    parts = entry.split(":", 2)
    if len(parts) != 3:
        raise ValueError("expected name:scopes:secret (a plain key with ':' in it must be written that way too)")
    name, scopes, secret = (part.strip() for part in parts)
    return ApiKey(check_name(name), parse_scopes(scopes), _digest(secret))


def check_unique(keys: Sequence[ApiKey], where: Sequence[str]) -> None:
    """Names identify keys in logs and rate limits, and one secret must not carry two sets of scopes."""
    names: dict[str, str] = {}
    digests: dict[str, str] = {}
    for key, place in zip(keys, where, strict=True):
        if key.name in names:
            raise ValueError(f"{place}: the key name {key.name!r} is already used by {names[key.name]}")
        if key.digest in digests:
            raise ValueError(f"{place}: the same secret is already configured by {digests[key.digest]}")
        names[key.name] = digests[key.digest] = place


def parse_env_entries(entries: Sequence[str]) -> list[ApiKey]:
    """RAG_API_KEYS: errors name the entry by position (1-based), never by content."""
    keys, where = [], []
    for number, entry in enumerate((entry for entry in entries if entry.strip()), start=1):
        place = f"RAG_API_KEYS entry {number}"
        try:
            keys.append(parse_entry(entry, number))
        except ValueError as exc:
            raise ValueError(f"{place}: {exc}") from None
        where.append(place)
    check_unique(keys, where)
    return keys


def load_keys(entries: Sequence[str], path: Path | None) -> list[ApiKey]:
    """RAG_API_KEYS, then the lines of RAG_API_KEYS_FILE (`#` comments and blank lines ignored); read once, at
    start-up. ConfigError names the entry or line that is wrong."""
    try:
        keys = parse_env_entries(entries)
    except ValueError as exc:
        raise ConfigError(str(exc), FORMAT_HINT) from None
    where = [f"RAG_API_KEYS entry {number}" for number in range(1, len(keys) + 1)]
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ConfigError(
                f"cannot read RAG_API_KEYS_FILE {path}: {reason}",
                "point RAG_API_KEYS_FILE at a readable UTF-8 file of key entries, one per line, or unset it",
            ) from None
        for line_number, line in enumerate(lines, start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            place = f"{path} line {line_number}"
            try:
                keys.append(parse_entry(text, len(keys) + 1))
            except ValueError as exc:
                raise ConfigError(f"RAG_API_KEYS_FILE {place}: {exc}", FORMAT_HINT) from None
            where.append(place)
    try:
        check_unique(keys, where)
    except ValueError as exc:
        raise ConfigError(str(exc), "give every key its own name and its own secret") from None
    return keys
