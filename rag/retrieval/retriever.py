"""Hybrid retrieval: weighted BM25 and FAISS candidates, fused by reciprocal rank, with filters and boosts."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from rag.core.errors import QueryError
from rag.core.settings import Settings
from rag.core.text import fold
from rag.core.types import Counterpart, Document, Hit, Passage, SearchFilters
from rag.indexing.dense import Encoder
from rag.indexing.faissindex import search_params
from rag.indexing.sentences import row_spans
from rag.indexing.store import LoadedIndex
from rag.lang.glossary import Glossary, default_glossary
from rag.lang.names import NameTable, default_names
from rag.lang.persons import PersonIndex
from rag.lang.years import YEAR
from rag.retrieval import lists
from rag.retrieval.fusion import reciprocal_rank_fusion
from rag.retrieval.query import LanguageTables, QueryAnalysis, analyze
from rag.retrieval.scope import named_documents, ranking_tokens
from rag.retrieval.terms import NearTerms
from rag.retrieval.vectors import VectorCache, encoded

log = logging.getLogger("rag.retrieval.retriever")

# A respondent named in the query is most likely the one speaking in the answer; a resolution named in
# the query points at the report that answers it; "replied in Russian" points at replies in Russian.
# They raise, never restrict, what can be found.
RESPONDENT_BOOST = 1.6
RESOLUTION_BOOST = 1.25
REPLY_LANGUAGE_BOOST = 2.0
# A figure the query quotes ("0,0206 %", "3 073") that few passages hold points at them: a share, an amount or a
# count is worded many ways around it, and the figure is the one thing a paraphrase keeps.
FIGURE_BOOST = 2.0
FIGURE_RARITY = 3  # passages, at most, that hold the figure (1540, or a common count, points at nothing)
_FIGURE = re.compile(r"\d+[.,]\d+|\d{3,}")
# Cosine similarities are not on BM25's scale: a boost adds this much similarity per unit of boost.
DENSE_BOOST_WEIGHT = 0.05
MEANING_ONLY = (
    "no word of the query or of its renderings occurs in the documents: these passages are only the closest to it "
    "in meaning; check the spelling, or try other words"
)
# Vectors of recent questions and of the sentences the answer stage compares them with, kept by text.
QUERY_CACHE = 256
SENTENCE_CACHE = 20_000


@dataclass(frozen=True)
class SentenceNear:
    """A sentence of a passage and how close it lies to some texts in the sentence model's space."""

    position: int  # of the passage in the index
    span: tuple[int, int]  # offsets in the passage text
    similarity: float


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    analysis: QueryAnalysis
    mode: str  # "lexical" or "hybrid"
    empty_because: str | None = None  # why there are no hits, said to the user
    note: str | None = None  # what the user should know of the hits (found by meaning alone)

    @property
    def warnings(self) -> list[str]:
        """What the user is told beside the hits: why there are none, or what they are."""
        return [w for w in (self.empty_because, self.note) if w]


class Retriever:
    """The one door into the loaded index: searches, and the few reads the answer stage needs."""

    def __init__(
        self,
        index: LoadedIndex,
        settings: Settings,
        encoder: Encoder | None = None,
        names: NameTable | None = None,
        glossary: Glossary | None = None,
        sentence_encoder: Encoder | None = None,
    ) -> None:
        self._index = index
        self.settings = settings
        self.encoder = encoder if index.dense is not None else None
        # The second dense ranking, over sentences with another model (rag.indexing.sentences).
        self.sentence_encoder = sentence_encoder if index.sentences is not None else None
        passages = index.passages
        # Per-passage attributes as integer codes, so filters and boosts are cheap at any corpus size.
        self._doc_of = _Codes(p.doc_id for p in passages)
        self._respondent_of = _Codes(p.respondent.id or fold(p.respondent.name) for p in passages)
        self._kind_of = _Codes(p.respondent.kind for p in passages)
        self._language_of = _Codes(p.respondent.original_language or "" for p in passages)
        # A paragraph and its versions in the document's other languages are one unit: one hit at most.
        self._unit = _units(index.position, index.alignment.counterparts)
        self._versions: dict[str, list[Document]] = {}  # a document's versions, its first version first
        for document in sorted(index.documents.values(), key=lambda d: d.version_of is not None):
            self._versions.setdefault(document.group, []).append(document)
        corpus_languages = tuple(sorted({d.language for d in index.documents.values()})) or ("zh",)
        names = names or default_names()
        # People named in the reports (briefers, experts, chairs), to be found from a name spelled in Latin letters.
        zh = "zh" in corpus_languages
        persons = PersonIndex.from_texts((p.text for p in passages), names) if zh else None
        glossary = glossary or default_glossary()
        near = NearTerms(glossary, self.sentence_encoder) if self.sentence_encoder is not None else None
        self.tables = LanguageTables(names, glossary, settings.zh_tokenizer, corpus_languages, persons, near)
        self._queries = VectorCache(QUERY_CACHE)
        self._sentence_queries = VectorCache(QUERY_CACHE)
        self._sentences = VectorCache(SENTENCE_CACHE)

    @property
    def mode(self) -> str:
        return "hybrid" if self.encoder is not None else "lexical"

    @property
    def names(self) -> NameTable:
        """The names table (the API and CLI label respondents with it)."""
        return self.tables.names

    def analyze(self, query: str, language: str | None = None) -> QueryAnalysis:
        return analyze(query, self.tables, language)

    def search(self, query: str | QueryAnalysis, k: int = 10, filters: SearchFilters | None = None) -> SearchResult:
        """The k best passages for a query, given as text or as its analysis (read once by the caller)."""
        analysis = query if isinstance(query, QueryAnalysis) else self.analyze(query)
        filters = filters or SearchFilters()
        named = [] if filters.doc else named_documents(analysis, self._index.documents.values())
        allowed = self._mask(filters, named)
        boost = self._boosts(analysis)
        candidates = self.settings.candidates
        rankings: dict[str, list[int]] = {"lexical": self._lexical(analysis, allowed, boost, candidates)}
        meaning = _without_symbols(analysis, named)
        if self.encoder is not None:
            rankings["dense"] = self._dense(meaning, allowed, boost, candidates)
        if self.sentence_encoder is not None and self._index.sentences is not None:
            vector = encoded(self.sentence_encoder, self._sentence_queries, meaning)
            bonus = DENSE_BOOST_WEIGHT * (boost - 1)
            rankings["sentences"] = self._index.sentences.ranking(vector, allowed, bonus, candidates)
        weights = {"lexical": 1.0, "dense": self.settings.dense_weight, "sentences": self.settings.dense_weight}
        fused = reciprocal_rank_fusion(rankings, k=self.settings.rrf_k, weights=weights)
        hits: list[Hit] = []
        units: set[int] = set()
        for i, score, ranks in fused:
            if len(hits) == k:
                break
            # A paragraph's versions are one hit: the best-scoring version stands for it, and carries the others.
            if self._unit[i] in units:
                continue
            units.add(int(self._unit[i]))
            passage = self._index.passages[i]
            document = self._index.documents[passage.doc_id]
            hits.append(Hit(passage, round(score, 6), document, ranks, self.counterparts(passage.id)))
        if lists.asks_for_items(analysis.text):
            hits = lists.with_items(hits, self.neighbours, self.counterparts)
        why = None if hits else self._why_empty(analysis, allowed)
        # "xyzzy qwerty": no word of it is in the documents, and the passages closest in meaning are still listed.
        note = None if not hits or rankings["lexical"] else MEANING_ONLY
        return SearchResult(hits=hits, analysis=analysis, mode=self.mode, empty_because=why, note=note)

    def _why_empty(self, analysis: QueryAnalysis, allowed: np.ndarray) -> str:
        if not allowed.any():
            named = f" and the document the query names ({', '.join(analysis.documents)})" if analysis.documents else ""
            return f"no passage matches the filters{named}: widen or drop them"
        return (
            f"no passage holds a word of the query or of its renderings (read as {analysis.language}); "
            "try other or fewer words"
        )

    def _boosts(self, analysis: QueryAnalysis) -> np.ndarray:
        boost = np.ones(len(self._index.passages), dtype=np.float32)
        if asked := [r for r in analysis.respondents if r not in analysis.set_apart]:
            boost[self._respondent_of.isin(asked)] *= RESPONDENT_BOOST
        if analysis.reply_languages:
            boost[self._language_of.isin(analysis.reply_languages)] *= REPLY_LANGUAGE_BOOST
        answering = [d.id for d in self._index.documents.values() if d.resolution in analysis.resolutions]
        if answering:
            boost[self._doc_of.isin(answering)] *= RESOLUTION_BOOST
        # The number of a resolution the query names is no year: "resolution 1977 (2011)" points at its passages.
        numbered = {symbol.split("(")[0] for symbol in analysis.resolutions}
        for token in analysis.tokens:
            if _FIGURE.fullmatch(token) and (token in numbered or not YEAR.fullmatch(token)):
                holding = self._index.lexical.postings(token)
                if 0 < len(holding) <= FIGURE_RARITY:
                    boost[holding] *= FIGURE_BOOST
        return boost

    def _lexical(self, analysis: QueryAnalysis, allowed: np.ndarray, boost: np.ndarray, limit: int) -> list[int]:
        tokens = ranking_tokens(analysis, tuple(self._index.documents.values()))
        scores = self._index.lexical.scores(tokens) * boost
        scores[~allowed] = 0.0
        return _top(scores, limit)

    def _dense(self, query: str, allowed: np.ndarray, boost: np.ndarray, limit: int) -> list[int]:
        assert self.encoder is not None and self._index.dense is not None
        vector = self.embed_query(query)
        assert vector is not None
        vector = vector.reshape(1, -1)
        ids = None if allowed.all() else np.flatnonzero(allowed)
        if ids is not None and ids.size == 0:
            return []
        params = search_params(self._index.dense, ids)
        similarities, ids = self._index.dense.search(vector, min(limit, len(self._index.passages)), params=params)
        found = [
            (int(i), float(similarity) + DENSE_BOOST_WEIGHT * float(boost[i] - 1))
            for similarity, i in zip(similarities[0], ids[0], strict=True)
            if i >= 0
        ]
        found.sort(key=lambda pair: -pair[1])
        return [i for i, _ in found]

    def mask(self, filters: SearchFilters, analysis: QueryAnalysis | None = None) -> np.ndarray:
        """Which passages the filters (and a document the query names by symbol or resolution) allow."""
        named = [] if filters.doc or analysis is None else named_documents(analysis, self._index.documents.values())
        return self._mask(filters, named)

    def _mask(self, filters: SearchFilters, named: Sequence[Document]) -> np.ndarray:
        """Which passages the filters allow, and, without a document filter, the documents named (every language
        version of each)."""
        allowed = np.ones(len(self._index.passages), dtype=bool)
        if filters.doc:
            allowed &= self._doc_of.isin([i for d in filters.doc for i in self._document_ids(d)])
        elif named:
            groups = {d.group for d in named}
            allowed &= self._doc_of.isin([d.id for d in self._index.documents.values() if d.group in groups])
        if filters.respondent:
            allowed &= self._respondent_of.isin([self._respondent_key(r) for r in filters.respondent])
        if filters.respondent_kind:
            allowed &= self._kind_of.isin(filters.respondent_kind)
        if filters.original_language:
            allowed &= self._language_of.isin([lang.lower() for lang in filters.original_language])
        return allowed

    def _document_ids(self, value: str) -> list[str]:
        """The documents a filter value names: a symbol or a document's first id, every language version of it;
        the id or file of another language's version ("A_77_96.en"), that version alone."""
        for group, versions in self._versions.items():
            symbol = versions[0].symbol
            if value == group or (symbol and fold(symbol) == fold(value)):
                return [d.id for d in versions]
            for document in versions:
                if value in (document.id, document.file):
                    return [document.id]
        known = ", ".join(sorted({d.symbol or d.id for d in self._index.documents.values()}))
        raise QueryError(f"unknown document {value!r}", f"use one of: {known}")

    def _respondent_key(self, value: str) -> str:
        entity = self.names.resolve(value)
        if entity is not None:
            return entity.id
        if fold(value) in self._respondent_of.values:
            return fold(value)
        raise QueryError(
            f"unknown respondent {value!r}", "use a state or organization name in any UN language, or its id"
        )

    # --- reads for the answer stage -----------------------------------------------------------------------

    def embed_query(self, text: str) -> np.ndarray | None:
        """The question's vector (None when the index is lexical-only), encoded once per text."""
        return None if self.encoder is None else encoded(self.encoder, self._queries, text)

    def embed_sentences(self, texts: Sequence[str]) -> np.ndarray | None:
        """Vectors of sentences (as passages are encoded), one row per text; None when lexical-only."""
        if self.encoder is None:
            return None
        known = {t: v for t in texts if (v := self._sentences.get(t)) is not None}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        # Each text is encoded on its own: in a batch, texts are padded to the longest, which moves the last digits of
        # their vectors, so a cached vector would depend on what it was first encoded with, and an answer on the
        # questions asked before it (on this CPU, one by one is no slower).
        for text in missing:
            vector = np.asarray(self.encoder.encode_passages([text]), dtype=np.float32)[0]
            known[text] = vector
            self._sentences.put(text, vector)
        if not texts:
            return np.zeros((0, self.encoder.dimension), dtype=np.float32)
        return np.stack([known[t] for t in texts])

    def sentences_near(self, texts: Sequence[str], positions: Iterable[int]) -> list[SentenceNear]:
        """Every sentence of the passages at `positions`, as the sentence model's rows cut them, with its cosine to
        the texts (their mean) by that model; [] without one."""
        rows = self._index.sentences
        if self.sentence_encoder is None or rows is None or not texts:
            return []
        queries = np.stack([encoded(self.sentence_encoder, self._sentence_queries, t) for t in texts])
        near: list[SentenceNear] = []
        for position in positions:
            similarities = (rows.vectors(rows.rows(position)) @ queries.T).mean(axis=1)
            spans = row_spans(self._index.passages[position].text)
            near += [SentenceNear(position, span, float(s)) for span, s in zip(spans, similarities, strict=False)]
        return near

    @property
    def form_vectors(self) -> np.ndarray | None:
        """The example questions of rag.lang.forms, encoded with the query encoder when the build stored them and
        the encoder is on (rows in rag.lang.forms.examples() order)."""
        return self._index.forms if self.encoder is not None else None

    @property
    def documents(self) -> Mapping[str, Document]:
        """The corpus's documents by id (each language version of a document is one)."""
        return self._index.documents

    def documents_in(self, language: str) -> list[Document]:
        """One version of each document: the one in `language` when it has one, else its first version."""
        return [
            next((d for d in versions if d.language == language), versions[0]) for versions in self._versions.values()
        ]

    def versions(self, document: Document) -> list[Document]:
        """Every language version of a document, its first version first."""
        return list(self._versions.get(document.group, [document]))

    def counterparts(self, passage_id: str) -> tuple[Counterpart, ...]:
        """The passage's paragraph in the other language versions of its document."""
        found = (self.passage(i) for i in self._index.alignment.counterparts.get(passage_id, ()))
        return tuple(Counterpart(p, self._index.documents[p.doc_id]) for p in found if p is not None)

    def localize(self, hit: Hit, language: str) -> Hit:
        """The hit in `language`: its paragraph's version in that language when the document has one (and the
        paragraph a counterpart there), the version retrieval found among the counterparts; else the hit as is."""
        if hit.document.language == language:
            return hit
        wanted = [c for c in hit.counterparts or self.counterparts(hit.passage.id) if c.document.language == language]
        if not wanted:
            return hit
        chosen = wanted[0]
        others = [c for c in self.counterparts(chosen.passage.id) if c.passage.id != hit.passage.id]
        return Hit(
            chosen.passage, hit.score, chosen.document, hit.ranks, (Counterpart(hit.passage, hit.document), *others)
        )

    @property
    def passages(self) -> Sequence[Passage]:
        """Every passage in reading order; a passage's position here is its position in the index."""
        return self._index.passages

    def idf(self, token: str) -> float:
        return self._index.lexical.idf(token)

    def postings(self, token: str) -> np.ndarray:
        """Positions of the passages that hold a token."""
        return self._index.lexical.postings(token)

    def lexical_scores(self, tokens: Mapping[str, float]) -> np.ndarray:
        """BM25 score of every passage for weighted query tokens."""
        return self._index.lexical.scores(tokens)

    def passage(self, passage_id: str) -> Passage | None:
        position = self._index.position.get(passage_id)
        return None if position is None else self._index.passages[position]

    def neighbours(self, passage_id: str, before: int = 2, after: int = 2) -> tuple[list[Passage], list[Passage]]:
        """Passages just before and after one passage in the same document, in reading order."""
        position = self._index.position[passage_id]
        doc_id = self._index.passages[position].doc_id
        passages = self._index.passages
        earlier = [p for p in passages[max(0, position - before) : position] if p.doc_id == doc_id]
        later = [p for p in passages[position + 1 : position + 1 + after] if p.doc_id == doc_id]
        return earlier, later


def _units(position: Mapping[str, int], counterparts: Mapping[str, Sequence[str]]) -> np.ndarray:
    """For each passage position, the unit it belongs to: the smallest position among the passages linked to it
    by counterparts (its versions in other languages); a passage without counterparts is a unit of its own."""
    parent = list(range(len(position)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for passage_id, others in counterparts.items():
        for other in others:
            if passage_id in position and other in position:
                a, b = root(position[passage_id]), root(position[other])
                parent[max(a, b)] = min(a, b)
    return np.array([root(i) for i in range(len(parent))], dtype=np.int64)


def _without_symbols(analysis: QueryAnalysis, named: Sequence[Document]) -> str:
    """The query as the embedding models read it: without the symbols (or, named so, the resolutions) that name the
    documents searched, which drew it to every passage quoting them (Kenya's heading "大会第 76/234 号决议：亮点",
    for "Qui, parmi les États ayant répondu sur la résolution 76/234, dénonce…")."""
    symbols = [d.symbol for d in named if d.symbol and d.symbol.upper() in analysis.documents]
    text = analysis.text
    for symbol in dict.fromkeys(symbols or [d.resolution for d in named if d.resolution]):
        text = re.sub(r"\s*".join(map(re.escape, symbol)), " ", text, flags=re.IGNORECASE)
    return text


def _top(scores: np.ndarray, limit: int) -> list[int]:
    positive = np.flatnonzero(scores > 0)
    if positive.size > limit:
        positive = positive[np.argpartition(-scores[positive], limit - 1)[:limit]]
    return [int(i) for i in positive[np.argsort(-scores[positive], kind="stable")]]


class _Codes:
    """A column of strings stored as integer codes into its distinct values."""

    def __init__(self, values: Iterable[str]) -> None:
        self.values, self.codes = np.unique(np.array(list(values), dtype=object), return_inverse=True)
        self._position = {value: i for i, value in enumerate(self.values)}

    def isin(self, wanted: Iterable[str]) -> np.ndarray:
        codes = [self._position[v] for v in wanted if v in self._position]
        return np.isin(self.codes, np.array(codes, dtype=self.codes.dtype))
