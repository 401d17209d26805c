"""What a reply says of its own author, read on the bundled corpus's replies."""

from __future__ import annotations

import pytest

from rag.answering.claims import Claims
from rag.answering.conditions import Condition
from rag.answering.scope import Section, respondent_sections
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def claims(service: Service) -> Claims:
    return Claims(service.retriever)


def reply(service: Service, document: str, key: str) -> Section:
    return next(s for s in respondent_sections(service.retriever.passages)[document] if s.key == key)


WMD = Condition("state", "lacks", topic_variants=(("大规模毁灭性武器",),))
SANCTIONS = Condition("state", "mention", topic_variants=(("制裁", "封锁"),), about_self=True, affected=True)


def test_a_reply_names_itself_by_name_or_as_we(service: Service, claims: Claims) -> None:
    cuba = reply(service, "A_77_96", "CUB")
    assert claims.names_itself("古巴坚决支持全面彻底禁止此类武器。", cuba)
    assert claims.names_itself("我国一直是此类措施的受害者。", cuba)
    assert not claims.names_itself("各国应取消制裁。", cuba)


@pytest.mark.parametrize(("key", "lacks"), [("LBN", True), ("JOR", True), ("CUB", True), ("IRN", False)])
def test_saying_it_has_none(service: Service, claims: Claims, key: str, lacks: bool) -> None:
    # Iran says acquiring these weapons is against its principles, not that it has none.
    assert (claims.lacking(WMD, reply(service, "wmd_terrorism_2017", key)) is not None) is lacks


@pytest.mark.parametrize(("key", "hit"), [("CUB", True), ("SYR", True), ("CHN", True), ("RUS", False), ("BLR", False)])
def test_saying_it_is_hit_by_something(service: Service, claims: Claims, key: str, hit: bool) -> None:
    # Russia and Belarus condemn sanctions; China is "个别国家错误做法的受害者", Cuba under "对古巴实施的…封锁".
    assert (claims.hit_itself(SANCTIONS, reply(service, "A_77_96", key)) is not None) is hit


DEVELOPING = Condition("state", "mention", topic_variants=(("发展中国家",),), about_self=True, identity=True)


@pytest.mark.parametrize(
    ("key", "says"), [("KHM", True), ("CHN", True), ("NIC", True), ("SYR", True), ("ITA", False), ("VEN", False)]
)
def test_saying_what_it_is(service: Service, claims: Claims, key: str, says: bool) -> None:
    # "作为一个发展中国家，柬埔寨…", "尼加拉瓜作为发展中国家…"; Italy and Venezuela: "特别是发展中国家" (others).
    assert (claims.identifies_as(DEVELOPING, reply(service, "A_77_96", key)) is not None) is says


LAWS_ON_ARMS = Condition("state", "mention", topic_variants=(("武器",),), names_law=True)


@pytest.mark.parametrize(("key", "names"), [("BFA", True), ("MEX", True), ("CUB", False)])
def test_naming_a_law_of_its_own(service: Service, claims: Claims, key: str, names: bool) -> None:
    # "第 014-2019/AN 号法律", "《联邦火器和爆炸物法》"; Cuba speaks of arms but names no law in that reply.
    assert (claims.names_a_law(LAWS_ON_ARMS, reply(service, "A_77_87", key)) is not None) is names
