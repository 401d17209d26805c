"""The model's verdicts on set questions (rag.answering.verdicts): one strict JSON verdict per reply, read
leniently (code fences, chatter) but refused when malformed; a quote is found in its passage or the respondent
is not listed; calls are capped per question, run only on free LLM slots and stop at the set question's time
budget; each reply is shown by its sentences most relevant to the question."""

from __future__ import annotations

import json
import threading
import time
from typing import cast

import pytest

from rag.answering.abstention import Abstention
from rag.answering.conditions import Finding, Plan
from rag.answering.listing import COMPOSE_S, SetAnswers
from rag.answering.records import Run
from rag.answering.respondents import Aggregator
from rag.answering.verdicts import (
    MIN_CALL_S,
    REPLY_CHARS,
    SENTENCES_PER_REPLY,
    find_quote,
    judge_sections,
    parse_verdict,
    relevant_sentences,
    text_cost,
)
from rag.core.text import squash_whitespace
from rag.core.types import Answer
from rag.llm.client import LLMClient
from rag.llm.prompts import load_prompt
from rag.retrieval.scope import question_scope
from rag.retrieval.service import Service
from tests.support.fake_llm import InProcessLLM, Reply, ScriptedLLM
from tests.support.sets import set_answer

OPPOSE = "Which states oppose resolution 76/234?"


# --- reading one verdict ---


@pytest.mark.parametrize(
    ("raw", "verdict"),
    [
        ('{"qualifies": true, "passage": 2, "quote": " 挪威反对。 "}', (True, 2, "挪威反对。")),
        ('```json\n{"qualifies": false, "passage": null, "quote": ""}\n```', (False, None, "")),
        ('Sure! Here it is: {"qualifies": true, "passage": "1", "quote": 7} Hope that helps.', (True, None, "")),
        ('{"qualifies": true, "passage": true, "quote": "q"}', (True, None, "q")),  # a bool is no number
    ],
)
def test_a_verdict_is_read_from_the_json_object_in_the_reply(raw: str, verdict: tuple[bool, int | None, str]) -> None:
    assert parse_verdict(raw) == verdict


@pytest.mark.parametrize(
    "raw",
    [
        "Canada? Hard to say, honestly.",
        '{"qualifies": true, "passage": 1,',  # cut off
        '{"qualifies": "yes", "passage": 1, "quote": "q"}',  # not strictly a boolean
        '{"passage": 1, "quote": "q"}',
        "[true, 1]",
    ],
)
def test_a_malformed_verdict_is_none(raw: str) -> None:
    assert parse_verdict(raw) is None


def test_a_quote_is_found_verbatim_whitespace_aside() -> None:
    text = "第一句话在这里。挪威 无法支持\n第76/234号决议。最后一句。"
    start, end = find_quote("挪威无法支持第76/234号决议。", text) or (0, 0)
    assert text[start:end] == "挪威 无法支持\n第76/234号决议。"


def test_a_slightly_altered_quote_points_at_its_sentence_and_a_fabricated_one_at_nothing() -> None:
    text = "Norway supports the resolution fully. Japan has no comment on the matter."
    start, end = find_quote("Japan had no comments on the matter.", text) or (0, 0)
    assert text[start:end].strip() == "Japan has no comment on the matter."
    assert find_quote("This sentence does not exist anywhere.", text) is None
    assert find_quote("Nor", text) is None  # too short to point at anything


# --- judging the replies ---


def test_a_fabricated_quote_is_not_listed_and_a_malformed_verdict_is_a_failure(
    service: Service, aggregator: Aggregator
) -> None:
    retriever = service.retriever
    result = retriever.search(OPPOSE, 20)
    scope = question_scope(result.analysis, result.hits, list(retriever.documents.values()))
    plan = aggregator.plan(result.analysis, scope.documents)
    assert plan is not None and len(plan.sections) >= 3
    distinct = {(s.respondent.name_en or s.respondent.name): s for s in reversed(plan.sections)}
    assert len(distinct) >= 3
    (first_name, first), (second_name, second), (_, third) = list(distinct.items())[:3]
    quoted: list[str] = []

    def verdict(body: dict) -> Reply:
        user = body["messages"][-1]["content"]
        passage = user.split("<passage>\n", 1)[1].split("\n</passage>", 1)[0]
        if f"Respondent: {first_name}\n" in user:
            quoted.append(passage[:40])
            return Reply(json.dumps({"qualifies": True, "passage": 1, "quote": passage[:40]}))
        if f"Respondent: {second_name}\n" in user:  # a claim its passages do not bear out
            return Reply(
                json.dumps({"qualifies": True, "passage": 1, "quote": "This sentence does not exist anywhere."})
            )
        return Reply("I would rather not say.")  # no verdict at all

    llm = InProcessLLM()
    llm.responder = verdict
    prompt = load_prompt(service.settings.prompts_dir, "verdict")
    three = Plan(plan.condition, plan.documents, (first, second, third))
    found = judge_sections(cast(LLMClient, llm), prompt, retriever, result.analysis, three, 2, 3)
    assert len(llm.requests) == 3 and all(r["response_format"] == {"type": "json_object"} for r in llm.requests)
    [finding] = found.findings
    assert isinstance(finding, Finding) and finding.section is first
    start, end = finding.quote
    assert squash_whitespace(retriever.passages[finding.position].text[start:end]) == squash_whitespace(quoted[0])
    assert found.failures == [third] and found.skipped == []


class Peak:
    """A verdict model that says no to every reply, slowly, and remembers how many calls overlapped."""

    def __init__(self) -> None:
        self.now = self.peak = 0
        self.lock = threading.Lock()

    def __call__(self, body: dict) -> Reply:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(0.02)
        with self.lock:
            self.now -= 1
        return Reply('{"qualifies": false}')


def judged(
    service: Service,
    aggregator: Aggregator,
    llm: InProcessLLM | LLMClient,
    concurrency: int,
    cap: int,
    budget: float = 60.0,
) -> Answer:
    retriever = service.retriever
    abstention = Abstention(retriever, aggregator.sections)
    prompts = service.settings.prompts_dir
    sets = SetAnswers(retriever, aggregator, abstention, cast(LLMClient, llm), prompts, concurrency, cap, budget)
    question = "Which states oppose resolution 76/234?"
    run = Run(question, "en")  # as the pipeline does, before retrieval: a set question's budget counts from here
    result = retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(retriever.documents.values()))
    plan = aggregator.plan(result.analysis, scope.or_every(list(retriever.documents.values())))
    assert plan is not None and len(plan.sections) > 10
    return sets.answer(run, plan, result.analysis, result.hits[:10])


def test_verdict_calls_are_capped_per_question(service: Service, aggregator: Aggregator) -> None:
    llm = InProcessLLM()
    llm.responder = Peak()
    found = judged(service, aggregator, llm, concurrency=4, cap=5)
    assert len(llm.requests) == 5  # not one per reply
    assert any("at most 5 of" in w and "RAG_LLM_MAX_VERDICTS" in w for w in found.warnings)
    assert "llm:verdict:capped" in found.problems
    extractive_answer = set_answer(service, aggregator, OPPOSE)
    assert found.items is not None and extractive_answer.items is not None
    # the model said no to the 5 it judged, the others were checked extractively, and what the extractive
    # scorer lists is listed all the same (a disagreement, reported)
    assert {i.respondent for i in found.items} == {i.respondent for i in extractive_answer.items}


def test_verdict_calls_run_only_on_free_llm_slots(service: Service, aggregator: Aggregator) -> None:
    llm = InProcessLLM(max_pending=3)
    llm.responder = peak = Peak()
    assert llm.slots.take() == 1  # the slot the API took for the request
    judged(service, aggregator, llm, concurrency=8, cap=12)
    assert len(llm.requests) == 12
    assert 1 < peak.peak <= 3  # the request's own call and the 2 slots that were free, not 8
    assert llm.slots.used == 1  # the extra slots given back
    llm.slots.take(2)  # every slot busy: the verdicts still run, one at a time, on the request's own
    peak.peak = 0
    judged(service, aggregator, llm, concurrency=8, cap=4)
    assert peak.peak == 1


# --- the time budget ---


def test_a_set_question_stops_asking_the_model_when_its_budget_is_spent(
    service: Service, aggregator: Aggregator
) -> None:
    def slow(body: dict) -> Reply:
        time.sleep(0.3)
        return Reply('{"qualifies": false}')

    llm = InProcessLLM()
    llm.responder = slow
    started = time.monotonic()
    found = judged(service, aggregator, llm, concurrency=1, cap=60, budget=2.0)
    assert time.monotonic() - started < 2.0  # the whole question, retrieval and the extractive checks included
    # no call starts with less than MIN_CALL_S of the budget left, and COMPOSE_S is kept for the answer
    assert 1 <= len(llm.requests) <= (2.0 - COMPOSE_S - MIN_CALL_S) / 0.3 + 1
    [late] = [w for w in found.warnings if "RAG_LLM_SET_BUDGET_S" in w]
    assert f"had judged {len(llm.requests)} of" in late and "time budget ran out (2 s" in late
    assert "llm:verdict:budget" in found.problems
    extractive_answer = set_answer(service, aggregator, OPPOSE)
    assert {i.respondent for i in found.items or ()} == {i.respondent for i in extractive_answer.items or ()}
    assert found.mode == "llm"  # the model decided some replies


@pytest.mark.slow  # waits out the budget
def test_a_call_in_flight_is_cut_at_the_budget(
    service: Service, aggregator: Aggregator, scripted_llm: ScriptedLLM
) -> None:
    scripted_llm.responder = lambda body: Reply('{"qualifies": false}', delay=30.0)
    settings = service.settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "llm_timeout": 30.0})
    started = time.monotonic()
    found = judged(service, aggregator, LLMClient(settings), concurrency=1, cap=60, budget=2.0)
    assert time.monotonic() - started < 2.0
    assert len(scripted_llm.requests) == 1
    assert "llm:verdict:budget" in found.problems and "llm:verdict:failed" not in found.problems
    assert found.mode == "extractive"  # the model decided nothing


# --- what the model is shown ---


def test_the_model_is_shown_the_replys_most_relevant_sentences(service: Service, aggregator: Aggregator) -> None:
    retriever = service.retriever
    result = retriever.search(OPPOSE, 20)
    plan = aggregator.plan(result.analysis, list(retriever.documents.values()))
    assert plan is not None
    weights = {t: w * retriever.idf(t) for t, w in result.analysis.tokens.items()}
    checked = 0
    for section in plan.sections:
        finding = aggregator.check_section(plan.condition, section)
        excerpts = relevant_sentences(retriever, section, weights, plan.condition)
        texts = [retriever.passages[e.position].text[e.start : e.end] for e in excerpts]
        assert 0 < len(excerpts) <= SENTENCES_PER_REPLY
        assert len(excerpts) == 1 or sum(text_cost(t) for t in texts) <= REPLY_CHARS
        assert all(e.position in section.positions for e in excerpts)
        assert excerpts == sorted(excerpts, key=lambda e: (section.positions.index(e.position), e.start))
        if finding is not None:  # the sentence the extractive scorer quotes is among them
            checked += 1
            assert any(e.position == finding.position and e.start <= finding.quote[0] < e.end for e in excerpts)
    assert checked >= 10


def test_the_model_is_shown_where_a_reply_endorses_anothers(service: Service, aggregator: Aggregator) -> None:
    retriever = service.retriever
    result = retriever.search("In A/77/96, which states align themselves with the joint reply of the European Union?")
    plan = aggregator.plan(result.analysis, [retriever.documents["A_77_96"]])
    assert plan is not None and plan.condition.test == "endorse"
    weights = {t: w * retriever.idf(t) for t, w in result.analysis.tokens.items()}
    for section in plan.sections:
        finding = aggregator.check_section(plan.condition, section)
        if finding is not None:
            excerpts = relevant_sentences(retriever, section, weights, plan.condition)
            assert any(e.position == finding.position and e.start <= finding.quote[0] < e.end for e in excerpts)
