"""Server-sent events: one implementation for both streams, keep-alive pings on a slow stream, and a failure
after the 200 reported the same way (an `error` event, an OpenAI error chunk then [DONE])."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rag.answering.pipeline import Answerer
from rag.api import sse
from rag.api.app import create_app
from rag.core.errors import LLMError
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.sse import parse_events


def slow_frames() -> Iterator[Any]:
    yield sse.frame("first", {"n": 1})
    time.sleep(0.5)
    yield sse.frame("second", {"n": 2})


def test_a_slow_stream_gets_keep_alive_pings() -> None:
    app = FastAPI()
    app.add_api_route("/slow", lambda: sse.event_stream(slow_frames(), ping=0.05))
    with TestClient(app) as client, client.stream("GET", "/slow") as response:
        text = response.read().decode()
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache" and response.headers["x-accel-buffering"] == "no"
    assert ": ping\n\n" in text
    assert text.index('event: first\ndata: {"n": 1}\n\n') < text.index(": ping") < text.index("event: second")


def test_a_fast_stream_sends_no_ping_at_the_default_interval() -> None:
    app = FastAPI()
    app.add_api_route("/fast", lambda: sse.event_stream(iter([sse.frame(None, {"x": "é"}), sse.raw_frame("[DONE]")])))
    with TestClient(app) as client:
        assert client.get("/fast").text == 'data: {"x": "é"}\n\ndata: [DONE]\n\n'  # not ASCII-escaped
    assert sse.PING_SECONDS == 15.0


def failing(error: Exception) -> Iterator[tuple[str, Any]]:
    yield "delta", "Partial "
    raise error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            LLMError("the model failed", "try again later"),
            {"stage": "llm", "message": "the model failed", "hint": "try again later"},
        ),
        (ValueError("boom"), {"stage": "answer", "message": "internal error while answering"}),
    ],
    ids=["rag-error", "unexpected"],
)
def test_a_failure_mid_stream_becomes_one_error_event(error: Exception, expected: dict[str, Any]) -> None:
    text = b"".join(frame.encode() for frame in sse.answer_frames(failing(error))).decode()
    assert parse_events(text) == [("delta", {"text": "Partial "}), ("error", {"error": expected})]


@pytest.fixture
def broken_client(settings: Settings, service: Service, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    def stream(self: Answerer, *args: Any, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        return failing(ValueError("boom"))

    monkeypatch.setattr(Answerer, "stream", stream)
    with TestClient(create_app(settings, service)) as client:
        yield client


def test_both_streams_report_an_unexpected_failure_the_same_way(broken_client: TestClient) -> None:
    asked = broken_client.post("/v1/ask/stream", json={"question": "Does Norway support resolution 76/234?"})
    assert parse_events(asked.text)[-1] == (
        "error",
        {"error": {"stage": "answer", "message": "internal error while answering"}},
    )
    body = {"messages": [{"role": "user", "content": "Does Norway support it?"}], "stream": True}
    chat = broken_client.post("/v1/chat/completions", json=body)
    data = [line[len("data: ") :] for line in chat.text.splitlines() if line.startswith("data: ")]
    assert data[-1] == "[DONE]"
    assert json.loads(data[-2]) == {
        "error": {"message": "internal error while answering", "type": "answer", "hint": None}
    }
    assert json.loads(data[1])["choices"][0]["delta"] == {"content": "Partial "}
