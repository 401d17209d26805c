"""The years a question names: a report's year, or a point an event or figure is dated by."""

from __future__ import annotations

import pytest

from rag.lang.years import dating_years, report_years


@pytest.mark.parametrize(
    "question, years",
    [
        ("Which states in the 2019 report on confidence-building replied?", {2019}),
        ("2019年那份区域和次区域建立信任措施报告里，有哪些国家提交了答复？", {2019}),
        ("Dans le rapport de 2019, quels pays parlent de drones ?", {2019}),
        ("В докладе 2019 года какие страны упоминают дроны?", {2019}),
        ("¿Qué dice el informe de 2017 sobre las fronteras?", {2017}),
        ("في تقرير عام 2019، ما الدول التي ردت؟", {2019}),
        ("Which states reported in 2019 that they had a law?", set()),  # the verb, not a report
        ("What did Japan report about its 2019 law?", set()),
        ("Which states replied to the report. Name those that acted in 2019.", set()),  # another clause
        ("How much did output grow between 2018 and 2019 according to the Board's report?", set()),  # events
        ("事故报告数量到2016年底是多少？", set()),  # incident reports, and a year after them
        ("数据库到2016年底一共收到多少起经过确认的报告？", set()),  # a point in 2016, then reports received by then
        ("截至2016年6月收到的报告有多少？", set()),
        ("在2017年的报告中，古巴说了什么？", {2017}),
        ("In the 2017 replies, which states mention Syria?", {2017}),  # the replies' year is their report's
        ("En las respuestas de 2017, ¿qué gobiernos hablan de Siria?", {2017}),
        ("Кто из ответивших в 2017 году упоминает Сирию?", {2017}),
        ("Which replies to the report on confidence-building mention the 2017 treaty banning nuclear weapons?", set()),
        # "report" as a verb after its auxiliary names no report; after a determiner, a year or a possessive it does
        ("How many export licence refusals did the EU report for 2019?", set()),
        ("What does the 2017 report say?", {2017}),
        ("What did Spain's report for 2017 say?", {2017}),
        # a word or two saying what the report is on may stand between; a particle may not
        ("Which replies to the 2017 WMD-terrorism report refer to it?", {2017}),
        ("In the 2022 peaceful-uses report, who mentions rare earths?", {2022}),
        ("In 2017 the report said what about Syria?", set()),
        ("What does the Vienna Document 1999 require participating states to do?", set()),  # a word of replying
        # a second report named by a pronoun: "and in the one of 2022"
        ("Dans le rapport de 2017 sur les ADM et dans celui de 2022 sur les mesures de confiance, qui…", {2017, 2022}),
        ("En el informe de 2017 y en el de 2022 sobre medidas de confianza, ¿quién…?", {2017, 2022}),
        ("Across the 2017 report on terrorists and the 2022 one on confidence-building, who…?", {2017, 2022}),
        # a state's own report is none of the corpus's
        ("伊拉克2013年交上去的那份国家报告，是它的头一份吗？", set()),
        ("Was Iraq's 2013 national report on resolution 1540 its first?", set()),
        ("Le rapport national de 2013 de l'Iraq était-il le premier ?", set()),
    ],
)
def test_report_years(question: str, years: set[int]) -> None:
    assert report_years(question) == years


@pytest.mark.parametrize(
    "question, years",
    [
        ("How many IPPAS missions did the IAEA carry out in 2017?", {"2017"}),
        ("裁研所2020年出了多少份出版物？", {"2020"}),
        ("What does the 2017 report say about Cuba?", set()),  # a report's year dates nothing
    ],
)
def test_dating_years(question: str, years: set[str]) -> None:
    assert dating_years(question) == years
