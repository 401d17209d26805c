"""Whether a named state or organization replied ("Did Honduras reply to the 2022 report on confidence-building?",
"هل أرسلت كازاخستان ردًا…؟", "Le Canada a-t-il répondu en français ?"): a yes or a no read from the replies
themselves, cited to the reply, rather than a quote from somewhere in it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from rag.answering.records import Run, citation, display, doc_label
from rag.answering.scope import Section
from rag.answering.topics import Topics
from rag.core.text import blank_spans
from rag.core.types import Answer, Document, Hit, SearchFilters
from rag.lang import intent, lexicon, phrases
from rag.lang.years import YEAR
from rag.retrieval.query import QueryAnalysis, resolution_mentions
from rag.retrieval.retriever import Retriever
from rag.retrieval.scope import QuestionScope

# A number standing alone (not in a symbol such as A/77/87 or 76/234): a resolution, an article, a year
_NUMBER = re.compile(r"(?<![\d/.])\d{3,5}(?![\d/.])")


class ReplyFacts:
    """Answers a yes/no question on whether (and in which language) named respondents replied."""

    def __init__(self, retriever: Retriever, sections: Mapping[str, list[Section]], topics: Topics) -> None:
        self.retriever = retriever
        self.sections = sections
        self.topics = topics
        self._lists: dict[str, int | None] = {}  # document id -> its paragraph listing the replies received

    def answer(self, run: Run, analysis: QueryAnalysis, scope: QuestionScope, hits: Sequence[Hit]) -> Answer | None:
        """The yes or no, when the question asks it of respondents that replied in scope; else None (a
        respondent with no reply is for the abstention to word). Every reply found is cited, with its original
        language and date; a question asked of several reports ("both of the 2022 reports") is answered no when
        one of them reproduces no reply from the respondent."""
        text = analysis.text
        # "When did China reply to A/77/96?", "¿En qué idioma respondió Canadá?": the reply's date and language.
        language_asked = intent.ASKS_LANGUAGE.search(text) is not None
        yes_no = intent.YES_NO.search(text) is not None
        # "Which reports did Norway reply to?", 哪几份报告: every reply, with its report, date and language
        reports_asked = intent.REPLY_VERB.search(text) is not None and _asks_which_report(text)
        when = not yes_no and (intent.ASKS_WHEN.search(text) is not None or language_asked or reports_asked)
        # The language a respondent wrote in is its reply's ("Which language was it originally written in?", after
        # a question on Pakistan's reply): the only language a reply's heading gives.
        if not (analysis.respondents and (yes_no or when) and (intent.REPLY_VERB.search(text) or language_asked)):
            return None
        every = scope.or_every(self.retriever.documents_in(run.language))
        if self._asks_more(analysis):
            return None
        # Reports that reproduce replies (a report of the Secretary-General's own has none to look in).
        documents = [d for d in every if self.sections.get(d.id)] or list(every)
        each = len(documents) > 1 and bool(scope.explicit or scope.described or intent.every_report(text))
        replies: list[Section] = []
        missing: list[Document] = []
        for respondent in analysis.respondents:
            own = [s for d in documents for s in self.sections.get(d.id, []) if s.key == respondent]
            if not own:
                # "Did Japan reply to A/77/87?": no, when the question names one report (else the abstention says
                # that the documents hold no reply from it).
                named = len(documents) == 1 and (scope.explicit or scope.described) and not when
                return self._no(run, respondent, documents[0], hits) if named else None
            if when and not language_asked and not all(s.respondent.date for s in own):
                return None  # a reply without a date line: the passages answer, or nothing does
            replies += own
            have = {s.doc_id for s in own}
            missing += [d for d in documents if each and d.id not in have and d not in missing]
        citations = []
        for n, section in enumerate(replies, start=1):
            passage = self.retriever.passages[section.positions[0]]
            citations.append(citation(n, passage, self.retriever.documents[passage.doc_id], None))
        said = self._said(run.language, analysis, replies, missing, dated=when)
        markers = "".join(f"[{c.n}]" for c in citations)
        return run.answer(f"{said} {markers}", True, "extractive", citations, 1.0, retrieved=hits)

    def _said(
        self, language: str, analysis: QueryAnalysis, replies: list[Section], missing: list[Document], dated: bool
    ) -> str:
        """The yes or no sentence (or, `dated`, the when): each reply's report with its original language and
        date."""
        keys = list(dict.fromkeys(s.key for s in replies))
        names = phrases.join_list([display(self.retriever.names, key, language) for key in keys], language)
        where = phrases.join_list(list(dict.fromkeys(self._described(s, language) for s in replies)), language)
        wanted = analysis.reply_languages
        written = [s.respondent.written_in for s in replies]
        if dated and not missing:
            return phrases.phrase("replied_dated", language, names=names, doc=where)
        if missing:
            absent = phrases.join_list([doc_label(d, language) for d in missing], language)
            return phrases.phrase("replied_partly", language, names=names, doc=where, missing=absent)
        if not wanted:
            return phrases.phrase("replied_yes", language, names=names, doc=where)
        if all(any(w in wanted for w in languages) for languages in written):
            shown = phrases.language_name(wanted[0], language)
            return phrases.phrase("replied_in_yes", language, names=names, language=shown, doc=where)
        codes = dict.fromkeys(w for languages in written for w in languages)
        actual = phrases.join_list([phrases.language_name(w, language) for w in codes], language)
        asked = phrases.language_name(wanted[0], language)
        return phrases.phrase("replied_in_no", language, names=names, actual=actual, language=asked, doc=where)

    def _described(self, section: Section, language: str) -> str:
        """A reply's report, with the reply's original language and its date when the text gives them:
        "A/77/96 (original in Russian, 2022-05-16)"."""
        respondent = section.respondent
        written = [phrases.language_name(w, language) for w in respondent.written_in]
        details = [phrases.phrase("reply_original", language, language=phrases.join_list(written, language))]
        details = (details if written else []) + ([respondent.date] if respondent.date else [])
        label = doc_label(self.retriever.documents[section.doc_id], language)
        return f"{label} ({phrases.join_list(details, language)})" if details else label

    def _no(self, run: Run, respondent: str, document: Document, hits: Sequence[Hit]) -> Answer | None:
        """No, cited to the report's paragraph that lists whose replies it reproduces (the one naming the most of
        its respondents); None when no paragraph lists them."""
        best = self._list_of_replies(document)
        if best is None:
            return None
        passage = self.retriever.passages[best]
        cited = citation(1, passage, document, None)
        language = run.language
        name = display(self.retriever.names, respondent, language)
        said = phrases.phrase("replied_no", language, names=name, doc=doc_label(document, language))
        return run.answer(f"{said} [1]", True, "extractive", [cited], 1.0, retrieved=hits)

    def _list_of_replies(self, document: Document) -> int | None:
        """The position of the document's own paragraph naming the most of its respondents (two at least), found
        once per document among its passages that no respondent speaks."""
        if document.id not in self._lists:
            replied = {s.key for s in self.sections.get(document.id, [])}
            mask = self.retriever.mask(SearchFilters(doc=(document.id,), respondent_kind=("none",)))
            best, most = None, 1
            for position in np.flatnonzero(mask):
                text = self.retriever.passages[int(position)].text
                named = len({m.entity.id for m in self.retriever.names.find_mentions(text)} & replied)
                if named > most:
                    best, most = int(position), named
            self._lists[document.id] = best
        return self._lists[document.id]

    def _asks_more(self, analysis: QueryAnalysis) -> bool:
        """Whether the question asks about more than the reply itself ("Did Russia mention drones in its
        reply?"): words left, besides the respondents it names, its words for replying and the language it asks
        about, that are a topic as a set question reads one. Words describing any of the reports (their titles)
        are none; words with no rendering in the documents are one only where the question speaks of saying
        something ("Did Russia mention hypersonic gliders?"), not of sending a reply ("send input")."""
        text = analysis.text
        every = self.retriever.documents_in(analysis.language)
        answered = {d.resolution for d in every}
        own = [(start, end) for symbol, start, end in resolution_mentions(text) if symbol in answered]
        if any(not YEAR.fullmatch(n) for n in _NUMBER.findall(blank_spans(text, own))):
            return True  # "Did Cambodia bring up resolution 1540 in its reply?": a resolution no report answers
        spans = [(m.start, m.end) for m in self.retriever.names.find_mentions(text)]
        cues = (intent.REPLY_VERB, intent.YES_NO, intent.REPORT_WORD, intent.ASKS_WHEN, intent.ASKS_LANGUAGE)
        spans += [m.span() for p in cues for m in p.finditer(text)]
        spans += lexicon.language_word_spans(text, analysis.reply_languages)
        # "its reply on WMD terrorism": the subject of the report replied to, up to the clause's end
        spans += [(m.start(), _clause_end(text, m.end())) for m in intent.REPLY_ON.finditer(text)]
        if intent.ASKS_LANGUAGE.search(text):  # "¿En qué idioma escribió Canadá su respuesta?": how it was written
            spans += [m.span() for m in intent.SAYS_VERB.finditer(text)]
        text = blank_spans(text, spans)
        if intent.SAYS_VERB.search(text):  # "中国的答复里有没有说中方是提案国？": what it says, not whether it replied
            return True
        topic = self.topics.read(self.retriever.analyze(text, analysis.language), every)
        return bool(topic.variants) or bool(topic.untranslated and intent.SPEECH.search(text))


_CLAUSE = re.compile(r"[,，、;；:：?？؟.。،]|\s(?:and|et|y|и|و)\s")
SUBJECT_WORDS = 4  # words after "reply on" that may name its report's subject ("WMD terrorism", "peaceful uses")


def _clause_end(text: str, start: int) -> int:
    """Where the words naming a report's subject after `start` end: at a comma, "and", a verb of saying ("…on
    peaceful uses say…") or after SUBJECT_WORDS words."""
    ends = [m.start() for p in (_CLAUSE, intent.SAYS_VERB, intent.MENTION_VERB) if (m := p.search(text, start))]
    words = list(re.finditer(r"\S+", text[start:]))
    ends.append(start + words[SUBJECT_WORDS - 1].end() if len(words) >= SUBJECT_WORDS else len(text))
    return min(ends)


WHICH_REPORT_REACH = 24  # characters after a word asking which in which the word for reports stands


def _asks_which_report(text: str) -> bool:
    """Whether a question asks which reports ("which of the four reports", 哪几份报告, « quels rapports »)."""
    return any(
        intent.REPORT_WORD.search(text, which.start(), which.end() + WHICH_REPORT_REACH) is not None
        for which in intent.ASKS_WHICH.finditer(text)
    )
