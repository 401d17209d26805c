"""Extractive answers: the best sentences of the retrieved passages, quoted and cited, each labelled with
who says it and where (sentence scoring itself is in evidence.py)."""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import partial

from rag.answering.abstention import Abstention
from rag.answering.citations import check_citations
from rag.answering.constraints import TITLE
from rag.answering.entities import named_items
from rag.answering.enumeration import Enumerations
from rag.answering.evidence import (
    CONSTRAINT_RATIO,
    MIN_COVERAGE,
    Checks,
    Evidence,
    rank_sentences,
    select_evidence,
    unmet_constraint,
)
from rag.answering.records import Run, citation, display, doc_label
from rag.answering.semantic import SemanticRanker
from rag.core.text import sentence_spans
from rag.core.types import Answer, Citation, Hit, Passage
from rag.indexing import lexical
from rag.lang import amounts, intent, phrases, stance_words
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever
from rag.retrieval.scope import QuestionScope, document_year

LEAD_IN_ITEMS = 3  # list items read after a passage that ends with a colon
ANNOUNCED_CHARS = 6  # the end of a lead-in that names what its list holds ("以下原则")


class ExtractiveAnswers:
    """Answers by quoting the sentences that cover the question best, or abstains when none does."""

    def __init__(self, retriever: Retriever, abstention: Abstention) -> None:
        self.retriever = retriever
        self.abstention = abstention
        self.semantic = SemanticRanker(retriever)
        self.enumerations = Enumerations(retriever)

    def answer(self, run: Run, analysis: QueryAnalysis, hits: Sequence[Hit], scope: QuestionScope) -> Answer:
        mark = time.perf_counter()
        if scope.explicit or scope.described:
            # A question naming or describing a report is answered from that report when it can be.
            named = {d.group for d in scope.documents}
            hits = [h for h in hits if h.document.group in named] or list(hits)
        ranked = rank_sentences(
            hits,
            analysis.concepts,
            self.retriever.idf,
            self.tokenize,
            speakers=analysis.respondents,
            continuations=self.continuations(hits),
            persons=self.retriever.tables.persons,
        )
        ranked = self.semantic.rerank(analysis.text, ranked)
        if run.quoted_before:  # "what else did it say?": what the answer before did not quote
            ranked = [e for e in ranked if not any("".join(e.sentence.split()) in q for q in run.quoted_before)]
        # "Which country says … outside the EU": the EU named is not who is quoted.
        asks_who = intent.ASKS_SPEAKER.search(analysis.text) is not None
        speakers = set() if asks_who else {r for r in analysis.respondents if r in self.abstention.speakers}
        years = tuple(y for d in self.retriever.documents.values() if (y := document_year(d)))
        terms = self.retriever.tables.terms(analysis.text, None)
        treaties = tuple(
            (m.text, m.term.renderings)
            for m in terms
            if m.term.source == "treaty text" and any(intent.TREATY_NOUN.search(z) for z in m.term.zh)
        )
        # A treaty a Chinese question names by title (《佩林达巴条约》): the glossary is read in the other languages.
        treaties += tuple((t, (t,)) for t in TITLE.findall(analysis.text) if intent.TREATY_NOUN.search(t))
        asked_terms = tuple((m.text, m.term.zh) for m in terms if m.term.zh)
        checks = Checks(
            years, analysis.language, self.retriever.names, self.retriever.tables.persons, treaties, asked_terms
        )
        chosen = select_evidence(ranked, speakers or None, analysis.text, checks)
        several = intent.ASKS_SEVERAL.search(analysis.text) is not None
        if several and chosen:
            chosen = self._a_list(chosen, ranked, speakers, analysis, checks) or chosen
        if chosen and intent.REASON.search(analysis.text):
            chosen = [_with_its_reason(chosen[0]), *chosen[1:]]
        run.lap("compose", mark)
        not_in = phrases.phrase("not_in_documents", run.language)
        if not chosen or max(e.coverage for e in ranked) < MIN_COVERAGE:
            return self.abstention.abstain(run, hits, not_in)
        # A follow-up asking a figure of its own ("那西班牙具体驳回了多少份申请？" after a question on Spain's share of
        # refusals) is held to what it asks, not to what the question it continues asked (a share, given).
        own = run.question != analysis.text and intent.asks_figure(run.question)
        problem = unmet_constraint(run.question if own else analysis.text, chosen, checks)
        if problem is not None:
            run.warnings.append(f"not answered: {problem.message}")
            # The reason, in the asker's language, after the honest "no".
            reason = phrases.phrase(f"unmet_{problem.kind}", run.language, missing=problem.missing)
            return self.abstention.abstain(run, [e.hit for e in chosen] + list(hits), f"{not_in} {reason}".strip())
        citations: list[Citation] = []
        lines = [phrases.phrase(self.opening(analysis.text, chosen[0]), run.language)]
        quoted: set[tuple[str, tuple[int, int]]] = set()
        for evidence in chosen:
            parts = self.enumerations.parts(evidence.hit.passage, evidence.span, several, partial(self.fits, analysis))
            # a list's item and its lead-in both chosen quote the same list: once
            parts = [p for p in parts if (p.passage.id, p.span) not in quoted]
            quoted.update((p.passage.id, p.span) for p in parts)
            for i, part in enumerate(parts):
                cited = citation(len(citations) + 1, part.passage, evidence.hit.document, part.span)
                citations.append(cited)
                # A list's items under the lead-in that announces them.
                lead = f"- {self.speaker(evidence, run.language)}: " if i == 0 else "  - "
                # "2.7亿美元" read for one who reads no Chinese: "(2.7亿美元 = 270,000,000 US dollars)"
                gloss = f" ({said})" if (said := amounts.glossed(cited.quote, run.language)) else ""
                lines.append(f"{lead}“{cited.quote}” [{cited.n}]{gloss}")
        checked = check_citations("\n".join(lines), len(citations))
        answer = run.answer(checked.text, True, "extractive", citations, checked.grounded, retrieved=hits)
        # "Which regimes does Spain belong to?": the states and organizations the quotes name are the list asked for.
        return replace(answer, items=named_items(analysis, citations, self.retriever.names) or None)

    def _a_list(
        self,
        chosen: Sequence[Evidence],
        ranked: Sequence[Evidence],
        speakers: set[str],
        analysis: QueryAnalysis,
        checks: Checks,
    ) -> list[Evidence] | None:
        """For a question asking for several things ("which activities does the Vienna Document require?"): when
        the best sentence opens no list, the sentence nearly as good (CONSTRAINT_RATIO of its words' score) that
        does ("《1999 年维也纳文件》尤其要求开展下列活动：• …"), in a passage of the same speakers; None when
        the best opens one or none is close."""
        if self._in_a_list(chosen[0], analysis.tokens):
            return None
        floor = CONSTRAINT_RATIO * chosen[0].word_score
        for evidence in ranked:
            if evidence.word_score < floor:
                break
            who = evidence.hit.passage.respondent
            if speakers and (who.id or who.name) not in speakers:
                continue
            if (
                evidence.coverage >= MIN_COVERAGE
                and self._in_a_list(evidence, analysis.tokens)
                and unmet_constraint(analysis.text, [evidence], checks) is None
            ):
                return [evidence]
        return None

    def _in_a_list(self, evidence: Evidence, asked: Collection[str]) -> bool:
        """Whether a sentence opens a list, or is an item of a list whose lead-in announces what the question asks
        for, one of the `asked` tokens ("共同遵循并推广以下原则：" for "which principles…"): quoted with its lead-in
        and the other items."""
        passage = evidence.hit.passage
        if self.enumerations.opens_list(passage, evidence.span):
            return True
        lead_in = self.enumerations.lead_in_of(passage)
        if lead_in is None:
            return False
        announced = lead_in.text.rstrip().rstrip(":：")[-ANNOUNCED_CHARS:]
        return any(t in asked for t in self.tokenize(announced) if not t.startswith("#"))

    def continuations(self, hits: Sequence[Hit]) -> dict[str, list[Passage]]:
        """What a retrieved lead-in ("… include:") introduces: the list items after it in the same section,
        or, when no list follows, the one passage after it."""
        found: dict[str, list[Passage]] = {}
        for hit in hits:
            if not self.enumerations.leads_in(hit.passage):
                continue
            items = self.enumerations.items_after(hit.passage, LEAD_IN_ITEMS)
            _, after = self.retriever.neighbours(hit.passage.id, 0, 1)
            following = [p for p in after if p.section == hit.passage.section]
            if items or following:
                found[hit.passage.id] = items or following
        return found

    @staticmethod
    def opening(question: str, best: Evidence) -> str:
        """The phrase an answer opens with: "No" when a yes/no question is answered by a sentence that negates
        what it asks ("Is the Beijing Convention in force?" - "该公约尚未生效"); a sentence that does not negate it
        is quoted without a yes, as the question's terms may be stated without being affirmed. A question asking of
        something negative ("is the premise wrong?") gets no "No" from a negation."""
        negative = intent.negated(question) or intent.NEGATIVE_WORD.search(question) is not None
        if not intent.YES_NO.search(question) or negative or intent.set_kind(question) is not None:
            return "reports_say"  # "Is there any country that…? Which?" asks which, not whether
        # "Did Norway vote against it?" - "无法支持该决议": its negation says the opposition asked, no "no"
        asked = stance_words.question_stance(question)
        if asked is not None and any(c.stance == asked for c in stance_words.stance_cues(best.sentence)):
            return "reports_say"
        # "Does Egypt agree to…?" - "Egypt firmly opposes…": a no too.
        if intent.negated(best.sentence) or stance_words.contradicts(question, best.sentence):
            return "says_not"
        return "reports_say"

    def fits(self, analysis: QueryAnalysis, passage: Passage) -> bool:
        """Whether a passage covers the question as well as an answer must (MIN_COVERAGE)."""
        document = self.retriever.documents[passage.doc_id]
        ranked = rank_sentences(
            [Hit(passage, 0.0, document)], analysis.concepts, self.retriever.idf, self.tokenize, analysis.respondents
        )
        return max((e.coverage for e in ranked), default=0.0) >= MIN_COVERAGE

    def speaker(self, evidence: Evidence, language: str) -> str:
        """Who says a quoted sentence and where: "Norway (A/77/96)", or the report alone."""
        passage, document = evidence.hit.passage, evidence.hit.document
        where = doc_label(document, language)
        if passage.respondent.kind == "none":
            return where
        who = display(self.retriever.names, passage.respondent.id, language) if passage.respondent.id else None
        return f"{who or passage.respondent.name} ({where})"

    def tokenize(self, text: str) -> list[str]:
        return lexical.tokenize(text, self.retriever.tables.zh_mode)


def _with_its_reason(evidence: Evidence) -> Evidence:
    """For a question asking why: a sentence that opens by drawing a consequence ("澳大利亚因此…投了反对票",
    "Australia therefore voted against") quoted with the sentence before it in its passage, which gives the reason."""
    text = evidence.hit.passage.text
    start, end = evidence.span
    if intent.CONSEQUENCE.search(text[start:end]) is None:
        return evidence
    before = [s for s in sentence_spans(text) if s[1] <= start]
    return replace(evidence, span=(before[-1][0], end)) if before else evidence
