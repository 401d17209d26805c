"""The answer stage: retrieve, then compose a cited answer (language model, or extractive when there is
none or it fails), check every citation, list respondents for set questions, or abstain.

This module only orchestrates; each way of answering is a collaborator of its own: followup.py (follow-ups),
abstention.py, extract.py (extractive answers), compose.py (language-model answers) and listing.py (sets of
respondents)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from rag.answering.abstention import Abstention
from rag.answering.compose import Event, LLMAnswers, echoes_question, numbers_with_markers, repeats_itself, says_nothing
from rag.answering.conditions import Plan
from rag.answering.constraints import answer_lacks
from rag.answering.extract import ExtractiveAnswers
from rag.answering.followup import FollowUps, Turn
from rag.answering.listing import SetAnswers
from rag.answering.member_answers import MemberAnswers
from rag.answering.mentions import Mentions
from rag.answering.named_before import NamedBefore, named_before
from rag.answering.pointed import without_report_pointer
from rag.answering.positions import Positions
from rag.answering.records import Run, citation_label
from rag.answering.replies import ReplyFacts
from rag.answering.respondents import Aggregator
from rag.core.errors import LLMError
from rag.core.types import Answer, Document, Hit, SearchFilters
from rag.lang import intent, numerals
from rag.lang.years import YEAR
from rag.llm.client import LLMClient
from rag.retrieval.query import QueryAnalysis, detect_language
from rag.retrieval.scope import QuestionScope, document_year, looks_in_every_report, question_scope
from rag.retrieval.service import Service

__all__ = ["SCOPE_HITS", "Answerer", "Event", "Turn"]

log = logging.getLogger("rag.answering.pipeline")

SCOPE_HITS = 20  # passages retrieved to decide which documents a question is about


class Answerer:
    """Answers a question (with its conversation) from the loaded service: `ask` for the answer, `stream`
    for the events on the way to it."""

    def __init__(
        self, service: Service, llm: LLMClient | None = None, on_answer: Callable[[Answer], None] | None = None
    ) -> None:
        self.service = service
        self.on_answer = on_answer  # told about every finished answer (metrics and logs, at the edge)
        self.settings = settings = service.settings
        self.llm = llm
        self.retriever = retriever = service.retriever
        self.aggregator = Aggregator(retriever)
        self.abstention = Abstention(retriever, self.aggregator.sections)
        self.replies = ReplyFacts(retriever, self.aggregator.sections, self.aggregator.topics)
        self.positions = Positions(self.aggregator)
        self.mentions = Mentions(self.aggregator)
        self.members = MemberAnswers(retriever)
        self.followups = FollowUps(
            retriever.names, llm, settings.prompts_dir, self.abstention.speakers, self._report_words, self._listed
        )
        self.extractive = ExtractiveAnswers(retriever, self.abstention)
        self.composer = None if llm is None else LLMAnswers(llm, retriever, self.abstention, settings.prompts_dir)
        self.sets = SetAnswers(
            retriever,
            self.aggregator,
            self.abstention,
            llm,
            settings.prompts_dir,
            settings.llm_concurrency,
            settings.llm_max_verdicts,
            settings.llm_set_budget_s,
        )

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
        # The answer is in the language of the question as asked, not of its rewritten form; the question is
        # read once, in that language, and its analysis passed on to every stage.
        question = numerals.western_digits(question)  # "٧٥" is the 75 the documents write
        run = self._run(question, history)
        mark = run.started
        standalone = self.followups.standalone(question, history, run)
        speakers, replies = self.abstention.speakers, self.aggregator.sections
        if not run.among and (before := named_before(standalone, self.retriever, speakers, replies, run.language)):
            standalone, run.among, run.stated = self._asked_after(before), before.among, True  # "Spain names… Which…?"
        run.asked = standalone if standalone != question else None
        mark = run.lap("rewrite", mark) if history else mark
        analysis = self.retriever.analyze(standalone, run.language)
        scoped, hits = self._retrieve(analysis, k, filters)
        # Each paragraph in the asker's language where its document has a version in it: quoted, and read for
        # the answer, in that language.
        scoped = [self.retriever.localize(h, run.language) for h in scoped]
        hits = [self.retriever.localize(h, run.language) for h in hits]
        mark = run.lap("retrieval", mark)
        yield "retrieval", hits
        yield from self._respond(run, analysis, scoped, hits, filters, history, mark)

    def _listed(self, question: str) -> tuple[str, ...]:
        """The respondents the answer to a question lists (asked alone)."""
        return tuple(item.respondent for item in self.ask(question).items or () if item.respondent)

    def rewrite(self, question: str, history: Sequence[Turn]) -> str:
        """The question as retrieval reads it after its conversation: itself when it stands alone, else rewritten
        with what the conversation says (followup.py)."""
        question = numerals.western_digits(question)
        return self.followups.standalone(question, history, self._run(question, history))

    def _asked_after(self, before: NamedBefore) -> str:
        """The last sentence of a question whose statement says what a reply names, with the report of the paragraph
        read where it points to it ("…replied to the same request?", "给这份报告交了答复"), and those it names
        besides ("dans ce rapport ou dans ceux de 2022")."""
        asked = before.asked
        if intent.SAME_REPORT.search(asked) is None and without_report_pointer(asked) == asked:
            return asked
        if looks_in_every_report(asked):
            return asked  # "en cualquiera de estos informes": any report
        documents = self.retriever.documents
        read = [documents[d] for d in before.documents if d in documents]
        pointed = self._words_of(read) if read else self._report_words(before.statement)
        besides = self._report_words(without_report_pointer(asked)) or self._years_words(asked)
        words = [w for w in (pointed, besides) if w]
        return f"{asked} ({' '.join(dict.fromkeys(words))})" if words else asked

    def _years_words(self, asked: str) -> str:
        """The reports of the years a sentence pointing to a report names besides ("ou dans ceux de 2022", "or in
        the 2022 ones"), as `_words_of` names them; "" for none."""
        named = {int(y.group(1)) for y in YEAR.finditer(asked)}
        return self._words_of([d for d in self.retriever.documents.values() if document_year(d) in named])

    def _report_words(self, text: str) -> str:
        """The words naming the reports a question names or describes, as a follow-up carries them (`_words_of`); ""
        when it names or describes none."""
        scope = question_scope(self.retriever.analyze(text), (), list(self.retriever.documents.values()))
        return self._words_of(scope.documents) if scope.explicit or scope.described else ""

    def _words_of(self, chosen: Sequence[Document]) -> str:
        """Each report's symbol, else the resolution it answers, else its title; "" for none or every one."""
        every = {d.group for d in self.retriever.documents.values()}
        if not chosen or {d.group for d in chosen} == every:
            return ""
        named = (d.symbol or d.resolution or d.title_en or d.title for d in chosen)
        return " ".join(dict.fromkeys(n for n in named if n))

    @staticmethod
    def _run(question: str, history: Sequence[Turn]) -> Run:
        """A run answering the question in its language; a follow-up too short to tell its language ("Et Cuba ?")
        is in the conversation's."""
        asked_before = next((t.content for t in reversed(history) if t.role == "user"), None)
        return Run(question, detect_language(question, detect_language(asked_before) if asked_before else None))

    def _retrieve(self, analysis: QueryAnalysis, k: int, filters: SearchFilters | None) -> tuple[list[Hit], list[Hit]]:
        """The passages that decide the question's scope, and the k passages it is answered from."""
        result = self.retriever.search(analysis, max(k, SCOPE_HITS), filters)
        hits = result.hits[:k]
        speakers = tuple(r for r in analysis.respondents if r in self.abstention.speakers)
        asks_who = intent.set_kind(analysis.text) is not None or intent.ASKS_SPEAKER.search(analysis.text) is not None
        if speakers and not (filters and filters.respondent) and not asks_who:
            # "What did Cuba say…": the answer is in Cuba's own reply, so look there first ("which country says …
            # outside the EU" asks who said it: the EU is not where to look).
            narrowed = replace(filters or SearchFilters(), respondent=speakers)
            own = self.retriever.search(analysis, k, narrowed).hits
            seen = {o.passage.id for o in own} | {c.passage.id for o in own for c in o.counterparts}
            hits = own + [h for h in hits if h.passage.id not in seen][: max(0, k - len(own))]
        return result.hits, hits

    def _respond(
        self,
        run: Run,
        analysis: QueryAnalysis,
        scoped: Sequence[Hit],
        hits: Sequence[Hit],
        filters: SearchFilters | None,
        history: Sequence[Turn],
        mark: float,
    ) -> Iterator[Event]:
        """The answer events: an abstention, a list of respondents, the model's answer or an extractive one."""
        if (members := self.members.answer(run, analysis, hits)) is not None:  # the Board's members' states
            yield from self._finish(members)
            return
        scope = question_scope(analysis, scoped, self.retriever.documents_in(run.language))
        # A state a set question names is its topic ("Which states mention Syria?"), not a speaker to look for.
        plan = self._plan(run, analysis, scope, filters)
        # A set question nothing of which could be read is answered as any other question, unless its closest
        # replies in meaning can be listed (listing.py).
        unread, plan = (plan, None) if plan is not None and plan.condition.untranslated else (None, plan)
        absent = self.abstention.absent_report(analysis, scope)
        # "Did Japan reply to A/77/87?" is answered yes or no, before a missing reply is taken for an abstention.
        replied = self.replies.answer(run, analysis, scope, hits) if absent is None and plan is None else None
        if absent is None and replied is None and plan is None:
            absent = self.abstention.absent_speaker(analysis, scope)
        if absent is not None:
            yield from self._finish(self.abstention.abstain(run, hits, absent))
            return
        if plan is not None:
            listed = self.sets.answer(run, plan, analysis, hits)
            run.lap("aggregation", mark)
            if listed is not None:  # else the topic read lost what was asked: the best passages answer
                yield from self._finish(listed)
                return
        if replied is not None:
            yield from self._finish(replied)
            return
        if unread is not None and (closest := self.sets.unread(run, unread, analysis, hits)) is not None:
            run.lap("aggregation", mark)
            yield from self._finish(closest)
            return
        if self.composer is not None:
            before = list(run.warnings), list(run.problems)
            try:
                answer = yield from self.composer.compose(run, analysis, hits, history)
                checked = self._unless_declined(run, before, analysis, hits, scope, answer)
                yield from self._finish(checked, streamed=answer.answerable)
                return
            except LLMError as exc:
                run.warnings.append(f"the language model failed ({exc.reason}: {exc.message}); answered extractively")
                run.problems += [f"llm:answer:{exc.reason}", "fallback:extractive"]
                log.warning("LLM failed, extractive fallback: %s", exc)
        yield from self._finish(self._extractive(run, analysis, hits, scope))

    def _extractive(self, run: Run, analysis: QueryAnalysis, hits: Sequence[Hit], scope: QuestionScope) -> Answer:
        """The answer without a model: "Did Norway support resolution 76/234?" from the stance its reply states,
        else the sentences that cover the question best (a model composes from the passages itself)."""
        return (
            self.positions.answer(run, analysis, scope, hits)
            or self.mentions.answer(run, analysis, scope, hits)
            or self.extractive.answer(run, analysis, hits, scope)
        )

    def _unless_declined(
        self,
        run: Run,
        before: tuple[list[str], list[str]],
        analysis: QueryAnalysis,
        hits: Sequence[Hit],
        scope: QuestionScope,
        answer: Answer,
    ) -> Answer:
        """The model's answer, unless it found no answer where the best sentence covers the question (the test
        extractive answers pass), cited no passage at all, repeats itself or only the question: then the extractive
        answer, saying why."""
        empty = answer.answerable and says_nothing(answer.answer)
        looping = answer.answerable and repeats_itself(answer.answer)
        echoing = answer.answerable and echoes_question(analysis.text, answer.answer)
        numbering = answer.answerable and numbers_with_markers(answer.answer)
        lacking = answer_lacks(analysis.text, answer.answer) if answer.answerable else None
        flawed = empty or looping or echoing or numbering or lacking is not None
        if answer.answerable and answer.citations and not flawed:
            return answer
        if empty:
            why = "the language model's answer holds nothing but citation markers; answered extractively"
            problem = "llm:answer:empty"
        elif echoing:
            why = "the language model's answer only repeats the question; answered extractively"
            problem = "llm:answer:echo"
        elif looping:
            why = "the language model's answer repeats itself; answered extractively"
            problem = "llm:answer:repetitive"
        elif numbering:
            why = "the language model's answer numbers its list with citation markers; answered extractively"
            problem = "llm:answer:markers"
        elif lacking is not None:
            why = f"the language model's answer gives no {lacking.kind} the question asks for; answered extractively"
            problem = "llm:answer:unmet"
        elif answer.answerable:
            why, problem = "the language model's answer cited no passage; answered extractively", "llm:answer:uncited"
        else:
            why = "the language model found no answer, but the passages answer the question; answered extractively"
            problem = "llm:answer:declined"
        warnings, problems = before
        trial = replace(run, warnings=[*warnings, why], problems=[*problems, problem, "fallback:extractive"])
        extractive = self._extractive(trial, analysis, hits, scope)
        return extractive if extractive.answerable or answer.answerable else answer

    def _plan(
        self, run: Run, analysis: QueryAnalysis, scope: QuestionScope, filters: SearchFilters | None
    ) -> Plan | None:
        """A plan to check every reply when the question asks for a set of respondents, else None."""
        if filters and filters.respondent:
            return None
        # A set question that names no report is asked of every report (in the asker's language where it can be);
        # one whose inferred report has no replies ("Quels États … à la Deuxième Commission ?" retrieves the
        # Advisory Board's paragraphs on its committees; "Juntando los tres informes…" repeats a word of the Board's
        # title, la Junta) is asked of every report too.
        every = self.retriever.documents_in(run.language)
        documents = scope.or_every(every)
        if not scope.explicit and not any(self.aggregator.sections.get(d.id) for d in documents):
            if scope.described and intent.YES_NO.search(analysis.text):
                return None  # "When the Advisory Board met, did anyone on it…?": its members, no replies
            documents = tuple(every)
        return self.aggregator.plan(analysis, documents, run.among, run.stated)

    def _finish(self, answer: Answer, streamed: bool = False) -> Iterator[Event]:
        answer = self._labelled(answer)
        if not streamed:  # an answer not composed word by word still reaches stream readers as text
            yield "delta", answer.answer
        if self.on_answer is not None:
            self.on_answer(answer)
        yield "answer", answer

    def _labelled(self, answer: Answer) -> Answer:
        """Each citation with its label in the answer's language and the cited paragraph's other versions."""
        citations = tuple(
            replace(
                c,
                counterparts=self.retriever.counterparts(c.passage.id),
                label=citation_label(c, self.retriever.names, answer.language),
            )
            for c in answer.citations
        )
        return replace(answer, citations=citations)
