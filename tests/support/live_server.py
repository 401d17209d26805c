"""The app on a real uvicorn server on a free loopback port, for tests that need real HTTP."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI


@contextmanager
def serve(app: FastAPI, root_path: str = "", **options: Any) -> Iterator[str]:
    """The app on a real uvicorn server on a free loopback port; yields its base URL. `root_path` is the
    prefix a reverse proxy would strip, as `rag serve` passes it; `options` are more uvicorn settings (such as
    `rag.api.server.uvicorn_options`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = {"log_level": "warning", "root_path": root_path, **options, "host": "127.0.0.1", "port": port}
    server = uvicorn.Server(uvicorn.Config(app, **config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
