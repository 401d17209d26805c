"""Whether a sentence counts what a "how many" question asks about: numbers that count (not years, ordinals, dates,
paragraph numbers or names like "5+5"), and, for a Chinese question, the measure word of what it counts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rag.core.text import fold
from rag.lang import cues, intent, lexicon, stopwords
from rag.lang.years import YEAR

# An ordinal ("第 17 次会议", "the 17th meeting", "17e séance") ranks, it counts nothing.
_ORDINAL_BEFORE = re.compile(r"第\s*$")
# "下一次会议", "上一届", "最近一次磋商", "这一项": which one (the next, the last, this), not a count of one
_NEXT_BEFORE = re.compile(r"(?:[下上这那每另同]|最近|最后)$")
_DATE_PART = re.compile(r"\s*[月日]")  # "1 月至 12 月", "9 日": a month or a day, not a count ("3 个月")
_DESIGNATION = re.compile(r"\s*号")  # "第 10697 号共和国法": a number that names, as asked by "编号是多少"
_PARAGRAPH_NUMBER = re.compile(r"[.．]\s")  # "11. " opening a paragraph numbers it
_NAMED_SUM = re.compile(r"\s*\+\s*\d")  # "5+5", "P5+1": a number joined to another by "+" names a grouping
_NAMED_SUM_BEFORE = re.compile(r"\d\s*\+\s*$")
_NAMED_AFTER_LETTERS = re.compile(r"[A-Za-z]-?$")  # "COVID-19", "P5", "Mi-17": a number in a name counts nothing
# A number after the word it labels ("附件 17", "Annex 17", "resolution 1540") names a thing, it counts nothing.
_LABEL_BEFORE = re.compile(rf"(?:{cues.alternation('number_label')})\s*$", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|e|er|re|ème|º|ª|-?(?:й|я|е|го|м))\b")


def counts_something(sentence: str) -> bool:
    """Whether a sentence holds a number that may be a count: not a year, an ordinal, nor the paragraph's number
    ("11. 欧洲联盟…")."""
    return next(_counting_numbers(sentence), None) is not None


def _counting_numbers(sentence: str) -> Iterator[re.Match[str]]:
    """The numbers of a sentence that may count something (see counts_something)."""
    for match in intent.NUMBER.finditer(sentence):
        number = match.group()
        after = sentence[match.end() :]
        if YEAR.fullmatch(number) or _ORDINAL_AFTER.match(after) or _DATE_PART.match(after):
            continue
        if _NAMED_SUM.match(after) or _NAMED_SUM_BEFORE.search(sentence[: match.start()]):
            continue  # "5+5 防御倡议", "P5+1": a name, not a count
        if _NAMED_AFTER_LETTERS.search(sentence[: match.start()]):
            continue
        if not sentence[: match.start()].strip() and _PARAGRAPH_NUMBER.match(after):
            continue
        if _ORDINAL_BEFORE.search(sentence[: match.start()]) and not _DESIGNATION.match(after):
            continue
        if number.startswith("一") and _NEXT_BEFORE.search(sentence[: match.start()]):
            continue
        if _LABEL_BEFORE.search(sentence[: match.start()]):
            continue
        yield match


# "多少票", "几次": what a Chinese question counts, by its measure word (个 says nothing: the noun follows it); a verb
# after 多少 ("从多少涨到多少") counts nothing in particular.
_COUNTED = re.compile(rf"(?:多少|几)([{lexicon.measure_words('zh')}])")


_WORD = re.compile(r"[^\W\d_]+")
_THINGS = lexicon.measures_of_things("zh")  # "两项", "两次": a count of treaties or meetings, not of states
_COUNTS_THINGS = re.compile(rf"\s*[{re.escape(_THINGS)}]")
GENERAL_MEASURE = "个"  # counts anything: states, organizations, members
COUNTED_REACH = 3  # words after "how many" in which what it counts is named ("how many of its people")


def measure_asked(question: str) -> str | None:
    """The measure word a question counts by: a Chinese question's own ("多少票": 票), else the one that counts
    the noun after "how many" in another language ("how many people": 名), if any."""
    if m := _COUNTED.search(question):
        return m.group(1)
    asked = intent.QUANTITY.search(question)
    if asked is None:
        return None
    end = asked.end()
    # "كم عدد", "combien de": the words of a count cue at the same place are the cue's, not what is counted (a cue
    # that reads the first letter of the noun, "cuántas p", ends before that noun).
    if (count := intent.ASKS_COUNT.search(question, asked.start())) is not None and count.start() == asked.start():
        end = count.end()
        while end > count.start() and question[end - 1].isalpha() and end < len(question) and question[end].isalpha():
            end -= 1
    # The first word after that which is not a particle and names what is counted: "combien d'États participants"
    # counts states, whatever follows them; "how many Spanish soldiers", soldiers, past the adjective.
    words = [w for w in _WORD.findall(question[end:])[:COUNTED_REACH] if fold(w) not in stopwords.particles()]
    measure = next((m for m in map(lexicon.counted_measure, words) if m is not None), None)
    return measure


def counts(sentence: str, measure: str) -> bool:
    """Whether a sentence gives a number of what is counted: a figure, then within a few characters the
    measure word ("120 票", "62个伙伴国"). States, bodies and members (个) are counted by any number but one
    with a measure word of things: "两项公约" counts treaties, "两次会议" meetings, not states."""
    if measure == GENERAL_MEASURE:
        # A Chinese numeral written with its measure word ("两项") is matched with it.
        return any(
            not _COUNTS_THINGS.match(sentence, m.end()) and m.group()[-1:] not in _THINGS
            for m in _counting_numbers(sentence)
        )
    figure = r"(?:\d|[零〇一二两三四五六七八九十百千万])[\d\s,.]*"
    kin = re.escape(lexicon.measure_word_kin("zh", measure))
    return re.search(rf"{figure}[^\d。，；;,.]{{0,4}}?[{kin}]", sentence) is not None
