"""Hostile users and bad days, measured: each attack of the hardening issue runs against `rag serve` on
loopback while a prober asks /healthz every 50 ms; prints how long the attack's requests took, their
statuses, /healthz latency during the attack, and /metrics size. Bounded in time and count; loopback only.

    python3 bench/hostile.py            # about a minute; writes bench/results/hostile-latest.md
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.fake_llm import Reply, ScriptedLLM  # noqa: E402  (the bench runs from a checkout)

LLM_TIMEOUT = 4.0
MIN_SECONDS = 2.0  # each attack runs at least this long


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(port: int, method: str, path: str, body: Any = None, timeout: float = 60.0) -> tuple[int, int, float]:
    """(status, response bytes, seconds); status 0 when the connection failed."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        data = body if isinstance(body, bytes) or body is None else json.dumps(body, ensure_ascii=False).encode()
        conn.request(method, path, body=data, headers={"content-type": "application/json"})
        response = conn.getresponse()
        size = len(response.read())
        conn.close()
        return response.status, size, time.perf_counter() - started
    except (OSError, http.client.HTTPException):
        return 0, 0, time.perf_counter() - started


class Prober(threading.Thread):
    """GET /healthz every 50 ms; the latencies of the current phase."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.port, self.latencies, self.stopping = port, [], threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.latencies.append(request(self.port, "GET", "/healthz", timeout=10)[2])
            time.sleep(0.05)

    def take(self) -> list[float]:
        taken, self.latencies = self.latencies, []
        return taken


def slow_senders(port: int, count: int, seconds: float) -> list[tuple[int, int, float]]:
    """Connections that send a request's headers one byte a second; how long the server kept each open."""
    sockets, opened = [], time.perf_counter()
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=1)
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)
    held: dict[int, float] = {}
    while time.perf_counter() - opened < seconds and len(held) < count:
        for i, sock in enumerate(sockets):
            if i in held:
                continue
            try:
                sock.sendall(b"X")
                sock.settimeout(0.001)
                if sock.recv(1) == b"":
                    held[i] = time.perf_counter() - opened
            except (TimeoutError, BlockingIOError):
                pass
            except OSError:
                held[i] = time.perf_counter() - opened
        time.sleep(1.0)
    for sock in sockets:
        sock.close()
    return [(408 if i in held else 0, 0, held.get(i, seconds)) for i in range(count)]


def attacks(port: int, llm: ScriptedLLM) -> list[tuple[str, Callable[[], list[tuple[int, int, float]]]]]:
    def many(n: int, workers: int, make: Callable[[int], tuple[int, int, float]]) -> list[tuple[int, int, float]]:
        with ThreadPoolExecutor(workers) as pool:
            return list(pool.map(make, range(n)))

    hj = ("Hjhjhj" * 330 + "им.")[:1999]
    nested: Any = "x"
    for _ in range(950):
        nested = [nested]
    return [
        (
            "respondent filter of 60,000 '('",
            lambda: [
                request(port, "POST", "/v1/search", {"query": "export", "filters": {"respondent": "(" * 60_000}})
                for _ in range(3)
            ],
        ),
        (
            "question of 1,999 chars 'Hjhjhj…им.'",
            lambda: [request(port, "POST", "/v1/ask", {"question": hj}) for _ in range(5)],
        ),
        (
            "8,000-char history turn",
            lambda: [
                request(
                    port,
                    "POST",
                    "/v1/ask",
                    {"question": "And Japan?", "history": [{"role": "user", "content": ("Hjhjhj" * 1400)[:8000]}]},
                )
                for _ in range(3)
            ],
        ),
        (
            "64 KB chat message (earlier turn)",
            lambda: [
                request(
                    port,
                    "POST",
                    "/v1/chat/completions",
                    {
                        "model": "m",
                        "messages": [
                            {"role": "user", "content": ("Hjhjhj им " * 6000)[:50_000]},
                            {"role": "user", "content": "What about Japan?"},
                        ],
                    },
                )
                for _ in range(3)
            ],
        ),
        (
            "JSON nested 950 deep",
            lambda: [request(port, "POST", "/v1/search", {"query": "x", "filters": nested}) for _ in range(5)],
        ),
        ("1,000 made-up HTTP methods", lambda: many(1000, 8, lambda i: request(port, f"M{i:06d}X", "/healthz"))),
        (
            "LLM sends only keep-alives",
            lambda: (
                llm.script(*[Reply(content="late", keepalive=30) for _ in range(3)]),
                [
                    request(port, "POST", "/v1/ask", {"question": "What did Japan say about export controls?"})
                    for _ in range(3)
                ],
            )[1],
        ),
        (
            "LLM writes a 200k-char answer",
            lambda: (
                llm.script(Reply(content="word. " * 35_000)),
                [request(port, "POST", "/v1/ask", {"question": "What did Japan say about export controls?"})],
            )[1],
        ),
        (
            "45 asks at a model that sleeps 30 s",
            lambda: (
                llm.script(*[Reply(content="x", delay=30) for _ in range(45)]),
                many(
                    45,
                    45,
                    lambda i: request(
                        port, "POST", "/v1/ask", {"question": f"What did Japan say about export controls? ({i})"}
                    ),
                ),
            )[1],
        ),
        ("60 slow header senders", lambda: slow_senders(port, 60, 25.0)),
    ]


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="rag-hostile-"))
    env = {
        **os.environ,
        "RAG_INDEX_DIR": str(work / "index" / "current"),
        "RAG_EMBEDDING_MODEL": "",
        "RAG_RATE_LIMIT_PER_MINUTE": "0",
        "RAG_LLM_TIMEOUT": str(LLM_TIMEOUT),
        "RAG_REQUEST_READ_TIMEOUT": "5",
        "RAG_FEEDBACK_DB": str(work / "feedback.sqlite3"),
        "HF_HUB_OFFLINE": "1",
    }
    subprocess.run(
        [sys.executable, "-m", "rag", "index", "build", "-q"], env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL
    )
    port = free_port()
    with ScriptedLLM() as llm:
        env["RAG_LLM_BASE_URL"] = llm.base_url
        log = (work / "server.log").open("wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "rag", "serve", "--no-build", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 60
            while request(port, "GET", "/readyz", timeout=2)[0] != 200:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.2)
            rows = run_attacks(port, llm)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(rows)
    return 0


def run_attacks(port: int, llm: ScriptedLLM) -> list[dict[str, Any]]:
    prober = Prober(port)
    prober.start()
    rows = []
    metrics_before = request(port, "GET", "/metrics")[1]
    for name, attack in attacks(port, llm):
        prober.take()
        started = time.perf_counter()
        results = attack()
        while (
            time.perf_counter() - started < MIN_SECONDS
            and len(results) < 200
            and "LLM" not in name
            and "model" not in name
        ):
            results += attack()  # a quick attack is repeated, so that /healthz is asked while it runs
        took = time.perf_counter() - started
        health = prober.take() or [0.0]
        statuses: dict[int, int] = {}
        for status, _, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        rows.append(
            {
                "attack": name,
                "requests": len(results),
                "seconds": took,
                "slowest": max(r[2] for r in results),
                "statuses": statuses,
                "health_p50_ms": statistics.median(health) * 1000,
                "health_max_ms": max(health) * 1000,
                "metrics_bytes": request(port, "GET", "/metrics")[1],
            }
        )
        print(f"{name}: {rows[-1]}", flush=True)
        time.sleep(LLM_TIMEOUT if "LLM" in name or "model" in name else 0.2)  # let cut calls wind down
    prober.stopping.set()
    rows.append({"attack": "(before any attack)", "metrics_bytes": metrics_before})
    return rows


def report(rows: list[dict[str, Any]]) -> None:
    lines = [
        "| attack | requests | slowest request | statuses | /healthz p50 / max during it | /metrics |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        if "requests" not in row:
            lines.append(f"| {row['attack']} | | | | | {row['metrics_bytes']:,} B |")
            continue
        statuses = ", ".join(f"{k or 'closed'}×{v}" for k, v in sorted(row["statuses"].items()))
        lines.append(
            f"| {row['attack']} | {row['requests']} | {row['slowest']:.2f} s | {statuses} | "
            f"{row['health_p50_ms']:.1f} / {row['health_max_ms']:.1f} ms | {row['metrics_bytes']:,} B |"
        )
    text = "\n".join(lines)
    print(text)
    out = REPO / "bench" / "results" / "hostile-latest.md"
    out.write_text(
        f"# bench/hostile.py\n\n`python3 bench/hostile.py` on {os.uname().nodename} "
        f"({os.cpu_count()} CPUs), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"RAG_LLM_TIMEOUT={LLM_TIMEOUT:g}. A slow header sender's row: 408 = the server closed it.\n\n" + text + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
