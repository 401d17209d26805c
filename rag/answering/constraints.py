"""What a question asks for and a sentence must give to answer it: a date when it asks when, a place, a person, a
figure of the kind asked (a number, a share, an amount, a count of what it counts), and the years and numbers it
names; a reason when it asks why (a preference, never a reason to abstain)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rag.answering import counting
from rag.core.text import blank_spans, is_cjk, sentence_spans, whole_word
from rag.lang import events, figures, intent, lexicon, numerals, places
from rag.lang.names import NameTable
from rag.lang.persons import PersonIndex
from rag.lang.years import YEAR, YEAR_WHEN, dating_years, report_years
from rag.retrieval.query import resolution_mentions, resolution_symbols


@dataclass(frozen=True)
class Unmet:
    """What a question asks for that the passages do not give: a kind (when, event, where, who, name,
    amount, number, missing, nothing) worded for the asker by the phrases data (`unmet_<kind>`), and the reason in
    English for warnings."""

    kind: str
    message: str
    missing: str = ""  # the years or numbers the passages never mention


def gives_what_is_asked(question: str, sentence: str) -> bool:
    """Whether a sentence has the shape of an answer to the kind of question asked: a question asking why
    wants a sentence that gives a reason, one asking which resolution a sentence naming one, one asking what was
    proposed a sentence proposing, recommending or saying what should be done. (A preference among
    close sentences, never a reason to abstain: a reason is often given without a causal word.)"""
    if intent.ASKS_RESOLUTION.search(question) and not resolution_mentions(sentence):
        return False
    if intent.ASKS_PROPOSAL.search(question) and not intent.PROPOSAL.search(sentence):
        return False  # "What did Mexico propose…?": not its opening words on the request it answers
    return not intent.REASON.search(question) or bool(intent.CAUSE.search(sentence))


def sentence_constraint(
    question: str,
    sentence: str,
    passage: str,
    document_years: Iterable[int] = (),
    language: str = "",
    names: NameTable | None = None,
    persons: PersonIndex | None = None,
    near: str | None = None,
) -> Unmet | None:
    """Why a sentence matching the question's words still cannot answer it: the question asks how much
    (and it holds no number or amount), when (and neither the sentence nor the lead-in of its list, given as
    `near`, holds a year), where (and its passage names no place) or which person (and its passage names no
    one), or names a year or another number (a session, a count) that its passage never mentions. A question
    asking for a figure must find the years it names `near` the figure (in the sentence or the lead-in of its
    list, when given): "how many in 2020" is not answered by a sentence counting 2019's. A question asking
    which state or body said something asks for no figure, whatever figures it describes. None when fine."""
    # "Which country said its refusals were under 0.03 % of its exports?" asks for the speaker: the figure
    # describes what was said, and the sentence need not give one of the kind asked.
    city = intent.ASKS_CITY.search(question) is not None
    if (
        names is not None
        and (city or intent.ASKS_WHERE.search(question))
        and not places.names_a_place(passage, names, city=city, question=question)
    ):
        return Unmet("where", "the question asks where and the passages name no place")
    if (
        persons is not None
        and intent.ASKS_PERSON.search(question)
        and not names_a_person(sentence, passage, persons, names)
    ):
        return Unmet("who", "the question asks who and the passages name no one")
    if (
        names is not None
        and intent.ASKS_COMPANION.search(question)
        and not _names_another(question, near or sentence, names)
    ):
        return Unmet("who", "the question asks with whom and the passages name no one else")
    if names is not None and (unnamed := _said_about_unnamed(question, passage, names)):
        return Unmet("missing", f"the question is about {unnamed} and the passages do not mention it", unnamed)
    if (vote := intent.VOTE.search(question)) and not _votes_on(question, passage or sentence):
        # "How did Ireland vote on 76/234?" is not answered by the concern its reply voices
        unvoted = "the question asks about a vote and the passages mention none"
        return Unmet("missing", unvoted, question[slice(*whole_word(question, *vote.span()))].lower())
    if intent.ASKS_RESOLUTION_NUMBER.search(question) and not resolution_mentions(passage or sentence):
        return Unmet("number", "the question asks for resolutions' numbers and the passages give none")
    if persons is not None and names is not None and not _nationality_given(question, passage, persons, names):
        return Unmet("which", "the question asks a person's nationality and no state stands beside them")
    # "从哪一年起当上主席" is not answered by the year she chaired a session; a law's number and year are its start
    started = near or sentence
    if intent.ASKS_SINCE.search(question) and not (
        intent.SINCE_MARKER.search(started) or intent.LAW_NAMED.search(started)
    ):
        return Unmet("when", "the question asks since when and the passages give no start")
    if intent.ASKS_NAME.search(question) and not gives_a_name(sentence, question):
        return Unmet("name", "the question asks what something is called and the passages give no name")
    if (
        names is not None
        and (count := items_asked(question))
        and _items_named(near or sentence, question, names) < count
    ):
        return Unmet("items", "the question asks which the things it counts are and the passages do not list them")
    speaker = intent.ASKS_SPEAKER.search(question) is not None
    if not speaker and (unmet := _figure_unmet(question, sentence, passage, near, language)):
        return unmet
    figure = near is not None and intent.asks_figure(question)
    missing = _years_missing(
        question, passage, near if figure and near is not None else passage, figure, document_years
    )
    if not intent.asks_figure(question):  # a figure's year is looked for beside it (_years_missing)
        missing += _dated_otherwise(question, passage, document_years)
    if named := numerals.named_numbers(question, language):
        counter = lexicon.ordinal_counter(question)  # "the 75th session" is not the 75th anniversary
        # "When will the 76th session be held?": the sentence giving a date gives that session's, not another's
        dated = counter is not None and intent.ASKS_WHEN.search(question) is not None
        bare = "".join(numerals.without_symbols(sentence if dated else passage).split())
        missing += [text for text, forms in named if not _holds_one(bare, forms, counter)]
    if missing:
        shown = ", ".join(missing)
        return Unmet("missing", f"the question is about {shown} and the passages do not mention it", shown)
    return None


_ORDINAL_DIGITS = r"第{0}(?!\d)|(?<![\d.,]){0}(?={1})"  # an ordinal in digits: after 第, or before its counter
_COUNTERS = "周年|届|次"


def _holds_one(bare: str, forms: tuple[str, ...], counter: str | None = None) -> bool:
    """Whether a passage (without blanks) holds a number the question names in one of its forms. An ordinal is
    looked for as a whole number after 第 or before its counter ("the fourth report" is not in 2014 nor in 第四十,
    "the second" not in 2014 年 2 月; "the 40th anniversary" is 40 周年), and "first" is met by any
    passage (首次, 率先: it is rarely written as a number); other numbers anywhere in a number's digits."""
    if forms[0] == "第一":
        return True
    if forms[0].startswith("第"):  # an ordinal's digits: "第 2 次", "40 周年", not the 2 of "2014 年 2 月"
        return any(
            (numerals.holds_number(bare, f) and (counter is None or _counted(bare, f, counter)))
            if f.startswith("第")
            else re.search(_ORDINAL_DIGITS.format(f, counter or _COUNTERS), bare)
            for f in forms
        )
    return any(f in bare for f in forms)


def _counted(bare: str, ordinal: str, counter: str) -> bool:
    """Whether an ordinal written with 第 stands before the counter asked: "第七十五届", not "七十五周年"."""
    return any(bare.startswith(counter, m.end()) for m in re.finditer(re.escape(ordinal), bare))


def _years_missing(question: str, passage: str, beside: str, figure: bool, document_years: Iterable[int]) -> list[str]:
    """The years the question names that the passage never mentions. A year dating a figure ("denied in 2020") is
    looked for `beside` it; one naming a thing ("resolution 1540 (2004)") anywhere in the passage. The year of the
    passage's report needs no mention, unless it dates the figure asked and the figure is dated by a year: then the
    passage must name it. "How many missions in 2017" is not answered by the 2017 report's "six missions in 2016",
    while a count given with no year is taken to be of its report's year."""
    dating = {m.group() for m in YEAR.finditer(question) if YEAR_WHEN.search(question, 0, m.start())}
    own = {str(y) for y in document_years}
    dated_own: set[str] = set()
    if figure and YEAR.search(beside):
        dated_own = own & dating_years(question) - {str(y) for y in report_years(question)}
    years = set(YEAR.findall(question)) - (own - dated_own)
    # The year of a resolution's symbol ("resolución 2616 (2021)") is met by the passage naming the resolution.
    dated = [symbol.split("(", 1) for symbol, _, _ in resolution_mentions(question) if "(" in symbol]
    if dated:
        said = "".join(passage.split())
        years -= {y for number, year in dated if number in said for y in YEAR.findall(year)}
    return [y for y in sorted(years) if y not in (beside if y in dating - dated_own else passage)]


def _said_about_unnamed(question: str, passage: str, names: NameTable) -> str:
    """The state or organization a question asks what was said about ("What did Pakistan say about India?",
    "ماذا قالت باكستان عن الهند"), when the passage does not name it; "" when it names it or none is asked about."""
    named = {m.entity.id for m in names.find_mentions(passage)}
    for mention in names.find_mentions(question):
        if intent.SAID_ABOUT.search(question[: mention.start]) and mention.entity.id not in named:
            return question[mention.start : mention.end]
    return ""


OTHER_YEAR_REACH = 2  # a sentence dating the fact by a year this close to the one asked dates it otherwise


def _dated_otherwise(question: str, passage: str, document_years: Iterable[int]) -> list[str]:
    """The year dating what the question asks, when it is the passage's report's own year (which _years_missing lets
    pass unsaid) but the passage dates what it says by other years close to it: "Кто в 2022 году председательствует…?"
    is not answered by "西班牙担任 2020 年和 2021 年…主席" in the 2022 report. Years of symbols do not count."""
    own = {str(y) for y in document_years}
    asked = (dating_years(question) - {str(y) for y in report_years(question)}) & own
    if not asked:
        return []
    plain = blank_spans(passage, [(start, end) for _, start, end in resolution_mentions(passage)])
    given = {int(y) for y in YEAR.findall(plain)}
    return [y for y in sorted(asked) if int(y) not in given and any(abs(int(y) - g) <= OTHER_YEAR_REACH for g in given)]


def _figure_unmet(question: str, sentence: str, passage: str, near: str | None, language: str = "") -> Unmet | None:
    """The figure the question asks for (a year, a day, a share, an amount, a number) that the sentence or its
    passage does not give."""
    if intent.ASKS_WHEN.search(question) and not YEAR.search(without_resolutions(passage if near is None else near)):
        return Unmet("when", "the question asks when and the passages give no date")
    if intent.ASKS_DATE.search(question) and not numerals.names_a_day(passage):
        return Unmet("when", "the question asks for a date and the passages give no day")
    if (
        (intent.ASKS_WHEN.search(question) or intent.ASKS_DATE.search(question))
        and (asked := events.named(question))
        and not _dates_event(passage or sentence, asked)
    ):
        # "When did Ecuador ratify the TPNW?" is not answered by the year the treaty was adopted
        return Unmet("event", "the question asks when something happened and the passages date no such event")
    how_many = intent.QUANTITY.search(question) is not None
    if how_many and intent.ASKS_CHANGE.search(question) and intent.MULTIPLIER.search(sentence):
        return None  # "How much is the rent expected to rise?": "租金将增加两倍"
    if intent.ASKS_NUMBER.search(question) and not re.search(r"\d", YEAR.sub(" ", sentence)):
        return Unmet("number", "the question asks for a number and the passages give none")
    if intent.ASKS_SHARE.search(question):
        if not intent.PERCENT.search(sentence):
            return Unmet("number", "the question asks for a share and the passages give no percentage")
    elif intent.ASKS_AMOUNT.search(question) or (
        how_many and intent.MONEY.search(question) and not _counts_things(question)
    ):
        # a table's amounts carry their currency in its head ("总额(美元)", "共计 798 798")
        if not figures.gives_amount(sentence, passage):
            return Unmet("amount", "the question asks for an amount and the passages give none")
    elif how_many:
        things = intent.ASKS_COUNT.search(question) is not None  # "how many requests": no percentage counts them
        # "how many events for its 40th anniversary" is not answered by "40 周年"; "多少周年" is
        anniversaries = lexicon.ordinal_counter(question) == "周年"
        if not counting.counts_something(intent.PERCENT.sub(" ", sentence) if things else sentence, anniversaries):
            return Unmet("number", "the question asks for a number and the passages give none")
        elif (measure := counting.measure_asked(question)) and not counting.counts(sentence, measure):
            return Unmet("number", f"the question asks how many {measure} and the passages count none")
        elif not intent.ASKS_NUMBER.search(question) and counting.counts_another_thing(question, sentence, language):
            return Unmet("number", "the question asks how many of a thing the passages count others of")
        elif intent.ASKS_WITHIN_YEAR.search(question) and intent.RUNNING_TOTAL.search(sentence):
            # "仅2016年一年新增了多少起？" is not answered by "截至 2016 年12 月 31 日，…共收录有 3 073 次"
            return Unmet("total", "the question asks how many in one year and the passages give a running total")
    return None


def _votes_on(question: str, passage: str) -> bool:
    """Whether a passage speaks of a vote on what the question asks about: a sentence with a vote that names the
    resolution the question names, or no resolution nor treaty at all ("对该决议投了反对票"). "How did Kenya vote on
    76/234?" is not answered by its vote on the Treaty on the Prohibition of Nuclear Weapons."""
    asked = {symbol for symbol, _, _ in resolution_mentions(question)}
    for start, end in sentence_spans(passage):
        sentence = passage[start:end]
        if intent.VOTE.search(sentence) is None:
            continue
        named = set(resolution_symbols(sentence))
        if not asked or asked & named or not (named or TITLE.search(sentence)):
            return True
    return False


TITLE = re.compile(r"《([^《》]+)》")  # a title as Chinese writes it, a treaty's or a law's: 《不扩散核武器条约》


def _dates_event(text: str, asked: frozenset[str]) -> bool:
    """Whether a sentence of the text holds a year (not a resolution's) and a word for one of the events asked."""
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if YEAR.search(without_resolutions(sentence)) and events.names_one(sentence, asked):
            return True
    return False


def without_resolutions(text: str) -> str:
    """The text with the resolutions it names blanked: the year in "第 1540(2004)号决议" names it, it dates nothing."""
    for _, start, end in reversed(resolution_mentions(text)):
        text = f"{text[:start]}{' ' * (end - start)}{text[end:]}"
    return text


def _counts_things(question: str) -> bool:
    """Whether a question asks how many things other than money: "how many partner countries does the EU give"
    counts countries, "how many euros did it give" counts money."""
    return intent.ASKS_COUNT.search(question) is not None and intent.MONEY_UNIT.search(question) is None


# A name set off by quotation marks, in Latin letters, or a person's written with a middle dot (塞尔玛·阿希帕拉)
_NAMED = re.compile(r"[“「《«\"][^”」》»\"]+[”」》»\"]|[A-Za-z][A-Za-z ]+[A-Za-z]|[^\W\d_]+(?:·[^\W\d_]+)+")


def gives_a_name(sentence: str, question: str = "") -> bool:
    """Whether a sentence gives what something or someone is called: a name in quotation marks or 《》, in Latin
    letters amid Chinese, a person's full name, or after a word introducing one ("即国际生物安全机构", "called").
    A name the question gives itself is not what it asks ("颁布了《2019年核监管法》。这部法律设立的核监管机构叫什么
    名字？"). A sentence in Latin or Cyrillic letters is given the benefit: its names are not set off."""
    if not any(is_cjk(c) for c in sentence[:200]):
        return True
    if intent.NAME_INTRO.search(sentence) is not None:
        return True
    asked = "".join(question.split())
    names = ("".join(m.group().split()).strip('“”「」《》«»"') for m in _NAMED.finditer(sentence))
    return any(name and name not in asked for name in names)


_LIST_SEPARATOR = re.compile(r"[、;；•]")  # between the items of a list a sentence holds
MIN_TITLE = 2  # characters a title must exceed to name a thing (《公约》 points back to one named before)
ITEMS_LISTED = 3  # "Which are the 18 conventions?": a list of at least this many (or all, when fewer) answers it
_COUNT = re.compile(r"(?<![\d.,/])\d{1,3}(?![\d.,/%])")
CUE_BEFORE = 25  # characters at most from "which are the" to the number ("Quelles sont les 18 conventions")
CUE_AFTER = 12  # characters at most from the number to the asking word after it ("其余17项分别是哪些")


def items_asked(question: str) -> int:
    """How many things a question asks to be named, when it counts them beside its word asking which ("Quelles sont
    les 18 conventions…?", "那15个最初参与国分别是哪些国家？"): the count, at most ITEMS_LISTED; 0 when it counts none
    so (a count of two is asked of as a pair, and a year or a symbol counts nothing)."""
    cues = [m.span() for m in intent.ASKS_SEVERAL.finditer(question)]
    for number in _COUNT.finditer(question):
        count = int(number.group())
        if count > 2 and any(
            0 <= number.start() - end <= CUE_BEFORE or 0 <= start - number.end() <= CUE_AFTER for start, end in cues
        ):
            return min(count, ITEMS_LISTED)
    return 0


def _items_named(text: str, question: str, names: NameTable) -> int:
    """How many things a text names that the question does not: titles and quoted names longer than a word (not
    《公约》, which points back) with the states and organizations it names, or the items of a list it holds
    (separated by 、, semicolons or bullets), whichever is more."""
    asked = {m.entity.id for m in names.find_mentions(question)}
    titles = [t for t in _NAMED.findall(text) if len(t.strip('“”「」《》«»"')) > MIN_TITLE]
    named = len(titles) + len({m.entity.id for m in names.find_mentions(text)} - asked)
    listed = len(_LIST_SEPARATOR.findall(text)) + 1
    return max(named, listed if listed >= ITEMS_LISTED else 0)


def names_a_person(sentence: str, passage: str, persons: PersonIndex, names: NameTable | None = None) -> bool:
    """Whether a sentence or its passage names who could fill a post: a title before a name ("Mr. X", "大使") or
    one of the people the corpus names in the passage, or a state in the sentence itself (a state chairs a regime
    as a person chairs a board). A passage in a language the index has no names of people in
    (Latin or Cyrillic letters) is given the benefit."""
    if intent.PERSON_TITLE.search(passage) or persons.named_in(passage):
        return True
    if names is not None and any(m.entity.kind == "state" for m in names.find_mentions(sentence)):
        return True
    return not any(is_cjk(c) for c in passage[:200])


def _nationality_given(question: str, passage: str, persons: PersonIndex, names: NameTable) -> bool:
    """Whether a passage gives the nationality a question asks of a person it names: a sentence naming the person
    names a state too ("塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚)"). True when no nationality is asked, or of no one the
    index knows."""
    if intent.ASKS_NATIONALITY.search(question) is None:
        return True
    chinese = any(is_cjk(c) for c in question)
    found = persons.whole_names_in(question) if chinese else persons.full_names_in(question)
    families = {family for _, _, renderings in found for family in renderings}
    if not families:
        return True
    sentences = (passage[start:end] for start, end in sentence_spans(passage))
    return any(
        any(m.entity.kind == "state" for m in names.find_mentions(sentence))
        for sentence in sentences
        if any(f in sentence for f in families)
    )


def _names_another(question: str, text: str, names: NameTable) -> bool:
    """Whether a text names a state, an organization or a person (by a title) that the question does not: "who went
    with Spain to inspect Cyprus" is not answered by a sentence naming Spain and Cyprus alone."""
    asked = {m.entity.id for m in names.find_mentions(question)}
    return bool(intent.PERSON_TITLE.search(text)) or any(m.entity.id not in asked for m in names.find_mentions(text))


_MARKER = re.compile(r"\[\d+\]")  # a citation marker is no figure


def answer_lacks(question: str, answer: str) -> Unmet | None:
    """What a composed answer lacks that the question asks for: a date when it asks when, a number when it asks
    how many, an amount when it asks how much ("具体赞成 [1] 和 [2] 票" answers how many votes with markers alone)."""
    text = _MARKER.sub(" ", answer)
    unmet = sentence_constraint(question, text, text)
    return unmet if unmet is not None and unmet.kind in ("when", "number", "amount") else None
