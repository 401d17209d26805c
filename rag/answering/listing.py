"""Answers to set questions ("Which states oppose…?"): every reply checked by the extractive scorer and, when
there is one, by the language model (within a time budget; its verdicts checked against the scorer's), and
listed with a citation each."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from rag.answering import relaxing, reply_order
from rag.answering.abstention import Abstention
from rag.answering.citations import check_citations
from rag.answering.closest import ClosestReplies, unread_words
from rag.answering.conditions import Condition, Finding, Plan, in_every_document, opposite
from rag.answering.records import Run, citation, display, doc_label
from rag.answering.respondents import Aggregator
from rag.answering.scope import Section
from rag.answering.topics import quoted
from rag.answering.verdicts import Verdicts, judge_sections
from rag.core.types import Answer, Citation, Hit, Item, PromptRef
from rag.lang import phrases, stance_words
from rag.lang.lexicon import UN_LANGUAGES
from rag.llm.client import LLMClient
from rag.llm.prompts import load_prompt
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever

# A topic read beside words the documents' languages cannot render, met by this share of the replies of a report that
# many replied to (BROAD_REPLIES at least), has lost what the question asks ("…que unos controles estrictos ayudan a
# atraer inversiones": export controls, which 27 of 32 replies name): the set is not listed. Measured on the
# development sets: three such lists of 27 to 33 respondents (list F1 0.11-0.14) are no longer given; counting reports
# of 10 replies, a useful list of 11 of the 13 states of the 2017 report (F1 0.53) was lost too.
BROAD_SHARE = 0.8
BROAD_REPLIES = 20
# When the words left unread are quoted by the question ("… describe export-control arrangements as «clubs» or
# «cartels»"), they are what it asks: a set met by this share of such a report's replies is not listed either.
QUOTED_BROAD_SHARE = 0.3
COMPOSE_S = 0.5  # seconds of a set question's budget kept for composing the answer after the last verdict


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
        budget_s: float = 60.0,
    ) -> None:
        self.retriever = retriever
        self.aggregator = aggregator
        self.abstention = abstention
        self.llm = llm
        self.prompts_dir = prompts_dir
        self.concurrency = concurrency
        self.max_verdicts = max_verdicts  # model calls per set question (RAG_LLM_MAX_VERDICTS)
        self.budget_s = budget_s  # seconds per set question, from when it was asked (RAG_LLM_SET_BUDGET_S)
        self._closest = ClosestReplies(retriever)

    def answer(self, run: Run, plan: Plan, analysis: QueryAnalysis, hits: Sequence[Hit]) -> Answer | None:
        """The set of respondents meeting the plan's condition, with their quotes; None when the topic read has lost
        what the question asks (see BROAD_SHARE): then the best passages answer it, saying so."""
        if plan.condition.negated:  # "which of them do not mention…": no relaxing, no model
            findings, mode, prompt_ref = self._unmet(plan), "extractive", None
        else:
            plan = self._loosened(run, plan)
            findings, mode, prompt_ref = self._findings(run, plan, analysis)
            findings = in_every_document(plan, findings, self.retriever.documents)
        findings = reply_order.ordered(findings, plan.condition.order)  # "which of them replied first?"
        language, condition = run.language, plan.condition
        share = QUOTED_BROAD_SHARE if condition.quoted_unread else BROAD_SHARE
        # of each report: "technology" is named by 28 of A/77/96's 33 replies, and by few of the other reports'
        for doc_id in (
            dict.fromkeys(s.doc_id for s in plan.sections) if condition.unread and not condition.negated else ()
        ):
            replies = sum(s.doc_id == doc_id for s in plan.sections)
            found = sum(f.section.doc_id == doc_id for f in findings)
            if replies >= BROAD_REPLIES and found >= share * replies:
                why = (
                    f"{found} of {replies} replies name {' / '.join(condition.topic)}, and these words of the "
                    f"question have no rendering in the documents' languages: {', '.join(condition.unread[:5])}"
                )
                return self.closest(run, plan, analysis, hits, why)
        if condition.unread:  # said, so that the asker knows what the list was not checked for
            run.warnings.append(
                "these words of the question have no rendering in the documents' languages and were not checked: "
                + ", ".join(condition.unread[:5])
            )
        found_in = {self.retriever.documents[f.section.doc_id].group for f in findings}
        documents = ", ".join(doc_label(d, language) for d in plan.documents if not found_in or d.group in found_in)
        if not findings:
            return self.abstention.abstain(run, hits, phrases.phrase("list_none", language, doc=documents))
        citations, items = self._items(findings, language)
        listed = phrases.join_list([f"{item.label} {_markers(item)}" for item in items], language)
        values: dict[str, str | int] = {
            "count": len(items),
            # the region as the question named it, so that the count is not read as every reply's
            "kinds": phrases.kinds(condition.kind, language, len(items))
            + (
                f" ({phrases.join_list(asked, language)})"
                if (asked := _asked_of_respondents(condition, language))
                else ""
            ),
            "doc": documents,
            "list": listed,
            "resolution": condition.resolution or "",
            "language": " / ".join(phrases.language_name(code, language) for code in condition.languages),
            "topic": " / ".join(f"“{t}”" for t in condition.topic),
            "target": display(self.retriever.names, condition.target, language) if condition.target else "",
            "besides": " / ".join(condition.besides_resolutions),
        }
        test = (
            f"voted_{condition.test}" if condition.vote and condition.test in ("oppose", "support") else condition.test
        )
        # "Which of them say they are members of it?": what was checked is a sentence about its author naming the topic.
        test = "mention_self" if test == "mention" and condition.about_self and condition.min_share == 1.0 else test
        test = "cites" if condition.cites_resolutions else test  # "cite resolutions other than 76/234"
        # A topic relaxed to the replies naming most of its phrases is worded so.
        key = f"list_{test}" + ("_most" if condition.min_share < 1.0 else "")
        key = f"list_{condition.test}_not" if condition.negated else key
        key += "_one" if len(items) == 1 and phrases.has(f"{key}_one", "en") else ""  # the verb in the singular
        if test == "language" and len(others := [c for c in UN_LANGUAGES if c not in condition.languages]) == 1:
            key, values["language"] = "list_language_other", phrases.language_name(others[0], language)
        checked = check_citations(phrases.phrase(key, language, **values), len(citations))
        answer = run.answer(checked.text, True, mode, citations, checked.grounded, retrieved=hits)
        return replace(answer, items=tuple(items), prompt=prompt_ref)

    def unread(self, run: Run, plan: Plan, analysis: QueryAnalysis, hits: Sequence[Hit]) -> Answer | None:
        """A set question of which nothing the replies must say could be read (its words have no rendering): the
        replies closest to it in meaning, or None (the best passages answer it), saying so either way."""
        unread = plan.condition.untranslated
        return self.closest(
            run,
            plan,
            analysis,
            hits,
            "this asks about every reply, but "
            + (
                "what the replies must say could not be read from the question"
                if unread == (analysis.text,)
                else f"these words have no rendering in the documents' languages: {', '.join(unread[:5])}"
            ),
        )

    def closest(self, run: Run, plan: Plan, analysis: QueryAnalysis, hits: Sequence[Hit], why: str) -> Answer | None:
        """The replies closest in meaning to a set question its words could not be checked for (closest.py), as
        candidates, or None when there is no sentence model (the best passages answer it then)."""
        findings = self._closest.findings(analysis.text, plan.condition, plan.sections)
        if not findings:
            run.warnings.append(f"{why}; answered from the best passages instead")
            return None
        run.warnings.append(f"{why}; listed the replies closest to the question in meaning instead, to be checked")
        language, condition = run.language, plan.condition
        citations, items = self._items(findings, language)
        unread = unread_words(analysis.text, condition)
        values: dict[str, str | int] = {
            "count": len(items),
            "kinds": phrases.kinds(condition.kind, language, len(items)),
            "doc": ", ".join(doc_label(d, language) for d in plan.documents),
            "list": phrases.join_list([f"{item.label} {_markers(item)}" for item in items], language),
            "words": " / ".join(f"“{w}”" for w in unread),
        }
        key = "list_closest" if unread else "list_closest_question"  # nothing of the question read: no words to show
        checked = check_citations(phrases.phrase(key, language, **values), len(citations))
        answer = run.answer(checked.text, True, "extractive", citations, checked.grounded, retrieved=hits)
        return replace(answer, items=tuple(items))

    def _loosened(self, run: Run, plan: Plan) -> Plan:
        """The plan, or, when no reply names every phrase of its topic, the plan for the replies that name the
        most of them (saying so)."""
        condition = plan.condition
        if condition.about_self and not any(self.aggregator.check_section(condition, s) for s in plan.sections):
            # No reply says it of itself in one sentence: the replies that name the topic at all.
            condition = replace(condition, about_self=False)
            plan = replace(plan, condition=condition)
        if condition.test != "mention" or any(self.aggregator.check_section(condition, s) for s in plan.sections):
            return plan
        insisted = relaxing.quoted_only(self.aggregator, condition, plan.sections, quoted(run.question))
        if insisted is not None:
            run.warnings.append(
                f"no reply names all of {', '.join(condition.topic)}; listed the replies that name what the question "
                "quotes"
            )
            return replace(plan, condition=insisted)
        relaxed = relaxing.relaxed(self.aggregator, condition, plan.sections)
        if relaxed is None:
            return plan
        run.warnings.append(
            f"no reply names all of {', '.join(condition.topic)}; listed the replies that name the most of them "
            "(the phrases fewest replies name weighing most)"
        )
        return replace(plan, condition=relaxed)

    def _findings(self, run: Run, plan: Plan, analysis: QueryAnalysis) -> tuple[list[Finding], str, PromptRef | None]:
        """The replies that qualify, in the plan's order; the mode that decided them and its prompt. With a model,
        its verdicts are checked against the extractive scorer's: a reply either lists is listed (the model's
        listing only with a quote that shows the condition), and every disagreement is reported."""
        condition = plan.condition
        extractive = {id(s): self.aggregator.check_section(condition, s) for s in plan.sections}
        if self.llm is None or condition.test in ("replied", "language", "named_by"):  # read, not judged
            return [f for s in plan.sections if (f := extractive[id(s)])], "extractive", None
        prompt = load_prompt(self.prompts_dir, "verdict")
        verdicts = judge_sections(
            self.llm,
            prompt,
            self.retriever,
            analysis,
            plan,
            self.concurrency,
            self.max_verdicts,
            self._model_time(run),
            lambda section, position, span: self.supports(condition, section, position, span),
        )
        chosen = {id(f.section): f for f in verdicts.findings}
        for section in [
            *verdicts.refused,
            *verdicts.unsupported,
            *verdicts.failures,
            *verdicts.skipped,
            *verdicts.late,
        ]:
            if (found := extractive[id(section)]) is not None:
                chosen[id(section)] = found
        self._report(run, plan, verdicts, extractive)
        findings = [chosen[id(s)] for s in plan.sections if id(s) in chosen]
        if verdicts.decided:  # the model decided at least one reply
            return findings, "llm", prompt.ref
        return findings, "extractive", None

    def _unmet(self, plan: Plan) -> list[Finding]:
        """The replies asked about that do not meet the condition, each cited by its first sentence that states
        something: what they do not say has no quote."""
        aggregator = self.aggregator
        return [aggregator.first_claim(s) for s in plan.sections if aggregator.check_section(plan.condition, s) is None]

    def _model_time(self, run: Run) -> float:
        """Seconds left for the model's verdicts: the set question's budget counts from when it was asked (retrieval
        and planning took some of it), and the answer still has to be composed after the last verdict."""
        return max(0.0, self.budget_s - (time.perf_counter() - run.started) - COMPOSE_S)

    def supports(self, condition: Condition, section: Section, position: int, span: tuple[int, int]) -> bool:
        """Whether the quoted sentence shows the condition. For a stance: a cue of that stance and of no other in
        the sentence (stated without the resolution's symbol, it counts), in a reply the extractive scorer does not
        find taking the opposite stance. For a topic: the quote's passage names it."""
        if condition.test in ("replied", "language"):
            return True
        if condition.test in ("mention", "endorse", "lacks"):
            return self.aggregator.check_section(condition, replace(section, positions=(position,))) is not None
        if self.aggregator.check_section(opposite(condition), section) is not None:
            return False
        wanted = {"support": ("support", "sponsor")}.get(condition.test, (condition.test,))
        sentence = self.retriever.passages[position].text[span[0] : span[1]]
        stances = {cue.stance for cue in stance_words.stance_cues(sentence)}
        return bool(stances & set(wanted)) and not (stances - set(wanted))

    def _report(self, run: Run, plan: Plan, verdicts: Verdicts, extractive: Mapping[int, Finding | None]) -> None:
        """Warnings (and problems) for what the model could not judge and where it and the extractive scorer
        disagree."""

        def named(sections: Sequence[Section]) -> str:
            shown = [s.respondent.name_en or s.respondent.name for s in sections[:8]]
            return ", ".join(shown) + (f" and {len(sections) - 8} more" if len(sections) > 8 else "")

        model_only = [f.section for f in verdicts.findings if extractive[id(f.section)] is None]
        scorer_only = [s for s in [*verdicts.refused, *verdicts.unsupported] if extractive[id(s)] is not None]
        claimed = [s for s in verdicts.unsupported if extractive[id(s)] is None]
        if model_only or scorer_only:
            run.problems += ["llm:verdict:disagree"] * (len(model_only) + len(scorer_only))
            parts = [f"listed on the model's checked quote only: {named(model_only)}"] if model_only else []
            if scorer_only:
                parts.append(f"listed on the extractive scorer's quote, the model said no: {named(scorer_only)}")
            run.warnings.append(
                f"the language model and the extractive scorer disagree on {len(model_only) + len(scorer_only)} "
                "repl(ies); " + "; ".join(parts)
            )
        if claimed:
            run.problems += ["llm:verdict:unsupported"] * len(claimed)
            run.warnings.append(
                f"the language model listed {len(claimed)} repl(ies) with a quote that is not in the reply or does "
                f"not show the condition; not listed: {named(claimed)}"
            )
        if verdicts.failures:
            run.problems += ["llm:verdict:failed"] * len(verdicts.failures)
            run.warnings.append(
                f"the language model could not judge {len(verdicts.failures)} repl(ies); "
                "the extractive scorer checked them"
            )
        if verdicts.skipped:
            run.problems.append("llm:verdict:capped")
            run.warnings.append(
                f"the language model judged at most {self.max_verdicts} of {len(plan.sections)} replies "
                f"(RAG_LLM_MAX_VERDICTS); the extractive scorer checked the other {len(verdicts.skipped)}"
            )
        if verdicts.late:
            run.problems.append("llm:verdict:budget")
            run.warnings.append(
                f"the language model had judged {len(plan.sections) - len(verdicts.late) - len(verdicts.skipped)} "
                f"of {len(plan.sections)} replies when the set question's time budget ran out "
                f"({self.budget_s:g} s, RAG_LLM_SET_BUDGET_S); the extractive scorer checked the other "
                f"{len(verdicts.late)}"
            )

    def _items(self, findings: Sequence[Finding], language: str) -> tuple[list[Citation], list[Item]]:
        """One listed respondent per state or organization, named in the answer's language, with one citation
        per report it qualifies in (a state that replied to two reports is one item with two citations),
        numbered in the order the items are listed."""
        grouped: dict[str, list[Finding]] = {}
        for finding in findings:
            grouped.setdefault(finding.section.key, []).append(finding)
        citations: list[Citation] = []
        items: list[Item] = []
        for group in grouped.values():
            for finding in group:
                passage = self.retriever.passages[finding.position]
                document = self.retriever.documents[passage.doc_id]
                citations.append(citation(len(citations) + 1, passage, document, finding.quote))
            numbers = range(len(citations) - len(group) + 1, len(citations) + 1)
            items.append(self._item(group[0], numbers, language))
        return citations, items

    def _item(self, finding: Finding, numbers: Sequence[int], language: str) -> Item:
        respondent = finding.section.respondent  # "named_by": the quote is another's reply naming it
        entity = self.retriever.names.get(respondent.id) if respondent.id else None
        label = entity.display(language) if entity else respondent.name
        english = entity.name_en if entity else respondent.name_en
        return Item(label or respondent.name, english, finding.section.key, tuple(numbers))


def _markers(item: Item) -> str:
    return "".join(f"[{n}]" for n in item.citations)


def _asked_of_respondents(condition: Condition, language: str) -> tuple[str, ...]:
    """What says which respondents are asked about: the question's words for the group asked which of, for a region
    or for their replies' dates, and the languages their replies are in when that is not what the answer says they
    have in common."""
    languages = () if condition.test == "language" else condition.languages
    group = condition.within_words
    return (
        *((group[:1].lower() + group[1:],) if group else ()),  # "among the countries that oppose 76/234"
        *(w for w in condition.region_words if w not in group),  # "Asia-Pacific states that oppose it": named once
        *((condition.dated.words,) if condition.dated else ()),
        *((" / ".join(phrases.language_name(code, language) for code in languages),) if languages else ()),
    )
