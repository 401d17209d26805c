"""The answer stage: retrieve, then compose a cited answer (language model, or extractive when there is
none or it fails), check every citation, list respondents for set questions, or abstain."""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from rag.answering.citations import NO_ANSWER, check_citations, is_no_answer, locate_quote
from rag.answering.extractive import Evidence, rank_sentences, select_evidence, unmet_constraint
from rag.answering.respondents import Aggregator, Plan
from rag.answering.scope import Scope, document_year, question_scope
from rag.answering.verdicts import judge_sections
from rag.core.errors import LLMError
from rag.core.types import Answer, Citation, Document, Hit, Item, Passage, SearchFilters
from rag.indexing import lexical
from rag.lang import intent, phrases
from rag.llm.client import ChatMessage, LLMClient
from rag.llm.prompts import Prompt, load_prompt
from rag.retrieval.query import QueryAnalysis, detect_language
from rag.retrieval.service import Service

log = logging.getLogger("rag.answering.pipeline")

# Below this IDF-weighted share of the question's words, the best sentence does not answer it
# (calibrated on eval/gold.jsonl: see the README's answer-evaluation section).
MIN_COVERAGE = 0.25
SCOPE_HITS = 20  # passages retrieved to decide which documents a question is about
LEAD_IN_ITEMS = 3  # list items read after a passage that ends with a colon
# How a list item starts: a dash or bullet, "(a)", "a)", "1." or "(iv)".
LIST_ITEM = re.compile(
    r"^\s*(?:[-–—•·*▪]|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|\d{1,2}[.)、]|[(（][一二三四五六七八九十\d]+[)）])\s*\S"
)
CLOSEST = 3  # passages offered for checking when the documents do not answer


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


@dataclass
class _Run:
    """What one question accumulates on its way through the stages."""

    question: str
    language: str
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[stage] = round((now - since) * 1000, 2)
        return now


Event = tuple[str, Any]  # ("retrieval", [Hit]), ("delta", str), ("answer", Answer)


class Answerer:
    def __init__(
        self, service: Service, llm: LLMClient | None = None, on_answer: Callable[[Answer], None] | None = None
    ) -> None:
        self.service = service
        self.on_answer = on_answer  # told about every finished answer (metrics and logs, at the edge)
        self.settings = service.settings
        self.llm = llm
        self.retriever = service.retriever
        self.index = service.index
        self.aggregator = Aggregator(
            self.index, self.retriever.names, self.retriever.tables.glossary, self.settings.zh_tokenizer
        )
        self._speakers = {s.key for sections in self.aggregator.sections.values() for s in sections}

    def prompt(self, name: str) -> Prompt:
        return load_prompt(self.settings.prompts_dir, name)

    def ask(
        self,
        question: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        history: Sequence[Turn] = (),
    ) -> Answer:
        for kind, payload in self.stream(question, k, filters, history):
            if kind == "answer":
                answer: Answer = payload
                return answer
        raise AssertionError("the answer stream ended without an answer")

    def stream(
        self,
        question: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        history: Sequence[Turn] = (),
    ) -> Iterator[Event]:
        """Events in order: the retrieved passages, answer text deltas, then the checked answer."""
        k = k or self.settings.answer_k
        # The answer is in the language of the question as asked, not of its rewritten form.
        run = _Run(question, detect_language(question))
        mark = run.started
        standalone = self.standalone(question, history, run)
        mark = run.lap("rewrite", mark) if history else mark
        result = self.retriever.search(standalone, max(k, SCOPE_HITS), filters)
        analysis = replace(result.analysis, text=standalone, language=run.language)
        hits = result.hits[:k]
        speakers = tuple(r for r in analysis.respondents if r in self._speakers)
        if speakers and not (filters and filters.respondent) and intent.set_kind(analysis.text) is None:
            # "What did Cuba say…": the answer is in Cuba's own reply, so look there first.
            narrowed = replace(filters or SearchFilters(), respondent=speakers)
            own = self.retriever.search(standalone, k, narrowed).hits
            hits = own + [h for h in hits if h.passage.id not in {o.passage.id for o in own}][: max(0, k - len(own))]
        mark = run.lap("retrieval", mark)
        yield "retrieval", hits
        scope = question_scope(analysis, result.hits, list(self.index.documents.values()))
        absent = self.absent_speaker(analysis, scope)
        if absent is not None:
            yield from self._finish(self._abstain(run, hits, absent))
            return
        # A set question that names no report is asked of every report.
        documents = scope.documents if scope.explicit or scope.described else tuple(self.index.documents.values())
        plan = None if filters and filters.respondent else self.aggregator.plan(analysis, documents)
        if plan is not None and plan.condition.untranslated:
            run.warnings.append(
                "this asks about every reply, but these words have no rendering in the documents' languages: "
                + ", ".join(plan.condition.untranslated[:5])
                + "; answered from the best passages instead"
            )
            plan = None
        if plan is not None:
            answer = self._aggregate(run, plan, analysis, hits)
            run.lap("aggregation", mark)
            yield from self._finish(answer)
            return
        if self.llm is not None:
            try:
                answer = yield from self._compose(run, analysis, hits, history)
                yield from self._finish(answer, streamed=answer.answerable)
                return
            except LLMError as exc:
                run.warnings.append(f"the language model failed ({exc.reason}: {exc.message}); answered extractively")
                run.problems += [f"llm:answer:{exc.reason}", "fallback:extractive"]
                log.warning("LLM failed, extractive fallback: %s", exc)
        yield from self._finish(self._extractive(run, analysis, hits, scope))

    def _finish(self, answer: Answer, streamed: bool = False) -> Iterator[Event]:
        if not streamed:  # an answer not composed word by word still reaches stream readers as text
            yield "delta", answer.answer
        if self.on_answer is not None:
            self.on_answer(answer)
        yield "answer", answer

    # --- follow-ups -------------------------------------------------------------------------------------

    def standalone(self, question: str, history: Sequence[Turn], run: _Run) -> str:
        """A follow-up rewritten so retrieval understands it alone: by the model when there is one, else
        by carrying over the states, resolutions and documents the previous question named."""
        earlier = [t.content for t in history if t.role == "user" and t.content.strip()]
        if not earlier:
            return question
        if self.llm is not None:
            prompt = self.prompt("rewrite")
            system, user = prompt.render(history=_history_text(history), question=question)
            try:
                rewritten = self.llm.complete(
                    [ChatMessage("system", system), ChatMessage("user", user)], max_tokens=200
                )
                rewritten = rewritten.strip().strip('"').strip()
                if rewritten and len(rewritten) < 4 * len(question) + 200:
                    return rewritten
            except LLMError as exc:
                run.warnings.append(f"could not rewrite the follow-up with the language model ({exc.reason})")
                run.problems.append(f"llm:rewrite:{exc.reason}")
        now = self.retriever.analyze(question)
        before = self.retriever.analyze(earlier[-1])
        # What the follow-up names replaces what the earlier question named ("And Japan?" asks about Japan
        # instead of Norway); what it leaves out is carried over.
        carried: list[str] = []
        # A follow-up asking for a set of respondents ("Which states…?") asks about all of them.
        if not now.respondents and intent.set_kind(question) is None:
            for entity_id in before.respondents:
                if entity := self.retriever.names.get(entity_id):
                    carried.append(entity.display(now.language) or entity.name_en)
        carried += [] if now.resolutions else list(before.resolutions)
        carried += [] if now.documents else list(before.documents)
        return f"{question} ({', '.join(carried)})" if carried else question

    # --- abstention ---------------------------------------------------------------------------------------

    def absent_speaker(self, analysis: QueryAnalysis, scope: Scope) -> str | None:
        """An honest "no" when the question asks what a state or organization said and the documents hold
        no reply from it (in the report the question names), or never mention it at all."""
        if not analysis.respondents:
            return None
        names = self.retriever.names
        unmentioned = [r for r in analysis.respondents if r not in self._speakers and not self._mentioned(r)]
        if unmentioned and len(unmentioned) == len(analysis.respondents):
            shown = phrases.join_list([_display(names, r, analysis.language) for r in unmentioned], analysis.language)
            return phrases.phrase("not_mentioned", analysis.language, names=shown)
        # What a state said is its reply; an organization is as often the subject of a question ("the
        # IAEA's database") as its speaker, so a missing organization reply proves nothing.
        states = [r for r in analysis.respondents if (e := names.get(r)) is not None and e.kind == "state"]
        if not intent.SPEECH.search(analysis.text) or len(states) < len(analysis.respondents):
            return None
        in_scope = scope.documents if scope.explicit or scope.described else tuple(self.index.documents.values())
        repliers = {s.key for d in in_scope for s in self.aggregator.sections.get(d.id, [])}
        if any(r in repliers for r in analysis.respondents):
            return None
        shown = phrases.join_list(
            [_display(names, r, analysis.language) for r in analysis.respondents], analysis.language
        )
        where = ""
        if len(in_scope) < len(self.index.documents):
            symbols = ", ".join(d.symbol or (d.title or d.id) for d in in_scope)
            where = phrases.phrase("in_document", analysis.language, doc=symbols)
        return phrases.phrase("no_reply", analysis.language, names=shown, scope=where)

    def _mentioned(self, entity_id: str) -> bool:
        entity = self.retriever.names.get(entity_id)
        if entity is None:
            return True
        languages = {d.language for d in self.index.documents.values()}
        for language in languages:
            name = entity.display(language)
            tokens = lexical.tokenize(name, "jieba") if name else []
            if tokens and all(self.index.lexical.postings(t).size for t in tokens):
                return True
        return False

    def _abstain(self, run: _Run, hits: Sequence[Hit], reason: str) -> Answer:
        unique = list({hit.passage.id: hit for hit in hits}.values())[:CLOSEST]
        closest = [self._citation(n, hit.passage, None) for n, hit in enumerate(unique, start=1)]
        text = f"{reason} {phrases.phrase('closest', run.language)}" if closest else reason
        return self._answer(run, text, False, "extractive", closest, grounded=0.0, retrieved=hits)

    # --- extractive answers -------------------------------------------------------------------------------

    def _extractive(self, run: _Run, analysis: QueryAnalysis, hits: Sequence[Hit], scope: Scope) -> Answer:
        mark = time.perf_counter()
        if scope.explicit:
            # A question naming a resolution or report is answered from that report when it can be.
            named = {d.id for d in scope.documents}
            hits = [h for h in hits if h.document.id in named] or list(hits)
        ranked = rank_sentences(
            hits,
            analysis.concepts,
            self.index.lexical.idf,
            self._tokenize,
            speakers=analysis.respondents,
            continuations=self._continuations(hits),
        )
        speakers = {r for r in analysis.respondents if r in self._speakers}
        chosen = select_evidence(ranked, speakers or None, analysis.text)
        run.lap("compose", mark)
        not_in = phrases.phrase("not_in_documents", run.language)
        if not chosen or chosen[0].coverage < MIN_COVERAGE:
            return self._abstain(run, hits, not_in)
        years = [y for d in self.index.documents.values() if (y := document_year(d))]
        problem = unmet_constraint(analysis.text, chosen, years)
        if problem is not None:
            run.warnings.append(f"not answered: {problem}")
            return self._abstain(run, [e.hit for e in chosen] + list(hits), not_in)
        citations = [self._citation(n, e.hit.passage, e.span) for n, e in enumerate(chosen, start=1)]
        lines = [phrases.phrase("reports_say", run.language)]
        for citation, evidence in zip(citations, chosen, strict=True):
            lines.append(f"- {self._speaker(evidence, run.language)}: “{citation.quote}” [{citation.n}]")
        checked = check_citations("\n".join(lines), len(citations))
        return self._answer(run, checked.text, True, "extractive", citations, checked.grounded, retrieved=hits)

    def _continuations(self, hits: Sequence[Hit]) -> dict[str, list[Passage]]:
        """What a retrieved lead-in ("… include:") introduces: the list items after it in the same section,
        or, when no list follows, the one passage after it."""
        found: dict[str, list[Passage]] = {}
        for hit in hits:
            if not hit.passage.text.endswith((":", "：")):
                continue
            _, after = self.service.retriever.neighbours(hit.passage.id, 0, LEAD_IN_ITEMS)
            following = list(itertools.takewhile(partial(_in_section, hit.passage.section), after))
            items = list(itertools.takewhile(lambda p: LIST_ITEM.match(p.text) is not None, following))
            if items or following:
                found[hit.passage.id] = items or following[:1]
        return found

    def _speaker(self, evidence: Evidence, language: str) -> str:
        passage, document = evidence.hit.passage, evidence.hit.document
        where = _doc_label(document, language)
        if passage.respondent.kind == "none":
            return where
        who = _display(self.retriever.names, passage.respondent.id, language) if passage.respondent.id else None
        return f"{who or passage.respondent.name} ({where})"

    # --- language-model answers ---------------------------------------------------------------------------

    def _compose(
        self, run: _Run, analysis: QueryAnalysis, hits: Sequence[Hit], history: Sequence[Turn]
    ) -> Generator[Event, None, Answer]:
        assert self.llm is not None
        prompt = self.prompt("answer")
        system, user = prompt.render(
            language=phrases.language_name_prompt(run.language),
            question=analysis.text,
            history=_history_text(history) or "(none)",
            passages=_passages_text(hits),
        )
        messages = [ChatMessage("system", system), ChatMessage("user", user)]
        mark = time.perf_counter()
        text, held = "", True  # text is held back while it may still be the start of "[NO_ANSWER]"
        for delta in self.llm.stream(messages):
            text += delta
            if held and not NO_ANSWER.startswith(text.lstrip()[: len(NO_ANSWER)]):
                held = False
                if not is_no_answer(text):
                    yield "delta", text
                    continue
            if not held and not is_no_answer(text):
                yield "delta", delta
        text = text.strip()
        if not text:
            raise LLMError("the language model returned an empty answer", reason="empty")
        mark = run.lap("llm", mark)
        if is_no_answer(text):
            said = text.split("\n", 1)[1].strip() if "\n" in text else ""
            reason = said or phrases.phrase("not_in_documents", run.language)
            answer = self._abstain(run, hits, reason)
            run.lap("verification", mark)
            return replace(answer, mode="llm", prompt=prompt.ref)
        checked = check_citations(text, len(hits))
        run.warnings.extend(checked.warnings)
        run.problems.extend(checked.problems)
        citations = []
        for number in checked.used:
            claim = " ".join(s for s, numbers in checked.sentences if number in numbers)
            claim_tokens = self.retriever.analyze(claim).tokens if claim else analysis.tokens
            passage = hits[number - 1].passage
            span = locate_quote(claim, passage.text, claim_tokens, self._tokenize)
            citations.append(self._citation(number, passage, span))
        run.lap("verification", mark)
        answer = self._answer(run, checked.text, True, "llm", citations, checked.grounded, retrieved=hits)
        return replace(answer, prompt=prompt.ref)

    # --- sets of respondents ------------------------------------------------------------------------------

    def _aggregate(self, run: _Run, plan: Plan, analysis: QueryAnalysis, hits: Sequence[Hit]) -> Answer:
        condition = plan.condition
        mode = "extractive"
        prompt_ref = None
        if self.llm is not None and condition.test not in ("replied", "language"):
            prompt = self.prompt("verdict")
            findings, failures = judge_sections(
                self.llm, prompt, self.index, analysis, plan, self.settings.llm_concurrency
            )
            fallback = [f for f in (self.aggregator.check_section(condition, s) for s in failures) if f]
            if failures:
                run.problems += ["llm:verdict:failed"] * len(failures)
                run.warnings.append(
                    f"the language model could not judge {len(failures)} repl(ies); the extractive scorer checked them"
                )
            findings = sorted([*findings, *fallback], key=lambda f: plan.sections.index(f.section))
            if len(failures) < len(plan.sections):  # the model decided at least one reply
                mode, prompt_ref = "llm", prompt.ref
        else:
            findings = self.aggregator.check(plan)
        language = run.language
        found_in = {f.section.doc_id for f in findings}
        documents = ", ".join(_doc_label(d, language) for d in plan.documents if not found_in or d.id in found_in)
        if not findings:
            reason = phrases.phrase("list_none", language, doc=documents)
            return self._abstain(run, hits, reason)
        citations, items = [], []
        names = self.retriever.names
        for n, finding in enumerate(findings, start=1):
            passage = self.index.passages[finding.position]
            citations.append(self._citation(n, passage, finding.quote))
            respondent = passage.respondent
            entity = names.get(respondent.id) if respondent.id else None
            label = entity.display(language) if entity else respondent.name
            items.append(
                Item(
                    label or respondent.name,
                    entity.name_en if entity else respondent.name_en,
                    finding.section.key,
                    (n,),
                )
            )
        listed = phrases.join_list([f"{item.label} [{item.citations[0]}]" for item in items], language)
        values: dict[str, str | int] = {
            "count": len(items),
            "kinds": phrases.kinds(condition.kind, language),
            "doc": documents,
            "list": listed,
            "resolution": condition.resolution or "",
            "language": phrases.language_name(condition.languages[0], language) if condition.languages else "",
            "topic": " / ".join(f"“{t}”" for t in condition.topic),
        }
        checked = check_citations(phrases.phrase(f"list_{condition.test}", language, **values), len(citations))
        answer = self._answer(run, checked.text, True, mode, citations, checked.grounded, retrieved=hits)
        return replace(answer, items=tuple(items), prompt=prompt_ref)

    # --- records ------------------------------------------------------------------------------------------

    def _citation(self, n: int, passage: Passage, span: tuple[int, int] | None) -> Citation:
        start, end = span or (0, len(passage.text))  # no claim to support: the whole passage
        return Citation(n, passage, self.index.documents[passage.doc_id], passage.text[start:end], start, end)

    def _answer(
        self,
        run: _Run,
        text: str,
        answerable: bool,
        mode: str,
        citations: Sequence[Citation],
        grounded: float,
        retrieved: Sequence[Hit],
    ) -> Answer:
        run.timings["total"] = round((time.perf_counter() - run.started) * 1000, 2)
        return Answer(
            question=run.question,
            answer=text,
            language=run.language,
            answerable=answerable,
            mode="llm" if mode == "llm" else "extractive",
            citations=tuple(citations),
            warnings=tuple(dict.fromkeys(run.warnings)),
            grounded=grounded,
            timings_ms=dict(run.timings),
            retrieved=tuple(retrieved),
            problems=tuple(run.problems),
        )

    def _tokenize(self, text: str) -> list[str]:
        return lexical.tokenize(text, self.settings.zh_tokenizer)


def _in_section(section: tuple[str, ...], passage: Passage) -> bool:
    return passage.section == section


def _doc_label(document: Document, language: str) -> str:
    """A report as an answer names it: its symbol, else its title in the answer's language when known."""
    if document.symbol:
        return document.symbol
    title = document.title if language == document.language else (document.title_en or document.title)
    return title or document.id


def _display(names: Any, entity_id: str | None, language: str) -> str:
    entity = names.get(entity_id) if entity_id else None
    return (entity.display(language) or entity.name_en) if entity else (entity_id or "")


def _history_text(history: Sequence[Turn]) -> str:
    return "\n".join(f"{t.role}: {t.content.strip()}" for t in history[-6:] if t.content.strip())


def _passages_text(hits: Sequence[Hit]) -> str:
    blocks = []
    for n, hit in enumerate(hits, start=1):
        passage, document = hit.passage, hit.document
        source = document.symbol or document.title or document.id
        who = passage.respondent.name_en or passage.respondent.name
        header = (
            f"[{n}] {source}"
            + (f", reply of {who}" if who else "")
            + (f", paragraph {passage.paragraph}" if passage.paragraph else "")
        )
        # The closing tag cannot be forged from inside a passage.
        body = passage.text.replace("</passage>", "</ passage>")
        blocks.append(f"{header}\n<passage>\n{body}\n</passage>")
    return "\n\n".join(blocks)
