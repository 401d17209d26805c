"""Enumerations: a lead-in and its items, as bullets in one paragraph or as paragraphs of their own."""

from __future__ import annotations

import pytest

from rag.answering.enumeration import Enumerations, bullets_after, semicolon_run
from rag.core.settings import Settings
from rag.core.types import Passage
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def enumerations(real_lexical_index: Settings) -> Enumerations:
    return Enumerations(Service.load(real_lexical_index).retriever)


def passage_with(enumerations: Enumerations, needle: str) -> Passage:
    return next(p for p in enumerations.retriever.passages if needle in p.text)


def test_bullets_run_together_in_a_paragraph_are_quoted_with_their_lead_in() -> None:
    text = "计划确定了以下目标：\uf0b7 完成框架。\uf0b7 保护设施。\uf0b7 国际合作。另一句话。"
    first = text.index("。") + 1
    assert (
        text[slice(*bullets_after(text, (0, first)))]
        == "计划确定了以下目标：\uf0b7 完成框架。\uf0b7 保护设施。\uf0b7 国际合作。"
    )
    plain = "委员会举行了两次会议。另一句话。"
    assert bullets_after(plain, (0, 11)) == (0, 11)


def test_a_lead_in_brings_its_items_and_an_item_its_siblings_when_several_are_asked(
    enumerations: Enumerations,
) -> None:
    lead_in = passage_with(enumerations, "古巴拥护以下原则")
    parts = enumerations.parts(lead_in, (0, len(lead_in.text)), several=False)
    assert [p.passage.text[:3] for p in parts[1:]] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
    item = passage_with(enumerations, "(c) 不干涉他国内政")
    assert [p.passage.id for p in enumerations.parts(item, (0, len(item.text)), several=False)] == [item.id]
    siblings = enumerations.parts(item, (0, len(item.text)), several=True)
    assert siblings[0].passage.id == lead_in.id and len(siblings) == 8
    assert enumerations.lead_in_of(lead_in) is None
    # a lead-in that does not fit the question leaves the item alone
    unfit = enumerations.parts(item, (0, len(item.text)), several=True, fits=lambda p: False)
    assert [p.passage.id for p in unfit] == [item.id]


def test_labelled_items_run_together_in_a_paragraph_are_quoted_with_their_lead_in() -> None:
    text = "已采取如下措施：(a) 禁止非法贩运；(b) 保护设施；(c) 查明实验室。另一句话。"
    first = text.index("；") + 1
    assert (
        text[slice(*bullets_after(text, (0, first)))]
        == "已采取如下措施：(a) 禁止非法贩运；(b) 保护设施；(c) 查明实验室。"
    )


def test_the_items_of_an_announced_list_are_those_of_the_subsection_it_opens(enumerations: Enumerations) -> None:
    # Honduras announces "the following information"; its items open a subsection ("信息共享措施"): (a) and (b)
    # of that subsection are its list, not the items of the next one
    lead_in = passage_with(enumerations, "提供以下信息")
    parts = enumerations.parts(lead_in, (0, len(lead_in.text)), several=False)
    assert [p.passage.text[:3] for p in parts[1:]] == ["(a)", "(b)"]
    assert {p.passage.section for p in parts[1:]} == {(*lead_in.section, "信息共享措施")}


def test_a_list_run_into_its_paragraph_with_semicolons_is_quoted_whole() -> None:
    text = "委员会强调可采取多种方法。可以考虑政治协议；行为守则；单边行动；非正式对话。这种方法不应降低紧迫性。"
    listed = "可以考虑政治协议；行为守则；单边行动；非正式对话。"
    item = text.index("行为守则")
    assert text[slice(*semicolon_run(text, (item, item + 5)))] == listed  # an item: the whole list
    opener = (0, text.index("。") + 1)  # the sentence right before the list, which it opens without a colon
    assert text[slice(*semicolon_run(text, opener))] == "委员会强调可采取多种方法。" + listed
    last = text.index("这种")
    assert semicolon_run(text, (last, len(text))) == (last, len(text))
    two = "甲；乙。丙。"  # two items make no list
    assert semicolon_run(two, (0, 2)) == (0, 2)
