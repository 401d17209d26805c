"""Chinese questions read with the glossary's Chinese forms (rag/answering/chinese.py), on the bundled corpus."""

from __future__ import annotations

import pytest

from rag.retrieval.service import Service
from tests.support.sets import topic_of as read


@pytest.mark.parametrize("alias", ["新冠肺炎", "新冠疫情"])
def test_an_everyday_name_the_documents_never_write_is_read_as_the_forms_they_do(service: Service, alias: str) -> None:
    topic = read(service, f"和平利用那份报告里，哪些答复方提到了{alias}？", "A_77_96")
    assert topic.shown == (alias,)
    assert "2019冠状病毒病" in topic.variants[0] and alias not in topic.variants[0]


def test_a_form_the_documents_write_is_read_as_written(service: Service) -> None:
    topic = read(service, "和平利用那份报告里，哪些答复方提到了气候变化？", "A_77_96")
    assert topic.shown == ("气候变化",)


def test_modifiers_sharing_a_term_are_each_read_with_it(service: Service) -> None:
    topic = read(service, "2017年报告中，哪些答复方提到核、化学或生物武器？", "wmd_terrorism_2017")
    assert len(topic.shown) == 1  # alternatives: any of them will do
    assert {"核武器", "化学武器", "生物武器"} <= set(topic.variants[0])
