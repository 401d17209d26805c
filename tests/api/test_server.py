"""How `rag serve` runs uvicorn (rag.api.server): the options it passes, and the read deadline over a real socket
(a client that sends its request one byte at a time is cut off; X-Forwarded-For from loopback is not believed)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from rag.api.app import create_app
from rag.api.server import MAX_INCOMPLETE_EVENT_BYTES, ReadDeadlineProtocol, protocol_for, uvicorn_options
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.access import configured
from tests.support.live_server import serve

SEARCH = {"query": "export controls", "k": 1}


@contextmanager
def rag_server(app: Any, settings: Settings) -> Iterator[int]:
    """The app on loopback with the options `rag serve` gives uvicorn; yields the port."""
    with serve(app, **uvicorn_options(settings)) as base_url:
        yield int(base_url.rsplit(":", 1)[1])


def _trickle(port: int, request: bytes, pause: float, limit: float) -> float:
    """Sends `request` a byte per `pause` seconds; the seconds until the server closed the connection (or
    `limit` if it never did)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=limit) as conn:
        for byte in request:
            if time.monotonic() - started > limit:
                return limit
            try:
                conn.sendall(bytes([byte]))
                conn.settimeout(pause)
                if conn.recv(1024) == b"":
                    return time.monotonic() - started
            except TimeoutError:
                continue
            except OSError:
                return time.monotonic() - started
    return limit


def test_x_forwarded_for_from_loopback_is_not_believed_by_default(settings: Settings, service: Service) -> None:
    """Over a real socket, with the server options of `rag serve` (uvicorn's own default believes loopback)."""
    limited = configured(settings, rate_limit_burst=5, rate_limit_per_minute=1)
    with (
        rag_server(create_app(limited, service), limited) as port,
        httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client,
    ):
        statuses = [
            client.get("/v1/documents", headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(10)
        ]
    assert statuses.count(429) >= 4, statuses


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_a_slow_header_sender_is_cut_off(settings: Settings, service: Service) -> None:
    fast = configured(settings, request_read_timeout=1.0)
    with rag_server(create_app(fast, service), fast) as port:
        request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
        assert _trickle(port, request, pause=0.1, limit=12.0) < 6.0  # never, before the deadline
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert client.get("/healthz").status_code == 200  # and the server still answers others


@pytest.mark.slow  # waits out a deadline or a timed attack
def test_a_slow_body_sender_is_cut_off(settings: Settings, service: Service) -> None:
    fast = configured(settings, request_read_timeout=1.0)
    with rag_server(create_app(fast, service), fast) as port:
        body = json.dumps(SEARCH).encode()
        head = f"POST /v1/search HTTP/1.1\r\nHost: localhost\r\nContent-Length: {len(body) + 100}\r\n"
        request = head.encode() + b"Content-Type: application/json\r\n\r\n" + body + b" " * 100
        assert _trickle(port, request, pause=0.1, limit=30.0) < 10.0


def test_rag_serve_gives_uvicorn_its_limits(settings: Settings) -> None:
    options = uvicorn_options(configured(settings, max_connections=50, keep_alive_timeout=3))
    assert options["proxy_headers"] is False and options["limit_concurrency"] == 50
    assert options["timeout_keep_alive"] == 3 and options["h11_max_incomplete_event_size"] <= 64 * 1024
    assert (
        issubclass(options["http"], ReadDeadlineProtocol)
        and options["http"].read_timeout == settings.request_read_timeout
    )


def test_each_server_gets_its_own_protocol_class(settings: Settings) -> None:
    fast, slow = protocol_for(configured(settings, request_read_timeout=1.0)), protocol_for(settings)
    assert fast is not slow and fast.read_timeout == 1.0 and slow.read_timeout == settings.request_read_timeout
    assert ReadDeadlineProtocol.read_timeout == 15.0  # the base class is left as it was


def test_the_options_carry_the_root_path_and_hide_the_server(settings: Settings) -> None:
    options = uvicorn_options(configured(settings, root_path="/rag"))
    assert options["root_path"] == "/rag" and options["server_header"] is False
    assert options["h11_max_incomplete_event_size"] == MAX_INCOMPLETE_EVENT_BYTES
    assert not {"host", "port", "log_level"} & set(options)  # the caller's
