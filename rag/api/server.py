"""How `rag serve` runs uvicorn so that no client can hold the server: a deadline for reading each request's
headers and body (uvicorn has none: a client sending one header byte a second keeps its connection for ever),
the keep-alive time, the connections served at once, the size of an incomplete request, and no belief in
X-Forwarded-* headers at the server (rag.api.hosts believes them from the configured proxies only)."""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from rag.core.settings import Settings

MAX_INCOMPLETE_EVENT_BYTES = 16 * 1024  # request line and headers; the body is limited by RAG_MAX_BODY_BYTES
_READING = (h11.IDLE, h11.SEND_BODY)  # the client's states while its request is still coming in


class ReadDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request: from its first byte (or the connection's
    opening) until its body has been read, at most `read_timeout` seconds; past it the connection is closed
    (the app, if the headers had arrived, sees the client disconnect)."""

    read_timeout = 15.0  # set per server by protocol_for

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(config, server_state, app_state, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the next request on a kept-alive connection starts its own clock
        super().data_received(data)
        if self.conn.their_state not in _READING:
            self._disarm()  # read in full (or the connection is done with)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.conn.their_state in _READING and not self.transport.is_closing():
            self.transport.close()


def protocol_for(settings: Settings) -> type[ReadDeadlineProtocol]:
    """A protocol class with this server's read deadline."""
    return type("ReadDeadline", (ReadDeadlineProtocol,), {"read_timeout": settings.request_read_timeout})


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn.run's keyword arguments for the limits above (host, port and logging are the caller's)."""
    return {
        "http": protocol_for(settings),
        "timeout_keep_alive": settings.keep_alive_timeout,
        "limit_concurrency": settings.max_connections,
        "h11_max_incomplete_event_size": MAX_INCOMPLETE_EVENT_BYTES,
        "proxy_headers": False,  # X-Forwarded-For from loopback would otherwise pick the client's address
        "server_header": False,
        "root_path": settings.root_path,  # the prefix the proxy strips: links in /docs and /demo get it back
    }
