"""LLMClient over real loopback HTTP against the scripted server: answers, requests sent, and every failure mode."""

from __future__ import annotations

import logging
import socket
import threading
import time

import httpx
import pytest

from rag.core.errors import ConfigError, LLMError
from rag.core.settings import Settings
from rag.llm.client import Abort, ChatMessage, LLMClient, answer_chars, llm_from_settings
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.waiting import wait_for

MESSAGES = [
    ChatMessage("system", "Answer from the passages only."),
    ChatMessage("user", "Which states replied?"),
    ChatMessage("assistant", "Austria and Japan."),
    ChatMessage("user", "Which of them mentions cyber?"),
]


def client(server: ScriptedLLM, timeout: float = 5.0) -> LLMClient:
    return LLMClient(Settings(llm_base_url=server.base_url, llm_timeout=timeout, llm_max_tokens=321))


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def failure(call, *args, **kwargs) -> tuple[LLMError, float]:
    started = time.monotonic()
    with pytest.raises(LLMError) as info:
        call(*args, **kwargs)
    return info.value, time.monotonic() - started


# --- answers and what the server received ---


def test_complete_returns_the_answer_and_sends_a_deterministic_request(scripted_llm: ScriptedLLM) -> None:
    llm = client(scripted_llm)
    scripted_llm.script(Reply("Japan [1]."))
    assert llm.complete(MESSAGES) == "Japan [1]."
    [request] = scripted_llm.requests
    assert request["model"] == llm.model
    assert request["temperature"] == 0
    assert request["max_tokens"] == 321
    assert "max_completion_tokens" not in request
    assert not request.get("stream")
    assert "response_format" not in request
    sent = [(m["role"], m["content"]) for m in request["messages"]]
    assert sent == [(m.role, m.content) for m in MESSAGES]


def test_max_tokens_and_json_mode_reach_the_server(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply('{"items": []}'))
    assert client(scripted_llm).complete(MESSAGES, max_tokens=40, json_mode=True) == '{"items": []}'
    [request] = scripted_llm.requests
    assert request["max_tokens"] == 40
    assert request["response_format"] == {"type": "json_object"}


def test_stream_yields_the_pieces_in_order(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply(chunks=["Aus", "tria ", "and ", "Japan."]), Reply("Austria and Japan replied."))
    llm = client(scripted_llm)
    assert list(llm.stream(MESSAGES, max_tokens=50)) == ["Aus", "tria ", "and ", "Japan."]
    pieces = list(llm.stream(MESSAGES))
    assert len(pieces) > 1
    assert "".join(pieces) == "Austria and Japan replied."
    first, second = scripted_llm.requests
    assert first["stream"] is True
    assert (first["max_tokens"], second["max_tokens"]) == (50, 321)
    assert first["temperature"] == 0


# --- failures: every one is an LLMError with a reason and a next step ---


@pytest.mark.parametrize(("status", "hint"), [(500, "logs"), (503, "logs"), (404, "RAG_LLM_MODEL"), (401, "API_KEY")])
def test_http_errors(scripted_llm: ScriptedLLM, status: int, hint: str) -> None:
    scripted_llm.script(Reply("model is overloaded", status=status))
    error, _ = failure(client(scripted_llm).complete, MESSAGES)
    assert error.reason == "http"
    assert str(status) in error.message
    assert hint in str(error)


def test_http_errors_when_streaming(scripted_llm: ScriptedLLM) -> None:
    llm = client(scripted_llm)
    scripted_llm.script(Reply(status=500))
    error, _ = failure(lambda: list(llm.stream(MESSAGES)))
    assert (error.reason, "500" in error.message) == ("http", True)


def test_a_spent_script_fails_loudly(scripted_llm: ScriptedLLM, caplog: pytest.LogCaptureFixture) -> None:
    llm = LLMClient(Settings(llm_base_url=scripted_llm.base_url, log_questions=True))  # the server's words logged
    error, _ = failure(llm.complete, MESSAGES)
    assert error.reason == "http"
    assert "script ran out" in caplog.text


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_timeout_returns_promptly(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("too late", delay=2.0))
    error, elapsed = failure(client(scripted_llm, timeout=0.5).complete, MESSAGES)
    assert error.reason == "timeout"
    assert "RAG_LLM_TIMEOUT" in str(error)
    assert elapsed < 1.5


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_stream_that_never_starts_times_out(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("too late", delay=2.0))
    llm = client(scripted_llm, timeout=0.5)
    error, elapsed = failure(lambda: list(llm.stream(MESSAGES)))
    assert error.reason == "timeout"
    assert elapsed < 1.5


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_stream_that_stalls_midway_times_out(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply(chunks=["Japan ", "and ", "Mexico"], chunk_delay=2.0))
    received: list[str] = []
    started = time.monotonic()
    with pytest.raises(LLMError) as info:
        received.extend(client(scripted_llm, timeout=0.5).stream(MESSAGES))
    assert info.value.reason == "timeout"
    assert received == ["Japan "]
    assert time.monotonic() - started < 1.5


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_stream_that_trickles_past_the_deadline_times_out(scripted_llm: ScriptedLLM) -> None:
    # every gap is shorter than the timeout, but the whole stream is not
    scripted_llm.script(Reply(chunks=["a", "b", "c", "d", "e", "f"], chunk_delay=0.2))
    llm = client(scripted_llm, timeout=0.5)
    error, elapsed = failure(lambda: list(llm.stream(MESSAGES)))
    assert error.reason == "timeout"
    assert elapsed < 1.0


def test_connection_refused() -> None:
    llm = LLMClient(Settings(llm_base_url=closed_port_url(), llm_timeout=2.0))
    for call in (
        lambda: llm.complete(MESSAGES),
        lambda: list(llm.stream(MESSAGES)),
    ):
        error, _ = failure(call)
        assert error.reason == "connection"
        assert "RAG_LLM_BASE_URL" in str(error)


MALFORMED = ["not json", '{"foo": 1}', '{"choices": null}', '{"choices": []}', '{"choices": [{"index": 0}]}']


@pytest.mark.parametrize("raw", MALFORMED)
@pytest.mark.parametrize("json_mode", [False, True])
def test_malformed_bodies(scripted_llm: ScriptedLLM, raw: str, json_mode: bool) -> None:
    llm = client(scripted_llm)
    scripted_llm.script(Reply(raw=raw))
    error, _ = failure(llm.complete, MESSAGES, json_mode=json_mode)
    assert error.reason == "malformed"
    assert "RAG_LLM_BASE_URL" in str(error)


def test_malformed_stream(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply(raw='{"foo": 1}'))
    llm = client(scripted_llm)
    error, _ = failure(lambda: list(llm.stream(MESSAGES)))
    assert error.reason in ("malformed", "empty")


@pytest.mark.parametrize("content", ["", "  \n"])
def test_empty_answers(scripted_llm: ScriptedLLM, content: str) -> None:
    llm = client(scripted_llm)
    scripted_llm.script(Reply(content), Reply(content, chunks=[]))
    assert failure(llm.complete, MESSAGES)[0].reason == "empty"
    assert failure(lambda: list(llm.stream(MESSAGES)))[0].reason == "empty"


# --- hostile or broken servers: a real deadline, a bounded answer, nothing said to users but the reason ---


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_keep_alive_comments_do_not_stretch_the_deadline(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("never said", keepalive=30.0))  # 30 s of ": keep-alive", a comment every 50 ms
    llm = client(scripted_llm, timeout=0.5)
    error, elapsed = failure(lambda: list(llm.stream(MESSAGES)))
    assert error.reason == "timeout"
    assert elapsed < 2.5
    assert wait_for(lambda: scripted_llm.hangups == 1)  # the connection was closed, not left to the GC


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_a_trickling_body_does_not_stretch_the_deadline(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("Japan and Mexico.", trickle=0.05))  # ~300 bytes, one every 50 ms: 15 s
    error, elapsed = failure(client(scripted_llm, timeout=0.5).complete, MESSAGES)
    assert error.reason == "timeout"
    assert elapsed < 2.5
    assert wait_for(lambda: scripted_llm.hangups == 1)


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_a_server_that_never_answers_is_cut_at_the_deadline(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("too late", delay=30.0), Reply("too late", delay=30.0))
    llm = client(scripted_llm, timeout=0.5)
    for call in (lambda: llm.complete(MESSAGES), lambda: list(llm.stream(MESSAGES))):
        error, elapsed = failure(call)
        assert (error.reason, elapsed < 2.5) == ("timeout", True)


def test_an_abandoned_stream_closes_its_connection(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply(chunks=["Japan "] * 400, chunk_delay=0.02))  # 8 s of answer
    pieces = client(scripted_llm, timeout=30).stream(MESSAGES)
    assert next(pieces) == "Japan "
    started = time.monotonic()
    pieces.close()  # what the answer stage does when the asking client goes away
    assert wait_for(lambda: scripted_llm.hangups == 1)
    assert time.monotonic() - started < 3.0


def test_an_abort_cuts_a_call_blocked_in_another_thread(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("never said", keepalive=30.0))
    llm, abort = client(scripted_llm, timeout=30), Abort()
    failed: list[LLMError] = []

    def read() -> None:
        with abort.watching(), pytest.raises(LLMError) as info:
            list(llm.stream(MESSAGES))
        failed.append(info.value)

    reader = threading.Thread(target=read)
    reader.start()
    assert wait_for(lambda: len(scripted_llm.requests) == 1)
    started = time.monotonic()
    abort.abort()  # what the API does when the asking client goes away
    reader.join(timeout=5)
    assert time.monotonic() - started < 2.0
    assert [e.reason for e in failed] == ["abandoned"]
    assert wait_for(lambda: scripted_llm.hangups == 1)


def test_a_huge_streamed_answer_is_cut(scripted_llm: ScriptedLLM, caplog: pytest.LogCaptureFixture) -> None:
    scripted_llm.script(Reply(chunks=["Japan supports it [1]. " * 40] * 2000))  # 1.8 M characters
    llm = client(scripted_llm, timeout=30)
    started = time.monotonic()
    text = "".join(llm.stream(MESSAGES, max_tokens=50))
    assert len(text) == answer_chars(50)
    assert time.monotonic() - started < 5.0
    assert "cut at" in caplog.text
    assert wait_for(lambda: scripted_llm.hangups == 1)  # not read to the end


def test_a_huge_body_is_not_read_to_the_end(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("Japan. " * 400_000), Reply("Japan. " * 1000))  # 2.8 MB; then 7 kB
    llm = client(scripted_llm, timeout=30)
    error, elapsed = failure(llm.complete, MESSAGES, max_tokens=50)
    assert error.reason == "malformed"
    assert elapsed < 5.0
    assert len(llm.complete(MESSAGES, max_tokens=50)) == answer_chars(50)


@pytest.mark.parametrize("log_questions", [False, True])
def test_failures_tell_users_the_reason_and_the_operator_the_rest(
    scripted_llm: ScriptedLLM, caplog: pytest.LogCaptureFixture, log_questions: bool
) -> None:
    question = "Which states oppose resolution 76/234 (secret-question)?"
    scripted_llm.script(Reply(f"context too long: {question}", status=500), Reply(raw=f"<html>{question}</html>"))
    settings = Settings(llm_base_url=scripted_llm.base_url, llm_timeout=5, log_questions=log_questions)
    llm = LLMClient(settings)
    caplog.set_level(logging.WARNING, logger="rag.llm.client")
    messages = [ChatMessage("user", question)]
    for call in (lambda: llm.complete(messages), lambda: llm.complete(messages)):
        error, _ = failure(call)
        assert error.reason in ("http", "malformed")
        assert "secret-question" not in str(error)
        assert "127.0.0.1" not in str(error)
    assert caplog.text.count(scripted_llm.base_url) == 2  # the operator learns where
    assert ("secret-question" in caplog.text) is log_questions  # and what it said, only when allowed


def test_no_connection_is_kept_after_a_call(scripted_llm: ScriptedLLM) -> None:
    scripted_llm.script(Reply("Japan [1]."), Reply("Japan [1]."))
    llm = client(scripted_llm)
    assert llm.complete(MESSAGES) == "Japan [1]."
    assert list(llm.stream(MESSAGES))
    assert llm.slots.used == 0


# --- construction and the fake server itself ---


def test_llm_from_settings() -> None:
    assert llm_from_settings(Settings(llm_base_url=None)) is None
    assert llm_from_settings(Settings(llm_base_url="")) is None
    made = llm_from_settings(Settings(llm_base_url="http://127.0.0.1:9/v1", llm_model="m"))
    assert isinstance(made, LLMClient)
    assert made.model == "m"
    with pytest.raises(ConfigError):
        LLMClient(Settings(llm_base_url=None))


def test_scripted_server_lists_models(scripted_llm: ScriptedLLM) -> None:
    response = httpx.get(f"{scripted_llm.base_url}/models", timeout=5)
    assert response.status_code == 200
    assert response.json()["data"][0]["id"]
