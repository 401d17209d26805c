"""Settings from RAG_* variables: lists, origins, keys and paths are normalised as they are read."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from rag.core.settings import REPO_ROOT, Settings, get_settings, normalise_origin, normalise_root_path


def settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name, value in env.items():
        monkeypatch.setenv(f"RAG_{name.upper()}", value)
    return Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("entry", "origin"),
    [
        ("HTTPS://Intranet.Example.org:443/", "https://intranet.example.org"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("http://[::1]:80", "http://[::1]"),
        ("*", "*"),
    ],
)
def test_origins_are_written_as_browsers_send_them(entry: str, origin: str) -> None:
    assert normalise_origin(entry) == origin


@pytest.mark.parametrize("entry", ["intranet.example.org", "ftp://host", "https://host/path", "https://host?q=1"])
def test_what_is_not_an_origin_is_refused(entry: str) -> None:
    with pytest.raises(ValueError, match="is not an origin"):
        normalise_origin(entry)


@pytest.mark.parametrize(("value", "path"), [("qa", "/qa"), ("/qa/", "/qa"), (" ", ""), ("", "")])
def test_root_path(value: str, path: str) -> None:
    assert normalise_root_path(value) == path


def test_defaults_point_into_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RAG_CORPUS_DIR", "RAG_INDEX_DIR", "RAG_ZH_TOKENIZER"):
        monkeypatch.delenv(name, raising=False)
    read = settings(monkeypatch)
    assert read.corpus_dir == REPO_ROOT / "corpus"
    assert read.index_dir == REPO_ROOT / "index" / "current"
    assert read.zh_tokenizer == "both"


def test_lists_are_comma_separated_or_json(monkeypatch: pytest.MonkeyPatch) -> None:
    comma = settings(monkeypatch, cors_origins="https://a.example, https://A.example/ ,http://b.example:8080")
    assert comma.cors_origins == ["https://a.example", "http://b.example:8080"]
    as_json = settings(monkeypatch, cors_origins='["https://c.example"]')
    assert as_json.cors_origins == ["https://c.example"]


def test_keys_are_hashed_as_they_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    read = settings(monkeypatch, api_keys="widget:ask:plain-secret")
    assert len(read.api_keys) == 1 and read.api_keys[0].startswith("widget:ask:sha256:")
    assert "plain-secret" not in repr(read)


def test_blank_values_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    read = settings(monkeypatch, api_keys_file=" ", trusted_user_header="  ", root_path="/qa/")
    assert read.api_keys_file is None and read.trusted_user_header is None and read.root_path == "/qa"
    assert settings(monkeypatch, api_keys_file="/etc/rag/keys").api_keys_file == Path("/etc/rag/keys")


@pytest.mark.parametrize(("name", "value"), [("answer_k", "0"), ("zh_tokenizer", "spaces"), ("llm_timeout", "0")])
def test_out_of_range_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=name):
        settings(monkeypatch, **{name: value})


def test_the_process_settings_are_read_once() -> None:
    assert get_settings() is get_settings()
