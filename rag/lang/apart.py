"""Names set apart from those a question asks about: "besides Mexico, who…", 除了墨西哥, "(не считая ответа самого
МАГАТЭ)", "China's own submission aside", "which other…"; and names counted in ("Norway included")."""

from __future__ import annotations

import re

from rag.core.text import is_cjk
from rag.lang import cues

# "Besides Mexico, who…", "除了墨西哥，还有谁…": the name is set apart from those asked about, not their speaker.
BESIDES = re.compile(rf"(?:{cues.alternation('besides')})", re.I)
BESIDES_REACH = 40  # characters after a negation in which a "besides" phrase it opens ends ("не считая ответа самого ")


def opens_besides(text: str, start: int) -> bool:
    """Whether a "besides" phrase starts at text[start] ("не считая", "not counting", "sin contar", 不算): a negation
    there sets a name apart; it does not negate what is asked."""
    for end in range(start + 1, min(len(text), start + BESIDES_REACH) + 1):
        found = BESIDES.search(text, 0, end)
        if found is not None and found.start() <= start < found.end():
            return True
    return False


# "Germany endorses the EU's reply. Which other countries…": a name before the set question's "other" is set apart.
OTHERS_ASKED = cues.pattern("others_asked")


def set_apart(question: str, start: int, end: int) -> re.Match[str] | None:
    """The "besides" word right before a name (at question[start:end]), the words setting it apart right after it
    ("Leaving China's own submission aside", "中国自己的答复不算"), or the "which other" after it, if the name is set
    apart."""
    return set_aside_around(question, start, end) or OTHERS_ASKED.search(question, start)


INCLUDED_REACH = 30  # characters before a name in which a word counting it in ("including") stands
_INCLUDED_BEFORE = re.compile(rf"(?:{cues.alternation('included_before')})", re.I)
_INCLUDED_AFTER = re.compile(rf"(?:{cues.alternation('included_after')})", re.I)


def included(question: str, start: int, end: int) -> bool:
    """Whether the name at question[start:end] is counted among those asked for ("…, Norway included", "including
    Norway", 包括挪威): one of the answer, not what the replies must speak of."""
    before = question[max(0, start - INCLUDED_REACH) : start]
    return bool(_INCLUDED_BEFORE.search(before) or _INCLUDED_AFTER.match(question[end:]))  # its "^" is the name's end


def set_aside_around(question: str, start: int, end: int) -> re.Match[str] | None:
    """The "besides" word right before a phrase, or the words setting it apart right after it and its closing
    quotation mark ("(название «Группа 77 и Китай» не в счёт)")."""
    after = end
    while after < len(question) and question[after] in _CLOSING:
        after += 1
    before = BESIDES.search(question[:start])
    return before or _BESIDES_AFTER.match(question, after) or _joined_to_apart(question, start)


_JOINS = f"{cues.alternation('and_word')}|{cues.alternation('or_word')}"  # Arabic و too, written onto the name
_ARTICLE = r"(?:the|l[ae]|les|l['’]|el|los|las|del?|des|du)"  # "sauf l'OTAN et l'Union européenne", "y de Rusia"
# not a comma: "Besides the technical cooperation fund, the IAEA runs…" ends the phrase there
_JOINED_BEFORE = re.compile(rf"(?:、|\b(?:{_JOINS}))\s*(?:{_ARTICLE}\b\s*|l['’]\s*)?\Z", re.I)
JOINED_REACH = 10  # characters of a Chinese name before "和" that a "besides" word may stand before


def _joined_to_apart(question: str, start: int) -> re.Match[str] | None:
    """The "besides" word of a name joined by "and" or "or" to the phrase at `start`: "aparte de China y Rusia",
    "besides China and Russia", 除了中国和俄罗斯, "باستثناء الصين وروسيا" set both apart."""
    joined = _JOINED_BEFORE.search(question, 0, start)
    if joined is None:
        return None
    head = question[: joined.start()].rstrip()
    if head and is_cjk(head[-1]):
        tries = (head[:cut] for cut in range(len(head) - 1, max(0, len(head) - JOINED_REACH), -1))
        return next((m for h in tries if (m := BESIDES.search(h)) is not None), None)
    for _ in range(APART_REACH):
        head = _LAST_WORD.sub("", head.rstrip())
        if (found := BESIDES.search(head)) is not None:
            return found
    return None


APART_REACH = 4  # words, at most, between a "besides" word and a word like "itself" that belongs to it
_LAST_WORD = re.compile(r"[^\W\d_]+[\s'’-]*$")


def after_set_apart(question: str, at: int) -> bool:
    """Whether question[at:] follows a name set apart by a "besides" word a few words before: "itself" in "other
    than China itself" is of the name set apart, not what the replies say of themselves."""
    head = question[:at]
    for _ in range(APART_REACH):
        head = _LAST_WORD.sub("", head.rstrip())
        if BESIDES.search(head + " "):
            return True
    return False


_BESIDES_AFTER = re.compile(rf"(?:{cues.alternation('besides_after')})", re.I)
_CLOSING = '»”"」』》'  # not ' or ’: an apostrophe (China's own submission aside)
