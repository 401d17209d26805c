"""Observability: Prometheus metrics, request ids, and structured JSON logs."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.core.logs import quiet_libraries
from rag.core.types import Answer
from rag.indexing.manifest import Manifest

REQUEST_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
# A client's own request id is kept when it is short and plain, so it can be traced through a proxy.
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
METRICS_CONTENT_TYPE = CONTENT_TYPE_LATEST
# Every label value is bounded: a client chooses the method (any token is a valid HTTP method) and the path, so
# neither may become a label as sent; the rest come from the code and are capped all the same.
HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"})
OTHER = "other"
MAX_LABEL_VALUES = 64  # distinct values one label of one metric may take before the rest are counted as "other"

access_log = logging.getLogger("rag.access")
answer_log = logging.getLogger("rag.answers")


def method_label(method: str) -> str:
    return method if method in HTTP_METHODS else OTHER


def status_label(status: int) -> str:
    return str(status) if 100 <= status <= 599 else OTHER


class LabelCap:
    """At most `limit` distinct values per (metric, label); later newcomers are counted as "other"."""

    def __init__(self, limit: int = MAX_LABEL_VALUES) -> None:
        self.limit = limit
        self._seen: dict[str, set[str]] = {}

    def __call__(self, where: str, value: str) -> str:
        seen = self._seen.setdefault(where, set())
        if value in seen:
            return value
        if len(seen) >= self.limit:
            return OTHER
        seen.add(value)
        return value


class Metrics:
    """The service's metrics, in a registry of their own (one per app, so tests do not share counters)."""

    def __init__(self) -> None:
        self.cap = LabelCap()
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "rag_http_requests",
            "HTTP requests by route template, method and status.",
            ["route", "method", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "rag_http_request_duration_seconds",
            "Time from request to the last byte of the response, by route template.",
            ["route", "method"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.in_flight = Gauge("rag_http_requests_in_flight", "Requests being served now.", registry=r)
        self.stages = Histogram(
            "rag_stage_duration_seconds",
            "Time spent in each answer stage (retrieval, llm, verification, compose, aggregation, rewrite).",
            ["stage"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.answers = Counter(
            "rag_answers", "Answers by mode and whether the documents answered.", ["mode", "answerable"], registry=r
        )
        self.llm_failures = Counter(
            "rag_llm_failures",
            "Failed language-model calls by stage (answer, rewrite, verdict) and reason.",
            ["stage", "reason"],
            registry=r,
        )
        self.fallbacks = Counter(
            "rag_extractive_fallbacks", "Answers given extractively because the LLM failed.", registry=r
        )
        self.citation_failures = Counter(
            "rag_citation_verification_failures",
            "Citation check findings: markers removed (no such passage) and claim sentences without a citation.",
            ["kind"],
            registry=r,
        )
        self.index_passages = Gauge("rag_index_passages", "Passages in the index being served.", registry=r)
        self.index_info = Gauge("rag_index_info", "The index being served (value 1).", ["mode", "built_at"], registry=r)
        self.reloads = Counter("rag_index_reloads", "Index reload attempts by outcome.", ["outcome"], registry=r)

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def set_index(self, manifest: Manifest) -> None:
        self.index_info.clear()
        self.index_info.labels(manifest.mode, manifest.built_at).set(1)
        self.index_passages.set(manifest.counts.passages)

    def observe_answer(self, answer: Answer) -> None:
        cap = self.cap
        self.answers.labels(cap("answers.mode", answer.mode), str(answer.answerable).lower()).inc()
        for stage, ms in answer.timings_ms.items():
            if stage != "total":
                self.stages.labels(cap("stages.stage", stage)).observe(ms / 1000)
        for problem in answer.problems:
            kind, _, detail = problem.partition(":")
            if kind == "llm":
                stage, _, reason = detail.partition(":")
                self.llm_failures.labels(cap("llm.stage", stage), cap("llm.reason", reason or "unknown")).inc()
            elif kind == "fallback":
                self.fallbacks.inc()
            elif kind == "citation":
                self.citation_failures.labels(cap("citation.kind", detail)).inc()

    def observe_request(self, route: str, method: str, status: int, elapsed: float) -> None:
        """One request, under bounded labels: the route template (or "unmatched"), a known method, a status."""
        route, method = self.cap("http.route", route), method_label(method)
        self.requests.labels(route, method, status_label(status)).inc()
        self.latency.labels(route, method).observe(elapsed)


def log_answer(answer: Answer, log_questions: bool) -> None:
    """One structured line per answer; the question's text only when the operator asked for it."""
    fields: dict[str, Any] = {
        "mode": answer.mode,
        "answerable": answer.answerable,
        "language": answer.language,
        "citations": len(answer.citations),
        "items": None if answer.items is None else len(answer.items),
        "grounded": answer.grounded,
        "timings_ms": answer.timings_ms,
        "problems": list(answer.problems),
    }
    if log_questions:
        fields["question"] = answer.question
    answer_log.info("answer", extra={"fields": fields, "request_id": REQUEST_ID.get()})


class ObserveMiddleware:
    """Pure ASGI (streaming responses pass through untouched): gives each request an id (the client's
    X-Request-ID when sane), returns it as a header, times the request to its last byte, counts it under
    its route template (never the raw path: ids in paths would make one series per passage) and logs it."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or ()).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _CLIENT_ID.match(given) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500  # what the client sees if the app fails before it answers

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append("X-Request-ID", request_id)
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.metrics.in_flight.dec()
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope.get("method", "")
            self.metrics.observe_request(route, method, status, elapsed)
            access_log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "fields": {
                        "method": method,
                        "path": scope.get("path"),
                        "route": route,
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                        "user": (scope.get("state") or {}).get("user"),
                    },
                },
            )
            REQUEST_ID.reset(token)


def _stamp_request_id(record: logging.LogRecord) -> bool:
    if getattr(record, "request_id", None) is None:
        record.request_id = REQUEST_ID.get()
    return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            data["request_id"] = request_id
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            data.update(fields)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger: message` and then the record's `fields` as key=value (method, path, status, ...)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = getattr(record, "fields", None)
        extra = dict(fields) if isinstance(fields, dict) else {}
        if request_id := getattr(record, "request_id", None):
            extra["request_id"] = request_id
        pairs = " ".join(f"{key}={json.dumps(value, ensure_ascii=False, default=str)}" for key, value in extra.items())
        if not pairs:
            return line
        head, newline, rest = line.partition("\n")  # an exception's traceback stays below the first line
        return f"{head} {pairs}{newline}{rest}"


class RepeatFilter:
    """Lets one record of a kind (logger and message template) through per `interval` seconds: asyncio logs a
    traceback for every failed accept() while file descriptors run out, which would fill the disk."""

    def __init__(self, interval: float = 10.0) -> None:
        self.interval = interval
        self._last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, str(record.msg)[:200])
        now = time.monotonic()
        if now - self._last.get(kind, -self.interval) < self.interval:
            return False
        if len(self._last) > 1000:
            self._last.clear()
        self._last[kind] = now
        return True


def configure_logging(fmt: str = "json", level: str = "info") -> None:
    """Send every log record (ours, uvicorn's, the libraries') to stderr in one format."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(_stamp_request_id)  # records are formatted later, outside the request's context
    logging.getLogger("asyncio").filters[:] = [RepeatFilter()]
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Our middleware logs every request with its id; uvicorn's own access line would say it twice.
    logging.getLogger("uvicorn.access").disabled = True
    quiet_libraries()  # faiss, bm25s and sentence-transformers narrating their start-up
