"""The composition root: the service, the model client and the answerer built in one place, the served service
swapped by a reload, and the client closed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.errors import IndexNotFound
from rag.core.settings import Settings
from rag.retrieval.service import Service
from rag.runtime import Runtime, load_service


class FakeModel:
    closed = 0

    def close(self) -> None:
        self.closed += 1


def test_nothing_is_served_until_loaded_and_a_failed_load_says_why(settings: Settings, tmp_path: Path) -> None:
    runtime = Runtime(settings.model_copy(update={"index_dir": tmp_path / "none"}))
    with pytest.raises(IndexNotFound, match="not loaded yet"):
        runtime.current()
    with pytest.raises(IndexNotFound) as failed:
        runtime.load()
    with pytest.raises(IndexNotFound) as served:
        runtime.current()
    assert str(tmp_path) in failed.value.message  # the operator is told where
    assert served.value.message == "no index at …/none" and runtime.service is None  # a client is not
    assert served.value.hint == failed.value.hint


def test_a_corrupt_index_at_start_up_is_served_as_503_without_server_paths(
    lexical_settings: Settings, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from rag.api.app import create_app
    from rag.indexing.store import build_index

    build_index(lexical_settings, progress=False)
    passages = lexical_settings.index_dir / "passages.jsonl"
    data = bytearray(passages.read_bytes())
    data[len(data) // 2] ^= 0x01  # one flipped byte
    passages.write_bytes(bytes(data))
    with TestClient(create_app(lexical_settings)) as client:
        response = client.post("/v1/search", json={"query": "export controls"})
        ready = client.get("/readyz")
    for public in (response, ready):
        assert public.status_code == 503
        assert "passages.jsonl does not match" in public.text
        assert str(tmp_path) not in public.text and "/builds/" not in public.text


def test_load_serves_the_index_on_disk(settings: Settings) -> None:
    runtime = Runtime(settings)
    service = runtime.load()
    assert runtime.current() is service and runtime.load_error is None
    assert service.built_at == load_service(settings).built_at


def test_the_answerer_follows_the_served_service(settings: Settings, service: Service) -> None:
    answers: list[object] = []
    runtime = Runtime(settings, service, on_answer=answers.append)
    first = runtime.answerer()
    assert first.service is service and runtime.answerer() is first  # built once per service
    other = load_service(settings)
    runtime.swap(other)
    assert runtime.answerer().service is other
    assert runtime.answerer(service).service is service  # a request keeps the service it started with
    runtime.answerer().ask("Does Norway support resolution 76/234?")
    assert len(answers) == 1


def test_start_builds_the_model_client_the_settings_name_and_close_closes_it(settings: Settings) -> None:
    assert Runtime.start(settings.model_copy(update={"llm_base_url": None})).llm is None
    model = FakeModel()
    with Runtime(settings, llm=model) as runtime:  # type: ignore[arg-type]
        assert runtime.llm is model
    assert model.closed == 1
