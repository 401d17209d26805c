"""Fixtures of the API tests: an app with admin keys over a freshly built index of the small test corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.store import build_index
from tests.support.admin import admin_settings


@pytest.fixture
def built(lexical_settings: Settings) -> Settings:
    """The small corpus indexed, with an admin and a reader key."""
    build_index(lexical_settings, progress=False)
    return admin_settings(lexical_settings)


@pytest.fixture
def client(built: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(built)) as test_client:
        yield test_client
