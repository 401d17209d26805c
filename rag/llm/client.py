"""The one place the service talks to a language model: an OpenAI-compatible server through LangChain.

Every call has a wall-clock deadline (RAG_LLM_TIMEOUT) that no server can stretch: keep-alive comments or a
body sent a byte at a time do not reset it. At the deadline, or when the caller stops reading a stream (a
client that went away), the call's connection is shut down at once. Each call gets a fresh connection (none
is pooled), so there is always exactly one socket to cut, and none is left half-open afterwards."""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, Literal

import openai
import pydantic
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from rag.core.errors import ConfigError, LLMError
from rag.core.settings import Settings

try:  # openai>=3 talks through httpx2 (httpx's drop-in successor), older versions through httpx
    import httpx2 as http_lib
except ImportError:  # pragma: no cover
    import httpx as http_lib  # type: ignore[no-redef]

log = logging.getLogger(__name__)

_URL_HINT = "check RAG_LLM_BASE_URL and that the server is running"
_TIMEOUT_HINT = "raise RAG_LLM_TIMEOUT, or use a smaller/faster model (RAG_LLM_MODEL)"
_OUTPUT_HINT = "check that RAG_LLM_BASE_URL is an OpenAI-compatible /v1 endpoint and RAG_LLM_MODEL a chat model"
CHARS_PER_TOKEN = 8  # an answer longer than max_tokens * this is not read further (no tokenizer writes more)
_BODY_BYTES = 1_000_000  # bytes a response may carry besides 512 per token asked for (SSE framing, JSON)


@dataclass(frozen=True)
class ChatMessage:
    role: Literal["system", "user", "assistant"]
    content: str


def _to_langchain(messages: Sequence[ChatMessage]) -> list[BaseMessage]:
    kinds: dict[str, type[BaseMessage]] = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


def answer_chars(max_tokens: int) -> int:
    """The most characters of an answer that are read: a multiple of the tokens the model may write."""
    return CHARS_PER_TOKEN * max_tokens


class Slots:
    """A count of LLM calls in flight, never above its limit: `take` never waits, it takes what is free."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._used = 0
        self._lock = threading.Lock()

    def take(self, wanted: int = 1) -> int:
        with self._lock:
            taken = max(0, min(wanted, self.limit - self._used))
            self._used += taken
            return taken

    def give(self, count: int = 1) -> None:
        with self._lock:
            self._used = max(0, self._used - count)

    @property
    def used(self) -> int:
        return self._used


Failure = Literal["timeout", "too long", "abandoned"]


class Abort:
    """The LLM calls made for one request (those started on a thread inside `watching`), so that all of them
    can be cut at once when the request is abandoned, even while a worker thread is blocked reading one."""

    def __init__(self) -> None:
        self.aborted = False
        self._calls: list[_Call] = []
        self._lock = threading.Lock()

    @contextmanager
    def watching(self) -> Iterator[None]:
        _active.abort = self
        try:
            yield
        finally:
            _active.abort = None

    def add(self, call: _Call) -> None:
        with self._lock:
            self._calls.append(call)
        if self.aborted:
            call.cut("abandoned")

    def abort(self) -> None:
        self.aborted = True
        with self._lock:
            calls = list(self._calls)
        for call in calls:
            call.cut("abandoned")


class _Call:
    """One call's deadline and byte budget, and the sockets it opened, which `cut` shuts down."""

    def __init__(self, seconds: float, max_bytes: int) -> None:
        self.deadline = time.monotonic() + seconds
        self.max_bytes = max_bytes
        self.received = 0
        self.failure: Failure | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.cut, args=("timeout",))
        self._timer.daemon = True
        self._timer.start()
        abort: Abort | None = getattr(_active, "abort", None)
        if abort is not None:
            abort.add(self)

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remembers the socket of each connection the call opens."""
        if event.endswith("connect_tcp.complete") and info.get("return_value") is not None:
            sock = info["return_value"].get_extra_info("socket")
            if sock is not None:
                with self._lock:
                    self._sockets.append(sock)
                if self.failure:  # the deadline passed while connecting
                    self.cut(self.failure)

    def feed(self, size: int) -> None:
        """Count bytes received; raise once the deadline or the byte budget is spent."""
        self.received += size
        if self.failure is None and time.monotonic() > self.deadline:
            self.failure = "timeout"
        if self.failure is None and self.received > self.max_bytes:
            self.failure = "too long"
        if self.failure is not None:
            raise TimeoutError(self.failure) if self.failure == "timeout" else ValueError(self.failure)

    def cut(self, why: Failure | None = None) -> None:
        """Shut the call's connections down now (a blocked read returns at once)."""
        if why and self.failure is None:
            self.failure = why
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def end(self, finished: bool) -> None:
        self._timer.cancel()
        if not finished:
            self.cut()


_active = threading.local()  # the call being sent on this thread (.call), the request it is for (.abort)


class _Watched(http_lib.SyncByteStream):
    def __init__(self, inner: Any, call: _Call) -> None:
        self._inner = inner
        self._call = call

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._call.feed(len(chunk))
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _Transport(http_lib.HTTPTransport):
    """Hands each request's connection to its call (to cut) and counts the body's bytes against it."""

    def handle_request(self, request: http_lib.Request) -> http_lib.Response:
        call: _Call | None = getattr(_active, "call", None)
        if call is None:
            return super().handle_request(request)
        request.extensions = {**request.extensions, "trace": call.trace}
        response = super().handle_request(request)
        watched = _Watched(response.stream, call)
        return http_lib.Response(
            response.status_code, headers=response.headers, stream=watched, extensions=response.extensions
        )


@contextmanager
def _sending(call: _Call) -> Iterator[None]:
    _active.call = call
    try:
        yield
    finally:
        _active.call = None


class LLMClient:
    """Chat completions with temperature 0, no retries and one deadline per call; every failure is an LLMError
    whose message says only what went wrong (the server's own words go to the operator log)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_base_url:
            raise ConfigError("no LLM server configured", "set RAG_LLM_BASE_URL, e.g. http://localhost:11434/v1")
        self.model = settings.llm_model
        self.base_url = settings.llm_base_url
        self.api_key = settings.llm_api_key or "not-needed"  # local servers want none, the SDK wants some
        self.timeout = settings.llm_timeout
        self.max_tokens = settings.llm_max_tokens
        self.log_questions = settings.log_questions
        self.slots = Slots(settings.llm_max_pending)
        limits = http_lib.Limits(max_connections=None, max_keepalive_connections=0)
        self._http = http_lib.Client(transport=_Transport(limits=limits), timeout=self.timeout)
        self._chat = ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=pydantic.SecretStr(self.api_key),
            temperature=0,
            max_retries=0,  # the caller falls back to an extractive answer instead
            timeout=self.timeout,
            http_client=self._http,
        )

    def close(self) -> None:
        """Close the HTTP client."""
        self._http.close()

    def _options(self, max_tokens: int | None, json_mode: bool) -> dict[str, Any]:
        # Sent as `max_tokens`, which every OpenAI-compatible server reads; ChatOpenAI's own max_tokens
        # goes out as `max_completion_tokens`, which older local servers ignore.
        options: dict[str, Any] = {"extra_body": {"max_tokens": max_tokens or self.max_tokens}}
        if json_mode:
            options["response_format"] = {"type": "json_object"}
        return options

    def _call(self, max_tokens: int | None, timeout: float | None = None) -> _Call:
        return _Call(timeout or self.timeout, _BODY_BYTES + 512 * (max_tokens or self.max_tokens))

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int | None = None,
        json_mode: bool = False,
        timeout: float | None = None,
    ) -> str:
        """The model's whole reply; `timeout` (seconds) shortens this call's deadline below RAG_LLM_TIMEOUT (a
        caller with a time budget of its own), never lengthens it."""
        timeout = min(timeout, self.timeout) if timeout else None
        call = self._call(max_tokens, timeout)
        try:
            with _sending(call):
                result = self._chat.invoke(_to_langchain(messages), **self._options(max_tokens, json_mode))
        except Exception as exc:
            raise self._error(exc, call, timeout) from exc
        finally:
            call.end(finished=True)  # a complete body was read, or the connection is already closed
        return self._text(result)[: answer_chars(max_tokens or self.max_tokens)]

    def stream(self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None) -> Iterator[str]:
        """Yield text deltas until the answer ends or reaches answer_chars(max_tokens); raise when the deadline
        passes first. Closing the generator early closes the connection."""
        call, limit = self._call(max_tokens), answer_chars(max_tokens or self.max_tokens)
        chunks = self._chat.stream(_to_langchain(messages), **self._options(max_tokens, False))
        produced = 0
        try:
            while produced < limit:
                with _sending(call):
                    chunk = next(chunks, None)
                if chunk is None:
                    break
                if call.failure is not None or time.monotonic() > call.deadline:
                    raise TimeoutError(call.failure or "timeout")
                if chunk.text:
                    text = chunk.text[: limit - produced]
                    produced += len(text)
                    yield text
        except Exception as exc:
            raise self._error(exc, call) from exc
        finally:
            call.end(finished=False)  # ends the call's connection whether it ended, failed or was abandoned
            getattr(chunks, "close", lambda: None)()  # the SDK's stream, and so its response
        if produced >= limit:
            log.warning("LLM answer cut at %d characters (RAG_LLM_MAX_TOKENS=%d)", limit, max_tokens or self.max_tokens)
        if not produced:
            raise self._empty()

    def _text(self, result: BaseMessage) -> str:
        text = result.text
        if not text.strip():
            raise self._empty()
        return text

    def _empty(self) -> LLMError:
        return LLMError("the language model returned an empty answer", _OUTPUT_HINT, reason="empty")

    def _error(self, exc: Exception, call: _Call | None = None, timeout: float | None = None) -> LLMError:
        """Translate whatever the openai/httpx/LangChain stack raised into an LLMError with a next step; the
        details (the server's address and, only with RAG_LOG_QUESTIONS, its own words) go to the log."""
        error = self._classify(exc, call.failure if call else None, timeout or self.timeout)
        detail = f"{type(exc).__name__}: {_short(str(exc))}" if self.log_questions else type(exc).__name__
        log.warning("LLM call to %s failed (%s): %s [%s]", self.base_url, error.reason, error.message, detail)
        return error

    def _classify(self, exc: Exception, failure: str | None, seconds: float) -> LLMError:
        if failure == "timeout" or isinstance(exc, openai.APITimeoutError | http_lib.TimeoutException | TimeoutError):
            return LLMError(f"the language model did not answer within {seconds:g} s", _TIMEOUT_HINT, "timeout")
        if failure == "abandoned":
            return LLMError("the request was abandoned", reason="abandoned")
        if failure == "too long":
            return LLMError("the language model sent an over-long response", _OUTPUT_HINT, reason="malformed")
        if isinstance(exc, openai.APIConnectionError | http_lib.TransportError):
            return LLMError("cannot connect to the language model server", _URL_HINT, reason="connection")
        if isinstance(exc, openai.APIStatusError):
            hint = "check RAG_LLM_MODEL" if exc.status_code == 404 else "check the LLM server's logs"
            if exc.status_code in (401, 403):
                hint = "check RAG_LLM_API_KEY"
            return LLMError(f"the language model server answered HTTP {exc.status_code}", hint, reason="http")
        malformed = (openai.APIResponseValidationError, pydantic.ValidationError, json.JSONDecodeError, ValueError)
        if isinstance(exc, (*malformed, KeyError, TypeError, AttributeError, IndexError)):
            return LLMError(
                "the language model server sent a body that is not a chat completion", _OUTPUT_HINT, "malformed"
            )
        reason = "http" if isinstance(exc, openai.APIError) else "malformed"
        return LLMError(f"the language model server failed ({type(exc).__name__})", _URL_HINT, reason=reason)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def llm_from_settings(settings: Settings) -> LLMClient | None:
    """The configured client, or None when no server is set (the service then answers extractively)."""
    return LLMClient(settings) if settings.llm_base_url else None
