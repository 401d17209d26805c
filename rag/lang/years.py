"""The years a question names, and what it names them for: a report's year ("the 2019 report", "доклад 2019
года"), or a point in time an event or a figure is dated by ("in 2020", "截至2016"). The words are data
(rag/lang/data/cues/<lang>.yaml: year_when, year_point, report_verb)."""

from __future__ import annotations

import re

from rag.core.text import fold, in_spans, is_cjk
from rag.lang import cues, stopwords
from rag.lang.intent import CLAUSE_END, REPLY_VERB, REPORT_WORD

YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
YEAR_WHEN = re.compile(rf"(?:{cues.alternation('year_when')})\s*\Z", re.I)
# A year said of a report or its replies: right before the word for it ("the 2019 report", "the 2017 replies"; in
# Chinese 年 and the title may stand between, in one clause: "2019年那份…报告") or right after it, at most a short
# word between ("le rapport de 2019", "las respuestas de 2017", "доклад 2019 года", "تقرير عام 2019"; not "between
# 2018 and 2019 according to the report", nor "事故报告数量 2016年底").
REPORT_YEAR_BEFORE = 40
_ACRONYM_GAP = re.compile(r"\s+[A-Z]{2,4}\s+")  # "the 2022 SG reports", "the 2017 UN report"
# One or two words that say what the report is on, none a particle: "the 2017 WMD-terrorism report", "the 2022
# peaceful-uses report" (not "in 2017 the report", "2019 according to the report").
_MODIFIER_GAP = re.compile(
    r"\s+(?:[A-Za-z][\w'’-]*\s+){1,2}"
)  # in letters written so (the languages putting a year first)
_YEAR_POINT = cues.pattern("year_point")
_YEAR_AFTER = re.compile(r"[^\W\d_]{0,5}\s+(?:[^\W\d_]{1,4}\s+)?")  # "respuesta|s de 2017", "ответ|ивших в 2017"
_REPORT_VERB = cues.pattern("report_verb")
_NATIONAL = cues.pattern("national_report")


def dating_years(question: str) -> set[str]:
    """The years a question dates something by: after a word for when ("in 2020", "en 2017", "截至2016"), or in
    Chinese written as a year ("2017年一共执行了几次"; a report's year is told apart by `report_years`)."""
    return {
        m.group()
        for m in YEAR.finditer(question)
        if YEAR_WHEN.search(question, 0, m.start()) or question.startswith("年", m.end())
    }


def _modifiers(gap: str) -> bool:
    """Whether the words between a year and a word for a report say what the report is on."""
    if _MODIFIER_GAP.fullmatch(gap) is None or any(map(is_cjk, gap)):
        return False
    return not any(fold(word) in stopwords.particles() for word in gap.split())


def report_years(question: str) -> frozenset[int]:
    """The years a question gives a report it speaks of, or its replies ("the 2017 replies"); not a point in a
    year ("到2016年底一共收到多少起…报告": reports of incidents by the end of 2016)."""
    verbs = {m.end() for m in _REPORT_VERB.finditer(question)}  # "did the EU report for 2019": no report named
    words = ((m, pattern is REPORT_WORD) for pattern in (REPORT_WORD, REPLY_VERB) for m in pattern.finditer(question))
    # "伊拉克2013年交的那份国家报告": a state's own report, not one of the Secretary-General's
    national = [m.span() for m in _NATIONAL.finditer(question)]
    reports = [(*m.span(), report) for m, report in words if m.end() not in verbs and not in_spans(m.start(), national)]
    years: set[int] = set()
    for year in YEAR.finditer(question):
        if _YEAR_POINT.match(question, year.end()):
            continue
        for start, end, report in reports:
            if start >= year.end():
                gap = question[year.end() : start]
                said = (
                    not gap.strip()
                    or _ACRONYM_GAP.fullmatch(gap) is not None
                    or (report and _modifiers(gap))  # not "1999 require participating states"
                    or (gap.startswith("年") and len(gap) <= REPORT_YEAR_BEFORE and not CLAUSE_END.search(gap))
                )
            else:
                gap = question[end : year.start()]
                said = year.start() >= end and _YEAR_AFTER.fullmatch(gap) is not None and not any(map(is_cjk, gap))
            if said:
                years.add(int(year.group(1)))
    return frozenset(years)
