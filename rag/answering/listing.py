"""Answers to set questions ("Which states oppose…?"): every reply checked, by the language model when there
is one (extractively otherwise, or for the replies it could not judge), and listed with a citation each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rag.answering.abstention import Abstention
from rag.answering.citations import check_citations
from rag.answering.records import Run, citation, doc_label
from rag.answering.respondents import Aggregator, Finding, Plan
from rag.answering.verdicts import judge_sections
from rag.core.types import Answer, Citation, Hit, Item, PromptRef
from rag.lang import phrases
from rag.llm.client import LLMClient
from rag.llm.prompts import load_prompt
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever


class SetAnswers:
    """Lists the respondents that meet a set question's condition, each cited, or abstains."""

    def __init__(
        self,
        retriever: Retriever,
        aggregator: Aggregator,
        abstention: Abstention,
        llm: LLMClient | None,
        prompts_dir: Path,
        concurrency: int,
        max_verdicts: int = 60,
    ) -> None:
        self.retriever = retriever
        self.aggregator = aggregator
        self.abstention = abstention
        self.llm = llm
        self.prompts_dir = prompts_dir
        self.concurrency = concurrency
        self.max_verdicts = max_verdicts  # model calls per set question (RAG_LLM_MAX_VERDICTS)

    def answer(self, run: Run, plan: Plan, analysis: QueryAnalysis, hits: Sequence[Hit]) -> Answer:
        findings, mode, prompt_ref = self._findings(run, plan, analysis)
        language, condition = run.language, plan.condition
        found_in = {f.section.doc_id for f in findings}
        documents = ", ".join(doc_label(d, language) for d in plan.documents if not found_in or d.id in found_in)
        if not findings:
            return self.abstention.abstain(run, hits, phrases.phrase("list_none", language, doc=documents))
        citations, items = self._items(findings, language)
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
        answer = run.answer(checked.text, True, mode, citations, checked.grounded, retrieved=hits)
        return replace(answer, items=tuple(items), prompt=prompt_ref)

    def _findings(self, run: Run, plan: Plan, analysis: QueryAnalysis) -> tuple[list[Finding], str, PromptRef | None]:
        """The replies that qualify, in the plan's order; the mode that decided them and its prompt."""
        condition = plan.condition
        if self.llm is None or condition.test in ("replied", "language"):
            return self.aggregator.check(plan), "extractive", None
        prompt = load_prompt(self.prompts_dir, "verdict")
        verdicts = judge_sections(self.llm, prompt, self.retriever, analysis, plan, self.concurrency, self.max_verdicts)
        failures, skipped = verdicts.failures, verdicts.skipped
        checked = (self.aggregator.check_section(condition, s) for s in [*failures, *skipped])
        fallback = [f for f in checked if f]
        if failures:
            run.problems += ["llm:verdict:failed"] * len(failures)
            run.warnings.append(
                f"the language model could not judge {len(failures)} repl(ies); the extractive scorer checked them"
            )
        if skipped:
            run.problems.append("llm:verdict:capped")
            run.warnings.append(
                f"the language model judged at most {self.max_verdicts} of {len(plan.sections)} replies "
                f"(RAG_LLM_MAX_VERDICTS); the extractive scorer checked the other {len(skipped)}"
            )
        position = {id(s): i for i, s in enumerate(plan.sections)}
        findings = sorted([*verdicts.findings, *fallback], key=lambda f: position[id(f.section)])
        if len(failures) + len(skipped) < len(plan.sections):  # the model decided at least one reply
            return findings, "llm", prompt.ref
        return findings, "extractive", None

    def _items(self, findings: Sequence[Finding], language: str) -> tuple[list[Citation], list[Item]]:
        """One citation and one listed respondent per finding, named in the answer's language."""
        citations, items = [], []
        names, documents = self.retriever.names, self.retriever.documents
        for n, finding in enumerate(findings, start=1):
            passage = self.retriever.passages[finding.position]
            citations.append(citation(n, passage, documents[passage.doc_id], finding.quote))
            respondent = passage.respondent
            entity = names.get(respondent.id) if respondent.id else None
            label = entity.display(language) if entity else respondent.name
            english = entity.name_en if entity else respondent.name_en
            items.append(Item(label or respondent.name, english, finding.section.key, (n,)))
        return citations, items
