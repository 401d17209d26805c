"""Whether a question can be understood without the conversation before it ("And Japan?" cannot, "What does Japan
say about export controls?" can), the word helpers follow-ups share, and the follow-up that says nothing but another
kind of respondent ("And international organizations?")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering import subjects
from rag.core.text import fold, is_cjk
from rag.indexing import lexical
from rag.lang import cues, intent, stopwords
from rag.lang.names import Mention, NameTable

# A question with no more content words than this (besides the names it gives) cannot stand alone: "Japan?",
# "Why?", "日本呢？".
ELLIPTIC_WORDS = 1
# An inverted verb among a question's first four words ("Et pourquoi a-t-il…", "Combien de fois s'est-il réuni…") has
# no subject before it, unless the question names one or asks which ("Quels États ont-ils…").
INVERTED_AT = 4
WHOLE_WORDS = 3  # content words beyond which a question opening with "and" that names a speaker stands alone
MENTION_WORDS = 2  # ... or, asking whether it mentions something, from which on it does (the verb and a thing)
WHICH_WORDS = 2  # ... or, asking which things ("¿Y Cuba qué principios defiende?"), from which it does
# rag/lang/data/anaphora/<lang>.txt, folded as questions are (the openers are subjects.OPENERS).
_ANAPHORA = frozenset(fold(w) for w in stopwords.words("anaphora"))
_ANAPHORA_WRITTEN = frozenset(w.casefold() for w in stopwords.words("anaphora"))
_INVERTED = tuple(fold(w) for w in stopwords.words("inverted_pronouns"))  # "a-t-il": "-il"
QUESTION_WORDS_ZH = stopwords.read("question_words", "zh")
KIND_QUALIFIERS = 1  # words beside "organizations" in "And international organizations?"
QUALIFIER_CHARS = 4  # Chinese characters right before 组织 that may qualify it (国际, 区域)


_TOPIC_SWITCH = cues.pattern("topic_switch")
SWITCH_AT = 24  # characters from the start of a question within which a word changing the subject opens it
_SWITCH_CLOSE = re.compile(r"[:：.。!！;；]")
_SWITCH_END = " \t\n:：.。,，;；!！—–-"  # what is left of the words before the question itself


def switched_topic(question: str) -> str | None:
    """A question that says it changes the subject ("Different topic: …", "Rien à voir : …", "Сменим тему. …",
    "سؤال آخر لا علاقة له بما سبق: …", 换个话题：…), without those words: it inherits nothing from the
    conversation. None for any other question."""
    found = _TOPIC_SWITCH.search(question)
    if found is None or found.start() > SWITCH_AT:
        return None
    # up to the colon or full stop that closes the words ("Otra cosa que no tiene nada que ver: …"), else right after
    closing = _SWITCH_CLOSE.search(question, found.end(), found.end() + SWITCH_AT * 2)
    end = closing.end() if closing is not None else found.end()
    return question[end:].lstrip(_SWITCH_END) or None


def names_only(question: str, names: NameTable) -> bool:
    """Whether a follow-up says nothing but the names it gives ("And Canada?", "日本呢？", "Et le Japon ?")."""
    words = [
        w for w in folded_words(_without_names(question, names.find_mentions(question))) if w not in subjects.OPENERS
    ]
    return not [t for t in lexical.tokenize(" ".join(words), "jieba") if t not in QUESTION_WORDS_ZH]


def stands_alone(question: str, names: NameTable, speakers: frozenset[str] = frozenset()) -> bool:
    """Whether a question can be understood without the conversation before it: it does not open as a
    continuation ("And…", "Et…", "那么…") unless it names a respondent and what it says, does not point back
    ("they", "this", "它"), and says more than a name and a word."""
    mentions = names.find_mentions(question)
    rest = _without_names(question, mentions)
    words = folded_words(rest)
    if not words:
        return False
    content = [t for t in lexical.tokenize(rest, "jieba") if t not in QUESTION_WORDS_ZH and not t.isdigit()]
    opening = " ".join(words[:3])
    # "And Japan?", "And what about the Zangger Committee?", "那么日本怎么说？" continue; "And what does Spain say
    # about the Open Skies Treaty?", "¿Y Cuba qué principios defiende?" ask all they need after their "and": a
    # respondent, what it says or which things are asked, and of what.
    says = intent.SPEECH.search(question) is not None and len(content) > WHOLE_WORDS
    # "وهل تذكر نيوزيلندا التحقق؟": whether a respondent mentions something, the verb and the thing said.
    says = says or (intent.MENTION_VERB.search(question) is not None and len(content) >= MENTION_WORDS)
    which = intent.ASKS_WHICH.search(question) is not None and len(content) >= WHICH_WORDS
    # "ومتى أرسلت السعودية ردها؟", "And when did Saudi Arabia send its reply?": when a named respondent did something
    when = (intent.ASKS_WHEN.search(question) or intent.ASKS_DATE.search(question)) and len(content) >= MENTION_WORDS
    whole = bool(mentions) and (says or which or bool(when))
    if any(opening == o or opening.startswith(o + " ") for o in subjects.OPENERS) and not whole:
        return False
    named_first = bool(mentions) and all(
        mentions[0].start < at for at in subjects.subject_pronoun_starts(question)
    )  # "回到西班牙，它在2021年…": the pronoun's antecedent is in the question
    verbs = _accented_forms(rest)  # "está" (is) is no "esta" (this)
    if any(
        w in _ANAPHORA
        and w not in verbs
        and not (named_first and (subjects.is_subject(w) or subjects.is_possessive(w)))
        for w in words
    ):
        return False  # "its" after the name it stands for points back to the question itself, not the conversation
    leading = [w for w in words if w not in subjects.OPENERS][:INVERTED_AT]
    inverted = any("-" in w and w.endswith(_INVERTED) for w in leading)
    if inverted and not mentions and (intent.set_kind(question) is None or subjects.set_subject_pronoun(question)):
        return False  # "Qu'a-t-il proposé ?" ("Le Mexique a-t-il…", "Quels États ont-ils…" say who "il" is)
    if intent.ASKS_ELSE.search(question):
        return False  # "What else did Spain say?": else than what the conversation has quoted, on its subject
    if subjects.subjectless(question, names, speakers):
        return False  # "هل تذكر الفضاء الخارجي؟": who mentions it is who the conversation is about
    return len(content) > ELLIPTIC_WORDS


def _accented_forms(text: str) -> frozenset[str]:
    """The folded forms of the words a text writes with an accent that the pointing words are not written with:
    Spanish "está" (is) folds to "esta" (this), "él" is listed as written."""
    return frozenset(
        fold(word)
        for word in subjects.WORD.findall(text)
        if any(0xC0 <= ord(c) <= 0x24F for c in word) and word.casefold() not in _ANAPHORA_WRITTEN
    )


def _without_names(question: str, mentions: Sequence[Mention]) -> str:
    """The question with each name it gives blanked out."""
    for mention in reversed(mentions):
        question = question[: mention.start] + " " + question[mention.end :]
    return question


def folded_words(text: str) -> list[str]:
    """Folded words, Chinese runs cut into jieba words."""
    words: list[str] = []
    for match in subjects.WORD.finditer(text):
        word = match.group(0)
        if is_cjk(word[0]):
            words.extend(lexical.segment_words(word))
        else:
            words.append(fold(word))
    return words


def kind_switched(question: str, earlier: str, cue: tuple[str, int, int]) -> str | None:
    """ "And international organizations?" after "Which states mention the convention?": the earlier question,
    asked of the other kind of respondent. None unless the follow-up says nothing but its word for them and a
    qualifier ("international", "régionales")."""
    kind = intent.respondent_kind(question)
    if kind not in ("state", "organization") or kind == cue[0] or intent.set_cue(question) is not None:
        return None  # "Which organizations oppose it?" asks its own question
    noun = intent.kind_noun(question, kind)
    old = intent.kind_noun(earlier, "organization" if kind == "state" else "state", cue[1], cue[2])
    if noun is None or old is None:
        return None
    rest = question[: noun.start()] + " " + question[noun.end() :]
    words = [w for w in folded_words(rest) if w not in subjects.OPENERS]
    said = [t for t in lexical.tokenize(" ".join(words), "jieba") if t not in QUESTION_WORDS_ZH]
    # the qualifier stands right beside the word: "international organizations", "国际组织", "organisations régionales"
    beside = question[: noun.start()].split()[-1:] + question[noun.end() :].split()[:1]
    if is_cjk(noun.group()[0]):
        beside = [question[max(0, noun.start() - QUALIFIER_CHARS) : noun.start()]]
    near = set(lexical.tokenize(" ".join(beside), "jieba"))
    if len(said) > KIND_QUALIFIERS or not set(said) <= near:
        return None
    return earlier[: old.start()] + noun.group() + earlier[old.end() :]
