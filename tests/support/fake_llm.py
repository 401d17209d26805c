"""Scripted language models for tests, replaying queued Replies: ScriptedLLM is an OpenAI-compatible chat server
on loopback (real HTTP through the real LLMClient, no network); InProcessLLM stands in for the LLMClient itself, for
fast unit tests of the answer stage. Both record each request as the body a server would get."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from rag.core.errors import LLMError
from rag.llm.client import ChatMessage, Slots, answer_chars


@dataclass
class Reply:
    content: str = ""
    status: int = 200  # anything else answers {"error": {...}} with this status
    delay: float = 0.0  # seconds before answering (timeout tests)
    raw: str | None = None  # body sent verbatim as application/json (malformed-output tests)
    chunks: list[str] | None = None  # streamed content pieces; default: content cut in three
    chunk_delay: float = 0.0  # seconds before each streamed piece after the first (stall tests)
    keepalive: float = 0.0  # streamed: seconds of SSE keep-alive comments only (every 50 ms) before any piece
    trickle: float = 0.0  # not streamed: seconds between the body's bytes, sent one by one


def _pieces(reply: Reply) -> list[str]:
    if reply.chunks is not None:
        return reply.chunks
    size = max(1, -(-len(reply.content) // 3))
    return [reply.content[i : i + size] for i in range(0, len(reply.content), size)]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # each call opens a connection: a full backlog would delay one by a SYN retry (1 s)


class ScriptedLLM:
    """Serves queued Replies in order (or asks `responder`); records every request body."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.responder: Callable[[dict[str, Any]], Reply] | None = None
        self.base_url = ""
        self.hangups = 0  # replies cut short because the client closed the connection while being answered
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(body)
            if self.responder is None and self._queue:
                return self._queue.popleft()
        if self.responder is not None:
            return self.responder(body)
        return Reply(status=500, content=f"ScriptedLLM: the script ran out (request {len(self.requests)})")

    def start(self) -> ScriptedLLM:
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping on a delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler(llm: ScriptedLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like real servers

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):  # a client that gave up (timeout tests)
                with llm._lock:
                    llm.hangups += 1

        def _send(self, status: int, body: str, content_type: str = "application/json", trickle: float = 0.0) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not trickle:
                self.wfile.write(data)
                return
            for i in range(len(data)):  # a byte at a time: every read timeout is met, the deadline is not
                if llm._stopping.wait(trickle):
                    return
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()

        def do_GET(self) -> None:
            if self.path.rstrip("/") != "/v1/models":
                self._send(404, json.dumps({"error": {"message": f"no route {self.path}"}}))
                return
            self._send(200, json.dumps({"object": "list", "data": [{"id": "scripted", "object": "model"}]}))

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, json.dumps({"error": {"message": f"no route {self.path}"}}))
                return
            reply = llm._next(body)
            if not (reply.delay and llm._stopping.wait(reply.delay)):  # stop() cuts a delay short
                self._answer(body, reply)

        def _answer(self, body: dict[str, Any], reply: Reply) -> None:
            model = body.get("model", "scripted")
            if reply.raw is not None:
                self._send(reply.status, reply.raw)
            elif reply.status != 200:
                error = {"message": reply.content or "scripted failure", "type": "server_error", "code": reply.status}
                self._send(reply.status, json.dumps({"error": error}))
            elif not body.get("stream"):
                message = {"role": "assistant", "content": reply.content}
                choice = {"index": 0, "message": message, "finish_reason": "stop"}
                usage = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
                completion = {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model}
                self._send(200, json.dumps({**completion, "choices": [choice], "usage": usage}), trickle=reply.trickle)
            else:
                self._stream(model, reply)

        def _stream(self, model: str, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            head = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model}
            until = time.monotonic() + reply.keepalive
            while time.monotonic() < until:  # alive, as far as any read timeout can tell, but saying nothing
                self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                if llm._stopping.wait(0.05):
                    return
            deltas = [{"role": "assistant", "content": piece} for piece in _pieces(reply)]
            for i, delta in enumerate([*deltas, {}]):
                if 0 < i < len(deltas) and reply.chunk_delay and llm._stopping.wait(reply.chunk_delay):
                    return
                choice = {"index": 0, "delta": delta, "finish_reason": None if delta else "stop"}
                self.wfile.write(f"data: {json.dumps({**head, 'choices': [choice]})}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True

    return Handler


class InProcessLLM:
    """In place of rag.llm.client.LLMClient (complete, stream, close), without HTTP: replays queued
    Replies (or asks `responder`) and records each call in `requests` as the chat-completion body a server
    would get, so a test written against ScriptedLLM reads the same. A Reply that would fail over HTTP raises
    the LLMError the real client raises for it: status != 200 -> "http", raw -> "malformed", a delay of the
    timeout or more -> "timeout" (at once), no text -> "empty"."""

    def __init__(
        self,
        *replies: Reply,
        model: str = "scripted",
        timeout: float = 30.0,
        max_tokens: int = 700,
        max_pending: int = 16,
    ) -> None:
        self.model = model
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.slots = Slots(max_pending)
        self.requests: list[dict[str, Any]] = []
        self.responder: Callable[[dict[str, Any]], Reply] | None = None
        self.closed = False
        self._queue: deque[Reply] = deque(replies)
        self._lock = threading.Lock()

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int | None = None,
        json_mode: bool = False,
        timeout: float | None = None,
    ) -> str:
        reply = self._next(messages, max_tokens, json_mode, stream=False, timeout=timeout)
        if not reply.content.strip():
            raise self._empty()
        return reply.content

    def stream(self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None) -> Iterator[str]:
        reply = self._next(messages, max_tokens, False, stream=True)
        pieces = [piece for piece in _pieces(reply) if piece]
        if not pieces:
            raise self._empty()
        left = answer_chars(max_tokens or self.max_tokens)  # cut where the real client cuts
        for piece in pieces:
            if left <= 0:
                return
            yield piece[:left]
            left -= len(piece)

    def close(self) -> None:
        self.closed = True

    def _next(
        self,
        messages: Sequence[ChatMessage],
        max_tokens: int | None,
        json_mode: bool,
        stream: bool,
        timeout: float | None = None,
    ) -> Reply:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "temperature": 0,
            "stream": stream,
            "max_tokens": max_tokens,
        }
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        with self._lock:
            self.requests.append(body)
            scripted = self._queue.popleft() if self.responder is None and self._queue else None
        reply = scripted or (self.responder(body) if self.responder is not None else None)
        if reply is None:
            raise LLMError(
                f"InProcessLLM: the script ran out (request {len(self.requests)})", "script more", reason="http"
            )
        self._raise_for(reply, min(timeout, self.timeout) if timeout else self.timeout)
        return reply

    def _raise_for(self, reply: Reply, timeout: float) -> None:
        where = f"in-process LLM {self.model!r}"
        if reply.delay >= timeout:
            raise LLMError(f"{where} did not answer within {timeout:g} s", "scripted", reason="timeout")
        if reply.raw is not None:
            raise LLMError(f"{where} sent a body that is not a chat completion", "scripted", reason="malformed")
        if reply.status != 200:
            raise LLMError(f"{where} answered HTTP {reply.status}", "scripted", reason="http")

    def _empty(self) -> LLMError:
        return LLMError(f"LLM {self.model!r} returned an empty answer", "scripted", reason="empty")
