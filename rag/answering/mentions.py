"""Whether a named respondent's reply mentions something ("Does Norway mention the Global Initiative to Combat
Nuclear Terrorism?", "洪都拉斯提到《武器贸易条约》了吗？"): yes, cited to the sentence of its reply that names it, as
a set question's check finds it; no, when none of its replies in the documents asked about names it, cited to
those replies (what was read), and only for a topic of one phrase, a thing named (a description read as several
phrases, "the influence of the media", may be worded otherwise in the reply: its quotes are left to the asker)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rag.answering.conditions import Condition
from rag.answering.records import Run, citation, display, doc_label
from rag.answering.respondents import Aggregator
from rag.answering.scope import Section
from rag.core.types import Answer, Citation, Hit
from rag.lang import intent, phrases
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.scope import QuestionScope


class Mentions:
    """Answers a yes/no question on whether one named respondent's reply mentions a topic."""

    def __init__(self, aggregator: Aggregator) -> None:
        self.aggregator = aggregator
        self.retriever = aggregator.retriever

    def answer(self, run: Run, analysis: QueryAnalysis, scope: QuestionScope, hits: Sequence[Hit]) -> Answer | None:
        """Yes with the sentence naming the topic, no with the replies read; None when the question is not such a
        question, names no single respondent with a reply, or has words the documents give no rendering of."""
        asked = self._asked(analysis, scope)
        if asked is None:
            return None
        condition, sections = asked
        for section in sections:
            finding = self.aggregator.check_section(condition, section)
            if finding is not None:
                passage = self.retriever.passages[finding.position]
                document = self.retriever.documents[passage.doc_id]
                cited = citation(1, passage, document, finding.quote)
                where = doc_label(document, run.language)
                lead = phrases.phrase("mention_yes", run.language, names=self._name(section, run), doc=where)
                return run.answer(f"{lead} “{cited.quote}” [1]", True, "extractive", [cited], 1.0, retrieved=hits)
        if len(condition.topic) > 1:
            return None  # words read as several phrases may be a description the reply words otherwise: no "no"
        return self._none(run, condition, sections, hits)

    def _asked(self, analysis: QueryAnalysis, scope: QuestionScope) -> tuple[Condition, list[Section]] | None:
        text = analysis.text
        if not intent.YES_NO.search(text) or not intent.MENTION_VERB.search(text):
            return None
        speakers = [r for r in analysis.respondents if r in self.aggregator.speakers]
        if len(speakers) != 1:
            return None
        documents = scope.or_every(list(self.retriever.documents.values()))
        sections = [s for d in documents for s in self.aggregator.sections.get(d.id, []) if s.key == speakers[0]]
        if not sections:
            return None  # it did not reply there: said so elsewhere
        kind: intent.SetKind = "organization" if sections[0].respondent.kind == "organization" else "state"
        condition = self.aggregator.condition(analysis, kind, [self.retriever.documents[s.doc_id] for s in sections])
        if condition.test != "mention" or condition.untranslated:
            return None
        # The respondent asked about is who speaks, not what it must name.
        own = {m.text for m in self.retriever.names.find_mentions(text) if m.entity.id == speakers[0]}
        kept = [(t, v) for t, v in zip(condition.topic, condition.topic_variants, strict=True) if t not in own]
        if not kept:
            return None
        topic, variants = zip(*kept, strict=True)
        return replace(condition, topic=tuple(topic), topic_variants=tuple(variants), about_self=False), sections

    def _none(self, run: Run, condition: Condition, sections: Sequence[Section], hits: Sequence[Hit]) -> Answer:
        """No: the replies read, each cited at its first passage."""
        citations: list[Citation] = []
        for section in sections:
            passage = self.retriever.passages[section.positions[0]]
            document = self.retriever.documents[passage.doc_id]
            citations.append(citation(len(citations) + 1, passage, document, None))
        labels = (doc_label(self.retriever.documents[s.doc_id], run.language) for s in sections)
        documents = ", ".join(dict.fromkeys(labels))
        topic = " / ".join(f"“{t}”" for t in condition.topic)
        name = self._name(sections[0], run)
        text = phrases.phrase("mention_no", run.language, names=name, doc=documents, topic=topic)
        markers = "".join(f"[{c.n}]" for c in citations)
        return run.answer(f"{text} {markers}", True, "extractive", citations, 1.0, retrieved=hits)

    def _name(self, section: Section, run: Run) -> str:
        names = self.retriever.names
        return display(names, section.key, run.language) or section.respondent.name
