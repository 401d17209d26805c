"""Set questions with a language model: one strict JSON verdict per reply, run concurrently within a time
budget, on the reply's sentences most relevant to the question (not the whole reply); each quote is checked
against its passage, and against the condition (`supports`), before the respondent may be listed."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from rag.answering.conditions import Condition, Finding, Plan
from rag.answering.scope import Section
from rag.answering.stances import a_states_resolution, premise_stance
from rag.core.errors import LLMError
from rag.core.text import escape_passage, fold, is_cjk, names_phrase, sentence_spans, squash_whitespace
from rag.indexing import lexical
from rag.llm.client import ChatMessage, LLMClient
from rag.llm.prompts import Prompt
from rag.retrieval.query import QueryAnalysis, resolution_symbols
from rag.retrieval.retriever import Retriever

SENTENCES_PER_REPLY = 5  # the reply's sentences that best match the question are shown to the model
REPLY_CHARS = 1000  # at most this much of a reply is shown (a Chinese character counts CJK_WEIGHT)
CJK_WEIGHT = 2.5  # a Chinese character costs about as many tokens as 2.5 Latin ones
CONDITION_BONUS = 1.0  # a sentence that names the resolution or the topic is shown before one that does not
MIN_QUOTE_SIMILARITY = 0.6  # a quote the model altered a little still points at one sentence
MIN_CALL_S = 1.0  # with less of the budget left than this, a reply is not sent to the model
VERDICT_TOKENS = 200  # a verdict is one small JSON object with a quote of one or two sentences

# Whether a quote (position, span) shows that a reply meets the question's condition.
Supports = Callable[[Section, int, tuple[int, int]], bool]
Outcome = Literal["yes", "no", "unsupported", "failed", "late"]


@dataclass(frozen=True)
class Excerpt:
    """One sentence of a reply as the model is shown it."""

    position: int  # of its passage in the index
    start: int  # offsets of the sentence in the passage text
    end: int


@dataclass
class Verdicts:
    findings: list[Finding] = field(default_factory=list)  # the model says yes, with a quote that shows it
    refused: list[Section] = field(default_factory=list)  # the model says the reply does not qualify
    unsupported: list[Section] = field(
        default_factory=list
    )  # says yes, but its quote is not there or shows no such thing
    failures: list[Section] = field(default_factory=list)  # replies it could not judge (errors, unusable output)
    skipped: list[Section] = field(default_factory=list)  # replies beyond the cap on calls, least relevant left out
    late: list[Section] = field(default_factory=list)  # replies not judged within the time budget

    @property
    def decided(self) -> int:
        """Replies the model gave a usable verdict on."""
        return len(self.findings) + len(self.refused) + len(self.unsupported)


def judge_sections(
    llm: LLMClient,
    prompt: Prompt,
    retriever: Retriever,
    analysis: QueryAnalysis,
    plan: Plan,
    concurrency: int,
    max_calls: int,
    budget_s: float = float("inf"),
    supports: Supports | None = None,
) -> Verdicts:
    """The model's verdicts on at most `max_calls` replies, the most relevant to the question first, within
    `budget_s` seconds (no call outlives it); the caller checks the replies it failed on, skipped or had no time
    for another way. Calls beyond the first run only on LLM slots free now (llm.slots, shared with every
    request), so a set question never pushes the calls in flight past the limit."""
    deadline = time.monotonic() + budget_s
    relevance = retriever.lexical_scores(analysis.tokens)
    ranked = sorted(plan.sections, key=lambda s: -max((float(relevance[p]) for p in s.positions), default=0.0))
    chosen, skipped = ranked[: max(0, max_calls)], ranked[max(0, max_calls) :]
    weights = _question_weights(retriever, analysis, plan.condition)

    def judge(section: Section) -> tuple[Outcome, Finding | Section]:
        remaining = deadline - time.monotonic()
        if remaining < MIN_CALL_S:
            return "late", section
        excerpts = relevant_sentences(retriever, section, weights, plan.condition)
        passages = "\n\n".join(
            f"[{n}]\n<passage>\n{escape_passage(_text(retriever, e))}\n</passage>"
            for n, e in enumerate(excerpts, start=1)
        )
        respondent = section.respondent.name_en or section.respondent.name
        system, user = prompt.render(question=analysis.text, respondent=respondent, passages=passages)
        messages = [ChatMessage("system", system), ChatMessage("user", user)]
        try:
            raw = llm.complete(messages, json_mode=True, max_tokens=VERDICT_TOKENS, timeout=remaining)
        except LLMError as exc:
            late = exc.reason == "timeout" and time.monotonic() >= deadline - 0.1
            return ("late" if late else "failed"), section
        verdict = parse_verdict(raw)
        if verdict is None:
            return "failed", section
        qualifies, number, quote = verdict
        if not qualifies:
            return "no", section
        found = locate(retriever, excerpts, number, quote)
        if found is None or (supports is not None and not supports(section, *found)):
            return "unsupported", section  # a claim the reply does not bear out is not listed
        return "yes", Finding(section, *found)

    verdicts = Verdicts(skipped=skipped)
    extra = llm.slots.take(min(concurrency, len(chosen)) - 1) if chosen else 0
    lists: dict[Outcome, list[Section]] = {
        "no": verdicts.refused,
        "unsupported": verdicts.unsupported,
        "failed": verdicts.failures,
        "late": verdicts.late,
    }
    try:
        with ThreadPoolExecutor(max_workers=1 + extra) as pool:
            for outcome, result in pool.map(judge, chosen):
                if isinstance(result, Finding):
                    verdicts.findings.append(result)
                else:
                    lists[outcome].append(result)
    finally:
        llm.slots.give(extra)
    return verdicts


def _question_weights(retriever: Retriever, analysis: QueryAnalysis, condition: Condition) -> dict[str, float]:
    """Token -> weight (query weight times IDF) of what the question asks about, its topic's renderings included."""
    weights = {t: w * retriever.idf(t) for t, w in analysis.tokens.items()}
    for variants in condition.topic_variants:
        for variant in variants:
            for token in lexical.tokenize(variant, retriever.tables.zh_mode):
                weights[token] = max(weights.get(token, 0.0), retriever.idf(token))
    return {t: w for t, w in weights.items() if w > 0}


def relevant_sentences(
    retriever: Retriever, section: Section, weights: dict[str, float], condition: Condition
) -> list[Excerpt]:
    """The reply's sentences that best match the question (the opening ones when none does), at most
    SENTENCES_PER_REPLY and REPLY_CHARS, in reading order."""
    scored: list[tuple[float, int, Excerpt]] = []
    document = retriever.documents.get(section.doc_id)
    own = document is not None and condition.resolution is not None and document.resolution == condition.resolution
    for position in section.positions:
        text = retriever.passages[position].text
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            tokens = set(lexical.tokenize(sentence, retriever.tables.zh_mode))
            score = sum(w for t, w in weights.items() if t in tokens)
            if _names_condition(retriever, sentence, condition, section.doc_id if own else None):
                score += CONDITION_BONUS * max(weights.values(), default=1.0)
            scored.append((score, len(scored), Excerpt(position, start, end)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[int, Excerpt]] = []
    used = 0.0
    for _, order, excerpt in scored:
        cost = text_cost(_text(retriever, excerpt))
        if chosen and (len(chosen) == SENTENCES_PER_REPLY or used + cost > REPLY_CHARS):
            break
        chosen.append((order, excerpt))
        used += cost
    return [excerpt for _, excerpt in sorted(chosen, key=lambda item: item[0])]


def _names_condition(retriever: Retriever, sentence: str, condition: Condition, own_report: str | None = None) -> bool:
    """Whether a sentence names the resolution the question asks about (in the report on it, `own_report`, as a
    state's resolution too, or by the restrictions its request names: see stances), a rendering of its topic, or
    the respondent whose reply the question asks who endorses."""
    if condition.resolution and condition.resolution in resolution_symbols(sentence):
        return True
    if own_report is not None and a_states_resolution(sentence, retriever.names):
        return True
    stance = condition.test in ("support", "oppose")
    if own_report is not None and stance and premise_stance(retriever, own_report, sentence) is not None:
        return True  # a restriction the request names, complained of or denied (stances.stance_finding)
    if condition.target and any(m.entity.id == condition.target for m in retriever.names.find_mentions(sentence)):
        return True
    folded = fold(sentence)
    return any(names_phrase(folded, fold(v)) for variants in condition.topic_variants for v in variants if len(v) > 1)


def text_cost(text: str) -> float:
    return sum(CJK_WEIGHT if is_cjk(char) else 1.0 for char in text)


def _text(retriever: Retriever, excerpt: Excerpt) -> str:
    return retriever.passages[excerpt.position].text[excerpt.start : excerpt.end]


def locate(
    retriever: Retriever, excerpts: Sequence[Excerpt], number: int | None, quote: str
) -> tuple[int, tuple[int, int]] | None:
    """(passage position, span) of the model's quote: in the sentence it points at, else in any sentence it was
    shown, else anywhere in those sentences' passages (a quote across two sentences); None when not found."""
    candidates = [excerpts[number - 1]] if number and 1 <= number <= len(excerpts) else []
    for excerpt in [*candidates, *excerpts]:
        span = find_quote(quote, _text(retriever, excerpt))
        if span is not None:
            return excerpt.position, (excerpt.start + span[0], excerpt.start + span[1])
    for position in dict.fromkeys(e.position for e in excerpts):
        span = find_quote(quote, retriever.passages[position].text, fuzzy=False)
        if span is not None:
            return position, span
    return None


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


def find_quote(quote: str, text: str, fuzzy: bool = True) -> tuple[int, int] | None:
    """Where a quote sits in a passage: verbatim (whitespace aside), else (`fuzzy`) the sentence most like it."""
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
    if not fuzzy:
        return None
    best, best_span = 0.0, None
    for start, end in sentence_spans(text):
        ratio = SequenceMatcher(None, needle, squash_whitespace(text[start:end]), autojunk=False).ratio()
        if ratio > best:
            best, best_span = ratio, (start, end)
    return best_span if best >= MIN_QUOTE_SIMILARITY else None
