"""Abstention: an honest "no" (a named state never replied, or the documents never mention it), with the
closest passages offered for checking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rag.answering.records import Run, citation, display, doc_label
from rag.answering.scope import Section
from rag.core.types import Answer, Hit
from rag.indexing import lexical
from rag.lang import intent, phrases, stance_words
from rag.lang.years import report_years
from rag.retrieval.query import QueryAnalysis
from rag.retrieval.retriever import Retriever
from rag.retrieval.scope import QuestionScope, document_year

CLOSEST = 3  # passages offered for checking when the documents do not answer


class Abstention:
    """Decides when a question about a named speaker cannot be answered, and words every abstention."""

    def __init__(self, retriever: Retriever, sections: Mapping[str, list[Section]]) -> None:
        self.retriever = retriever
        self.sections = sections
        self.speakers = frozenset(s.key for doc_sections in sections.values() for s in doc_sections)
        # Bodies a report is about by its title (the Advisory Board): their work is reported, they send no reply.
        self.titled = frozenset(
            m.entity.id
            for d in retriever.documents.values()
            for title in (d.title, d.title_en, *(t for _, t in d.titles))
            if title
            for m in retriever.names.find_mentions(title)
        )

    def absent_speaker(self, analysis: QueryAnalysis, scope: QuestionScope) -> str | None:
        """An honest "no" when the question asks what a state or organization said and the documents hold
        no reply from it (in the report the question names), or never mention it at all."""
        if not analysis.respondents or all(r in self.titled for r in analysis.respondents):
            return None  # "依据哪一项决议提交裁军事项咨询委员会工作的报告": the report's subject, not a respondent
        names, language = self.retriever.names, analysis.language
        unmentioned = [r for r in analysis.respondents if r not in self.speakers and not self.mentioned(r)]
        if unmentioned and len(unmentioned) == len(analysis.respondents):
            shown = phrases.join_list([display(names, r, language) for r in unmentioned], language)
            return phrases.phrase("not_mentioned", language, names=shown)
        # What a state said is its reply; an organization is as often the subject of a question ("the
        # IAEA's database") as its speaker, so a missing organization reply proves nothing, unless the question
        # speaks of its reply ("what did the African Union propose in its reply").
        states = [r for r in analysis.respondents if (e := names.get(r)) is not None and e.kind == "state"]
        replying = intent.REPLY_VERB.search(analysis.text) is not None
        # "Which respondents mention the Zangger Committee?": an organization in a question asking which ones is
        # what the replies speak of, not whose reply is asked for.
        set_question = intent.set_cue(analysis.text) is not None
        # "Which respondent criticises the exemption from the NSG guidelines?" asks who speaks: not the NSG.
        asks_which = (
            set_question or intent.asks_which_entities(analysis.text) or intent.ASKS_SPEAKER.search(analysis.text)
        )
        # "Did France support resolution 76/234?" asks for France's stance, which only its reply could state.
        stance = not set_question and stance_words.question_stance(analysis.text) is not None
        if not (intent.SPEECH.search(analysis.text) or stance) or (
            len(states) < len(analysis.respondents) and (not replying or asks_which)
        ):
            return None
        documents = self.retriever.documents_in(language)  # one version of each
        in_scope = scope.or_every(documents)
        repliers = {s.key for d in in_scope for s in self.sections.get(d.id, [])}
        if any(r in repliers for r in analysis.respondents):
            return None
        shown = phrases.join_list([display(names, r, language) for r in analysis.respondents], language)
        where = ""
        if len(in_scope) < len(documents):
            symbols = ", ".join(doc_label(d, language) for d in in_scope)
            where = phrases.phrase("in_document", language, doc=symbols)
        return phrases.phrase("no_reply", language, names=shown, scope=where)

    def absent_report(self, analysis: QueryAnalysis, scope: QuestionScope) -> str | None:
        """An honest "no" when the question asks about a report of a year no document is of ("the 2019 report
        on confidence-building"), unless it names a document by symbol or resolution."""
        asked = report_years(analysis.text)
        if not asked or scope.explicit:
            return None
        have = sorted({y for d in self.retriever.documents.values() if (y := document_year(d)) is not None})
        if not have or asked & set(have):
            return None
        language = analysis.language
        years = phrases.join_list([str(y) for y in sorted(asked)], language)
        return phrases.phrase(
            "no_report_of", language, years=years, have=phrases.join_list([str(y) for y in have], language)
        )

    def mentioned(self, entity_id: str) -> bool:
        """Whether any document holds the entity's name in its own language (unknown ids count as named)."""
        entity = self.retriever.names.get(entity_id)
        if entity is None:
            return True
        for language in {d.language for d in self.retriever.documents.values()}:
            name = entity.display(language)
            tokens = lexical.tokenize(name, "jieba") if name else []
            if tokens and all(self.retriever.postings(t).size for t in tokens):
                return True
        return False

    def abstain(self, run: Run, hits: Sequence[Hit], reason: str) -> Answer:
        """No answer, for `reason`, offering the closest distinct passages for the reader to check."""
        unique = list({hit.passage.id: hit for hit in hits}.values())[:CLOSEST]
        documents = self.retriever.documents
        closest = [citation(n, h.passage, documents[h.passage.doc_id], None) for n, h in enumerate(unique, start=1)]
        text = f"{reason} {phrases.phrase('closest', run.language)}" if closest else reason
        return run.answer(text, False, "extractive", closest, grounded=0.0, retrieved=hits)
