"""API key entries: parsed, checked and hashed as they are read; errors never repeat a secret."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rag.core.errors import ConfigError
from rag.core.keys import (
    DEFAULT_SCOPES,
    ApiKey,
    check_name,
    hash_secret,
    load_keys,
    parse_entry,
    parse_env_entries,
    parse_scopes,
    scope_text,
)

SECRET = "s3cret-value"
DIGEST = hashlib.sha256(SECRET.encode()).hexdigest()


def test_hash_secret() -> None:
    assert hash_secret(SECRET) == f"sha256:{DIGEST}"


def test_scopes_parse_in_any_case_and_print_in_a_fixed_order() -> None:
    assert parse_scopes("Search+ask") == {"ask", "search"}
    assert scope_text({"admin", "search", "ask"}) == "ask+search+admin"
    with pytest.raises(ValueError, match="unknown scope: the scopes are ask, search, admin") as error:
        parse_scopes("ask+write")
    assert "write" not in str(error.value)  # what it read may be part of a plain key with colons in it
    with pytest.raises(ValueError, match="no scopes given"):
        parse_scopes("ask+")


def test_key_names() -> None:
    assert check_name("widget.prod@example") == "widget.prod@example"
    for bad in ("", "-lead", "has space", "x" * 65):
        with pytest.raises(ValueError, match="is not allowed"):
            check_name(bad)


def test_entries() -> None:
    assert parse_entry(f"widget:ask:{SECRET}", 1) == ApiKey("widget", frozenset({"ask"}), DIGEST)
    assert parse_entry(f"ops:admin:sha256:{DIGEST.upper()}", 1) == ApiKey("ops", frozenset({"admin"}), DIGEST)
    # the format before scopes: a bare secret (plain or hashed) may ask and search
    assert parse_entry(SECRET, 3) == ApiKey("key-3", DEFAULT_SCOPES, DIGEST)
    assert parse_entry(f"sha256:{DIGEST}", 4) == ApiKey("key-4", DEFAULT_SCOPES, DIGEST)


def test_an_entry_prints_back_to_itself() -> None:
    key = parse_entry(f"widget:search+ask:{SECRET}", 1)
    assert key.entry == f"widget:ask+search:sha256:{DIGEST}"
    assert parse_entry(key.entry, 1) == key


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("widget:ask:sha256:abc", "64 hexadecimal digits"),
        ("widget:ask:", "the secret is empty"),
        ("widget:read:x", "unknown scope"),
        ("a:b", "expected name:scopes:secret"),
    ],
)
def test_malformed_entries(entry: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_entry(entry, 1)


def test_environment_errors_name_the_entry_by_position_only() -> None:
    with pytest.raises(ValueError, match="RAG_API_KEYS entry 2") as info:
        parse_env_entries([f"a:ask:{SECRET}", "b:nope:hunter2"])
    assert "hunter2" not in str(info.value)
    with pytest.raises(ValueError, match="already used by RAG_API_KEYS entry 1"):
        parse_env_entries([f"a:ask:{SECRET}", "a:ask:other"])
    with pytest.raises(ValueError, match="same secret"):
        parse_env_entries([f"a:ask:{SECRET}", f"b:admin:{SECRET}"])
    assert parse_env_entries(["", "  "]) == []


def test_load_keys_reads_the_file_after_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text(f"# team keys\n\nops:admin:other\n  {SECRET}\n", encoding="utf-8")
    keys = load_keys(["widget:ask:first"], path)
    assert [k.name for k in keys] == ["widget", "ops", "key-3"]
    path.write_text("ops:admin:\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"keys line 1: the secret is empty"):
        load_keys([], path)
    with pytest.raises(ConfigError, match="cannot read RAG_API_KEYS_FILE"):
        load_keys([], tmp_path / "absent")
    path.write_text(f"a:ask:{SECRET}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="same secret") as info:
        load_keys([f"b:ask:{SECRET}"], path)
    assert "own secret" in (info.value.hint or "")
