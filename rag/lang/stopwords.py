"""Word lists of the six UN languages, kept as data: rag/lang/data/<kind>/<lang>.txt, one word a line.

Each kind serves one purpose and is used by one module; they are not merged, because a word that is noise to
the index (its stopwords) may be a cue elsewhere. `words(kind, languages)` is the union of the languages'
files; a language without a file for a kind contributes nothing (tests/lang/test_coverage.py lists those).
Lines are stripped; empty lines and lines starting with "#" are comments."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rag.core.text import fold

DATA_DIR = Path(__file__).parent / "data"

LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")

KINDS: dict[str, str] = {
    "stopwords": "words the lexical index leaves out of non-Chinese text (indexing.lexical)",
    "glossary_stopwords": "function words the glossary never matches alone when the query's language is unknown",
    "function_words": "function words that tell a Latin-script question's language (retrieval.query)",
    "frame_words": "words every set question uses about replies and reports, never its topic (answering.respondents)",
    "question_words": "words that make a question a question, not where its answer is (answering.evidence)",
    "determiners": "articles and demonstratives that may stand before a person's name (lang.persons)",
    "name_boundaries": "Chinese words that may touch a transliterated name (lang.persons)",
    "followup_openers": "words a question starts with when it continues the one before it (answering.followup)",
    "places": "cities where UN bodies sit and meet: a sentence naming one says where (answering.evidence)",
    "anaphora": "words that point back to something named earlier in a conversation (answering.followup)",
    "topic_pointers": "words pointing back to a thing named before, not to respondents: it, 它 (answering.followup)",
    "inverted_pronouns": "pronouns an inverted question joins to its verb (a-t-il, dit-elle), pointing back when the "
    "question names no one (answering.followup)",
    "self_words": "words with which a reply speaks of its own author: we, our, 我国, 本国 (answering.respondents)",
    "elaborations": "words opening a sentence that details the one before it: in particular, 特别是 (answering.quotes)",
    "back_pointers": "words with which a question's sentence points back to the sentence before it (that, cette, 这): "
    "what it asks about was said there (answering.topics)",
    "subject_pronouns": "third-person pronouns standing for the state or organization a conversation is about, as the "
    "subject of what it says: it, elle, он, 它 (answering.followup)",
    "object_pronouns": "subject pronouns that are objects too (it, elle, ella): the respondent a set question is about "
    "only after an auxiliary or inverted (answering.subjects)",
    "coordinators": "words joining modifiers that share the words after or before them: chemical or biological "
    "weapons, 化学或生物武器 (lang.ellipsis)",
    "leading_particles": "Chinese words that belong to the word after them (不, 与): a phrase looked up in the "
    "documents never ends with one (answering.wording)",
    "unstemmed": "words the glossary matches only whole, their stem being another word's: junto (together) is no "
    "junta (board) (lang.glossary)",
    "demonstratives": "demonstratives before a noun naming a thing the question before named: ce comité, esa "
    "conferencia, 该委员会 (answering.pointed)",
    "segmenter_words": "Chinese words the segmenter is taught besides the glossary's and the names table's: 答复国, so "
    "答复国有哪些 is no 国有 (indexing.segmenter)",
    "possessives": "third-person possessives standing for the state or organization a conversation is about: its, "
    "son, su, его, 它的 (answering.subjects)",
}


def path(kind: str, language: str) -> Path:
    if kind not in KINDS:
        raise KeyError(kind)
    return DATA_DIR / kind / f"{language}.txt"


@cache
def read(kind: str, language: str) -> frozenset[str]:
    """The words of one kind in one language; empty when the language has no file for it."""
    file = path(kind, language)
    if not file.is_file():
        return frozenset()
    lines = (line.strip() for line in file.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def words(kind: str, languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """The words of `kind` in all `languages`, as one set."""
    return frozenset(word for language in languages for word in read(kind, language))


@cache
def particles() -> frozenset[str]:
    """Function words of every language, folded: the stopwords and the glossary's ("de", "of", "من", "في"), which are
    never what a question or a title is about."""
    return frozenset(fold(w) for w in words("stopwords") | words("glossary_stopwords"))


def gaps() -> dict[str, tuple[str, ...]]:
    """For each language, the kinds it has no file for."""
    return {language: tuple(k for k in KINDS if not path(k, language).is_file()) for language in LANGUAGES}
