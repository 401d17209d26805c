"""The parts of a set question that are not what replies must name: a clause saying "regardless of …", the organ
beside a report's own resolution, what "rather than" sets aside, a resolution cited as the report's mandate, the
statements before the sentence asking, the frame words of a question, the sentence a pointer sends back to, and what
a negated verb says replies never mention."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answering.wording import FRAME_LATIN
from rag.core.text import fold, in_spans, is_cjk
from rag.indexing import lexical
from rag.lang import cues, intent, stopwords

_REGARDLESS = cues.pattern("regardless")
_REGARDLESS_END = re.compile(r"[?？!！;；؟؛]|[.。](?=\s|$)")
_COMMA = re.compile("[，,]")
_OR_NEXT = re.compile(rf"\s*(?:{cues.alternation('or_word')})")  # "…，还是 C": the ways go on after the comma


def regardless(text: str, cue: tuple[str, int, int] | None) -> list[tuple[int, int]]:
    """The clauses giving the ways a topic may come up, none of them required ("…vaccines, whether it's getting hold
    of them, making them or sharing vaccine technology?", "不管是作为自己所属的组织、合作网络还是合作伙伴，哪些…"): from
    the word opening one to the end of its sentence, or to the set question's cue after it (in Chinese, to its
    clause's end)."""
    spans = []
    for match in _REGARDLESS.finditer(text):
        end = _REGARDLESS_END.search(text, match.end())
        stop = end.start() if end else len(text)
        if cue is not None and match.end() <= cue[1] < stop:
            stop = cue[1]
        if is_cjk(match.group()[0]):
            comma = _COMMA.search(text, match.end(), stop)
            while comma is not None and _OR_NEXT.match(text, comma.end()):
                comma = _COMMA.search(text, comma.end(), stop)
            stop = comma.start() if comma is not None else stop
        spans.append((match.start(), stop))
    return spans


def said_as_required(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a pattern matches the text outside the clauses giving the ways a topic may come up (regardless):
    "不管是裁军承诺的核查、本国的核查机构，还是…" does not ask what replies say of their own country."""
    spans = regardless(text, intent.set_cue(text))
    return any(
        not in_spans(m.start(), spans) and not intent.after_set_apart(text, m.start()) for m in pattern.finditer(text)
    )


RESOLUTION_REACH = 20  # characters, at most, between a report's own resolution and the words that name its organ
_QUESTION_END = re.compile(r"[?？؟]")


_CLAUSE_BREAK = re.compile(r"[,;，；、،؛]")


def names_organ(text: str, span: tuple[int, int], resolutions: Sequence[tuple[int, int]]) -> bool:
    """Whether a phrase stands beside the resolution a report answers, with nothing but function words between:
    "General Assembly resolution 71/38", "la résolution 71/38 de l'Assemblée générale", "大会第71/38号决议" name
    the report's mandate, not what its replies say; so do the words saying how ("en application de la résolution
    71/38"). A comma ends the phrase's tie to it: "(القرار 76/234)، إلى التفاوض…" asks who calls for negotiations."""
    for start, end in resolutions:
        if span[1] <= start:
            gap = text[span[1] : start]
        elif end <= span[0]:
            gap = text[end : span[0]]
        else:
            continue
        if len(gap) > RESOLUTION_REACH or _QUESTION_END.search(gap):
            continue  # "…об учениях? (71/38)": the report a follow-up carries, after its question ended
        words = re.findall(r"[^\W\d_]+", gap)
        if end <= span[0] and not words and not is_cjk(text[span[0]]) and not intent.SPEECH.match(text, span[0]):
            continue  # "la résolution 76/234 politise…": what the resolution is said to do (not "…76/234 отмечает")
        if not _CLAUSE_BREAK.search(gap) and all(_joins_organ(w) for w in words):
            return True
    return False


_RATHER_THAN = re.compile(rf"(?:{cues.alternation('rather_than')})\W*(?:\w{{1,3}}\W+){{0,2}}\Z", re.I)
_RATHER_THAN_OPENS = cues.pattern("rather_than")  # 而不是第一委员会: the words open one Chinese run
SET_ASIDE_REACH = 30  # characters before a phrase in which "rather than" and its articles stand


def set_aside(text: str, span: tuple[int, int]) -> bool:
    """Whether a phrase comes right after "rather than" (and an article or two): what the question sets aside."""
    before = text[max(0, span[0] - SET_ASIDE_REACH) : span[0]]
    return _RATHER_THAN.search(before) is not None or _RATHER_THAN_OPENS.match(text, span[0]) is not None


def _joins_organ(word: str) -> bool:
    """A word that may stand between a resolution and its organ: a function word, a word for "resolution" (de la
    résolution, 第…号决议)."""
    return fold(word) in lexical.LATIN_STOPWORDS or intent.RESOLUTION_WORD.search(word) is not None or len(word) == 1


_BACK = frozenset(fold(w) for w in stopwords.words("back_pointers", ("en", "fr", "es", "ru", "ar")))
_BACK_ZH = stopwords.read("back_pointers", "zh")
# Where a sentence ends: "…to the Cold War. Which other replies…", "…冷战思维。还有哪些答复…".
_SENTENCE_END = re.compile(r"[.!?؟]\s+(?=\S)|[。！？]\s*(?=\S)")
ASKING_WORDS = 4  # words, at least, of a last sentence that asks what the statements before it only set up
CITED_REACH = 30  # characters, at most, from a verb of citing to the resolution it cites ("ссылаются на резолюцию")


def cited_resolution(text: str, start: int) -> bool:
    """Whether a verb of mentioning or citing, said of the respondents asked about (after the set question's cue),
    stands right before the resolution at text[start:] ("which organizations cite resolution 71/38", "ссылаются на
    резолюцию", "点了第"); not "Name the respondents to the 76/234 consultation", which asks for them."""
    cue = intent.set_cue(text)
    since = max(0, start - CITED_REACH, cue[2] if cue else 0)
    verb = intent.MENTION_VERB.search(text, since, start)
    # "تذكر في ردودها على القرار 76/234 …", "اذكر المجيبين على القرار": the replies on it, or those who replied to
    # it, which the resolution describes
    between = text[verb.end() : start] if verb else ""
    said_of = (intent.REPLY_VERB, intent.REPORT_WORD, intent.RESPONDENT_WORD, _QUESTION_END)
    # "…谈到了叙利亚的化学武器？ (71/38)": after the question, in brackets, where the question is asked
    return verb is not None and not any(p.search(between) for p in said_of) and not between.rstrip().endswith("(")


def preamble(text: str) -> int:
    """Where the sentence holding a set question's cue starts, when sentences come before it: they set the scene
    ("Pakistan traces some export-control regimes back to the Cold War. Which other replies bring up the Cold
    War?"), and what the replies must say is in the question itself; 0 when the cue opens the question."""
    cue = intent.set_cue(text)
    if cue is not None:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, cue[1] + 1)]
    else:
        # A set question found by its form alone ("On entend que … étouffent le commerce. Qui … avance des chiffres
        # … ?") asks in its last sentence, after statements; not after a question ("有几个提到了…？分别是哪几个？"),
        # nor after an abbreviation's point ("… и т. п.?").
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, len(text.rstrip()) - 1) if m.group()[0] in ".。!！"]
        if ends and len(re.findall(r"\w+", text[ends[-1] :])) < ASKING_WORDS:
            return 0
    if not ends or _points_back(text[ends[-1] :]):  # "Which countries make that complaint?": it is said before
        return 0
    return ends[-1]


def _points_back(sentence: str) -> bool:
    """Whether a sentence points back to the one before it with a word like "that", "cette", 这."""
    return any(w in sentence for w in _BACK_ZH) or any(fold(w) in _BACK for w in re.findall(r"[^\W\d_]+", sentence))


def is_frame(folded: str) -> bool:
    """Whether a (folded, non-Chinese) word is one every set question uses, or a function word."""
    return folded in FRAME_LATIN or folded in lexical.LATIN_STOPWORDS


def frame_words(text: str) -> bool:
    """Whether every word of a (non-Chinese) phrase is a word every set question uses ("الدول المشاركة",
    "consulta")."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text)]
    return bool(words) and all(map(is_frame, words))


# "安理会第" right before a resolution's number: the organ that adopted it and the ordinal's 第 (no topic of their own).
ORGAN_ORDINAL = re.compile(rf"(?:{intent.ORGAN_COUNCIL.pattern}|{intent.ORGAN_ASSEMBLY.pattern})?\s*第\s*\Z")


def sentence_before(text: str, start: int, end: int, before: int) -> tuple[int, int] | None:
    """The sentence holding text[start:end] when it ends before `before` (a statement before the question that
    points back to what it names), else None."""
    close = intent.SENTENCE_END.search(text, end, before)
    if close is None:
        return None
    return intent.sentence_start(text, start), close.end()


_JOINED = re.compile(rf"^\W*(?:{cues.alternation('or_word')}|{cues.alternation('and_word')})\W*$", re.IGNORECASE)
# characters between a verb of mentioning and what it names ("mention terrorism", "يتطرق إلى الإرهاب")
MENTIONED_GAP = 6


def mentioned_object(text: str, start: int, previous: int | None = None) -> bool:
    """Whether the phrase at `start` is what a verb of mentioning right before it names ("mention terrorism",
    "never mention terrorism or terrorists", "يتطرق إلى الإرهاب"), or is joined by "or" or "and" to such a phrase
    ending at `previous`: then it is what replies must (or must not) name even if a report's title holds it; the
    title's words describe a report only where no such verb names them ("in the report on terrorism")."""
    if previous is not None and previous <= start and _JOINED.match(text[previous:start]):
        return True
    return any(0 <= start - verb.end() <= MENTIONED_GAP for verb in intent.MENTION_VERB.finditer(text, 0, start))


def symbol_forms(symbol: str) -> tuple[str, ...]:
    """How a Chinese reply writes a resolution: "2325(2016)" as 第 2325(2016)号, "76/43" as it is."""
    if "/" in symbol:
        return (symbol,)
    number = symbol.split("(")[0]
    return (f"第{symbol}号", symbol) if "(" in symbol else (f"第{number}(", f"第{number}号")
