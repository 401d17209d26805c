"""What a "which states mention X" question is about: its topic phrases, each with its renderings in the corpus,
read from the question with the names table, the glossary and the corpus text itself."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.answering import chinese, wording
from rag.answering.asides import (
    ORGAN_ORDINAL,
    cited_resolution,
    frame_words,
    is_frame,
    mentioned_object,
    names_organ,
    preamble,
    regardless,
    sentence_before,
    set_aside,
    symbol_forms,
)
from rag.answering.topic_reading import Reading
from rag.answering.wording import FRAME_ZH, held_parts, in_title, uncovered_runs, zh_words
from rag.core.text import fold, is_cjk
from rag.core.types import Document
from rag.lang import cues, dates, intent, kinds, lexicon, numerals, regions, stance_words
from rag.lang.glossary import reading_language
from rag.lang.years import YEAR, YEAR_WHEN, report_years
from rag.retrieval.query import QueryAnalysis, resolution_mentions
from rag.retrieval.retriever import Retriever
from rag.retrieval.scope import document_year

NEGATED_VERB_GAP = 3  # characters, at most, between a negation and the verb of mentioning it negates (没有 提到)
NAME_WORDING = 2  # Chinese characters, at most, of a word right before a name that are its wording, not a topic
TEXT_CACHE = 16  # sets of documents whose text is kept for looking phrases up
_COUNTERS = frozenset("年月日号个份次届项名起笔亿万千百余多")  # what follows a Chinese number that counts or dates
# A reference code of letters and numbers joined by slashes ("ODA/2022-00036/PICIT", "S/RES/2325"), not a report's
# symbol alone ("A/77/96": one letter first).
_REFERENCE = re.compile(r"(?<![\w/])[A-Z]{2,}(?:/[A-Z0-9][A-Z0-9.-]*)+(?![\w/])")
# A quoted phrase: 《…》, “…”, «…», "…".
_QUOTED = re.compile(r"[《“«\"]\s*([^《》“”«»\"]{2,60}?)\s*[》”»\"]")  # « COCOM »: the phrase, not its spaces


@dataclass(frozen=True)
class Topic:
    shown: tuple[str, ...]  # each topic phrase as the question words it, for the answer sentence
    variants: tuple[tuple[str, ...], ...]  # each topic phrase's renderings in the corpus (aligned with shown)
    untranslated: tuple[str, ...]  # content words the corpus languages have no rendering for


def quoted(text: str) -> frozenset[str]:
    """The phrases a question quotes («نوادٍ», "catch-all", 《渥太华公约》): the words it insists on."""
    return frozenset(m.group(1) for m in _QUOTED.finditer(text))


def _word_end(text: str, end: int) -> int:
    """Where the word a cue matched the start of ends ("critici" of "criticise"); a Chinese cue is a word."""
    if end == 0 or is_cjk(text[end - 1]):
        return end
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return end


_PLACE_NOUN_ZH = re.compile(r"(?:地区|区域|一带)")  # after a region's name: the word for a region, no topic
_FRAMING = cues.pattern("framing_phrase")  # "dans le cadre de l'examen": where, not what


class Topics:
    """Reads the topic of set questions, looking phrases up in the text of the documents asked about."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.tables = retriever.tables
        self._texts: dict[tuple[str, ...], str] = {}  # documents -> their text
        self._symbols = frozenset(d.symbol for d in retriever.documents.values() if d.symbol)  # the reports' own

    def read(self, analysis: QueryAnalysis, documents: Sequence[Document], claim: bool = False) -> Topic:
        """What a "which states mention X" question is about: phrases with their renderings in the corpus,
        minus the words every such question uses and the words of the documents' own titles. With `claim`, the
        words of a claim about oneself ("victims", "present themselves as") are read as the topic too: the
        question names nothing else ("which states present themselves as victims?")."""
        # And in the asker's language: "en el plano regional y subregional" describes A/77/87 in Spanish.
        asker = analysis.language
        titles = [t for d in documents for t in (d.title, d.title_en, *(t for g, t in d.titles if g == asker)) if t]
        reading, untranslated = self._read(analysis, documents, titles, claim, preamble(analysis.text))
        if not reading.shown and not untranslated:  # "Kazakhstan proposes a new agency. Who else proposed it?"
            reading, untranslated = self._read(analysis, documents, titles, claim)
        resolutions = {d.resolution for d in documents if d.resolution}
        mentioned = resolution_mentions(reading.text)
        # The report's own resolution describes the report, unless the question asks who cites it ("which
        # organizations cite resolution 71/38 by name", "直接点了第71/38号决议的名"): then it is what replies name.
        # Another resolution than the report's ("Security Council resolution 2325 (2016)") is what replies must name;
        # the words naming its organ go with it.
        others = [m for m in mentioned if m[0] not in resolutions or cited_resolution(reading.text, m[1])]
        own = [(start, end) for symbol, start, end in mentioned if (symbol, start, end) not in others]
        beside = own + [(start, end) for _, start, end in others]
        reading.drop(
            lambda span: (
                intent.describes_report(reading.text, *span)
                or wording.fills_title_slot(reading.text, *span, titles)
                or (names_organ(reading.text, span, beside) and not all(reading.named[span[0] : span[1]]))
                or any(span[0] < end and start < span[1] for start, end in beside)
            )  # "Security Council [resolution 2325]"
        )
        for symbol, start, end in others:
            reading.add(reading.text[start:end], symbol_forms(symbol), (start, end))
        if len(resolutions) == 1 and (own_words := intent.OWN_RESOLUTION.search(reading.text)) is not None:
            # "quote the number of the resolution they are responding to": the report's own, by its symbol
            span = own_words.span()
            reading.drop(lambda other: other[0] < span[1] and span[0] < other[1])
            symbol = next(iter(resolutions))
            reading.add(symbol, symbol_forms(symbol), span)
        reading.drop(lambda span: reading.names_a_quoted_phrase(span) or reading.names_a_title(span))
        if len(reading.shown) > 1:  # "… à la Deuxième Commission plutôt qu'à la Première": the First is set aside
            reading.drop(lambda span: set_aside(reading.text, span))
        reading.drop_or_unreadable(untranslated)
        return self._topic(reading, untranslated, analysis)

    def lacked(self, analysis: QueryAnalysis, documents: Sequence[Document]) -> Topic:
        """What a "which states say they possess no X" question says they lack: the phrases after its words of
        lacking, a title's words included (no WMD, in the report on WMD)."""
        reading, untranslated = self._read(analysis, documents, [])
        said = intent.LACKS.search(reading.text)
        after = said.end() if said else 0
        reading.drop(lambda span: span[0] < after)
        return self._topic(reading, untranslated, analysis)

    def _read(
        self,
        analysis: QueryAnalysis,
        documents: Sequence[Document],
        titles: Sequence[str],
        claim: bool = False,
        preamble: int = 0,
    ) -> tuple[Reading, list[str]]:
        """The question's phrases and the words left untranslated, its first `preamble` characters left unread."""
        reading = Reading(analysis.text)
        reading.cover(0, preamble)
        self._frame(reading, claim)
        self._names(reading)
        language = reading_language(analysis.language)
        terms = self._terms(reading, titles, language)
        if analysis.language == "zh":
            chinese.read_elided(reading, self.tables.glossary)
            chinese.read_aliases(reading, self.tables.glossary, self._corpus_text(documents), titles)
        else:
            reading.ordinals(analysis.language, terms)
        for start, end, form in numerals.article_references(reading.text):  # "статья III" -> 第三条
            if not any(reading.covered[start:end]):
                reading.cover(start, end)
                reading.add(reading.text[start:end], (form,), (start, end))
        # A phrase the question quotes is a term of its own; one no text could hold as written (« valores » over
        # Chinese texts, with no rendering) is a word left untranslated, not a phrase every reply must hold.
        readable = any(map(is_cjk, reading.text)) or any(
            d.language == analysis.language for d in self.retriever.documents.values()
        )
        unrendered = []
        for match in _QUOTED.finditer(reading.text):
            if not any(reading.covered[match.start(1) : match.end(1)]):
                reading.cover(match.start(1), match.end(1))
                if readable or any(map(is_cjk, match.group(1))):
                    # 《渥太华公约》 is met by the convention's full title too (关于禁止使用…杀伤人员地雷…的公约).
                    forms = self.tables.glossary.zh_synonyms(match.group(1))
                    if titles and any(in_title(f, titles) for f in (match.group(1), *forms)):
                        continue  # a report asked about, quoted by its title ("في تقريرَي "تدابير بناء الثقة…"")
                    reading.add(match.group(1), forms, match.span(1))
                else:
                    unrendered.append(match.group(1))
        untranslated = self._rest(reading, titles, documents) + unrendered
        reading.alternatives(untranslated)
        reading.examples()
        reading.kinds()
        reading.restatements()
        ways = regardless(reading.text, intent.set_cue(reading.text))  # "whether South Asia or…": kinds of Asia
        reading.join_kinds(
            [(m.text, m.term.zh) for s, e in ways for m in self.tables.terms(reading.text[s:e], language)]
        )
        # "Además de lo químico, biológico…, ¿quiénes meten también los explosivos?": what is set apart is no topic,
        # as a respondent set apart is none, when something else is asked.
        apart = {span for span in reading.spans if span is not None and intent.set_aside_around(reading.text, *span)}
        if apart and any(shown and span not in apart for shown, span in zip(reading.shown, reading.spans, strict=True)):
            reading.drop(lambda span: any(a[0] <= span[0] and span[1] <= a[1] for a in apart))  # "77" of it too
        return reading, untranslated

    def _topic(self, reading: Reading, untranslated: list[str], analysis: QueryAnalysis) -> Topic:
        if untranslated and any(d.language == analysis.language for d in self.retriever.documents.values()):
            for word in untranslated:
                reading.add(word, (word,))
            untranslated = []
        # One phrase per set of renderings, as first worded (the same term asked twice is one phrase), and one per
        # wording ("“实验室”…捣毁恐怖分子用的实验室": read twice, quoted once, asked for once with both renderings).
        phrases: list[tuple[str, tuple[str, ...]]] = []
        # "суммы в долларах США": a name inside a longer phrase ("США") is part of what it names, not a topic of its own
        reading.drop_within()
        for shown, forms in zip(reading.shown, reading.variants, strict=True):
            shown, variants = shown.strip(), lexicon.with_doctrine_kin(forms)  # terrorism: 恐怖主义, 恐怖分子
            if shown.count('"') == 1:  # protecting "critical" infrastructure: the term begins inside the quotes
                shown = shown.replace('"', "")
            if not shown or any(v == variants for _, v in phrases):
                continue
            same = next((i for i, (s, _) in enumerate(phrases) if fold(s) == fold(shown)), None)
            if same is None:
                phrases.append((shown, variants))
            else:
                phrases[same] = (phrases[same][0], tuple(dict.fromkeys((*phrases[same][1], *variants))))
        return Topic(tuple(s for s, _ in phrases), tuple(v for _, v in phrases), tuple(untranslated))

    def _frame(self, reading: Reading, claim: bool = False) -> None:
        """The set question's own cue, the region it names (which respondents, not what they say), symbols and
        numbers are no topic; nor the words of a claim about oneself, unless `claim`."""
        text = reading.text
        for _, pattern in intent.SET_PATTERNS:
            for match in pattern.finditer(text):
                reading.cover(match.start(), match.end())
        if counted := intent.count_cue(text):  # "how many states": counted, not a topic
            reading.cover(counted[1], counted[2])
        for match in intent.ABOUT_SELF.finditer(text):  # "themselves", "自己": of whom, not what
            reading.cover(match.start(), match.end())
        for match in () if claim else intent.ASKS_IDENTITY.finditer(text):  # "present themselves as": what follows
            reading.cover(match.start(), match.end())
        # "which states criticise unilateral sanctions": how, not what
        for match in stance_words.OPPOSE_WORD.finditer(text):
            reading.cover(match.start(), _word_end(text, match.end()))
        for match in () if claim else intent.ASKS_AFFECTED.finditer(text):  # "victims of sanctions": not what
            reading.cover(match.start(), _word_end(text, match.end()))
        for match in intent.LACKS.finditer(text):  # "possess no": what they say of it, not what they name
            reading.cover(match.start(), match.end())
        at = 0
        while (negation := intent.negation(text, at)) is not None:  # "哪些没有提到…": which do not, not what
            at = negation.end()
            verb = intent.MENTION_VERB.search(text, at, at + NEGATED_VERB_GAP + 4)  # not 不 of 不结盟运动
            if verb is not None and verb.start() - at <= NEGATED_VERB_GAP:
                reading.cover(negation.start(), negation.end())
        for start, end in regardless(text, intent.set_cue(text)):  # "whether it is A or B": none required
            reading.cover(start, end)
        for match in _FRAMING.finditer(text):  # "dans le cadre de", "в рамках": where something is done
            reading.cover(match.start(), match.end())
        for match in intent.OTHERS_ASKED.finditer(text):  # "which other", "who else": others than those named
            reading.cover(match.start(), match.end())
        for match in intent.AMONG_THEM.finditer(text):  # "其中哪些…": of those, not what they say
            reading.cover(match.start(), match.end())
        asked = regions.of_respondents(text, self.tables.names)
        for region in asked:  # not "which states mention Africa"
            end = region.end + (len(m.group()) if (m := _PLACE_NOUN_ZH.match(text, region.end)) else 0)  # 中东地区
            reading.cover(regions.region_link_start(text, region.start), end)  # "that were part of", 来自
            if region.pointed_to is not None and (said := sentence_before(text, *region.pointed_to, region.start)):
                reading.cover(*said)  # "ОДКБ отвечала… как организация. А какие её государства-члены…": who "её" is
        for region in regions.find(text, self.tables.names):  # "Африка в докладах: какие африканские государства…"
            if any(r.region == region.region for r in asked):
                reading.cover(region.start, region.end)
        # "replies sent before May 2017": whose, not what; and then every date it gives is of replies ("avant la
        # vague de fin mai", "The report printed replies received by 31 May. Whose came in on that day?")
        spans = dates.all_reply_dates(text)
        dated = [(d.start, d.end) for d in spans] + (dates.mentions_with_edges(text) if spans else [])
        for reply in spans:
            reading.cover(min(reply.start, reply.word[0]), max(reply.end, reply.word[1]))
        for start, end in dated:
            reading.cover(start, end)
        for match in _REFERENCE.finditer(text):  # "ODA/2022-00036/PICIT": a reference replies quote as written
            if not resolution_mentions(match.group()) and match.group() not in self._symbols:
                reading.add(match.group(), (match.group(),), match.span())
            reading.cover(match.start(), match.end())
        for match in re.finditer(r"[A-Za-z]?/?\d[\d/().\s-]*", text):
            reading.cover(match.start(), match.end())
            if organ := ORGAN_ORDINAL.search(text, 0, match.start()):  # "安理会第1540号决议": the number is the topic
                reading.cover(organ.start(), organ.end())
            number = match.group().strip()
            if any(start <= match.start() < end for start, end in dated):
                continue
            if self._a_detail(text, number, match.start(), match.start() + len(number)):
                start = match.start()  # "a law, No. 55, passed in 2006": the numbers are what the reply must give
                reading.add(number, (number,), (start, start + len(number)))

    def _a_detail(self, text: str, number: str, start: int, end: int) -> bool:
        """Whether a number a set question gives is a detail a reply must state ("a law passed in 2006", "No. 55"):
        not a symbol, nor the year of a report (said of it or of one of the documents), nor a count of respondents
        ("the 3 states that…")."""
        if not number.isdigit() or len(number) > 4:
            return False
        if any(t.start <= start and end <= t.end for t in self.tables.terms(text, None)):
            return False  # "the 1540 Committee": part of a name
        if any(m.start <= start and end <= m.end for m in self.tables.names.find_mentions(text)):
            return False  # "Группа 77 и Китай": part of a state's or organization's name
        glued = text[start + len(number) : start + len(number) + 1]
        if glued and is_cjk(glued) and glued not in _COUNTERS:
            return False  # 1540委员会: a number written against a noun names it
        years = {str(y) for d in self.retriever.documents.values() if (y := document_year(d))}
        if number in years or int(number) in report_years(text):
            return False
        if YEAR.fullmatch(number) and not YEAR_WHEN.search(text, 0, start):
            return False  # "la enmienda de 2005": a year naming a thing replies often leave out
        return not intent.RESPONDENT_NOUN_AHEAD.match(text, end)

    def _names(self, reading: Reading) -> None:
        mentions = [
            (m, intent.set_apart(reading.text, m.start, m.end)) for m in self.tables.names.find_mentions(reading.text)
        ]
        # "Iraq names ISIL; who other than Iraq…": a name set apart once is no topic before the set question's cue;
        # after it, where it is not set apart, it is what the replies speak of ("besides INTERPOL itself, who says it
        # works with INTERPOL").
        apart_ids = {m.entity.id for m, apart in mentions if apart}
        cue = intent.set_cue(reading.text)
        cue_end = cue[2] if cue is not None else len(reading.text)
        # "EU member states": a name inside the group that says who is asked about is no topic.
        groups = regions.groups(reading.text, self.tables.names)
        grouped = {m.entity.id for m, _ in mentions if any(g.holds(m.start, m.end) for g in groups)}
        for mention, apart in mentions:
            reading.cover(mention.start, mention.end)
            reading.named[mention.start : mention.end] = [True] * (mention.end - mention.start)
            if apart:
                reading.cover(apart.start(), mention.start)  # "besides", before the name
                if apart.start() == mention.end:  # "… own submission aside", right after it
                    reading.cover(mention.end, apart.end())
            named_apart_before = any(
                m.entity.id == mention.entity.id and a and m.start < mention.start for m, a in mentions
            )  # "除了原子能机构自己，还有谁提到了原子能机构": named again after being set apart, it is the topic
            if mention.entity.id in apart_ids and (apart or (mention.start < cue_end and not named_apart_before)):
                continue  # "besides Mexico, who…": set apart from the answer, not its topic
            if any(g.holds(mention.start, mention.end) for g in groups):
                continue
            if mention.entity.id in grouped and all(mention.end <= g.start for g in groups):
                continue  # "我想了解北约。哪些北约成员国…": named before the group, it sets the scene
            if intent.included(reading.text, mention.start, mention.end):
                continue  # "… Noruega incluida": one of those asked for, not what they speak of
            # The official name in every language, and every name the corpus's languages give it (叙利亚 beside
            # 阿拉伯叙利亚共和国: replies often use the short form).
            entity, languages = mention.entity, ("zh", "en", "fr", "es", "ru", "ar")
            official = (n for lang in languages if (n := entity.display(lang)))
            known = (n for lang in self.tables.corpus_languages for n in entity.names.get(lang, ()))
            renderings = tuple(dict.fromkeys((*official, *known)))
            reading.add(mention.text, renderings, (mention.start, mention.end))

    def _terms(self, reading: Reading, titles: Sequence[str], language: str | None) -> list[tuple[int, int]]:
        """Read the glossary terms the question names; returns where each stands, read or not."""
        matches = self.tables.terms(reading.text, language)
        mentioned: int | None = None  # the end of the last term a verb of mentioning names
        for term in matches:
            # a name the names table already gave ("Australia Group"), the question's frame ("victims of", "criticise")
            if all(reading.named[term.start : term.end]) or all(reading.covered[term.start : term.end]):
                continue
            reading.cover(term.start, term.end)
            zh = term.term.zh
            # "which replies (never) mention terrorism", in the report on terrorists: what they name, not the report
            if named := mentioned_object(reading.text, term.start, mentioned):
                mentioned = term.end
            titled = not named and any(in_title(v, titles) for v in (*zh, term.text))
            if zh[0] in FRAME_ZH or titled or frame_words(term.text):
                continue
            variants = (*zh, *term.term.forms.get("en", ())[:1], *self._member_names(zh))
            reading.add(term.text, tuple(dict.fromkeys(variants)), (term.start, term.end))
        return [(t.start, t.end) for t in matches]

    def _member_names(self, forms: Sequence[str]) -> tuple[str, ...]:
        """The names, in the corpus's languages, of the bodies a general term (any of its Chinese forms) stands for
        (kinds.yaml)."""
        names = self.tables.names
        return tuple(
            n
            for member in dict.fromkeys(m for form in forms for m in kinds.members(form))
            if (entity := names.get(member)) is not None
            for lang in self.tables.corpus_languages
            for n in entity.names.get(lang, ())
        )

    def _rest(self, reading: Reading, titles: Sequence[str], documents: Sequence[Document]) -> list[str]:
        """The words not taken yet: Chinese phrases the documents hold become topic phrases (a word of the question's
        own that no passage holds, "那份", "自己当过", is its wording, not its topic); the content words of other
        languages are returned as untranslated."""
        held = self._corpus_text(documents)
        folded_titles = " ".join(fold(t) for t in titles)
        untranslated: list[str] = []
        unheld: list[str] = []  # Chinese words no passage holds, whole or in runs of three characters
        cursor = 0  # where the runs are found in the question, for the phrases' places
        for run in uncovered_runs(reading.text, reading.covered):
            cursor = max(cursor, reading.text.find(run, cursor))
            if is_cjk(run[0]):
                for word in zh_words(run, titles):
                    if len(word) < 2:
                        continue
                    # "给出了欧元金额": a two-character term (欧元) in a word no passage holds is a concept, not wording
                    parts = held_parts(word, held) or [
                        p for p in held_parts(word, held, 2) if self.tables.glossary.is_zh_form(p)
                    ]
                    if not parts:
                        unheld.append(word)
                    for part in parts:
                        start = reading.text.find(part, cursor)
                        if len(part) <= NAME_WORDING and start >= 0 and reading.before_a_name(start + len(part)):
                            continue  # "借助世界贸易组织": the verb before a name is how the question speaks of it
                        # 1540委员会: 第1540(2004)号决议所设委员会; 科技脱钩: 技术脱钩
                        synonyms = self.tables.glossary.zh_compound_synonyms(part)
                        synonyms = tuple(dict.fromkeys((*synonyms, *self._member_names(synonyms))))
                        reading.add(part, synonyms, (start, start + len(part)) if start >= 0 else None)
                continue
            for word in re.findall(r"[^\W\d_]+", run):
                folded = fold(word)
                if len(folded) > 2 and not is_frame(folded) and folded not in folded_titles:
                    untranslated.append(word)
        if not reading.variants and intent.MENTION_VERB.search(reading.text):
            # Nothing else to look for in a question asking who mentions something: a word of two characters that a
            # passage holds may say it ("提到过桌面推演": 桌面, as in 桌面演练); beside other phrases, or asked of what
            # replies did ("投了弃权票"), such short words would let too much through.
            for word in unheld:
                for part in held_parts(word, held, 2):
                    start = reading.text.find(part)
                    reading.add(part, (part,), (start, start + len(part)) if start >= 0 else None)
        return untranslated

    def _corpus_text(self, documents: Sequence[Document]) -> str:
        """The folded text of the documents' passages without blanks, to look a phrase up in (cached)."""
        key = tuple(sorted(d.id for d in documents))
        if key not in self._texts:
            if len(self._texts) >= TEXT_CACHE:
                self._texts.clear()
            wanted = set(key)
            passages = (p for p in self.retriever.passages if p.doc_id in wanted)
            self._texts[key] = "".join("".join(fold(p.text).split()) for p in passages)
        return self._texts[key]
