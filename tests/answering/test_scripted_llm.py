"""The answer stage with the in-process scripted model (tests/support/fake_llm.py InProcessLLM): no HTTP, so
fast, and faithful to the real client over the scripted server: the same script gives the same answer and the
same request, and every way the model can fail falls back to the extractive answer."""

from __future__ import annotations

import time
from typing import Any

import pytest

from rag.answering.pipeline import Answerer
from rag.core.errors import LLMError
from rag.core.settings import Settings
from rag.core.types import Answer
from rag.llm.client import ChatMessage, LLMClient
from rag.retrieval.service import Service
from tests.support.fake_llm import InProcessLLM, Reply, ScriptedLLM

NORWAY = "Does Norway support resolution 76/234?"
CITED = "Norway cannot support resolution 76/234 [1]. It agrees with the EU [2]."


def answerer(service: Service, llm: InProcessLLM) -> Answerer:
    return Answerer(service, llm)  # type: ignore[arg-type]  # the stand-in has the client's methods


def summary(answer: Answer) -> tuple[Any, ...]:
    citations = [(c.n, c.passage.id, c.quote) for c in answer.citations]
    return answer.mode, answer.answerable, answer.answer, citations, answer.warnings, answer.grounded


def test_a_composed_answer_streams_from_the_script_with_its_citations(
    service: Service, inprocess_llm: InProcessLLM
) -> None:
    chunks = ["Norway cannot ", "support resolution 76/234 [1]", ". It agrees with the EU [2]."]
    inprocess_llm.script(Reply(content="".join(chunks), chunks=chunks))
    events = list(answerer(service, inprocess_llm).stream(NORWAY))

    assert [kind for kind, _ in events] == ["retrieval", "delta", "delta", "delta", "answer"]
    assert [payload for kind, payload in events if kind == "delta"] == chunks
    answer: Answer = events[-1][1]
    assert (answer.mode, answer.answerable, answer.answer) == ("llm", True, CITED)
    assert [c.n for c in answer.citations] == [1, 2]
    assert answer.citations[0].passage.respondent.id == "NOR"
    [request] = inprocess_llm.requests
    assert request["stream"] is True and request["temperature"] == 0
    assert [m["role"] for m in request["messages"]] == ["system", "user"]
    assert f"Question: {NORWAY}" in request["messages"][1]["content"]


def test_the_same_script_gives_the_same_answer_and_request_as_over_http(
    service: Service, inprocess_llm: InProcessLLM, scripted_llm: ScriptedLLM
) -> None:
    over_http = service.settings.model_copy(update={"llm_base_url": scripted_llm.base_url})
    for llm in (inprocess_llm, scripted_llm):
        llm.script(Reply(content=CITED))
    in_process = answerer(service, inprocess_llm).ask(NORWAY)
    client = LLMClient(over_http)
    try:
        http = Answerer(service, client).ask(NORWAY)
    finally:
        client.close()

    assert summary(in_process) == summary(http)
    assert in_process.mode == "llm"
    [sent], [received] = inprocess_llm.requests, scripted_llm.requests
    assert sent["messages"] == received["messages"]
    assert (sent["stream"], sent["temperature"]) == (received["stream"], received["temperature"])


@pytest.mark.parametrize(
    ("reason", "reply"),
    [
        ("http", Reply(status=500)),
        ("timeout", Reply(content="too late", delay=60.0)),
        ("malformed", Reply(raw="not json")),
        ("empty", Reply(content="")),
    ],
)
def test_a_failing_model_falls_back_to_the_extractive_answer_at_once(
    service: Service, inprocess_llm: InProcessLLM, reason: str, reply: Reply
) -> None:
    inprocess_llm.script(reply)
    expected = Answerer(service).ask(NORWAY)
    started = time.monotonic()
    answer = answerer(service, inprocess_llm).ask(NORWAY)

    assert time.monotonic() - started < 2  # a scripted timeout is not waited for
    assert answer.mode == "extractive" and answer.answer == expected.answer
    assert [(c.passage.id, c.quote) for c in answer.citations] == [(c.passage.id, c.quote) for c in expected.citations]
    failed = [w for w in answer.warnings if "language model failed" in w]
    assert len(failed) == 1 and f"({reason}:" in failed[0], answer.warnings
    assert len(inprocess_llm.requests) == 1


def test_the_stand_in_keeps_the_clients_contract() -> None:
    llm = InProcessLLM(Reply(content='{"a": 1}'), Reply(content="second"))
    messages = [ChatMessage("user", "hi")]

    assert llm.complete(messages, max_tokens=30, json_mode=True) == '{"a": 1}'
    assert llm.complete(messages) == "second"
    assert llm.requests[0]["response_format"] == {"type": "json_object"} and llm.requests[0]["max_tokens"] == 30
    assert "response_format" not in llm.requests[1]
    with pytest.raises(LLMError, match="script ran out") as ran_out:
        llm.complete(messages)
    assert ran_out.value.reason == "http"
    llm.responder = lambda body: Reply(content=body["messages"][-1]["content"].upper())
    assert "".join(llm.stream(messages)) == "HI"
    llm.close()
    assert llm.closed


def test_the_model_reads_and_cites_the_askers_version(parallel_index: Settings, inprocess_llm: InProcessLLM) -> None:
    parallel = Service.load(parallel_index)
    inprocess_llm.script(Reply(content="Australia voted against the resolution in 2021 [1]."))
    answer = answerer(parallel, inprocess_llm).ask("Why did Australia vote against resolution 76/234?")
    [request] = inprocess_llm.requests
    shown = request["messages"][1]["content"]
    assert "voted against the resolution" in shown and "投了反对票" not in shown and "voté contre" not in shown
    [cited] = answer.citations
    assert answer.mode == "llm" and cited.document.language == "en"
    assert cited.passage.text[cited.quote_start : cited.quote_end] == cited.quote  # located in the English text
    assert {c.document.language for c in cited.counterparts} == {"zh", "fr"}
