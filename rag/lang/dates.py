"""Dates a question gives (31 May 2022, mai 2017, 2022年5月31日, أيار/مايو 2017) and the span of reply dates it
asks about: "replies dated 31 May 2022", "who sent its reply before May 2017", "2017年5月之前提交答复的". A reply's
own date is in its heading (core.types.Respondent.date); the words saying that a date is a reply's, and whether it
is before, after or by it, are cue families (reply_dated, date_before, date_after, date_by)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.core.text import fold_lower, is_cjk
from rag.lang import cues, numerals

_Day = tuple[int, int, int]  # year, month, day; 0 where the question leaves a part out

_ZH_DATE = re.compile(r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>[0-3]?\d)\s*[日号])?")
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?!\d)")
_DAY_BEFORE = re.compile(r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?\s+(?:de\s+)?\Z", re.IGNORECASE)
_DAY_AFTER = re.compile(r"\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)", re.IGNORECASE)
_YEAR_AFTER = re.compile(r",?\s*(?:de\s+|del\s+)?(?P<y>(?:19|20)\d\d)(?!\d)(?:\s*(?:года|г\.))?", re.IGNORECASE)
_SECOND_NAME = re.compile(r"\s*/\s*[^\W\d_]+")  # "أيار/مايو": the month named twice
_WORD = re.compile(r"[\w\u0300-\u036f\u064b-\u065f]+")
_LANGUAGES = ("en", "fr", "es", "ru", "ar")

_DATED = cues.pattern("reply_dated")
_BEFORE = cues.pattern("date_before")
_AFTER = cues.pattern("date_after")
_BY = cues.pattern("date_by")
_POINTER = cues.pattern("date_pointer")
_DATE_IN = cues.pattern("date_in")
_MENTION = cues.pattern("mention_verb")
_SAYING = cues.pattern("speech")
# the words naming a report: a word for one, a symbol, a year
_REPORT = re.compile(
    rf"(?:{cues.alternation('report_word')})|{numerals.SYMBOL.pattern}|(?:19|20)\d\d年?", re.IGNORECASE
)
DATED_GAP = 3  # words (in Chinese, twice as many characters) between a date and the word dating a reply by it
# Words between "sent its reply" and a date compared right before it ("… on the survey on resolution 76/234 (peaceful
# uses) before May 2022"): what the reply answered, in the same clause.
COMPARED_GAP = 12
_PREPOSITION = cues.pattern("set_object")  # a preposition ending a text: here, the word
_CLAUSE_END = re.compile(r"[,;:.!?؟،؛，；。！？]")
_COMPARE_REACH = 24  # characters before a date (6 after it, as Chinese puts 之前) that say before or after
_CJK_GAP = 12  # characters at most between a word comparing dates and the date after it (no spaces to count words)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: _Day
    shown: str = ""  # the date as given earlier, for words pointing back to it ("that day": "31 May 2022")


@dataclass(frozen=True)
class ReplyDates:
    """The reply dates a question asks about: from `low` to `high` (inclusive; a part left 0 is any), said at
    text[start:end] (the date and the words comparing it)."""

    start: int
    end: int
    low: _Day | None
    high: _Day | None
    word: tuple[int, int]  # the word saying the date is a reply's ("dated", 提交)
    words: str  # text[start:end], as the answer repeats it
    alternatives: tuple[tuple[_Day | None, _Day | None], ...] = ()  # "in June or July 2017": more (low, high) spans

    def holds(self, iso: str | None) -> bool:
        if not iso:
            return False
        day = tuple(int(p) for p in iso.split("-")[:3])
        return any(
            (low is None or _after_or_on(day, low)) and (high is None or _after_or_on(high, day))
            for low, high in ((self.low, self.high), *self.alternatives)
        )


def _after_or_on(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether day a is on or after day b, comparing only the parts both give (a question may leave out the year)."""
    for x, y in zip(a, b, strict=False):
        if x == 0 or y == 0 or x == y:
            continue
        return x > y
    return True


def find_dates(text: str) -> list[DateMention]:
    """The dates a text gives down to the month at least, in text order, and the words pointing back to one given
    before them ("The report printed replies received by 31 May 2022. Whose came in on that day?"), as that date.
    A pointer right after a date is part of it (5月31日当天)."""
    found = [_mention(m) for pattern in (_ZH_DATE, _ISO, _NUMERIC) for m in pattern.finditer(text)]
    for token in _WORD.finditer(text):
        read = (token.start(), token.end(), fold_lower(token.group()))
        month = next(filter(None, (numerals.month_at(text, read, lang) for lang in _LANGUAGES)), None)
        if month is not None and not any(d.start <= month.start < d.end for d in found):
            found.append(_worded(text, month.start, month.end, int(month.forms[0][:-1])))
    found.sort(key=lambda d: d.start)
    for pointer in _POINTER.finditer(text):
        given = [d for d in found if d.end <= pointer.start() and d.day[1]]
        if not given:
            continue
        last = given[-1]
        if not text[last.end : pointer.start()].strip(" ,，"):
            found[found.index(last)] = DateMention(last.start, pointer.end(), last.day)
        else:
            found.append(DateMention(pointer.start(), pointer.end(), last.day, text[last.start : last.end]))
    return sorted(found, key=lambda d: d.start)


def _mention(match: re.Match[str]) -> DateMention:
    parts = match.groupdict()
    day = (int(parts["y"] or 0), int(parts["m"]), int(parts["d"] or 0))
    return DateMention(match.start(), match.end(), day)


def _worded(text: str, start: int, end: int, month: int) -> DateMention:
    if second := _SECOND_NAME.match(text, end):
        end = second.end()
    day = 0
    if before := _DAY_BEFORE.search(text, max(0, start - 12), start):
        start, day = before.start(), int(before.group("d"))
    elif after := _DAY_AFTER.match(text, end):
        end, day = after.end(), int(after.group("d"))
    year = 0
    if dated := _YEAR_AFTER.match(text, end):
        end, year = dated.end(), int(dated.group("y"))
    return DateMention(start, end, (year, month, day if 0 < day <= 31 else 0))


def reply_dates(text: str) -> ReplyDates | None:
    """The first span of reply dates the question asks about (all_reply_dates), if any."""
    return next(iter(all_reply_dates(text)), None)


def all_reply_dates(text: str) -> list[ReplyDates]:
    """The spans of reply dates the question asks about, in text order: each date it gives (down to the month) that
    is said of replies, by a word dating a reply near it ("dated", "received", 日期, مؤرخة). Before it, after it, by
    it, or on it."""
    spans: list[ReplyDates] = []
    for date in find_dates(text):
        compared = any(_compared(p, text, date, after=False) for p in (_BY, _BEFORE, _AFTER))
        word = _dating_word(text, date, compared)
        if word is None and spans and _OR_AND.match(text[spans[-1].end : date.start]):
            word = spans[-1].word  # "replied in June or July 2017": July is a reply date too
        if word is None:
            continue
        low: _Day | None = date.day
        high: _Day | None = date.day
        start, end = date.start, date.end
        if (said := _compared(_BY, text, date, after=False)) is not None:  # "on or before", "au plus tard le"
            low = None
        elif (said := _compared(_BEFORE, text, date, after=True)) is not None:
            low, high = None, _day_before(date.day)
        elif (said := _compared(_AFTER, text, date, after=True)) is not None:
            low, high = _day_after(date.day), None
        if said is not None:
            start, end = min(start, said[0]), max(end, said[1])
        words = text[start:end].replace(text[date.start : date.end], date.shown) if date.shown else text[start:end]
        spans.append(ReplyDates(start, end, low, high, word, words))
    return _joined(text, spans)


_OR_AND = re.compile(rf"\W*(?:{cues.alternation('or_word')}|{cues.alternation('and_word')})\W*\Z", re.IGNORECASE)


def _joined(text: str, spans: list[ReplyDates]) -> list[ReplyDates]:
    """Reply dates joined by "or" or "and" ("in June or July 2017", "2017年6月或7月") as one span holding either; a
    date given without its year takes the year of the one it is joined to."""
    joined: list[ReplyDates] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is None or not _OR_AND.match(text[last.end : span.start]) or last.word != span.word:
            joined.append(span)
            continue
        year = next((d[0] for d in (span.low, span.high) if d is not None and d[0]), 0)
        ranges = [
            (_with_year(low, year), _with_year(high, year)) for low, high in ((last.low, last.high), *last.alternatives)
        ]
        words = text[last.start : span.end]
        first, *others = [*ranges, (span.low, span.high)]
        joined[-1] = ReplyDates(last.start, span.end, first[0], first[1], last.word, words, tuple(others))
    return joined


def _with_year(day: _Day | None, year: int) -> _Day | None:
    return day if day is None or day[0] or not year else (year, *day[1:])


def _dating_word(text: str, date: DateMention, compared: bool = False) -> tuple[int, int] | None:
    """Whether a word saying that a reply was dated, sent or received stands right before the date (a few words
    between: "sent their replies before May 2017", "مؤرخة في"; with `compared`, a date said to be before or after
    it, anywhere in the clause) or right after it (2017年5月之前提交答复的)."""
    reach = 200 if compared else 80
    before = list(_DATED.finditer(text, max(0, date.start - reach), date.start))
    gap = text[before[-1].end() : date.start] if before else ""
    # "replied to the report on peaceful uses in April 2022": what the reply answered may stand between them
    if before and (_near(gap) or _in_clause(gap)):
        return before[-1].span()
    after = _DATED.search(text, date.end, date.end + 16)
    if after is not None and is_cjk(text[after.start()]) and _near(text[date.end : after.start()], cjk=True):
        return after.span()
    return None


def _near(gap: str, cjk: bool = False) -> bool:
    """Whether words between a date and a word dating a reply are few: at most DATED_GAP words, or in Chinese at most
    two characters (and the particles saying to whom), besides the words comparing dates and naming the report
    ("的日期是", "之前向2017年报告提交")."""
    for pattern in (_BEFORE, _AFTER, _BY, _REPORT):  # "replies to the 2017 report before May 2017"
        gap = pattern.sub(" ", gap)
    if cjk or any(map(is_cjk, gap)):
        return len("".join(gap.split()).strip("向给对的")) <= 2
    return len(gap.split()) <= DATED_GAP


def _in_clause(gap: str) -> bool:
    """Whether the words between a reply verb and a compared date say what the reply answered, in one clause and
    brackets aside: "sent its reply on the survey on resolution 76/234 (peaceful uses) before May 2022", not
    "replied mention the treaty signed before May 2017"."""
    gap = re.sub(r"\([^()]*\)", " ", numerals.SYMBOL.sub(" ", gap))
    words = gap.split()
    if not words or _CLAUSE_END.search(gap) or len(words) > COMPARED_GAP or any(map(is_cjk, gap)):
        return False
    if _PREPOSITION.search(f" {words[0]}") is not None:  # on, to, about, على, по, sur, sobre
        return True
    # what it answered, then "in": "answered the questionnaire in June", not "replies mention the law adopted in May"
    return _DATE_IN.search(gap) is not None and not (_MENTION.search(gap) or _SAYING.search(gap))


def _compared(pattern: re.Pattern[str], text: str, date: DateMention, after: bool) -> tuple[int, int] | None:
    """Where the text compares the date (the words right before it, or, with `after`, right after it: 2017年5月之前)."""
    # Chinese says before and after after the date (2017年5月之前): a 前 before it is another word's ("截止日前一天、
    # 也就是5月30日"); by, before it (截至).
    matches = [
        m
        for m in pattern.finditer(text, max(0, date.start - _COMPARE_REACH), date.start)
        if pattern is _BY or not is_cjk(m[0][0])
    ]
    gap = text[matches[-1].end() : date.start] if matches else ""
    # In the same clause, a word or two before it: not the 以后 of the sentence before ("…以后收到的。哪几家是5月31日…")
    if matches and len(gap.split()) <= 2 and not _CLAUSE_END.search(gap) and len("".join(gap.split())) <= _CJK_GAP:
        return matches[-1].start(), matches[-1].end()
    following = pattern.match(text, date.end + len(text[date.end :]) - len(text[date.end :].lstrip()))
    return following.span() if after and following is not None and following.start() - date.end <= 6 else None


def _day_before(day: _Day) -> _Day:
    """The last day a reply "before" this date can have: the day before it, or the end of the month before."""
    year, month, d = day
    if d > 1:
        return (year, month, d - 1)
    return (year, month - 1, 31) if month > 1 else (year - 1 if year else 0, 12, 31)


def _day_after(day: _Day) -> _Day:
    """The first day a reply "after" this date can have."""
    year, month, d = day
    if d:
        return (year, month, d + 1)
    return (year, month + 1, 1) if month < 12 else (year + 1 if year else 0, 1, 1)


_ADOPTED = cues.pattern("adopted_word")
_ASKS_DAY = cues.pattern("asks_day")


def adoption_day_asked(text: str) -> _Day | None:
    """For a set question naming a resolution and its adoption: the day it asks replies to give ("which replies give
    the date 76/234 was adopted", "哪些答复方写明了第71/38号决议是2016年12月9日通过的"): the full date the question
    gives, (0, 0, 0) for any day when it asks what day, None when it asks neither (a year is then enough)."""
    if _ADOPTED.search(text) is None:
        return None
    given = [d.day for d in find_dates(text) if all(d.day)]
    if given:
        return given[0]
    return (0, 0, 0) if _ASKS_DAY.search(text) else None


def gives_day(text: str, day: _Day) -> bool:
    """Whether a text gives a full date (year, month and day), the given one unless it is (0, 0, 0)."""
    return any(all(d.day) and (not any(day) or d.day == day) for d in find_dates(text))


_EDGE = cues.pattern("date_edge")
EDGE_REACH = 24  # characters before a date where the word setting where in it may start ("à la fin du mois de")


def mentions_with_edges(text: str) -> list[tuple[int, int]]:
    """The dates a text gives (find_dates), each with the word before it that sets where in it ("fin mai", "end of
    May"): words of a date, not of a topic."""
    spans = []
    for date in find_dates(text):
        edge = _EDGE.search(text, max(0, date.start - EDGE_REACH), date.start)
        spans.append((edge.start() if edge is not None else date.start, date.end))
    return spans
