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
# rag/lang/data/possessives/<lang>.txt: "its institute", "son rapport", 它的; Chinese ones looked for as strings.
_POSSESSIVES = frozenset(fold(w) for w in stopwords.words("possessives", ("en", "fr", "es", "ru", "ar")))
_POSSESSIVES_ZH = stopwords.read("possessives", "zh")
# rag/lang/data/object_pronouns/<lang>.txt: those of them that are objects too ("mention it", "avec elle").
_ALSO_OBJECTS = frozenset(fold(w) for w in stopwords.words("object_pronouns", ("en", "fr", "es")))
# rag/lang/data/followup_openers/<lang>.txt, folded as questions are ("And…", "Et…", "وهل"); followup.py's too.
OPENERS = frozenset(fold(w) for w in stopwords.words("followup_openers"))
# Words, with the hyphen kept so that French inversion ("a-t-elle", "ont-ils") is one word, not a pronoun.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def is_subject(word: str) -> bool:
    return word in _SUBJECTS or word in _SUBJECTS_ZH


def is_possessive(word: str) -> bool:
    """Whether a folded word is a third-person possessive ("its", "leur")."""
    return word in _POSSESSIVES


def subject_pronoun_starts(question: str) -> list[int]:
    """Where the subject pronouns of a question start."""
    starts = [m.start() for m in WORD.finditer(question) if fold(m.group(0).rpartition("-")[2]) in _SUBJECTS]
    return starts + [at for w in _SUBJECTS_ZH if (at := question.find(w)) >= 0]


def points_back_first(question: str, names: NameTable) -> bool:
    """Whether a follow-up speaks of the respondent talked about before, by a pronoun or a possessive standing before
    any name it gives: "and its institute is an IAEA collaborating centre for what?", "Et d'après elle, la Boussole
    stratégique de l'UE…": the names it gives are what it asks about, not who ("And Japan, what did its reply say?"
    names who first)."""
    starts = subject_pronoun_starts(question)
    starts += [m.start() for m in WORD.finditer(question) if fold(m.group(0)) in _POSSESSIVES]
    starts += [at for w in _POSSESSIVES_ZH if (at := question.find(w)) >= 0]
    if not starts:
        return False
    mentions = names.find_mentions(question)
    return not mentions or min(starts) < mentions[0].start


def subject_pronoun(question: str, verb: int) -> tuple[int, int] | None:
    """Where a pronoun standing for the respondent talked about is, as the subject of the verb at `verb`: before
    it ("Does it mention…", "что он говорит"), or joined to it after a hyphen ("Que dit-elle…")."""
    if is_cjk(question[verb : verb + 1]):
        return _zh_pronoun_before(question, verb)
    cue = intent.set_cue(question)  # "ومن هم أصحاب الردود الذين يذكرون…": "who are", no pronoun
    for match in WORD.finditer(question):
        head, _, tail = match.group(0).rpartition("-")
        if head and fold(tail) in _SUBJECTS:  # "dit-elle": the inverted subject
            return match.end() - len(tail), match.end()
        if cue is not None and cue[1] <= match.start() < cue[2]:
            continue
        if match.start() < verb and fold(match.group(0)) in _SUBJECTS:
            return match.span()
    return None


def _zh_pronoun_before(question: str, end: int) -> tuple[int, int] | None:
    """The first Chinese subject pronoun before `end`."""
    found = [(at, at + len(w)) for w in _SUBJECTS_ZH if (at := question.find(w, 0, end)) >= 0]
    return min(found) if found else None


def set_subject_pronoun(question: str) -> tuple[int, int] | None:
    """Where a pronoun standing for the respondent talked about is the subject of a question asking a set of states
    or organizations, which are then what it deals with, not who says something: "它跟哪些国家有合作？" (the
    pronoun before the set asked), "Which countries does it cooperate with?" (after an auxiliary), "Avec quels pays
    coopère-t-elle ?", "Какие страны оно упоминает?" (a pronoun that is never an object). "Which states mention
    it?", "哪些国家支持它？" and "¿Qué países cooperan con ella?" ask about a thing: None."""
    cue = intent.set_cue(question)
    return None if cue is None else _pronoun_asking(question, cue[1], cue[2])


def which_subject_pronoun(question: str) -> tuple[int, int] | None:
    """Where a pronoun standing for the respondent talked about is the subject of a question asking which states,
    organizations or other things (set_subject_pronoun): "它是哪些出口管制制度的成员？", "Which measures did it
    take?"."""
    if (found := set_subject_pronoun(question)) is not None:
        return found
    which = intent.ASKS_WHICH.search(question)
    return None if which is None else _pronoun_asking(question, which.start())


def _pronoun_asking(question: str, cue: int, cue_end: int | None = None) -> tuple[int, int] | None:
    """The subject pronoun of a question whose cue of asking which ones starts at `cue`, if any; not one of the cue's
    own words ("من هم أصحاب الردود…": who are the respondents)."""
    if is_cjk(question[cue : cue + 1]):
        return _zh_pronoun_before(question, cue)
    # "Quels États ont-ils…": an inverted pronoun after the set that opens the question repeats it; after "Avec
    # quels pays" the set is no subject.
    leading = [w for w in WORD.findall(question[:cue]) if fold(w) not in OPENERS]
    before = ""
    for match in WORD.finditer(question):
        head, _, tail = match.group(0).rpartition("-")
        if head and fold(tail) in _SUBJECTS:  # "coopère-t-elle": the inverted subject
            return (match.end() - len(tail), match.end()) if leading else None
        word = fold(match.group(0))
        in_cue = cue_end is not None and cue <= match.start() < cue_end
        if word in _SUBJECTS and not in_cue and (word not in _ALSO_OBJECTS or intent.YES_NO.match(f"{before} ")):
            return match.span()
        before = match.group(0)
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
