"""Lists in reading order: what a lead-in and a list item look like, and a search asking for several things that
finds a lead-in first is given its items right after it."""

from __future__ import annotations

import pytest

from rag.core.settings import Settings
from rag.retrieval import lists
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.mark.parametrize("text", ["- item", "(a) item", "b) item", "3. item", "(iv) item", "（二）项目", "\uf0b7 项目"])
def test_list_items(text: str) -> None:
    assert lists.LIST_ITEM.match(text)


def test_a_lead_in_ends_with_a_colon() -> None:
    assert lists.is_lead_in("古巴拥护以下原则，建立信任措施基于这些原则：") and lists.is_lead_in("measures include: ")
    assert not lists.is_lead_in("比利时赞同这一想法。")


def test_a_sentence_announcing_what_follows_without_holding_it() -> None:
    assert lists.announces("洪都拉斯谨提供以下信息。") and lists.announces("The measures taken are as follows.")
    assert not lists.announces("比利时赞同这一想法。")
    holds_its_list = "墨西哥加入了下列国际出口管制制度： 瓦瑟纳尔协定(2012 年 1 月) 核供应国集团(2012 年 9 月)"
    assert not lists.announces(holds_its_list)


@pytest.mark.parametrize(
    "asked", ["古巴认为建立信任措施应该建立在哪些原则之上？", "On which principles should CBMs rest, for Cuba?"]
)
def test_a_search_for_several_things_gives_the_lead_in_its_items(service: Service, asked: str) -> None:
    hits = service.retriever.search(asked, 10).hits
    assert hits[0].passage.text.rstrip().endswith("：")
    assert [h.passage.text[:3] for h in hits[1 : 1 + lists.ITEMS_SHOWN]] == ["(a)", "(b)", "(c)"]
    assert all(h.ranks == {"follows": 1} for h in hits[1 : 1 + lists.ITEMS_SHOWN])
    assert len(hits) == 10 and len({h.passage.id for h in hits}) == 10


def test_a_question_for_respondents_is_not_given_items(service: Service) -> None:
    assert not lists.asks_for_items("Which states name the principles confidence-building measures rest on?")
    assert lists.asks_for_items("Which principles do confidence-building measures rest on, for Cuba?")
