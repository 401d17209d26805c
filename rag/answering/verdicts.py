"""Set questions with a language model: one strict JSON verdict per reply, run concurrently, each quote
checked against its passage before the respondent may be listed."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from difflib import SequenceMatcher

from rag.answering.respondents import Finding, Plan
from rag.answering.scope import Section
from rag.core.errors import LLMError
from rag.core.text import escape_passage, sentence_spans, squash_whitespace
from rag.llm.client import ChatMessage, LLMClient
from rag.llm.prompts import Prompt
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever

PASSAGES_PER_REPLY = 6  # the reply's passages that best match the question are shown to the model
MIN_QUOTE_SIMILARITY = 0.6  # a quote the model altered a little still points at one sentence


@dataclass(frozen=True)
class Verdicts:
    findings: list[Finding]  # replies the model says qualify, each with a verified quote
    failures: list[Section]  # replies it could not judge (errors, unusable output)
    skipped: list[Section]  # replies beyond the cap on calls, least relevant first left out


def judge_sections(
    llm: LLMClient,
    prompt: Prompt,
    retriever: Retriever,
    analysis: QueryAnalysis,
    plan: Plan,
    concurrency: int,
    max_calls: int,
) -> Verdicts:
    """The model's verdicts on at most `max_calls` replies, the most relevant to the question; the caller checks
    the replies it failed on or skipped another way. Calls beyond the first run only on LLM slots free now
    (llm.slots, shared with every request), so a set question never pushes the calls in flight past the limit."""
    relevance = retriever.lexical_scores(analysis.tokens)
    ranked = sorted(plan.sections, key=lambda s: -max((float(relevance[p]) for p in s.positions), default=0.0))
    judged = set(map(id, ranked[: max(0, max_calls)]))
    chosen = [s for s in plan.sections if id(s) in judged]
    skipped = [s for s in plan.sections if id(s) not in judged]

    def judge(section: Section) -> Finding | Section | None:
        positions = sorted(section.positions, key=lambda p: -float(relevance[p]))[:PASSAGES_PER_REPLY]
        positions.sort()
        passages = "\n\n".join(
            f"[{n}]\n<passage>\n{escape_passage(retriever.passages[p].text)}\n</passage>"
            for n, p in enumerate(positions, start=1)
        )
        respondent = section.respondent.name_en or section.respondent.name
        system, user = prompt.render(question=analysis.text, respondent=respondent, passages=passages)
        try:
            raw = llm.complete(
                [ChatMessage("system", system), ChatMessage("user", user)], json_mode=True, max_tokens=400
            )
            verdict = parse_verdict(raw)
        except LLMError:
            return section
        if verdict is None:
            return section
        qualifies, number, quote = verdict
        if not qualifies:
            return None
        candidates = [positions[number - 1]] if number and 1 <= number <= len(positions) else positions
        for position in candidates:
            span = find_quote(quote, retriever.passages[position].text)
            if span is not None:
                return Finding(section, position, span)
        return None  # a claim the passages do not bear out is not listed

    verdicts = Verdicts([], [], skipped)
    extra = llm.slots.take(min(concurrency, len(chosen)) - 1) if chosen else 0
    try:
        with ThreadPoolExecutor(max_workers=1 + extra) as pool:
            for outcome in pool.map(judge, chosen):
                if isinstance(outcome, Finding):
                    verdicts.findings.append(outcome)
                elif isinstance(outcome, Section):
                    verdicts.failures.append(outcome)
    finally:
        llm.slots.give(extra)
    return verdicts


def parse_verdict(raw: str) -> tuple[bool, int | None, str] | None:
    """(qualifies, passage number, quote) from the model's JSON, tolerating code fences and chatter around
    it; None when there is no usable object."""
    match = re.search(r"\{.*\}", raw, re.DOTALL)
    if not match:
        return None
    try:
        data = json.loads(match.group(0))
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("qualifies"), bool):
        return None
    number = data.get("passage")
    number = number if isinstance(number, int) and not isinstance(number, bool) else None
    quote = data.get("quote")
    return data["qualifies"], number, quote.strip() if isinstance(quote, str) else ""


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Where a quote sits in a passage: verbatim (whitespace aside), else the sentence most like it."""
    needle = squash_whitespace(quote)
    if len(needle) < 4:
        return None
    squashed, offsets = [], []
    for i, char in enumerate(text):
        if not char.isspace():
            squashed.append(char)
            offsets.append(i)
    at = "".join(squashed).find(needle)
    if at >= 0:
        return offsets[at], offsets[at + len(needle) - 1] + 1
    best, best_span = 0.0, None
    for start, end in sentence_spans(text):
        ratio = SequenceMatcher(None, needle, squash_whitespace(text[start:end]), autojunk=False).ratio()
        if ratio > best:
            best, best_span = ratio, (start, end)
    return best_span if best >= MIN_QUOTE_SIMILARITY else None
