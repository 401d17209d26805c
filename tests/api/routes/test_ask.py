"""POST /v1/ask and /v1/ask/stream over HTTP on the real corpus: the documented shape, set questions in four
languages against the gold answer, abstention, clear 422s, server-sent events, and a dead LLM server."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.api.app import create_app
from rag.api.deps import state_of
from rag.api.routes.ask import turns
from rag.api.schemas import HistoryTurn
from rag.core.settings import Settings
from rag.lang.names import default_names
from rag.retrieval.service import Service
from tests.conftest import REPO
from tests.support.live_server import serve
from tests.support.sse import parse_events

OPPOSE = {
    "en": "Which states oppose resolution 76/234?",
    "zh": "哪些国家反对第76/234号决议？",
    "fr": "Quels États s'opposent à la résolution 76/234 ?",
    "es": "¿Qué Estados se oponen a la resolución 76/234?",
}
# Replies in A/77/96 that support the resolution or do not oppose it.
NOT_OPPOSED = {"CHN", "RUS", "PAK", "KHM", "SAU", "CUB", "VEN", "NIC", "EGY", "BLR"}
NORWAY = "Does Norway support resolution 76/234?"
CJK = re.compile(r"[\u4e00-\u9fff]")


def gold_opponents() -> set[str]:
    names = default_names()
    for line in (REPO / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == "en-001":
            ids = set()
            for name in record["answer_items"]:
                entity = names.resolve(name)
                assert entity is not None, name
                ids.add(entity.id)
            return ids
    raise AssertionError("eval/gold.jsonl has no en-001")


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def without_timings(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "timings_ms"}


@pytest.fixture(scope="module")
def client(settings: Settings, service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(settings, service)) as test_client:
        yield test_client


# --- /v1/ask ---


def test_ask_returns_the_documented_shape(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": NORWAY})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {
        "answer",
        "asked",
        "language",
        "answerable",
        "mode",
        "citations",
        "items",
        "warnings",
        "prompt",
        "grounded",
        "timings_ms",
    }
    assert (body["language"], body["answerable"], body["mode"]) == ("en", True, "extractive")
    assert body["prompt"] is None and body["items"] is None and body["warnings"] == []
    assert body["grounded"] == 1.0 and body["asked"] is None  # read as sent
    assert body["timings_ms"]["total"] > 0 and "retrieval" in body["timings_ms"]
    assert body["citations"]
    for n, citation in enumerate(body["citations"], start=1):
        assert set(citation) >= {"n", "id", "text", "quote", "doc", "respondent", "paragraph", "source"}
        assert citation["n"] == n and f"[{n}]" in body["answer"]
        assert set(citation["doc"]) == {"id", "symbol", "title", "language"}
        assert citation["language"] == citation["doc"]["language"] == "zh" and citation["versions"] == []
        assert citation["label"].startswith("A/77/96, ")  # the respondent named in English (Norway)
        assert set(citation["source"]) == {"file", "start", "end"}
        assert citation["source"]["end"] > citation["source"]["start"]
        assert citation["quote"] in citation["text"]
        assert citation["text"][citation["quote_start"] : citation["quote_end"]] == citation["quote"]
        assert citation["quote"] in body["answer"]
    first = body["citations"][0]
    assert first["respondent"]["id"] == "NOR" and first["doc"]["symbol"] == "A/77/96"
    assert "无法支持第 76/234 号决议" in first["quote"]
    # the cited id is a passage the passages endpoint knows
    passage = client.get(f"/v1/passages/{first['id']}").json()["passage"]
    assert passage["text"] == first["text"]


def test_a_follow_up_says_how_it_was_read_and_takes_the_report_it_names(client: TestClient) -> None:
    history = [
        {"role": "user", "content": "What does Pakistan say about export control regimes in its reply to A/77/96?"},
        {"role": "assistant", "content": "The reports say: … [1]"},
    ]
    question = "And what did it propose for South Asia in the report on regional confidence-building measures?"
    body = client.post("/v1/ask", json={"question": question, "history": history}).json()
    assert body["asked"] is not None and "Pakistan" in body["asked"] and "A/77/96" not in body["asked"]
    assert {c["doc"]["id"] for c in body["citations"]} == {"A_77_87"}, body["answer"]


@pytest.mark.parametrize("language", list(OPPOSE))
def test_set_question_matches_the_gold_answer_in_every_language(client: TestClient, language: str) -> None:
    response = client.post("/v1/ask", json={"question": OPPOSE[language]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["language"], body["answerable"]) == (language, True)
    assert body["items"] is not None
    listed = [item["respondent"] for item in body["items"]]
    assert len(listed) == len(set(listed))
    gold = gold_opponents()
    assert len(gold) == 16
    assert len(gold & set(listed)) >= 12, sorted(gold - set(listed))
    assert not (NOT_OPPOSED & set(listed)), sorted(NOT_OPPOSED & set(listed))
    citations = {c["n"]: c for c in body["citations"]}
    for item in body["items"]:
        assert item["citations"], item
        assert any(citations[n]["respondent"]["id"] == item["respondent"] for n in item["citations"]), item
        assert item["label"] in body["answer"]
    if language == "zh":
        assert CJK.search(body["answer"].split("：")[0])
        assert "挪威" in body["answer"]
    else:
        lead = body["answer"].split(":")[0]
        assert not CJK.search(body["answer"])
        assert {"en": "oppose", "fr": "résolution", "es": "resolución"}[language] in lead
        assert {"en": "Norway", "fr": "Norvège", "es": "Noruega"}[language] in body["answer"]


def test_a_question_the_documents_do_not_answer_is_an_honest_no(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "What position did India take on resolution 76/234?"})
    assert response.status_code == 200
    body = response.json()
    assert body["answerable"] is False
    assert "India" in body["answer"]
    assert body["items"] is None


BAD_REQUESTS = [
    ({"question": ""}, "question is empty"),
    ({"question": "   "}, "question is empty"),
    ({"question": "x" * 5000}, "limit is 1999"),
    ({"question": NORWAY, "filters": {"country": "Norway"}}, "unknown field"),
    ({"question": NORWAY, "filters": {"doc": ["A/99/1"]}}, "unknown document"),
    ({"question": NORWAY, "k": 0}, "k"),
    ({"question": NORWAY, "k": 51}, "k"),
    ({"question": NORWAY, "history": [{"role": "robot", "content": "hi"}]}, "history"),
    ({"k": 3}, "question"),
]


@pytest.mark.parametrize("path", ["/v1/ask", "/v1/ask/stream"])
@pytest.mark.parametrize(("body", "fragment"), BAD_REQUESTS)
def test_bad_input_is_a_clear_422(client: TestClient, path: str, body: dict[str, Any], fragment: str) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert fragment in error["message"], error


def test_filters_narrow_the_answer(client: TestClient) -> None:
    body = client.post(
        "/v1/ask", json={"question": "export controls", "filters": {"respondent": "Japan", "doc": "A/77/96"}}
    ).json()
    assert body["citations"]
    assert {c["respondent"]["id"] for c in body["citations"]} == {"JPN"}
    assert {c["doc"]["symbol"] for c in body["citations"]} == {"A/77/96"}


# --- /v1/ask/stream ---


STREAMED = [NORWAY, OPPOSE["zh"], "What position did India take on resolution 76/234?"]


@pytest.mark.parametrize("question", STREAMED, ids=["single", "set", "abstain"])
def test_stream_sends_retrieval_first_and_the_same_answer_as_ask_last(client: TestClient, question: str) -> None:
    response = client.post("/v1/ask/stream", json={"question": question})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_events(response.text)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "retrieval" and kinds[-1] == "answer"
    assert set(kinds[1:-1]) <= {"delta"}
    assert events[0][1]["passages"] and {"id", "text", "score"} <= set(events[0][1]["passages"][0])
    asked = client.post("/v1/ask", json={"question": question}).json()
    assert without_timings(events[-1][1]) == without_timings(asked)


@pytest.mark.parametrize(
    "question",
    STREAMED,
    ids=["single", "set", "abstain"],
)
def test_stream_deltas_spell_out_the_answer(client: TestClient, question: str) -> None:
    events = parse_events(client.post("/v1/ask/stream", json={"question": question}).text)
    deltas = [data["text"] for kind, data in events if kind == "delta"]
    assert deltas
    assert "".join(deltas) == events[-1][1]["answer"]


def test_stream_over_a_real_socket(settings: Settings, service: Service) -> None:
    with serve(create_app(settings, service)) as base_url:
        frames: list[str] = []
        with httpx.stream("POST", f"{base_url}/v1/ask/stream", json={"question": OPPOSE["fr"]}, timeout=30) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            assert response.headers["cache-control"] == "no-cache"
            frames.extend(response.iter_text())
        asked = httpx.post(f"{base_url}/v1/ask", json={"question": OPPOSE["fr"]}, timeout=30).json()
    events = parse_events("".join(frames))
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "retrieval" and kinds[-1] == "answer"
    assert without_timings(events[-1][1]) == without_timings(asked)
    assert asked["language"] == "fr" and asked["items"]


def test_a_bad_filter_on_the_stream_is_a_422_not_a_stream(client: TestClient) -> None:
    response = client.post("/v1/ask/stream", json={"question": NORWAY, "filters": {"doc": "A/99/1"}})
    assert response.status_code == 422
    assert "event:" not in response.text
    assert "unknown document" in response.json()["error"]["message"]


# --- a configured but unreachable language model ---


@pytest.fixture(scope="module")
def dead_llm_client(settings: Settings, service: Service) -> Iterator[TestClient]:
    dead = settings.model_copy(update={"llm_base_url": closed_port_url(), "llm_timeout": 1.0})
    with TestClient(create_app(dead, service)) as test_client:
        yield test_client


def test_an_unreachable_llm_falls_back_to_extractive(client: TestClient, dead_llm_client: TestClient) -> None:
    response = dead_llm_client.post("/v1/ask", json={"question": NORWAY})
    assert response.status_code == 200
    body = response.json()
    assert body["mode"] == "extractive" and body["answerable"] is True
    assert any("language model failed (connection" in w for w in body["warnings"]), body["warnings"]
    extractive = client.post("/v1/ask", json={"question": NORWAY}).json()
    assert body["answer"] == extractive["answer"]
    assert body["citations"] == extractive["citations"]

    stream = dead_llm_client.post("/v1/ask/stream", json={"question": NORWAY})
    assert stream.status_code == 200
    answer = parse_events(stream.text)[-1]
    assert answer[0] == "answer" and answer[1]["mode"] == "extractive"


def test_an_unreachable_llm_on_a_set_question_is_reported_as_extractive(dead_llm_client: TestClient) -> None:
    body = dead_llm_client.post("/v1/ask", json={"question": OPPOSE["en"]}).json()
    assert body["items"] and any("could not judge" in w for w in body["warnings"])
    assert body["mode"] == "extractive"
    assert body["prompt"] is None


def test_the_app_closes_its_model_connections_when_it_stops(settings: Settings, service: Service, scripted_llm) -> None:
    """One model client serves the app's whole life; stopping the app closes its pooled connections (else each
    would be left to the garbage collector, a ResourceWarning per socket)."""
    from tests.support.fake_llm import Reply

    scripted_llm.responder = lambda body: Reply(content="Norway cannot support resolution 76/234 [1].")
    app = create_app(settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "llm_timeout": 5}), service)
    with serve(app) as base_url, httpx.Client(base_url=base_url, timeout=60) as http:
        first = http.post("/v1/ask", json={"question": "Does Norway support resolution 76/234?"})
        second = http.post("/v1/ask", json={"question": "What does Norway say about export controls?"})
        assert first.json()["mode"] == second.json()["mode"] == "llm"
        answerer = state_of(app).runtime.answerer()
        assert answerer.llm is not None
        pool = answerer.llm._chat.root_client._client  # the SDK's httpx client
        assert not pool.is_closed
    assert pool.is_closed


@pytest.mark.parametrize(
    ("question", "language", "quoted", "other"),
    [
        ("Why did Australia vote against resolution 76/234?", "en", "voted against the resolution", "zh"),
        ("澳大利亚为什么对第76/234号决议投了反对票？", "zh", "投了反对票", "en"),
    ],
)
def test_ask_quotes_the_askers_version_and_links_the_others(
    parallel_client: TestClient, question: str, language: str, quoted: str, other: str
) -> None:
    body = parallel_client.post("/v1/ask", json={"question": question}).json()
    assert body["answerable"] and body["language"] == language
    citation = next(c for c in body["citations"] if quoted in c["text"])
    assert citation["language"] == citation["doc"]["language"] == language
    assert citation["quote"] in body["answer"] and citation["quote"] in citation["text"]
    versions = {v["language"]: v for v in citation["versions"]}
    assert set(versions) == {"en", "zh", "fr"} - {language}
    counterpart = versions[other]
    assert counterpart["doc"]["symbol"] == "A/77/96" and counterpart["paragraph"] == citation["paragraph"]
    assert {"zh": "投了反对票", "en": "voted against the resolution"}[other] in counterpart["text"]
    # a click away: the version is a passage the passages endpoint shows, and it links back
    shown = parallel_client.get(f"/v1/passages/{counterpart['id']}").json()["passage"]
    assert shown["text"] == counterpart["text"] and citation["id"] in {v["id"] for v in shown["versions"]}


def test_a_system_turn_is_accepted_and_left_out_of_the_conversation() -> None:
    history = [HistoryTurn(role="system", content="Answer briefly."), HistoryTurn(role="user", content="Who replied?")]
    assert [(t.role, t.content) for t in turns(history)] == [("user", "Who replied?")]
