"""The OpenAI-compatible endpoints, driven by the official `openai` client against a real uvicorn server on
loopback: what any OpenAI client or chat UI sees, citations in the `rag` extension field included."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from rag.api.app import create_app
from rag.api.routes.openai import MODEL_ID, sources_block
from rag.core.settings import Settings
from rag.core.types import Answer, Citation, Document, Passage, Respondent
from rag.lang.names import default_names
from rag.retrieval.service import Service
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.live_server import serve

OPPOSE = "Which states oppose resolution 76/234?"
NORWAY = "Does Norway support resolution 76/234?"


def client_for(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0, timeout=30)


@pytest.fixture(scope="module")
def client(settings: Settings, service: Service) -> Iterator[openai.OpenAI]:
    with serve(create_app(settings, service)) as base_url:
        yield client_for(base_url)


def ask(client: openai.OpenAI, messages: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The completion's content and its raw JSON body."""
    raw = client.chat.completions.with_raw_response.create(model=MODEL_ID, messages=messages)
    completion = raw.parse()
    body = json.loads(raw.text)
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].finish_reason == "stop"
    content = completion.choices[0].message.content
    assert content is not None
    assert body["choices"][0]["message"]["content"] == content
    return content, body


def ask_streaming(client: openai.OpenAI, messages: list[dict[str, Any]]) -> tuple[str, list[Any]]:
    chunks = list(client.chat.completions.create(model=MODEL_ID, messages=messages, stream=True))
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices), chunks


def without_timings(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "timings_ms"}


def test_models_lists_the_service(client: openai.OpenAI) -> None:
    assert MODEL_ID == "un-disarmament-rag"
    assert MODEL_ID in [model.id for model in client.models.list()]


def test_a_completion_carries_the_answer_sources_and_citations(client: openai.OpenAI) -> None:
    content, body = ask(client, [{"role": "user", "content": OPPOSE}])
    rag = body["rag"]
    assert body["object"] == "chat.completion" and body["model"] == MODEL_ID
    assert rag["mode"] == "extractive" and rag["answerable"] and rag["items"]
    answer, sources = content.split("\n\nSources:\n")
    assert answer == rag["answer"]
    lines = sources.split("\n")
    assert len(lines) == len(rag["citations"]) > 10
    for line, citation in zip(lines, rag["citations"], strict=True):
        assert line.startswith(f"[{citation['n']}] A/77/96, ")
        assert f"[{citation['n']}]" in answer
        assert citation["quote"] in citation["text"]
    assert any(line.endswith(", Norway") for line in lines)


def test_a_chinese_question_gets_chinese_sources(client: openai.OpenAI) -> None:
    content, body = ask(client, [{"role": "user", "content": "哪些国家反对第76/234号决议？"}])
    assert body["rag"]["language"] == "zh"
    assert "\n\n出处:\n" in content and "挪威" in content


@pytest.mark.parametrize("question", [OPPOSE, NORWAY, "What position did India take on resolution 76/234?"])
def test_streamed_chunks_add_up_to_the_completion(client: openai.OpenAI, question: str) -> None:
    messages = [{"role": "user", "content": question}]
    content, body = ask(client, messages)
    streamed, chunks = ask_streaming(client, messages)
    assert streamed == content
    assert all(c.object == "chat.completion.chunk" and c.model == MODEL_ID for c in chunks)
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra is not None
    assert without_timings(last.model_extra["rag"]) == without_timings(body["rag"])
    assert all("rag" not in (c.model_extra or {}) for c in chunks[:-1])


def test_content_as_a_list_of_parts(client: openai.OpenAI) -> None:
    parts = [{"role": "user", "content": [{"type": "text", "text": OPPOSE}]}]
    content, body = ask(client, parts)
    plain, _ = ask(client, [{"role": "user", "content": OPPOSE}])
    assert content == plain and body["rag"]["items"]


@pytest.mark.parametrize(
    ("messages", "fragment"),
    [
        ([{"role": "user", "content": NORWAY}, {"role": "assistant", "content": "Yes."}], "last message"),
        ([], "messages"),
        ([{"role": "user", "content": "   "}], "empty"),
        ([{"role": "user", "content": "x" * 5000}], "limit"),
    ],
)
def test_invalid_conversations_are_a_422(client: openai.OpenAI, messages: list[dict[str, Any]], fragment: str) -> None:
    for stream in (False, True):
        with pytest.raises(openai.UnprocessableEntityError) as info:
            client.chat.completions.create(model=MODEL_ID, messages=messages, stream=stream)
        assert info.value.status_code == 422
        body = info.value.response.json()
        assert fragment in body["error"]["message"], body


# --- with a language model behind the service ---


def test_earlier_turns_reach_the_service_as_history(
    settings: Settings, service: Service, scripted_llm: ScriptedLLM
) -> None:
    with_llm = settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "llm_timeout": 5.0})
    conversation = [
        {"role": "system", "content": "You are a helpful pirate."},
        {"role": "user", "content": "What did Norway say about resolution 76/234?"},
        {"role": "assistant", "content": "Norway cannot support resolution 76/234 [1]."},
        {"role": "user", "content": "And Japan?"},
    ]
    standalone = "What did Japan say about resolution 76/234?"
    reply = "Japan voted against resolution 76/234 [1]."
    scripted_llm.script(Reply(content=standalone), Reply(content=reply))
    scripted_llm.script(Reply(content=standalone), Reply(content=reply, chunks=["Japan voted ", "against it [1]", "."]))
    with serve(create_app(with_llm, service)) as base_url:
        client = client_for(base_url)
        content, body = ask(client, conversation)
        streamed, chunks = ask_streaming(client, conversation)

    assert body["rag"]["mode"] == "llm"
    assert content.startswith(reply + "\n\nSources:\n[1] A/77/96, Japan")
    rewrite = scripted_llm.requests[0]["messages"][-1]["content"]
    assert "user: What did Norway say about resolution 76/234?" in rewrite
    assert "assistant: Norway cannot support resolution 76/234 [1]." in rewrite
    assert "Last question: And Japan?" in rewrite
    assert "pirate" not in json.dumps(scripted_llm.requests)  # the chat's system message is not a turn
    assert f"Question: {standalone}" in scripted_llm.requests[1]["messages"][-1]["content"]
    assert len(scripted_llm.requests) == 4
    # streamed: the model's own words as they came, then the sources
    assert streamed == content.replace(reply, "Japan voted against it [1].")
    assert chunks[-1].model_extra["rag"]["answer"] == "Japan voted against it [1]."


def test_a_streamed_answer_that_the_check_changed_ends_with_its_sources(
    settings: Settings, service: Service, scripted_llm: ScriptedLLM
) -> None:
    with_llm = settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "llm_timeout": 5.0})
    raw = "Norway cannot support resolution 76/234 [2][42]."
    scripted_llm.script(Reply(content=raw))
    with serve(create_app(with_llm, service)) as base_url:
        streamed, chunks = ask_streaming(client_for(base_url), [{"role": "user", "content": NORWAY}])
    rag = chunks[-1].model_extra["rag"]
    assert rag["answer"] == "Norway cannot support resolution 76/234 [2]."
    assert any("[42]" in w for w in rag["warnings"])
    head, sources = streamed.split("\n\n", 1)
    assert head == raw  # what the model said, as it said it; the answer is not repeated
    assert sources.startswith("Sources:\n[2] A/77/96, Norway") and "[42]" not in sources


def test_sources_name_a_report_without_a_symbol_by_its_title_in_the_answers_language() -> None:
    report = Document("r", "r.zh.txt", "zh", title="报告", title_en="Report", titles=(("ru", "Доклад"),))
    passage = Passage("r-1", "r", "伊朗支持该决议。", 0, 8, respondent=Respondent("伊朗", "state", "IRN"))
    answer = Answer("?", "…", "ru", True, "extractive", (Citation(1, passage, report, passage.text),))
    assert sources_block(answer, default_names()).splitlines()[1].startswith("[1] Доклад, Иран")
