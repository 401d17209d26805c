"""Who a follow-up asks about when it does not name it: a pronoun standing for the state or organization the
conversation is about, as the subject of what it says or mentions ("А что он говорит о…?", "Que dit-elle…",
它), or no subject at all before the verb ("هل تذكر الفضاء الخارجي؟", "¿Menciona la verificación?")."""

from __future__ import annotations

import re

from rag.core.text import fold, is_cjk
from rag.lang import intent, stopwords
from rag.lang.names import NameTable

# rag/lang/data/subject_pronouns/<lang>.txt; Chinese ones are looked for as strings, the longest first.
_SUBJECTS = frozenset(fold(w) for w in stopwords.words("subject_pronouns", ("en", "fr", "es", "ru", "ar")))
_SUBJECTS_ZH = sorted(stopwords.read("subject_pronouns", "zh"), key=len, reverse=True)
# rag/lang/data/followup_openers/<lang>.txt, folded as questions are ("And…", "Et…", "وهل"); followup.py's too.
OPENERS = frozenset(fold(w) for w in stopwords.words("followup_openers"))
# Words, with the hyphen kept so that French inversion ("a-t-elle", "ont-ils") is one word, not a pronoun.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def is_subject(word: str) -> bool:
    return word in _SUBJECTS or word in _SUBJECTS_ZH


def subject_pronoun_starts(question: str) -> list[int]:
    """Where the subject pronouns of a question start."""
    starts = [m.start() for m in WORD.finditer(question) if fold(m.group(0).rpartition("-")[2]) in _SUBJECTS]
    return starts + [at for w in _SUBJECTS_ZH if (at := question.find(w)) >= 0]


def subject_pronoun(question: str, verb: int) -> tuple[int, int] | None:
    """Where a pronoun standing for the respondent talked about is, as the subject of the verb at `verb`: before
    it ("Does it mention…", "что он говорит"), or joined to it after a hyphen ("Que dit-elle…")."""
    if is_cjk(question[verb : verb + 1]):
        found = [(at, at + len(w)) for w in _SUBJECTS_ZH if (at := question.find(w, 0, verb)) >= 0]
        return min(found) if found else None
    for match in WORD.finditer(question):
        head, _, tail = match.group(0).rpartition("-")
        if head and fold(tail) in _SUBJECTS:  # "dit-elle": the inverted subject
            return match.end() - len(tail), match.end()
        if match.start() < verb and fold(match.group(0)) in _SUBJECTS:
            return match.span()
    return None


def subjectless(question: str, names: NameTable, speakers: frozenset[str] = frozenset()) -> bool:
    """Whether a question opens with the verb of what is said or mentioned, naming no one that could say it ("هل
    تذكر الفضاء الخارجي؟", "¿Menciona la verificación?", "وهل تذكر جمهورية كوريا الشعبية الديمقراطية؟": the DPRK
    sent no reply, it is what is mentioned): its subject is the one talked about before. Without `speakers`, any
    name may be the subject."""
    mentions = names.find_mentions(question)
    if mentions and (not speakers or any(m.entity.id in speakers for m in mentions)):
        return False
    words = [m for m in WORD.finditer(question) if fold(m.group(0)) not in OPENERS]
    while words and intent.YES_NO.match(f"{words[0].group(0)} "):  # "هل تذكر…؟": the particle, then the verb
        words = words[1:]
    if not words:
        return False
    start = words[0].start()
    return any(p.match(question, start) for p in (intent.MENTION_VERB, intent.SPEECH))
