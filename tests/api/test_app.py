"""HTTP API: search, documents, passages, health, and clear 422s; one test over a real socket."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.store import build_index
from tests.support.live_server import serve


@pytest.fixture
def client(lexical_settings: Settings) -> Iterator[TestClient]:
    build_index(lexical_settings, progress=False)
    with TestClient(create_app(lexical_settings)) as test_client:
        yield test_client


def test_search_returns_the_documented_shape(client: TestClient) -> None:
    response = client.post("/v1/search", json={"query": "export controls Australia Group", "k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["mode"] == "lexical" and len(body["hits"]) == 3
    hit = body["hits"][0]
    assert set(hit) >= {"id", "text", "score", "doc", "respondent", "section", "paragraph", "source"}
    assert set(hit["doc"]) == {"id", "symbol", "title"}
    assert set(hit["source"]) == {"file", "start", "end"} and hit["source"]["end"] > hit["source"]["start"]
    assert hit["respondent"]["kind"] in {"state", "organization"}
    assert body["query"]["language"] == "en"


def test_filters_accept_one_value_or_a_list(client: TestClient) -> None:
    one = client.post("/v1/search", json={"query": "出口管制", "filters": {"respondent": "日本", "doc": "A/77/96"}})
    assert one.status_code == 200 and one.json()["hits"] == []  # Japan is a known name that never replied here
    many = client.post("/v1/search", json={"query": "出口管制", "filters": {"respondent_kind": ["organization"]}})
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
def test_invalid_input_gets_a_clear_422(client: TestClient, body: dict[str, object], fragment: str) -> None:
    response = client.post("/v1/search", json=body)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["error"]["message"]


def test_malformed_json_is_a_422(client: TestClient) -> None:
    response = client.post("/v1/search", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_documents(client: TestClient) -> None:
    documents = client.get("/v1/documents").json()["documents"]
    by_id = {d["id"]: d for d in documents}
    assert by_id["S_1"]["symbol"] == "A/77/96" and by_id["S_1"]["respondents"] == 3
    assert by_id["S_2"]["passages"] > 0


def test_passage_with_neighbours_and_404(client: TestClient) -> None:
    hit = client.post("/v1/search", json={"query": "合法贸易", "k": 1}).json()["hits"][0]
    body = client.get(f"/v1/passages/{hit['id']}", params={"before": 1, "after": 1}).json()
    assert body["passage"]["id"] == hit["id"]
    assert len(body["before"]) == 1 and len(body["after"]) == 1
    assert body["before"][0]["source"]["end"] <= body["passage"]["source"]["start"]
    missing = client.get("/v1/passages/nope")
    assert missing.status_code == 404 and "no passage" in missing.json()["error"]["message"]
    assert client.get(f"/v1/passages/{hit['id']}", params={"before": 99}).status_code == 422


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz").json()
    assert ready["ready"] is True and ready["mode"] == "lexical"
    assert ready["counts"]["documents"] == 2 and ready["warnings"]


def test_not_ready_without_an_index(lexical_settings: Settings) -> None:
    with TestClient(create_app(lexical_settings)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "rag index build" in ready.json()["reason"]
        search = client.post("/v1/search", json={"query": "x"})
        assert search.status_code == 503 and search.json()["error"]["hint"]


def test_real_http_round_trip(lexical_settings: Settings) -> None:
    build_index(lexical_settings, progress=False)
    with serve(create_app(lexical_settings)) as base_url:
        request = urllib.request.Request(
            f"{base_url}/v1/search",
            data=json.dumps({"query": "Cuba coercive measures", "k": 2}).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.loads(response.read())
        assert body["hits"][0]["respondent"]["name"] == "Cuba"
