"""A reply's stance on a resolution, from the sentences that speak of it; a reply endorsing another's."""

from __future__ import annotations

import pytest

from rag.answering.conditions import Condition
from rag.answering.respondents import Aggregator
from rag.answering.stances import endorsement_finding, stance_finding
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.mark.parametrize(
    "respondent, stance, found",
    [
        ("NOR", "oppose", True),  # "无法支持第 76/234 号决议": support negated
        ("NOR", "support", False),
        ("SAU", "support", True),  # "支持题为“在国际安全领域促进和平利用国际合作”的决议": named by its title
        ("AUS", "oppose", True),  # "对该决议投了反对票": the resolution the report is on
        # "中华人民共和国的这项决议会启动一个…进程": a state's resolution, after resolution 1540
        ("USA", "oppose", True),
        ("USA", "support", False),
    ],
)
def test_a_replys_stance_on_the_resolution(service: Service, respondent: str, stance: str, found: bool) -> None:
    sections = Aggregator(service.retriever).sections["A_77_96"]
    section = next(s for s in sections if s.key == respondent)
    condition = Condition("state", stance, resolution="76/234")  # type: ignore[arg-type]
    finding = stance_finding(service.retriever, condition, section)
    assert (finding is not None) is found
    if finding is not None:
        quote = service.retriever.passages[finding.position].text[finding.quote[0] : finding.quote[1]]
        assert "决议" in quote


@pytest.mark.parametrize(
    "respondent, found",
    [
        ("DEU", True),  # "德国完全赞同欧洲联盟就该问题作出的联合答复"
        ("ESP", True),  # "赞同并完全支持欧洲联盟编写的报告的内容": its report
        ("NOR", False),  # endorses the EU's explanation of vote, not its reply
        ("EU", False),  # its own reply
        ("USA", False),
    ],
)
def test_a_reply_endorsing_another_respondents_reply(service: Service, respondent: str, found: bool) -> None:
    sections = Aggregator(service.retriever).sections["A_77_96"]
    section = next(s for s in sections if s.key == respondent)
    finding = endorsement_finding(service.retriever, Condition("state", "endorse", target="EU"), section)
    assert (finding is not None) is found
    if finding is not None:
        quote = service.retriever.passages[finding.position].text[finding.quote[0] : finding.quote[1]]
        assert "欧洲联盟" in quote
