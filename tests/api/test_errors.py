"""Errors in one shape: the framework's own refusals and validation errors as {"error": {stage, message}}."""

from __future__ import annotations

from typing import Any

from rag.api.errors import jsonable


def test_jsonable_keeps_only_what_json_carries() -> None:
    value = {"loc": ("body", 1), "ctx": {"error": ValueError("x")}, "input": b"\xff", "msg": "\ud800"}
    assert jsonable(value) == {"loc": ["body", 1], "input": "b'\\xff'", "msg": "?"}


def test_the_frameworks_refusals_have_the_same_shape(make_client: Any) -> None:
    client = make_client()
    missing = client.get("/nowhere")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"stage": "request", "message": "Not Found"}, "detail": "Not Found"}
    wrong = client.get("/v1/search")
    assert wrong.status_code == 405 and wrong.json()["error"]["stage"] == "request"
    invalid = client.post("/v1/search", json={"query": "x", "k": 0})
    assert invalid.status_code == 422 and invalid.json()["error"]["message"].startswith("k: ")


def test_an_echoed_input_is_cut_so_an_error_is_never_as_large_as_the_request(make_client: Any) -> None:
    client = make_client()
    response = client.post("/v1/search", json={"query": "x", "filters": {"respondent": ["(" * 30_000]}})
    assert response.status_code == 422 and "limit is 200" in response.json()["error"]["message"]
    assert len(response.content) < 2_000
    assert jsonable({"input": "y" * 5_000}) == {"input": "y" * 200 + "… (5000 characters)"}


def test_a_body_that_is_not_json_or_not_declared_as_json_is_explained(make_client: Any) -> None:
    client = make_client()
    broken = client.post("/v1/ask", content=b'{"question": "hi"', headers={"content-type": "application/json"})
    assert broken.status_code == 422
    assert broken.json()["error"]["message"].startswith("the body is not valid JSON (at character 17")
    undeclared = client.post("/v1/ask", content=b'{"question": "hi"}')
    assert undeclared.status_code == 422
    assert undeclared.json()["error"]["message"] == (
        "the body must be a JSON object, sent with content-type: application/json"
    )
