"""Questions about sets of respondents: go through every reply of the relevant documents and keep those that
meet the condition (stance toward a resolution, reply language, a topic mentioned, or simply replying)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from rag.answering import citing, clauses, named_by, recognition, reply_order, reports_asked
from rag.answering.asides import said_as_required
from rag.answering.claims import Claims
from rag.answering.conditions import (
    Condition,
    Finding,
    Plan,
    in_every_document,
    in_region,
    law_phrase,
    weighed_share,
    written_in,
)
from rag.answering.forms import FormReading, QuestionForms
from rag.answering.named_before import without_among_named
from rag.answering.quotes import best_quote, best_sentence, first_sentence, fit
from rag.answering.scope import Section, respondent_sections, under_heading
from rag.answering.stances import endorsement_finding, premise_named, stance_asked, stance_finding
from rag.answering.topics import Topics, quoted
from rag.core.text import blank_matches, blank_spans, fold, is_cjk, names_phrase, sentence_spans
from rag.core.types import Document
from rag.indexing import lexical
from rag.lang import dates, figures, intent, lexicon, regions, stance_words
from rag.lang.names import Entity
from rag.retrieval.query import LanguageTables, QueryAnalysis
from rag.retrieval.retriever import Retriever
from rag.retrieval.scope import document_year

# A reply meets a topic when one of its passages holds this share of the topic's (IDF-weighted) tokens.
TOPIC_COVERAGE = 0.75
RELAXED_WEIGHT = 1 / 3  # of a relaxed topic's weight (relaxing.py), a reply's phrases must carry this much
# The tests a set question may ask the opposite of ("which do not mention…"); not who replied, which leaves no one.
NEGATABLE = ("mention", "endorse", "support", "oppose", "sponsor")


@dataclass
class Aggregator:
    """Plans and checks set questions over every reply, reading the corpus through the retriever and the
    language through its tables."""

    retriever: Retriever
    sections: Mapping[str, list[Section]] = field(init=False)
    speakers: frozenset[str] = field(init=False)  # every respondent with a reply in some document
    tables: LanguageTables = field(init=False)
    topics: Topics = field(init=False)
    forms: QuestionForms = field(init=False)
    claims: Claims = field(init=False)
    named_in: named_by.NamedIn = field(init=False)

    def __post_init__(self) -> None:
        self.sections = respondent_sections(self.retriever.passages)
        self.speakers = frozenset(s.key for doc_sections in self.sections.values() for s in doc_sections)
        self.tables = self.retriever.tables
        self.topics = Topics(self.retriever)
        self.forms = QuestionForms(self.retriever)
        self.claims = Claims(self.retriever)
        self.named_in = named_by.NamedIn(self.retriever, self.tables.names, self.sections)

    # --- planning -------------------------------------------------------------------------------------

    def plan(
        self, analysis: QueryAnalysis, documents: Sequence[Document], among: Sequence[str] = (), stated: bool = False
    ) -> Plan | None:
        """A plan to check every reply, or None when the question does not ask for a set of respondents
        (or asks about what one named respondent says, which ordinary retrieval answers). With `among`, a follow-up
        asking "which of them…" checks the replies of those respondents only; `stated` when a statement before it
        says who they are ("Spain names three states. Which of them also replied…": also, besides being named)."""
        analysis = without_among_named(analysis) if among else analysis
        reading = self.forms.read(analysis.text)
        among_them = intent.AMONG_THEM.search(analysis.text) if among else None
        cue = (
            intent.set_cue(analysis.text)
            or (("any", among_them.start(), among_them.end()) if among_them else None)
            or recognition.others_than_named(analysis, self.tables.names)
            or recognition.of_a_group(analysis, self.tables.names)
            or recognition.who_of_a_report(analysis, self.tables.names, self.speakers)
            or recognition.set_by_meaning(analysis, reading, self.tables.names, self.speakers)
        )
        if cue is None and analysis.reply_languages:
            cue = intent.language_set_cue(analysis.text)
        if cue is None or recognition.asks_of_persons(analysis.text, cue, self.tables.persons):
            return None
        # "Which other respondents does the United States name?": those its reply names
        if (speaker := recognition.named_by(analysis.text, cue, self.tables.names, self.speakers)) is not None:
            kind = cue[0] if cue[0] != "any" else recognition.kind_of_replies(analysis.text, cue[1], self.tables.names)
            replies = {d.id: self._sections_of(d) for d in documents}
            return named_by.plan(kind, speaker, documents, replies, analysis.text)
        # "原文是西班牙语的有哪几家": a question on the reply language names a language, not a speaker.
        if not analysis.reply_languages and recognition.asks_a_speaker(
            analysis.text, cue[1], cue[2], self.tables.names, self.speakers
        ):
            return None
        kind = cue[0] if cue[0] != "any" else recognition.kind_of_replies(analysis.text, cue[1], self.tables.names)
        replies = {d.id: self._sections_of(d) for d in documents}
        if documents and not any(replies.values()) and intent.REPLY_VERB.search(analysis.text):
            # "Which states replied to the Advisory Board's report?": a report with no replies has no one to list.
            return Plan(Condition(kind, "replied"), tuple(documents), ())
        documents = [d for d in documents if replies[d.id]]
        if not documents:
            return None
        if (order := reply_order.asked(analysis.text)) is not None:  # "which of them replied first": no topic
            analysis = replace(analysis, text=blank_spans(analysis.text, [order[1]]))
        # "Among the countries that push back against 76/234, which…": what the rest asks, of that group alone
        condition = clauses.within_group(
            analysis, lambda part: self.condition(part, kind, documents, reading)
        ) or self.condition(analysis, kind, documents, reading)
        # "Which Latin American states…" asks about those states; "which respondents mention Latin America" asks who
        # speaks of it (its topic).
        text = analysis.text
        named = regions.of_respondents(text, self.tables.names)
        if named:
            if condition.test == "mention" and not condition.topic_variants and not condition.unread:
                # "which of them are in Latin America?", "lesquels sont membres de la Francophonie ?": those that are
                condition = Condition(kind, "replied")
            members = regions.states_asked(named, self.tables.names)
            words = tuple(dict.fromkeys(analysis.text[r.start : r.end].strip() for r in named))
            since = tuple(sorted(regions.joined_after(named).items()))
            until = tuple(sorted(regions.outside_until(named).items()))
            condition = replace(condition, region=members, region_words=words, region_since=since, region_until=until)
        # "Which replies are dated 31 May 2022?"; not "The report printed replies received up to 31 July. Whose…?"
        dated = next((d for d in dates.all_reply_dates(text) if intent.same_sentence(text, d.start, cue[1])), None)
        if dated is not None and condition.day is None:
            condition = replace(condition, dated=dated)
        # "¿cuáles no dicen que…?" negates the set; "which cannot support it" does not
        cannot = condition.test == "oppose" and stance_words.cannot_support(text)
        outside = blank_spans(text, [(r.start, r.end) for r in named if r.outside])  # "states not in NATO"
        if condition.test in NEGATABLE and not cannot and recognition.negated_set(outside, cue):
            condition = replace(condition, negated=True)
        each = len(documents) > 1 and reports_asked.in_every_report(text, len(analysis.documents), condition.test)
        each = each and not (stated and len(analysis.documents) < 2)  # "哪些自己也给这几份报告交过答复": also, as named
        # "Of those that replied to both reports, which mention sanctions?": in any of their replies, of those in each
        replied_each = each and reports_asked.asked_of_those_in_each(text, condition.test)
        if each and (not replied_each or reports_asked.in_each_reply(text)):  # "…which mention it in both replies?"
            condition = replace(condition, every_document=True)
        elif len(documents) > 1 and intent.SEVERAL_REPORTS.search(text):  # "Who replied to more than one?"
            condition = replace(condition, several_documents=True)
        elif len(documents) > 1 and condition.test == "replied":  # "replied to A/77/87 but not to A/77/96"
            condition = replace(condition, absent_from=reports_asked.replied_not_to(text, documents))
        if order is not None:
            condition = replace(condition, order=order[0])
        apart = {m.entity.id for m in self.tables.names.find_mentions(text) if intent.set_apart(text, m.start, m.end)}
        sections = [
            s
            for d in documents
            for s in replies[d.id]
            if (kind == "any" or s.respondent.kind == kind)
            and s.key not in apart  # "besides Mexico, who…"
            and (not among or s.key in among)
            and written_in(condition, s.respondent.written_in)
            and (condition.region is None or in_region(condition, s.respondent.id, document_year(d)))
            and (condition.dated is None or condition.dated.holds(s.respondent.date))
        ]
        if replied_each:
            keys = [{s.key for s in replies[d.id]} for d in documents]
            sections = [s for s in sections if all(s.key in k for k in keys)]
        if condition.within is not None:  # "among those that oppose 76/234, which…": those replies alone
            sections = [s for s in sections if clauses.in_group(condition, s, self.check_section)]
        return Plan(condition, tuple(documents), tuple(sections))

    def _sections_of(self, document: Document) -> list[Section]:
        """The replies of a document: those of this language version, then any reply only another version of
        the same document holds (a partial translation lists no fewer respondents than the original)."""
        sections = list(self.sections.get(document.id, []))
        keys = {s.key for s in sections}
        for version in self.retriever.versions(document):
            for section in self.sections.get(version.id, []):
                if section.key not in keys:
                    keys.add(section.key)
                    sections.append(section)
        return sections

    def condition(
        self,
        analysis: QueryAnalysis,
        kind: intent.SetKind,
        documents: Sequence[Document],
        reading: FormReading | None = None,
    ) -> Condition:
        if analysis.reply_languages:
            # "Of the replies in Spanish, which attack sanctions?": what those replies say, asked of them alone.
            said = clauses.beyond_language(analysis, lambda part: self.condition(part, kind, documents, reading))
            each = lexicon.in_each_language(analysis.text)  # "both in English and in French"
            return (
                replace(said, languages=analysis.reply_languages, every_language=each)
                if said
                else Condition(kind, "language", languages=analysis.reply_languages, every_language=each)
            )
        if (target := self._endorsed(analysis)) is not None:
            return Condition(kind, "endorse", target=target)
        if analysis.resolutions and (day := dates.adoption_day_asked(analysis.text)) is not None:
            # "Which replies give the date 76/234 was adopted?": those naming it beside a full date.
            symbol = analysis.resolutions[0]
            return Condition(kind, "mention", topic=(symbol,), topic_variants=((symbol,),), needs_date=True, day=day)
        if cited := citing.condition(analysis, kind, documents):  # "who cites a different Council resolution"
            return cited
        if asked := self.stance_asked(analysis, documents):
            # "Who says it voted against 76/234" is not who opposes it: the reply must say how it voted.
            vote = intent.VOTE.search(analysis.text) is not None
            outright = stance_words.STATED_OUTRIGHT.search(analysis.text) is not None
            if stance_words.cannot_support(analysis.text):  # "say they cannot support it (or voted against it)"
                return Condition(kind, "oppose", resolution=asked[1], explicit=True)
            return Condition(kind, asked[0], resolution=asked[1], vote=vote, outright=outright)
        if all_of := intent.ALL_TREATIES.search(analysis.text):  # "who says it joined all the WMD treaties"
            return Condition(kind, "mention", topic=(all_of.group(),), all_treaties=True)
        if intent.LACKS.search(analysis.text):  # "which states say they do not possess WMD"
            lacked = self.topics.lacked(analysis, documents)
            if lacked.variants:
                return Condition(kind, "lacks", topic=lacked.shown, topic_variants=lacked.variants)
        topic = self.topics.read(analysis, documents)
        claims = intent.ASKS_AFFECTED.search(analysis.text) or intent.ASKS_IDENTITY.search(analysis.text)
        if not topic.variants and claims:  # "which states present themselves as victims?": the claim is the topic
            topic = self.topics.read(analysis, documents, claim=True)
        # The reply verb itself ("answered"), a verb of mentioning ("без упоминания") or a negation ("never", read by
        # negated_set), is no topic left unread.
        untranslated = tuple(
            w
            for w in topic.untranslated
            if not (intent.REPLY_VERB.search(w) or intent.MENTION_VERB.fullmatch(w)) and intent.negation(w) is None
        )
        if law := intent.ASKS_LAW.search(analysis.text):  # "their own laws on arms": a law named, on what else is asked
            kept = [(s, v) for s, v in zip(topic.shown, topic.variants, strict=True) if not law_phrase(s, v)]
            shown = tuple(s for s, _ in kept)
            return Condition(
                kind, "mention", topic=shown or (law.group(),), topic_variants=tuple(v for _, v in kept), names_law=True
            )
        if topic.variants:
            cue = intent.set_cue(analysis.text)
            figure = figures.figure_asked(analysis.text, cue[2] if cue else len(analysis.text), analysis.language)
            if figure:  # "porcentajes", "chiffres": checked as the figure each reply must give
                untranslated = tuple(w for w in untranslated if not figures.figure_word(w))
            affected = intent.ASKS_AFFECTED.search(analysis.text) is not None
            identity = not affected and intent.ASKS_IDENTITY.search(analysis.text) is not None
            own_reply = blank_matches(intent.OWN_REPLY, analysis.text)  # "leur propre réponse": which reply
            about_self = affected or identity or said_as_required(intent.ABOUT_SELF, own_reply)
            return Condition(
                kind,
                "mention",
                topic=topic.shown,
                topic_variants=topic.variants,
                unread=untranslated,
                # "… as «clubs» or «cartels»": quoted with no rendering, what the question asks (listing.py)
                quoted_unread=bool(quoted(analysis.text).intersection(untranslated)),
                needs_figure=figure,
                needs_date=intent.ASKS_DATED.search(analysis.text) is not None,
                about_self=about_self,
                affected=affected,
                identity=identity,
            )
        if recognition.asks_who_replied(analysis.text, untranslated, reading):
            return Condition(kind, "replied")
        return Condition(kind, "mention", untranslated=untranslated or (analysis.text,))

    def _endorsed(self, analysis: QueryAnalysis) -> str | None:
        """The state or organization whose reply the question asks who endorses ("which states align with the
        EU's joint reply"): the one it names after its word of endorsing, else before it."""
        at = stance_words.endorses_a_reply(analysis.text)
        if at is None:
            return None
        mentions = self.tables.names.find_mentions(analysis.text)
        after = [m for m in mentions if m.start >= at]
        chosen = after or mentions
        return chosen[0].entity.id if chosen else None

    def stance_asked(
        self, analysis: QueryAnalysis, documents: Sequence[Document], subject: str | None = None
    ) -> tuple[intent.Stance, str] | None:
        """The stance a question asks about and the resolution it is on (stances.stance_asked); a stance on the
        premise a question states without naming the resolution is on the resolution of the report whose request
        names such restrictions."""
        premised = [d.resolution for d in documents if d.resolution and premise_named(self.retriever, d.id)]
        return stance_asked(self.tables, analysis, documents, subject, premised)

    # --- extractive checks ----------------------------------------------------------------------------

    def check(self, plan: Plan) -> list[Finding]:
        """The respondents that meet the plan's condition, each with the passage and sentence that show it."""
        findings = []
        for section in plan.sections:
            finding = self.check_section(plan.condition, section)
            if finding is not None:
                findings.append(finding)
        return in_every_document(plan, findings, self.retriever.documents)

    def check_section(self, condition: Condition, section: Section) -> Finding | None:
        if condition.test in ("replied", "language"):
            return self.first_claim(section)
        if condition.test == "mention":
            return self._mention(condition, section)
        if condition.test == "lacks":
            return self.claims.lacking(condition, section)
        if condition.test == "endorse":
            return endorsement_finding(self.retriever, condition, section)
        if condition.test == "named_by":
            return self.named_in.finding(condition, section)
        return stance_finding(self.retriever, condition, section)

    def first_claim(self, section: Section) -> Finding:
        """The reply's first sentence that states something; a heading or a bare lead-in only when it has
        nothing else."""
        fallback: Finding | None = None
        for position in section.positions:
            text = self.retriever.passages[position].text
            span = first_sentence(text)
            if fit(text[span[0] : span[1]]) > 0:
                return Finding(section, position, span)
            fallback = fallback or Finding(section, position, span)
        assert fallback is not None  # a section has at least one passage
        return fallback

    def _mention(self, condition: Condition, section: Section) -> Finding | None:
        if condition.affected:  # hit, or presenting itself as hit ("作为恐怖主义行为…的受害者，伊朗…")
            return self.claims.hit_itself(condition, section) or self.claims.identifies_as(condition, section)
        if condition.cites_resolutions:
            return citing.cites_other(self.retriever, condition, section)
        if condition.names_law:  # "which governments cite their own laws on arms"
            return self.claims.names_a_law(condition, section)
        if condition.all_treaties:  # "which states say they joined all the WMD treaties"
            return self.claims.party_to_all(section, intent.REGIME_WORD.search(condition.topic[0]) is not None)
        if condition.needs_date:  # "which replies say in what year the Australia Group was founded"
            return self.claims.dated(condition, section)
        found = self.phrases_named(condition, section)
        if condition.needs_figure == "number":  # the topic named where no figure is given does not count
            found = [f if f and intent.has_figure(self.retriever.passages[f.position].text) else None for f in found]
        named = [f for f in found if f is not None]
        flags = [f is not None for f in found]
        if not named or len(named) < condition.min_share * len(found) - 1e-9:
            return None
        if condition.phrase_weights and weighed_share(condition, flags) < RELAXED_WEIGHT:
            return None
        if condition.identity:
            return self.claims.identifies_as(condition, section)
        if condition.about_self:
            return self.claims.said_of_itself(condition, section)
        # The quote that shows most of the topic at once ("took part in … exercises" over "took part").
        return max(named, key=lambda f: self._phrases_in(condition, f))

    def _phrases_in(self, condition: Condition, finding: Finding) -> int:
        sentence = fold(self.retriever.passages[finding.position].text[finding.quote[0] : finding.quote[1]])
        return sum(any(names_phrase(sentence, fold(v)) for v in variants) for variants in condition.topic_variants)

    def phrases_named(self, condition: Condition, section: Section) -> list[Finding | None]:
        """For each phrase of the topic, where the reply names it (None where it does not); stops at the first
        phrase missing when every phrase is required."""
        found: list[Finding | None] = []
        if condition.needs_figure in ("share", "amount"):  # named where no percentage or amount is given: no count
            passages = self.retriever.passages
            kind = condition.needs_figure
            section = replace(
                section, positions=tuple(p for p in section.positions if figures.gives_figure(passages[p].text, kind))
            )
        for variants in condition.topic_variants:
            found.append(self._best_coverage(variants, section))
            if found[-1] is None and condition.min_share >= 1.0:
                break
        return found + [None] * (len(condition.topic_variants) - len(found))

    def _outside_other_names(self, text: str, variant: str, entity: Entity | None) -> str:
        """The text with the longer names that hold a name asked about (`variant`, a name of `entity`) blanked: China
        is not named by "77国集团和中国", the Group of 77 and China. A phrase that is no name (`entity` None) is looked
        for in the whole text."""
        if entity is None or variant not in text:
            return text
        mentions = self.tables.names.find_mentions(text)
        spans = [(m.start, m.end) for m in mentions if m.entity.id != entity.id and variant in m.text]
        return blank_spans(text, spans) if spans else text

    def _best_coverage(self, variants: Sequence[str], section: Section) -> Finding | None:
        entity = self.tables.names.get(section.respondent.id) if section.respondent.id else None
        if entity is not None and entity.display("en") in variants:
            return None  # a reply naming its own author does not mention it ("who mentions the United States")
        allowed = set(section.positions)
        best: tuple[float, int, tuple[str, ...]] | None = None
        for variant in variants:
            if is_cjk(variant[0]):
                # Chinese words carry no spaces: only the phrase itself shows that a reply names it.
                phrase = fold(variant)
                named = self.tables.names.resolve(variant)
                for position in section.positions:
                    text = self._outside_other_names(self.retriever.passages[position].text, variant, named)
                    folded = fold(text)
                    if names_phrase(folded, phrase):
                        naming = [sp for sp in sentence_spans(text) if names_phrase(folded[sp[0] : sp[1]], phrase)]
                        return Finding(section, position, best_quote(text, naming or [(0, len(text))]), 1.0)
                if (headed := under_heading(self.retriever.passages, section, phrase)) is not None:
                    return Finding(section, headed, first_sentence(self.retriever.passages[headed].text), 1.0)
                continue
            tokens = tuple(dict.fromkeys(lexical.tokenize(variant, self.tables.zh_mode)))
            weights = {t: self.retriever.idf(t) for t in tokens}
            if not any(weights.values()):
                continue
            # A word no passage holds weighs as the rarest word of the phrase, not nothing: "International
            # Convention for the Suppression of Acts of Nuclear Terrorism" is not named by the one word of it a
            # reply's English name holds ("International Atomic Energy Agency").
            rarest = max(weights.values())
            total = sum(weight or rarest for weight in weights.values())
            gained: dict[int, float] = {}
            for token, weight in weights.items():
                for position in self.retriever.postings(token):
                    if int(position) in allowed:
                        gained[int(position)] = gained.get(int(position), 0.0) + weight
            for position, gain in gained.items():
                share = gain / total
                if share >= TOPIC_COVERAGE and (best is None or (share, -position) > (best[0], -best[1])):
                    best = (share, position, tokens)
        if best is None:
            return None
        share, position, tokens = best
        return Finding(
            section, position, best_sentence(self.retriever.passages[position], tokens, self.tables.zh_mode), share
        )
