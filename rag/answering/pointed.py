"""A thing a follow-up points to with a demonstrative and a noun ("ce comité", "esa conferencia", "该委员会"), named as
the question before named it: "Qui d'autre mentionne ce comité ?" after "… depuis quand l'Espagne fait-elle partie du
Comité Zangger ?" asks who else mentions the Zangger Committee, not who mentions any committee. Only the pointed
phrase is carried over; what the earlier question asked about it is not."""

from __future__ import annotations

import re
from itertools import pairwise

from rag.core.text import fold, is_cjk
from rag.lang import intent, stopwords
from rag.lang.names import NameTable

_SPACED = ("en", "fr", "es", "ru", "ar")
_DEMONSTRATIVES = frozenset(fold(w) for w in stopwords.words("demonstratives", _SPACED))
# "the Agency", "l'Agence", "el Organismo": an article and a capitalised noun point to a name the question before gave
_ARTICLES = frozenset(fold(w) for w in stopwords.words("determiners", _SPACED)) - _DEMONSTRATIVES
_ELISION = frozenset("'’")
_DEMONSTRATIVES_ZH = tuple(sorted(stopwords.read("demonstratives", "zh"), key=len, reverse=True))
_FRAME = frozenset(fold(w) for w in stopwords.words("frame_words"))  # "ce rapport", "that reply": the documents
_WORD = re.compile(r"\w+(?:[/.-]\w+)*")  # "76/234", "A/77/96": one word
_ARTICLE = "ال"  # Arabic writes the article onto the noun: "هذه اللجنة"
PHRASE_WORDS = 4  # words after the noun that the earlier question's phrase may run to ("conferencia del OIEA")
MIN_STEM = 4  # two words share a stem when they agree this far at least ("конференцию", "конференции")
STEM_SLACK = 3  # … and differ in no more than this many final letters
_ZH_NOUN = re.compile(r"[\u4e00-\u9fff]{1,6}")


def resolve_pointed(question: str, earlier: str, names: NameTable) -> str:
    """The question with a demonstrative and its noun replaced by the phrase of `earlier` holding that noun: the
    name the tables know that covers it, else (in a language written with spaces) the noun and the few words that
    follow it within its clause, and, in English, the capitalised words before it ("the Zangger Committee"). The
    question unchanged when it points to nothing the earlier question named."""
    words = list(_WORD.finditer(question))
    for pointer, noun in pairwise(words):
        if fold(pointer.group()) not in _DEMONSTRATIVES or question[pointer.end() : noun.start()].strip():
            continue
        phrase = _phrase(_bare(fold(noun.group())), earlier, names)
        if phrase and len(_WORD.findall(phrase)) > 1:  # "ce rapport" is named by "rapport" no better
            return f"{question[: pointer.start()]}{phrase}{question[noun.end() :]}"
    for pointer, noun in pairwise(words):
        gap = question[pointer.end() : noun.start()]
        if (
            fold(pointer.group()) not in _ARTICLES
            or gap.strip() not in ("", *_ELISION)
            or not noun.group()[:1].isupper()
        ):
            continue
        if name := _named(_bare(fold(noun.group())), earlier, names):  # "the Agency": only a name the tables know
            return f"{question[: pointer.start()]}{name}{question[noun.end() :]}"
    return _resolve_zh(question, earlier, names)


def _named(noun: str, earlier: str, names: NameTable) -> str:
    """The name the tables know, in the earlier question, that holds the noun as a word ("International Atomic Energy
    Agency" for "Agency"), or whose other forms do ("AIEA" for "Agence")."""
    if len(noun) < 3 or noun in _FRAME:
        return ""
    for word in _WORD.finditer(earlier):
        if _same_word(_bare(fold(word.group())), noun) and (covering := _covering(earlier, *word.span(), names)):
            return covering
    # "l'AIEA" before, "l'Agence" now: a name the earlier question gave by another of its forms
    for mention in names.find_mentions(earlier):
        forms = (form for forms in mention.entity.names.values() for form in forms)
        if any(_same_word(_bare(fold(w)), noun) for form in forms for w in _WORD.findall(form)):
            return mention.text
    return ""


def _bare(word: str) -> str:
    return word[len(_ARTICLE) :] if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE) + 2 else word


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return shared >= MIN_STEM and max(len(a), len(b)) - shared <= STEM_SLACK


def _phrase(noun: str, earlier: str, names: NameTable) -> str:
    # "в этом докладе": the report, whatever its case (доклад, докладе), is the documents, no thing named before
    if len(noun) < 3 or noun in stopwords.particles() or any(_same_word(noun, f) for f in _FRAME if len(f) > 3):
        return ""
    words = list(_WORD.finditer(earlier))
    at = next((i for i, w in enumerate(words) if _same_word(_bare(fold(w.group())), noun)), None)
    if at is None:
        return ""
    word = words[at]
    if covering := _covering(earlier, word.start(), word.end(), names):
        return covering
    start, end = word.start(), word.end()
    for before in reversed(words[:at]):  # "the Zangger Committee": its name before it, capitalised
        if earlier[before.end() : start].strip() or not before.group()[:1].isupper() or before.start() == 0:
            break
        start = before.start()
    taken = [word]
    for after in words[at + 1 : at + 1 + PHRASE_WORDS]:
        if earlier[taken[-1].end() : after.start()].strip() or not _names_more(after.group(), len(taken)):
            break  # the clause ends, or what follows is no longer the thing's name
        taken.append(after)
    while len(taken) > 1 and fold(taken[-1].group()) in stopwords.particles():
        taken.pop()
    return earlier[start : max(end, taken[-1].end())]


def _names_more(word: str, taken: int) -> bool:
    """Whether a word after the noun still belongs to the thing's name: a particle, a capitalised word or a number
    ("conferencia del OIEA", not "… en diciembre"); in a script without capitals, the one word after the noun
    ("مؤتمر الوكالة")."""
    if word.lower() == word.upper() and not word.isdigit():
        return taken == 1
    return word[:1].isupper() or word.isdigit() or fold(word) in stopwords.particles()


def _covering(text: str, start: int, end: int, names: NameTable) -> str:
    """The name the tables find in `text` covering the span, longer than it, if any."""
    for mention in names.find_mentions(text):
        if mention.start <= start and end <= mention.end and mention.end - mention.start > end - start:
            return text[mention.start : mention.end]
    return ""


def _resolve_zh(question: str, earlier: str, names: NameTable) -> str:
    """ "还有谁提到该委员会？" after a question on 桑戈委员会: the name covering the noun in the earlier question."""
    for pointer in _DEMONSTRATIVES_ZH:
        at = question.find(pointer)
        if at < 0 or not (noun := _ZH_NOUN.match(question, at + len(pointer))):
            continue
        for length in range(len(noun.group()), 1, -1):  # "该委员会的" : the longest head the earlier names
            head = noun.group()[:length]
            found = earlier.find(head)
            if found >= 0 and (covering := _covering(earlier, found, found + length, names)):
                return f"{question[:at]}{covering}{question[noun.start() + length :]}"
    return question


def without_report_pointer(question: str) -> str:
    """The question with its words pointing to a report named before blanked: "في هذا التقرير", "in that report",
    "dans ce rapport", "в этом докладе", "这份报告". A question pointing back by nothing else asks about that report
    alone, not about what the question before asked of it."""
    spans = []
    for match in intent.REPORT_WORD.finditer(question):
        start = match.start()
        while start > 0 and question[start - 1].isalpha() and not is_cjk(question[start - 1]):
            start -= 1  # "التقرير": the word the cue is in
        before = question[:start]
        if is_cjk(question[match.start()]):
            pointer = next((d for d in _DEMONSTRATIVES_ZH if before.endswith(d)), None)
            if pointer is not None:
                spans.append((start - len(pointer), match.end()))
            continue
        word = re.search(r"(\w+)\s+$", before)
        if word is not None and fold(word.group(1)) in _DEMONSTRATIVES:
            spans.append((word.start(1), match.end()))
    for start, end in reversed(spans):
        question = f"{question[:start]}{' ' * (end - start)}{question[end:]}"
    return question
