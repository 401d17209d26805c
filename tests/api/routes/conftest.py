"""Fixtures of the route tests: the app over the small two-document test corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.store import build_index


@pytest.fixture
def small_client(lexical_settings: Settings) -> Iterator[TestClient]:
    """The app over an index of the small test corpus (tests/conftest.py), through TestClient."""
    build_index(lexical_settings, progress=False)
    with TestClient(create_app(lexical_settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def parallel_client(parallel_index: Settings) -> Iterator[TestClient]:
    """The app over the parallel samples (A/77/96 in Chinese, English and French: tests/data/parallel)."""
    with TestClient(create_app(parallel_index)) as test_client:
        yield test_client
