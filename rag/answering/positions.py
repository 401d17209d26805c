"""Whether a named respondent supports, opposes or sponsored a resolution ("Did Saudi Arabia support resolution
76/234?", "挪威支持第76/234号决议吗？"): a yes or a no read from that reply by the stance scorer set questions
use, cited to the sentence that shows it, rather than a quote left for the asker to judge."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.conditions import Condition, Finding
from rag.answering.records import Run, citation, display, doc_label
from rag.answering.respondents import Aggregator
from rag.answering.scope import Section
from rag.core.types import Answer, Hit
from rag.lang import intent, phrases
from rag.lang.intent import Stance
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.scope import QuestionScope

# The stance whose finding answers "no" to a question asking about the other one (a sponsor's opposite is not
# stated by replies: "did X sponsor it?" is answered only yes).
OPPOSITE: dict[Stance, Stance | None] = {"support": "oppose", "oppose": "support", "sponsor": None}


class Positions:
    """Answers a yes/no question on one named respondent's stance on a resolution, from its reply."""

    def __init__(self, aggregator: Aggregator) -> None:
        self.aggregator = aggregator
        self.retriever = aggregator.retriever

    def answer(self, run: Run, analysis: QueryAnalysis, scope: QuestionScope, hits: Sequence[Hit]) -> Answer | None:
        """Yes, cited to the sentence stating the stance asked about; no, cited to one stating the opposite; None
        when the question is not such a question or the reply states neither (the passages answer it then)."""
        asked = self._asked(analysis, scope)
        if asked is None:
            return None
        stance, resolution, section = asked
        kind: intent.SetKind = "organization" if section.respondent.kind == "organization" else "state"
        finding = self.aggregator.check_section(Condition(kind, stance, resolution=resolution), section)
        said = "stance_yes"
        opposite = OPPOSITE[stance]
        if finding is None and opposite is not None:
            finding = self.aggregator.check_section(Condition(kind, opposite, resolution=resolution), section)
            said = "stance_no"
        if finding is None or (intent.VOTE.search(analysis.text) and not self._says_a_vote(finding)):
            return None  # "Did Sweden vote against it?": a concern its reply voices says nothing of its vote
        return self._said(run, said, finding, hits)

    def _says_a_vote(self, finding: Finding) -> bool:
        text = self.retriever.passages[finding.position].text
        return intent.VOTE.search(text[finding.quote[0] : finding.quote[1]]) is not None

    def _asked(self, analysis: QueryAnalysis, scope: QuestionScope) -> tuple[Stance, str, Section] | None:
        """The stance, the resolution and the one named respondent's reply a yes/no question asks about."""
        text = analysis.text
        if len(analysis.respondents) != 1 or not intent.YES_NO.search(text):
            return None
        documents = scope.or_every(list(self.retriever.documents.values()))
        respondent = analysis.respondents[0]
        asked = self.aggregator.stance_asked(analysis, documents, subject=respondent)
        if asked is None:
            return None
        stance, resolution = asked
        replies = (
            s
            for d in documents
            if d.resolution == resolution
            for s in self.aggregator.sections.get(d.id, [])
            if s.key == respondent
        )
        section = next(replies, None)
        return None if section is None else (stance, resolution, section)

    def _said(self, run: Run, said: str, finding: Finding, hits: Sequence[Hit]) -> Answer:
        passage = self.retriever.passages[finding.position]
        document = self.retriever.documents[passage.doc_id]
        cited = citation(1, passage, document, finding.quote)
        language = run.language
        name = display(self.retriever.names, finding.section.key, language) or finding.section.respondent.name
        lead = phrases.phrase(said, language, names=name, doc=doc_label(document, language))
        return run.answer(f"{lead} “{cited.quote}” [1]", True, "extractive", [cited], 1.0, retrieved=hits)
