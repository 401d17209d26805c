"""Metrics, request ids and JSON logs, on a small app of their own and on answers."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from rag.api.observe import JsonFormatter, Metrics, ObserveMiddleware, log_answer
from rag.core.types import Answer


def sample(metrics: Metrics, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(metrics.render().decode()):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


@pytest.fixture
def app_and_metrics() -> tuple[FastAPI, Metrics]:
    app = FastAPI()
    metrics = Metrics()

    @app.get("/items/{item_id}")
    def item(item_id: str) -> dict[str, str]:
        return {"id": item_id}

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    @app.get("/stream")
    def stream() -> StreamingResponse:
        def chunks() -> Iterator[str]:
            yield from ("a", "b", "c")

        return StreamingResponse(chunks(), media_type="text/plain")

    app.add_middleware(ObserveMiddleware, metrics=metrics)
    return app, metrics


def test_requests_are_counted_by_route_template_not_raw_path(app_and_metrics: tuple[FastAPI, Metrics]) -> None:
    app, metrics = app_and_metrics
    client = TestClient(app)
    for item_id in ("a", "b", "c"):
        assert client.get(f"/items/{item_id}").status_code == 200
    assert client.get("/nowhere").status_code == 404
    assert sample(metrics, "rag_http_requests_total", route="/items/{item_id}", method="GET", status="200") == 3
    assert sample(metrics, "rag_http_requests_total", route="unmatched", status="404") == 1
    assert sample(metrics, "rag_http_request_duration_seconds_count", route="/items/{item_id}") == 3
    assert "items/a" not in metrics.render().decode()


def test_a_failing_handler_counts_as_500(app_and_metrics: tuple[FastAPI, Metrics]) -> None:
    app, metrics = app_and_metrics
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/boom").status_code == 500
    assert sample(metrics, "rag_http_requests_total", route="/boom", status="500") == 1
    assert sample(metrics, "rag_http_requests_in_flight") == 0


def test_request_ids_are_returned_and_a_sane_client_id_is_kept(app_and_metrics: tuple[FastAPI, Metrics]) -> None:
    client = TestClient(app_and_metrics[0])
    generated = client.get("/items/x").headers["x-request-id"]
    assert len(generated) == 32 and generated != client.get("/items/x").headers["x-request-id"]
    assert client.get("/items/x", headers={"X-Request-ID": "trace-42"}).headers["x-request-id"] == "trace-42"
    hostile = client.get("/items/x", headers={"X-Request-ID": 'a b"<script>' * 10}).headers["x-request-id"]
    assert "<" not in hostile and len(hostile) == 32


def test_streamed_responses_pass_through_whole(app_and_metrics: tuple[FastAPI, Metrics]) -> None:
    app, metrics = app_and_metrics
    response = TestClient(app).get("/stream")
    assert response.text == "abc" and response.headers["x-request-id"]
    assert sample(metrics, "rag_http_requests_total", route="/stream", status="200") == 1


def answer(**changes: object) -> Answer:
    base: dict[str, object] = {
        "question": "secret question?",
        "answer": "x [1]",
        "language": "en",
        "answerable": True,
        "mode": "extractive",
        "timings_ms": {"retrieval": 2.0, "compose": 1.0, "total": 3.0},
    }
    return Answer(**{**base, **changes})  # type: ignore[arg-type]


def test_answers_feed_stage_timings_failures_and_fallbacks() -> None:
    metrics = Metrics()
    problems = ("llm:answer:timeout", "fallback:extractive", "citation:removed", "citation:removed", "citation:uncited")
    metrics.observe_answer(answer(problems=problems))
    metrics.observe_answer(answer(mode="llm", answerable=False, problems=("llm:verdict:failed",)))
    assert sample(metrics, "rag_stage_duration_seconds_count", stage="retrieval") == 2
    assert sample(metrics, "rag_stage_duration_seconds_count", stage="total") == 0
    assert sample(metrics, "rag_llm_failures_total", stage="answer", reason="timeout") == 1
    assert sample(metrics, "rag_llm_failures_total", stage="verdict", reason="failed") == 1
    assert sample(metrics, "rag_extractive_fallbacks_total") == 1
    assert sample(metrics, "rag_citation_verification_failures_total", kind="removed") == 2
    assert sample(metrics, "rag_citation_verification_failures_total", kind="uncited") == 1
    assert sample(metrics, "rag_answers_total", mode="llm", answerable="false") == 1


def test_index_gauges_follow_the_served_index(service: Any) -> None:
    manifest = service.index.manifest

    def built(mode: str, at: str, passages: int) -> Any:
        counts = manifest.counts.model_copy(update={"passages": passages})
        return manifest.model_copy(update={"mode": mode, "built_at": at, "counts": counts})

    metrics = Metrics()
    metrics.set_index(built("lexical", "t1", 881))
    metrics.set_index(built("hybrid", "t2", 900))
    assert sample(metrics, "rag_index_passages") == 900
    assert (
        sample(metrics, "rag_index_info", built_at="t2") == 1 and sample(metrics, "rag_index_info", built_at="t1") == 0
    )


def format_records(records: list[logging.LogRecord]) -> list[dict[str, object]]:
    return [json.loads(JsonFormatter().format(r)) for r in records]


def test_answer_log_leaves_the_question_out_unless_enabled(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="rag.answers"):
        log_answer(answer(), log_questions=False)
        log_answer(answer(), log_questions=True)
    quiet, verbose = format_records(caplog.records)
    assert "question" not in quiet and "secret" not in json.dumps(quiet)
    assert verbose["question"] == "secret question?" and verbose["mode"] == "extractive"


def test_access_log_is_json_with_the_request_id(
    app_and_metrics: tuple[FastAPI, Metrics], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="rag.access"):
        TestClient(app_and_metrics[0]).get("/items/7", headers={"X-Request-ID": "req-7"})
    (line,) = format_records([r for r in caplog.records if r.name == "rag.access"])
    assert line["request_id"] == "req-7" and line["route"] == "/items/{item_id}" and line["status"] == 200
    assert line["level"] == "info" and isinstance(line["duration_ms"], float)


def test_the_service_exposes_route_stage_and_llm_metrics(service: Any, settings: Any, scripted_llm: Any) -> None:
    from rag.api.app import create_app
    from rag.api.deps import state_of
    from tests.support.fake_llm import Reply

    llm_settings = settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "llm_timeout": 5})
    client = TestClient(create_app(llm_settings, service))
    scripted_llm.script(Reply(content="Norway cannot support it [1] [42].", status=200), Reply(status=500))
    assert client.post("/v1/ask", json={"question": "What did Norway say about resolution 76/234?"}).status_code == 200
    with client.stream("POST", "/v1/ask/stream", json={"question": "What did Norway say?"}) as response:
        assert "event: answer" in response.read().decode()
    text = client.get("/metrics").text
    metrics = state_of(client.app).metrics  # type: ignore[arg-type]
    assert sample(metrics, "rag_http_requests_total", route="/v1/ask", method="POST", status="200") == 1
    assert sample(metrics, "rag_http_requests_total", route="/v1/ask/stream", status="200") == 1
    assert sample(metrics, "rag_stage_duration_seconds_count", stage="retrieval") == 2
    assert sample(metrics, "rag_stage_duration_seconds_count", stage="llm") >= 1
    assert sample(metrics, "rag_citation_verification_failures_total", kind="removed") == 1  # the [42]
    assert sample(metrics, "rag_llm_failures_total", stage="answer", reason="http") == 1  # the 500
    assert sample(metrics, "rag_extractive_fallbacks_total") == 1
    assert sample(metrics, "rag_answers_total", mode="llm", answerable="true") == 1
    assert sample(metrics, "rag_index_passages") == len(service.index.passages)
    assert "rag_http_request_duration_seconds_bucket" in text


def test_label_values_are_bounded() -> None:
    from rag.api.observe import LabelCap, method_label, status_label

    assert method_label("GET") == "GET" and method_label("M000000X") == "other" and method_label("get") == "other"
    assert status_label(404) == "404" and status_label(999) == "other"
    cap = LabelCap(limit=3)
    assert [cap("m.l", str(n)) for n in range(5)] == ["0", "1", "2", "other", "other"]
    assert cap("m.l", "1") == "1" and cap("other.l", "9") == "9"


def test_text_log_lines_carry_method_path_and_status() -> None:
    from rag.api.observe import TextFormatter

    fields = {"method": "POST", "path": "/v1/ask", "status": 429, "duration_ms": 1.5}
    record = logging.LogRecord("rag.access", logging.INFO, __file__, 1, "request", None, None)
    record.fields, record.request_id = fields, "req-9"
    line = TextFormatter().format(record)
    assert 'method="POST"' in line and 'path="/v1/ask"' in line and "status=429" in line
    assert 'request_id="req-9"' in line and "\n" not in line


def test_a_flood_of_one_asyncio_error_is_logged_once_in_a_while() -> None:
    from rag.api.observe import RepeatFilter

    flood = RepeatFilter(interval=60)
    record = logging.LogRecord(
        "asyncio", logging.ERROR, __file__, 1, "socket.accept() out of system resource", None, None
    )
    assert [flood.filter(record) for _ in range(1000)].count(True) == 1
