"""Whether a sentence counts what a "how many" question asks about: numbers that count (not years, ordinals, dates,
paragraph numbers or names like "5+5"), and, for a Chinese question, the measure word of what it counts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rag.core.text import fold
from rag.lang import cues, intent, lexicon, stopwords
from rag.lang.glossary import default_glossary
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


_ANNIVERSARY = re.compile(r"\d+\s*周年")  # "40 周年": the 40th anniversary


def counts_something(sentence: str, anniversaries: bool = True) -> bool:
    """Whether a sentence holds a number that may be a count: not a year, an ordinal, nor the paragraph's number
    ("11. 欧洲联盟…"); nor an anniversary ("40 周年") unless anniversaries are what is counted."""
    if not anniversaries:
        sentence = _ANNIVERSARY.sub(" ", sentence)
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
    return next((m for m in map(lexicon.counted_measure, counted_words(question)) if m is not None), None)


def counted_words(question: str) -> list[str]:
    """The words after "how many" that may name what a question (not Chinese) counts: the first few that are not
    particles ("combien d'États participants": États, participants); [] when it asks no count."""
    asked = _count_asked(question)
    if asked is None:
        return []
    # "combien d'États participants" counts states, whatever follows them; "how many Spanish soldiers", soldiers.
    return [w for w in _WORD.findall(question[asked[0] :])[:COUNTED_REACH] if fold(w) not in stopwords.particles()]


def _count_asked(question: str) -> tuple[int, bool] | None:
    """Where the words after "how many" start, and whether they name what it counts: a count cue says so ("combien
    de licences", "how many"), else the word right after it must be no particle ("сколько прекурсоров", not "ils ont
    mis combien dans le Fonds": how much); None when the question asks no quantity."""
    asked = intent.QUANTITY.search(question)
    if asked is None:
        return None
    # "كم عدد", "combien de": the words of a count cue at the same place are the cue's, not what is counted (a cue
    # that reads the first letter of the noun, "cuántas p", ends before that noun).
    if (count := intent.ASKS_COUNT.search(question, asked.start())) is not None and count.start() == asked.start():
        end = count.end()
        while end > count.start() and question[end - 1].isalpha() and end < len(question) and question[end].isalpha():
            end -= 1
        return end, True
    first = _WORD.search(question, asked.end())
    return asked.end(), first is not None and fold(first.group()) not in stopwords.particles()


COUNTED_AFTER = 3  # characters after a number (its measure word, a particle) before the thing it counts is named


def counts_another_thing(question: str, sentence: str, language: str) -> bool:
    """Whether every number of a sentence that may count counts a thing the question (not in Chinese) does not name,
    as the glossary knows both: "combien de licences d'exportation" is not answered by "四项多边出口管制制度", nor
    "how many export requests" by "一年两次举行的…会议". A number before a thing the glossary does not know, or one
    the question names in any of its words, may count what is asked ("共驳回 12 份申请", "603 项出口未获准"). False
    when the question counts states, bodies or people (their measure words check those), nothing, or a thing the
    glossary does not know."""
    asked = _things_asked(question, language)
    if asked is None:
        return False
    glossary = default_glossary()
    numbers = list(_counting_numbers(sentence))
    for number in numbers:
        # the words after the number up to a break: "8 种化学武器前体" counts precursors, named last
        after = _BREAK.split(sentence[number.end() : number.end() + COUNTED_AFTER + 12])[0]
        terms = glossary.match(after, "zh")
        if not terms or terms[0].start > COUNTED_AFTER:
            return False
        named = [form for m in terms for form in m.term.zh]
        # a form inside another is the same thing, more or less precisely (出口 of 出口许可证, 审查 of 全面审查)
        if any(a in n or n in a for a in asked for n in named):
            return False
    return bool(numbers)


@lru_cache(maxsize=256)
def _things_asked(question: str, language: str) -> tuple[str, ...] | None:
    """The Chinese forms of every glossary term of a question that counts a thing the glossary knows (not states,
    bodies or people, which measure words count); None for any other question. Read once per question, not once per
    sentence checked."""
    words, asked = counted_words(question), _count_asked(question)
    if not words or asked is None or not asked[1] or language == "zh":
        return None
    if any(lexicon.counted_measure(w) for w in words):
        return None
    glossary = default_glossary()
    if not glossary.match(" ".join(words), language or None):
        return None  # "Combien en a-t-elle reçu ?": what it counts is no thing the glossary knows
    return tuple(form for match in glossary.match(question, language or None) for form in match.term.zh)


_BREAK = re.compile(r"[，。；、,;:：()（）]")


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
