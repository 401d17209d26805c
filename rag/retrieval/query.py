"""Query understanding: language, resolution/document symbols, named respondents, glossary expansion."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rag.core.text import blank_spans, fold, without_arabic_marks
from rag.indexing import lexical
from rag.lang import intent, kinds, lexicon, numerals
from rag.lang.detect import detect_language as detect_language  # where the answer stage has read it
from rag.lang.glossary import Glossary, GlossaryMatch
from rag.lang.names import NameTable
from rag.lang.persons import PersonIndex
from rag.retrieval.terms import NearTerms

# Weights of the lexical query parts: the user's own words count fully; translations through the
# glossary and the names table stand in for them; the Latin words of a non-Chinese query rarely occur
# in a Chinese corpus but still match symbols, acronyms and Latin names.
WEIGHT_OWN = 1.0
WEIGHT_TRANSLATION = 1.0
WEIGHT_VARIANT = 0.5
WEIGHT_FOREIGN_WORD = 0.3
WEIGHT_NAME = 0.5  # the respondent boost does most of the work for a named state
# A term that describes the report asked about ("the 2017 report on keeping WMD from terrorists") says where to
# look, which every passage of that report shares, not what to find there.
REPORT_DESCRIPTION_FACTOR = 0.3

_RESOLUTION_PATTERNS = (
    # A/RES/76/234, A/RES/ES-11/1
    # (Not \b: Chinese writes the symbol against its characters, "支持A/RES/76/234号决议".)
    re.compile(r"(?<![A-Za-z0-9])A\s*/\s*RES\s*/\s*(?P<res>(?:ES-)?\d{1,3}\s*/\s*\d{1,4})", re.IGNORECASE),
    # S/RES/1540 (2004), resolution 1540 (2004), 第1540(2004)号决议
    re.compile(
        r"(?:S\s*/\s*RES\s*/\s*|第\s*|resolu\w*\s+|резолюци\w*\s+)?(?P<sc>\d{3,4})\s*[(（]\s*(?P<year>\d{4})\s*[)）]"
    ),
    # 第76/234号决议, resolution 76/234, résolution 76/234, resolución 76/234, резолюция 76/234, bare 76/234
    re.compile(r"(?<![A-Za-z0-9/])(?P<res>\d{2,3}\s*/\s*\d{1,4})(?![A-Za-z0-9/])"),
)
_DOCUMENT_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/])(?P<sym>[ASE]\s*/\s*(?:CONF\.\d+\s*/\s*)?\d{1,3}\s*/\s*\d{1,4}(?:\s*/\s*Add\.\d+)?)"
    r"(?![A-Za-z0-9/])",
    re.IGNORECASE,
)


def resolution_symbols(text: str) -> tuple[str, ...]:
    """Resolutions named in any written form, normalised: "76/234", "1540(2004)"."""
    return tuple(dict.fromkeys(symbol for symbol, _, _ in resolution_mentions(text)))


def resolution_mentions(text: str) -> list[tuple[str, int, int]]:
    """Each resolution the text names, normalised as resolution_symbols gives it, with where it stands."""
    found: list[tuple[str, int, int]] = []
    documents = {re.sub(r"\s+", "", m.group("sym")).upper() for m in _DOCUMENT_SYMBOL.finditer(text)}
    # What follows a "/" in a document symbol (A/77/96: 77/96, 96): a resolution named only as part of one is not.
    parts = {d[i + 1 :] for d in documents for i, c in enumerate(d) if c == "/"}
    masked, blanked = text, set[str]()
    for symbol_match in _DOCUMENT_SYMBOL.finditer(text):
        if "RES" not in symbol_match.group(0).upper():
            masked, blanked = _blank_all(masked, symbol_match.group(0), blanked)
    for pattern in _RESOLUTION_PATTERNS:
        for match in pattern.finditer(masked):
            groups = match.groupdict()
            if groups.get("sc"):
                symbol = f"{groups['sc']}({groups['year']})"
            else:
                symbol = re.sub(r"\s+", "", groups["res"]).upper()
            if symbol not in parts:
                found.append((symbol, match.start(), match.end()))
            masked, blanked = _blank_all(masked, match.group(0), blanked)
    return found


def _blank_all(text: str, what: str, blanked: set[str]) -> tuple[str, set[str]]:
    """`text` with every occurrence of `what` replaced by spaces; once is enough for each `what` (blanks make none)."""
    if what in blanked:
        return text, blanked
    blanked.add(what)
    return text.replace(what, " " * len(what)), blanked


def document_symbols(text: str) -> tuple[str, ...]:
    """Document symbols such as "A/77/96" (resolution symbols are not documents here)."""
    symbols: dict[str, None] = {}
    for match in _DOCUMENT_SYMBOL.finditer(text):
        symbol = re.sub(r"\s+", "", match.group("sym")).upper()
        if "/RES/" not in symbol:
            symbols.setdefault(symbol)
    return tuple(symbols)


@dataclass(frozen=True)
class Concept:
    """One thing the question names, in each form a passage may state it (the words as asked, their
    translations, a name in another language): a sentence needs one form, not all of them."""

    forms: tuple[tuple[str, ...], ...]  # the tokens of each form
    weights: tuple[float, ...]  # how far each form stands for the question's own words


@dataclass(frozen=True)
class LanguageTables:
    """The language knowledge a question is read with, travelling as one record: the names table, the
    glossary (and its terms found by meaning), how Chinese is tokenized, the corpus's languages and the people
    named in the corpus."""

    names: NameTable
    glossary: Glossary
    zh_mode: lexical.ZhMode = "both"
    corpus_languages: tuple[str, ...] = ("zh",)
    persons: PersonIndex | None = None
    near_terms: NearTerms | None = None  # quoted names matched by meaning (hybrid mode)

    def terms(self, text: str, lang: str | None = None, prefer: str | None = None) -> list[GlossaryMatch]:
        """The glossary terms a text names: as written, and, for a name it quotes, by meaning."""
        matches = self.glossary.match(text, lang, prefer=prefer)
        return self.near_terms.merge(text, matches) if self.near_terms is not None else matches


@dataclass(frozen=True)
class References:
    """What a text names, without reading the rest of it: states and organizations, resolutions, documents."""

    respondents: tuple[str, ...]
    resolutions: tuple[str, ...]
    documents: tuple[str, ...]


def references(text: str, names: NameTable) -> References:
    """The respondents, resolutions and documents a text names (as `analyze` finds them, and nothing else)."""
    respondents = tuple(dict.fromkeys(m.entity.id for m in names.find_mentions(text)))
    return References(respondents, resolution_symbols(text), document_symbols(text))


@dataclass(frozen=True)
class QueryAnalysis:
    text: str
    language: str
    resolutions: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    respondents: tuple[str, ...] = ()  # canonical ids of states/organizations named in the query
    set_apart: tuple[str, ...] = ()  # those of them the question sets apart ("besides Mexico, who…")
    reply_languages: tuple[str, ...] = ()  # "replied in Russian" -> ("ru",)
    expansions: tuple[str, ...] = ()  # Chinese renderings added from the glossary and the names table
    tokens: Mapping[str, float] = field(default_factory=dict)  # weighted lexical query
    concepts: tuple[Concept, ...] = ()  # the same tokens grouped by what they stand for


@dataclass
class _Gathered:
    """What the analysis of one query gathers: weighted lexical tokens, concepts, and renderings."""

    zh_mode: lexical.ZhMode
    own_weight: float
    tokens: dict[str, float] = field(default_factory=dict)
    concepts: list[Concept] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)
    seen: set[Concept] = field(default_factory=set)  # the concepts, to find one again in constant time

    def add(self, words: list[str], weight: float) -> None:
        for token in words:
            self.tokens[token] = max(self.tokens.get(token, 0.0), weight)

    def concept(self, *forms: tuple[list[str], float]) -> None:
        kept = [(tuple(dict.fromkeys(words)), weight) for words, weight in forms if words]
        made = Concept(tuple(f for f, _ in kept), tuple(w for _, w in kept))
        if kept and made not in self.seen:  # "the EU … extra-EU exports" names one thing
            self.concepts.append(made)
            self.seen.add(made)

    def rendered(self, asked: str, renderings: Iterable[tuple[str, float]]) -> None:
        """One concept: the words as asked, and their renderings in the corpus's languages as other forms."""
        forms = [(lexical.tokenize(asked, self.zh_mode), self.own_weight)]
        for rendering, weight in renderings:
            self.expansions.append(rendering)
            forms.append((lexical.tokenize(rendering, self.zh_mode), weight))
        for words, weight in forms:
            self.add(words, weight)
        self.concept(*forms)


APART_REACH = 80  # characters around a name read for "besides" before it or "which other" after it


def _set_apart(text: str, start: int, end: int) -> bool:
    """intent.set_apart read in a window around the name, so that a long text with many names takes linear time."""
    offset = max(0, start - APART_REACH)
    return intent.set_apart(text[offset : end + APART_REACH], start - offset, end - offset) is not None


def analyze(text: str, tables: LanguageTables, language: str | None = None) -> QueryAnalysis:
    """Everything retrieval needs to know about a query; pure given the tables. Names are rendered in
    every language the corpus holds, and glossary terms into Chinese when the corpus has Chinese. The
    language is detected from the text unless the caller already knows it."""
    text = without_arabic_marks(text)  # "تموّل", "أيّها": the same words as "تمول", "أيها"
    language = language or detect_language(text)
    # "0,0206" and "٠٫٠٢٠٦" are written "0.0206" in the documents
    asked, text = text, numerals.decimal_points(numerals.western_digits(text))
    own_weight = WEIGHT_OWN if language in tables.corpus_languages else WEIGHT_FOREIGN_WORD
    gathered = _Gathered(tables.zh_mode, own_weight)
    mentions = tables.names.find_mentions(text)
    respondents = tuple(dict.fromkeys(m.entity.id for m in mentions))
    # "Besides Mexico, who…": a name set apart is what the question does not ask about; nothing is searched for it.
    apart = tuple(dict.fromkeys(m.entity.id for m in mentions if _set_apart(text, m.start, m.end)))
    for mention in (m for m in mentions if m.entity.id not in apart):
        displayed = (mention.entity.display(lang) for lang in tables.corpus_languages if lang != language)
        gathered.rendered(mention.text, ((name, WEIGHT_NAME) for name in displayed if name))
    remaining = blank_spans(text, [(m.start, m.end) for m in mentions])
    for token in lexical.tokenize(remaining, tables.zh_mode):
        gathered.add([token], WEIGHT_OWN if _script_neutral(token) else own_weight)
    taken: list[tuple[int, int]] = []
    if language != "zh" and "zh" in tables.corpus_languages:
        taken = _chinese_renderings(text, remaining, language, tables, gathered)
    resolutions = resolution_symbols(text)
    for symbol in resolutions:
        gathered.add([fold(symbol)], WEIGHT_OWN)
        gathered.concept(([fold(symbol)], WEIGHT_OWN))
    # The words not yet taken by a name, a glossary term or a resolution symbol are concepts of their own.
    if resolutions:
        taken += [(m.start(), m.end()) for pattern in _RESOLUTION_PATTERNS for m in pattern.finditer(remaining)]
    gathered.concepts.extend(word_concepts(blank_spans(remaining, taken), own_weight, tables.zh_mode))
    return QueryAnalysis(
        text=asked,
        language=language,
        resolutions=resolutions,
        documents=document_symbols(text),
        respondents=respondents,
        set_apart=apart,
        reply_languages=lexicon.reply_languages(text),
        expansions=tuple(dict.fromkeys(gathered.expansions)),
        tokens=gathered.tokens,
        concepts=tuple(gathered.concepts),
    )


def _chinese_renderings(
    text: str, remaining: str, language: str, tables: LanguageTables, gathered: _Gathered
) -> list[tuple[int, int]]:
    """Glossary terms, numbers and people's names of a question asked in another language than the Chinese
    corpus, gathered with their Chinese renderings; returns the spans they take."""
    # Terms of any UN language are recognised: a short query in French or Spanish often has no word that tells
    # its language apart, and a wrong guess must not hide its terms (longest match first, then language order).
    matches = tables.terms(remaining, None, prefer=language)
    if intent.QUANTITY.search(text) or intent.ASKS_AMOUNT.search(text):
        # "How many euros did the EU give?": the currency is the unit of the answer, not what it is about.
        matches = [m for m in matches if not intent.MONEY_UNIT.search(m.text)]
    for match in matches:
        variants = enumerate(match.term.zh)
        factor = REPORT_DESCRIPTION_FACTOR if intent.describes_report(text, match.start, match.end) else 1.0
        # "the multilateral export control regimes" are named in replies as the NSG, the Australia Group…
        members = _members(match.term.zh[0], tables.names) if match.term.zh else []
        gathered.rendered(
            match.text,
            [(term, factor * (WEIGHT_TRANSLATION if i == 0 else WEIGHT_VARIANT)) for i, term in variants]
            + [(name, factor * WEIGHT_VARIANT) for name in members],
        )
    unmatched = blank_spans(remaining, [(m.start, m.end) for m in matches])
    # "seventy-third", "73rd", "junio": written as Chinese documents write them (第七十三, 6月).
    numbers = numerals.find_numbers(unmatched, language)
    for number in numbers:
        gathered.rendered(number.text, ((form, WEIGHT_TRANSLATION) for form in number.forms))
    # People named in Latin or Cyrillic letters, in the transliterations the reports use (Krepon -> 克雷彭), or by a
    # full name in Arabic letters (أنطون خلوبكوف -> 赫洛普科夫).
    persons = tables.persons
    people = persons.find_in(unmatched) + persons.arabic_full_names(unmatched) if persons is not None else []
    for start, end, renderings in people:
        gathered.rendered(text[start:end], ((rendering, WEIGHT_NAME) for rendering in renderings))
    taken = [(m.start, m.end) for m in matches] + [(n.start, n.end) for n in numbers]
    return taken + [(start, end) for start, end, _ in people]


def _members(pivot: str, names: NameTable) -> list[str]:
    """The Chinese names of the bodies a general term stands for (rag/lang/kinds.py), as replies name them."""
    entities = (names.get(member) for member in kinds.members(pivot))
    return [name for entity in entities if entity is not None and (name := entity.display("zh"))]


def word_concepts(text: str, weight: float = WEIGHT_OWN, zh_mode: lexical.ZhMode = "both") -> tuple[Concept, ...]:
    """Each word of `text` as a concept of one form. Numbers and symbols ("2019", "76/234") read the same in
    every language, so they keep full weight whatever the weight of the words around them."""
    return tuple(
        Concept((tuple(dict.fromkeys(group)),), (WEIGHT_OWN if all(map(_script_neutral, group)) else weight,))
        for group in lexical.token_groups(text, zh_mode)
    )


def _script_neutral(token: str) -> bool:
    return not any(c.isalpha() for c in token)
