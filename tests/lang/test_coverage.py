"""Which of the six UN languages lack which language knowledge, as the data files say.

The expected gaps are pinned here: adding a language's cue words (rag/lang/data/cues/<lang>.yaml) or answer
sentences (rag/lang/data/phrases/<lang>.yaml) or word lists (rag/lang/data/<kind>/<lang>.txt) makes this test
fail until the gap is struck off below, so the listing never drifts from the data. Run with -s to see the gaps."""

from __future__ import annotations

from rag.lang import cues, lexicon, phrases, stopwords

UN_LANGUAGES = ("ar", "zh", "en", "fr", "es", "ru")

# A group's clause opens with "among" but closes with it in Chinese (…的国家中); only Arabic and Russian ask which
# of it with a word asks_which lacks (أيها, чьи); only Chinese says "from" a region with a word of its own (来自).
_CLAUSE_GAPS = ("group_ask", "group_closer", "region_origin")
EXPECTED_CUE_GAPS: dict[str, tuple[str, ...]] = {
    "ar": ("resolution_formula", "group_closer", "region_origin"),
    # Chinese puts date_edge after the month (5月底, 月初), and what was said about a name after it (对印度说了什么)
    "zh": ("said_about", "group_opener", "group_ask", "date_edge"),
    "en": _CLAUSE_GAPS,
    "fr": ("amount_unit", *_CLAUSE_GAPS),
    "es": _CLAUSE_GAPS,
    "ru": ("group_closer", "region_origin"),
}
EXPECTED_PHRASE_GAPS: dict[str, tuple[str, ...]] = {language: () for language in UN_LANGUAGES}
# Word-list kinds (rag/lang/stopwords.py) each language has no file for. Some are gaps by nature: Chinese is
# indexed by jieba words and bigrams, so it has no index stopwords; question_words, name_boundaries and
# segmenter_words serve Chinese text only.
EXPECTED_WORD_LIST_GAPS: dict[str, tuple[str, ...]] = {
    "ar": (
        "function_words",
        "question_words",
        "determiners",
        "name_boundaries",
        "inverted_pronouns",
        "object_pronouns",
        "leading_particles",
        "segmenter_words",
        "possessives",  # Arabic writes them onto the noun (ردها)
    ),
    # object_pronouns: он, هو are subjects only; a Chinese pronoun is read by where it stands.
    "zh": (
        "stopwords",
        "glossary_stopwords",
        "function_words",
        "determiners",
        "inverted_pronouns",
        "object_pronouns",
        "unstemmed",
    ),
    # unstemmed: the Spanish stemmer alone folds gender (junto ~ junta)
    "en": (
        "question_words",
        "name_boundaries",
        "inverted_pronouns",
        "leading_particles",
        "unstemmed",
        "segmenter_words",
    ),
    "fr": ("question_words", "name_boundaries", "leading_particles", "unstemmed", "segmenter_words"),
    "es": ("question_words", "name_boundaries", "inverted_pronouns", "leading_particles", "segmenter_words"),
    "ru": (
        "glossary_stopwords",
        "function_words",
        "question_words",
        "determiners",
        "name_boundaries",
        "inverted_pronouns",
        "object_pronouns",
        "leading_particles",
        "segmenter_words",
    ),
}
# Report-layout words (rag/lang/data/lexicon/<lang>.yaml) each language lacks. Chinese dates are read by
# pattern (2022 年 5 月 19 日).
LEXICON_KEYS = ("language_names", "months", "reply_in_language", "layout")
EXPECTED_LEXICON_GAPS: dict[str, tuple[str, ...]] = {
    "ar": (),
    "zh": ("months",),
    "en": (),
    "fr": (),
    "es": (),
    "ru": (),
}


def _phrase_gaps() -> dict[str, tuple[str, ...]]:
    keys = [*phrases._PHRASES, *(f"kinds.{k}" for k in phrases._KINDS)]
    have = {
        language: {*(k for k, t in phrases._PHRASES.items() if language in t)}
        | {f"kinds.{k}" for k, t in phrases._KINDS.items() if language in t}
        for language in UN_LANGUAGES
    }
    return {language: tuple(k for k in keys if k not in have[language]) for language in UN_LANGUAGES}


def test_every_un_language_has_data_files() -> None:
    assert set(cues.LANGUAGES) == set(UN_LANGUAGES)
    assert set(phrases.LANGUAGES) == set(UN_LANGUAGES)
    assert set(stopwords.LANGUAGES) == set(UN_LANGUAGES)
    for language in UN_LANGUAGES:
        assert (cues.DATA_DIR / f"{language}.yaml").is_file()
        assert (phrases.DATA_DIR / f"{language}.yaml").is_file()


def test_cue_gaps_are_what_the_data_says() -> None:
    gaps = cues.gaps()
    for language in UN_LANGUAGES:
        print(f"{language}: lacks cue families {', '.join(gaps[language]) or '(none)'}")
    assert gaps == EXPECTED_CUE_GAPS


def test_phrase_gaps_are_what_the_data_says() -> None:
    assert _phrase_gaps() == EXPECTED_PHRASE_GAPS


def test_a_language_only_family_is_no_gap_elsewhere() -> None:
    assert all("counted_number" not in gaps for gaps in cues.gaps().values())
    assert cues.table("zh")["counted_number"]


def test_word_list_gaps_are_what_the_data_says() -> None:
    gaps = stopwords.gaps()
    for language in UN_LANGUAGES:
        print(f"{language}: lacks word lists {', '.join(gaps[language]) or '(none)'}")
    assert gaps == EXPECTED_WORD_LIST_GAPS


def test_lexicon_gaps_are_what_the_data_says() -> None:
    gaps = {language: tuple(k for k in LEXICON_KEYS if k not in lexicon.table(language)) for language in UN_LANGUAGES}
    for language in UN_LANGUAGES:
        assert set(lexicon.table(language).get("language_names", {})) == set(UN_LANGUAGES), language
        print(f"{language}: lacks lexicon entries {', '.join(gaps[language]) or '(none)'}")
    assert gaps == EXPECTED_LEXICON_GAPS
