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


def test_documents_list_language_versions_and_how_they_aligned(parallel_client: TestClient) -> None:
    by_id = {d["id"]: d for d in parallel_client.get("/v1/documents").json()["documents"]}
    assert set(by_id) == {"A_77_96", "A_77_96.en", "A_77_96.fr"}
    chinese, english = by_id["A_77_96"], by_id["A_77_96.en"]
    assert chinese["version_of"] is None and english["version_of"] == "A_77_96"
    assert sorted(chinese["versions"]) == ["A_77_96.en", "A_77_96.fr"]
    with_english = next(a for a in chinese["alignment"] if a["version"] == "A_77_96.en")
    assert with_english["language"] == "en" and with_english["unmatched"] == 0
    assert with_english["other_unmatched"] == 1  # the paragraph only the English version has
    assert with_english["number_share"] == 1.0 and with_english["replies_matched"] == with_english["replies"] == 2
    from_english = next(a for a in english["alignment"] if a["version"] == "A_77_96")
    assert (from_english["unmatched"], from_english["other_unmatched"]) == (1, 0)


def test_a_corpus_in_one_language_has_no_versions(small_client: TestClient) -> None:
    for document in small_client.get("/v1/documents").json()["documents"]:
        assert document["versions"] == [] and document["alignment"] == [] and document["version_of"] is None
