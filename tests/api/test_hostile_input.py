"""Hostile input over HTTP: filter values, history turns and chat messages are bounded where they come in, so that
no request of at most RAG_MAX_BODY_BYTES stalls the service; bad input gets a 422 that says what is wrong."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.answering.followup import TURN_CHARS
from rag.api.app import create_app
from rag.api.schemas import MAX_FILTER_CHARS, MAX_FILTER_VALUES
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.live_server import serve

HJHJ = "Hjhjhj" * 20_000  # one word of many optional sounds: every person of the reports was its candidate


def error_of(response: httpx.Response, status: int = 422) -> str:
    assert response.status_code == status, response.text[:500]
    message = response.json()["error"]["message"]
    assert "Traceback" not in response.text
    return str(message)


@pytest.mark.parametrize("route", ["/v1/search", "/v1/ask"])
@pytest.mark.parametrize("field", ["respondent", "doc"])
def test_a_long_filter_value_is_refused_at_once(make_client: Any, route: str, field: str) -> None:
    """60,000 "(" in filters.respondent ran a backtracking regex for 22 s, holding the GIL."""
    client = make_client()
    body: dict[str, Any] = {
        "query" if route == "/v1/search" else "question": "Norway",
        "filters": {field: "(" * 30_000},
    }
    start = time.process_time()
    message = error_of(client.post(route, json=body))
    assert time.process_time() - start < 1.0
    assert f"filters.{field}: a value is 30000 characters; the limit is {MAX_FILTER_CHARS}" in message


def test_too_many_filter_values_are_refused(make_client: Any) -> None:
    client = make_client()
    body: dict[str, Any] = {"query": "Norway", "filters": {"respondent": ["Norway"] * (MAX_FILTER_VALUES + 1)}}
    message = error_of(client.post("/v1/search", json=body))
    assert f"filters.respondent: {MAX_FILTER_VALUES + 1} values; the limit is {MAX_FILTER_VALUES}" in message
    # Up to the limits, filters work as before.
    body = {"query": "export controls", "filters": {"respondent": ["Norway", "日本", "x" * MAX_FILTER_CHARS]}}
    assert "unknown respondent 'xxx" in error_of(client.post("/v1/search", json=body))
    body = {"query": "export controls", "k": 3, "filters": {"respondent": ["Norway", "Iran (Islamic Republic of)"]}}
    hits = client.post("/v1/search", json=body).json()["hits"]
    assert hits and {hit["respondent"]["id"] for hit in hits} <= {"NOR", "IRN"}


def test_health_answers_while_a_hostile_request_is_served(settings: Settings, service: Service) -> None:
    """One request with a hostile filter froze every request, /healthz too."""
    body = json.dumps({"question": "Norway", "filters": {"respondent": "(" * 30_000}})
    with serve(create_app(settings, service)) as url, httpx.Client(base_url=url, timeout=30) as http:
        assert http.get("/healthz").status_code == 200
        done: list[int] = []
        hostile = threading.Thread(
            target=lambda: done.append(
                http.post("/v1/ask", content=body, headers={"content-type": "application/json"}).status_code
            )
        )
        start = time.monotonic()  # (the server shares this process: a held GIL stopped this thread's clock too)
        hostile.start()
        time.sleep(0.5)  # it is being served (it took 4.5 s)
        assert http.get("/healthz").status_code == 200
        assert time.monotonic() - start < 2.0
        hostile.join(timeout=20)
        assert done == [422]


def test_a_long_history_turn_costs_no_more_than_a_question(make_client: Any) -> None:
    """A history turn of 8,000 characters of Hjhjhj… or "(" is read only as far as a question is."""
    client = make_client()
    for turn in (HJHJ[:7997] + "им.", "(" * 8000, ("中国" * 4000)):
        history = [{"role": "user", "content": turn}, {"role": "assistant", "content": turn}]
        start = time.process_time()
        response = client.post("/v1/ask", json={"question": "What did they say about it?", "history": history})
        assert response.status_code == 200, response.text[:300]
        assert time.process_time() - start < 1.0


def test_chat_messages_are_bounded(make_client: Any) -> None:
    """The last user message is a question (at most 1,999 characters); earlier turns, which chat clients send back
    whole, are read only in part (see docs/api.md)."""
    client = make_client()
    long_question = [{"role": "user", "content": HJHJ[:30_000]}]
    message = error_of(client.post("/v1/chat/completions", json={"messages": long_question}))
    assert "the question is 30000 characters; the limit is 1999" in message
    parts = [{"role": "user", "content": [{"type": "text", "text": "Norway "}] * 400}]
    assert "the limit is 1999" in error_of(client.post("/v1/chat/completions", json={"messages": parts}))
    for earlier in (HJHJ[:60_000], "(" * 60_000, "Norway " * 8_000):
        messages = [{"role": "user", "content": earlier}, {"role": "user", "content": "What did they say?"}]
        start = time.process_time()
        response = client.post("/v1/chat/completions", json={"messages": messages})
        assert response.status_code == 200, response.text[:300]
        assert time.process_time() - start < 1.0
    # The earlier question's end is still read for what it named.
    messages = [{"role": "user", "content": "Norway " * 8_000}, {"role": "user", "content": "Did they support 76/234?"}]
    answer = client.post("/v1/chat/completions", json={"messages": messages}).json()
    assert any(c["respondent"] and c["respondent"]["id"] == "NOR" for c in answer["rag"]["citations"])


def test_the_rewrite_prompt_holds_only_the_end_of_a_long_turn(settings: Settings, service: Service) -> None:
    """A 60,000-character chat turn went whole into the language model's prompt."""
    with ScriptedLLM() as llm:
        llm.script(Reply("What did Norway say?"), Reply("Norway said so [1]."))
        llm_settings = settings.model_copy(update={"llm_base_url": llm.base_url, "llm_timeout": 5})
        with TestClient(create_app(llm_settings, service)) as client:
            messages = [
                {"role": "user", "content": "x" * 60_000 + " Norway?"},
                {"role": "assistant", "content": "y" * 60_000},
                {"role": "user", "content": "And what did they say?"},
            ]
            assert client.post("/v1/chat/completions", json={"messages": messages}).status_code == 413
            messages[1]["content"] = "y" * 1000
            assert client.post("/v1/chat/completions", json={"messages": messages}).status_code == 200
        prompt = json.dumps(llm.requests[0]["messages"])
        assert "Norway?" in prompt and len(prompt) < TURN_CHARS + 1000 + 4000
