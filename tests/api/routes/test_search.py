"""POST /v1/search: the documented shape, filters, and clear 422s."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_search_returns_the_documented_shape(small_client: TestClient) -> None:
    response = small_client.post("/v1/search", json={"query": "export controls Australia Group", "k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["mode"] == "lexical" and len(body["hits"]) == 3
    hit = body["hits"][0]
    assert set(hit) >= {"id", "text", "score", "doc", "respondent", "section", "paragraph", "source"}
    assert set(hit["doc"]) == {"id", "symbol", "title", "language"} and hit["versions"] == []
    assert set(hit["source"]) == {"file", "start", "end"} and hit["source"]["end"] > hit["source"]["start"]
    assert hit["respondent"]["kind"] in {"state", "organization"}
    assert body["query"]["language"] == "en"


def test_filters_accept_one_value_or_a_list(small_client: TestClient) -> None:
    one = small_client.post(
        "/v1/search", json={"query": "出口管制", "filters": {"respondent": "日本", "doc": "A/77/96"}}
    )
    assert one.status_code == 200 and one.json()["hits"] == []  # Japan is a known name that never replied here
    assert one.json()["warnings"] == ["no passage matches the filters: widen or drop them"]
    many = small_client.post("/v1/search", json={"query": "出口管制", "filters": {"respondent_kind": ["organization"]}})
    assert many.status_code == 200
    assert {h["respondent"]["id"] for h in many.json()["hits"]} == {"EU"}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"query": ""}, "query is empty"),
        ({"query": "   "}, "query is empty"),
        ({"query": "x" * 2000}, "limit is 1999"),
        ({"query": "ok", "k": 0}, "k"),
        ({"query": "ok", "k": 101}, "k"),
        ({"query": "ok", "filters": {"country": "Japan"}}, "unknown field"),
        ({"query": "ok", "filters": {"respondent_kind": ["planet"]}}, "respondent_kind"),
        ({"query": "ok", "filters": {"doc": ["A/99/1"]}}, "unknown document"),
        ({"query": "ok", "filters": {"respondent": ["Atlantis"]}}, "unknown respondent"),
        ({"k": 3}, "query"),
        ({"query": "ok", "extra": 1}, "unknown field"),
    ],
)
def test_invalid_input_gets_a_clear_422(small_client: TestClient, body: dict[str, object], fragment: str) -> None:
    response = small_client.post("/v1/search", json=body)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]


def test_malformed_json_is_a_422(small_client: TestClient) -> None:
    response = small_client.post("/v1/search", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_an_empty_result_says_why(small_client: TestClient) -> None:
    body = small_client.post("/v1/search", json={"query": "zzzqqq"}).json()
    assert body["hits"] == [] and "no passage holds a word of the query" in body["warnings"][0]
    found = small_client.post("/v1/search", json={"query": "export controls"}).json()
    assert found["hits"] and found["warnings"] == []
