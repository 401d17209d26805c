"""The gate in front of the language model (rag/api/limits.py), over real loopback HTTP against a slow or
stalling scripted model: refusals are fast 503s with Retry-After, /healthz never waits behind answers, and a
client that leaves a stream frees its slot and closes the model's connection."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.live_server import serve
from tests.support.waiting import wait_for

QUESTION = {"question": "Does Norway support resolution 76/234?"}


@pytest.fixture
def slow_llm() -> Iterator[ScriptedLLM]:
    with ScriptedLLM() as server:
        server.responder = lambda body: Reply("Norway opposes it [1].", delay=30.0)  # cut by the 4 s timeout
        yield server


def app_settings(settings: Settings, llm: ScriptedLLM, **update: Any) -> Settings:
    return Settings(
        **{**settings.model_dump(), "rate_limit_per_minute": 0, "llm_base_url": llm.base_url, "llm_timeout": 4.0}
        | update
    )


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_a_full_gate_refuses_at_once_and_health_never_waits(
    settings: Settings, service: Service, slow_llm: ScriptedLLM
) -> None:
    app = create_app(app_settings(settings, slow_llm, llm_max_pending=4), service)
    with serve(app) as base, httpx.Client(base_url=base, timeout=20) as client:

        def ask(_: int) -> tuple[int, float, httpx.Response]:
            started = time.monotonic()
            response = client.post("/v1/ask", json=QUESTION)
            return response.status_code, time.monotonic() - started, response

        with ThreadPoolExecutor(45) as pool:
            asked = [pool.submit(ask, i) for i in range(45)]
            assert wait_for(lambda: len(slow_llm.requests) >= 4)  # the model holds 4 of them
            started = time.monotonic()
            health = client.get("/healthz")
            ready = client.get("/readyz")
            health_seconds = time.monotonic() - started
            outcomes = [future.result() for future in asked]
    assert health.status_code == ready.status_code == 200
    assert health_seconds < 1.5  # 9 s when 45 answers held every worker thread
    refused = [(seconds, r) for status, seconds, r in outcomes if status == 503]
    assert len(refused) == 41 and sorted(status for status, _, _ in outcomes).count(200) == 4
    assert max(seconds for seconds, _ in refused) < 3.0  # not after the 4 s the admitted ones took
    body = refused[0][1].json()
    assert "RAG_LLM_MAX_PENDING" in body["error"]["message"]
    assert refused[0][1].headers["Retry-After"] == "4"
    assert len(slow_llm.requests) == 4


def test_slots_come_back_after_answers_and_failures(
    settings: Settings, service: Service, slow_llm: ScriptedLLM
) -> None:
    slow_llm.responder = lambda body: Reply("Norway opposes it [1].")
    app = create_app(app_settings(settings, slow_llm, llm_max_pending=1), service)
    with serve(app) as base, httpx.Client(base_url=base, timeout=20) as client:
        for path in ("/v1/ask", "/v1/ask/stream", "/v1/ask", "/v1/chat/completions"):
            body = QUESTION if "ask" in path else {"messages": [{"role": "user", "content": QUESTION["question"]}]}
            response = client.post(path, json=body)
            assert response.status_code == 200, response.text
        assert client.post("/v1/ask", json={"question": ""}).status_code == 422
        assert client.post("/v1/ask", json=QUESTION).status_code == 200  # the 422 gave its slot back


def test_a_client_that_leaves_a_stream_frees_its_slot_and_the_models_connection(
    settings: Settings, service: Service, slow_llm: ScriptedLLM
) -> None:
    # the model stalls with keep-alive comments only: the old client waited for it as long as they came
    slow_llm.responder = None
    slow_llm.script(Reply("never said", keepalive=30.0), Reply("Norway opposes it [1]."))
    app = create_app(app_settings(settings, slow_llm, llm_max_pending=1, llm_timeout=30.0), service)
    with serve(app) as base, httpx.Client(base_url=base, timeout=20) as client:
        with client.stream("POST", "/v1/ask/stream", json=QUESTION) as stream:
            lines = stream.iter_lines()
            assert next(line for line in lines if line.startswith("event:")) == "event: retrieval"
            assert wait_for(lambda: len(slow_llm.requests) == 1)
        left = time.monotonic()  # the client closed its connection
        assert wait_for(lambda: slow_llm.hangups == 1, seconds=5.0), "the model's connection was left open"
        assert time.monotonic() - left < 5.0
        response = client.post("/v1/ask", json=QUESTION)  # the slot is free again
        assert response.status_code == 200, response.text
        assert response.json()["mode"] == "llm"


def test_without_a_model_nothing_is_gated(settings: Settings, service: Service) -> None:
    app = create_app(Settings(**{**settings.model_dump(), "rate_limit_per_minute": 0, "llm_max_pending": 1}), service)
    with serve(app) as base, httpx.Client(base_url=base, timeout=20) as client:
        barrier = threading.Barrier(3)

        def ask(_: int) -> int:
            barrier.wait(5)
            return client.post("/v1/ask", json=QUESTION).status_code

        with ThreadPoolExecutor(3) as pool:
            assert list(pool.map(ask, range(3))) == [200, 200, 200]
