"""GET /v1/documents and /v1/passages/{id} with its neighbours."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_documents(small_client: TestClient) -> None:
    documents = small_client.get("/v1/documents").json()["documents"]
    by_id = {d["id"]: d for d in documents}
    assert by_id["S_1"]["symbol"] == "A/77/96" and by_id["S_1"]["respondents"] == 3
    assert by_id["S_2"]["passages"] > 0


def test_passage_with_neighbours_and_404(small_client: TestClient) -> None:
    hit = small_client.post("/v1/search", json={"query": "合法贸易", "k": 1}).json()["hits"][0]
    body = small_client.get(f"/v1/passages/{hit['id']}", params={"before": 1, "after": 1}).json()
    assert body["passage"]["id"] == hit["id"]
    assert len(body["before"]) == 1 and len(body["after"]) == 1
    assert body["before"][0]["source"]["end"] <= body["passage"]["source"]["start"]
    missing = small_client.get("/v1/passages/nope")
    assert missing.status_code == 404 and "no passage" in missing.json()["error"]["message"]
    assert small_client.get(f"/v1/passages/{hit['id']}", params={"before": 99}).status_code == 422
