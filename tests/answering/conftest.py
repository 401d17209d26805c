"""Fixtures of the answer-stage tests."""

from __future__ import annotations

import pytest

from rag.answering.respondents import Aggregator
from rag.retrieval.service import Service


@pytest.fixture(scope="session")
def aggregator(service: Service) -> Aggregator:
    """The set-question judge over the bundled corpus's lexical index (tests/conftest.py `service`)."""
    return Aggregator(service.retriever)
