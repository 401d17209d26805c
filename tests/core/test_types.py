"""The records between stages: frozen, and a passage survives the index's JSON round trip unchanged."""

from __future__ import annotations

import dataclasses
import json

import pytest

from rag.core.types import NO_RESPONDENT, Document, Footnote, Hit, Passage, Respondent

PASSAGE = Passage(
    id="A_77_96:12",
    doc_id="A_77_96",
    text="澳大利亚支持出口管制。",
    start=120,
    end=131,
    section=("二、各国政府的答复", "澳大利亚"),
    respondent=Respondent("加拿大", "state", "CAN", "Canada", "en", "2022-05-31", ("en", "fr")),
    paragraph="3 (b)",
    part=1,
    footnotes=(Footnote("1", "见 A/76/234。"),),
)


def test_a_passage_round_trips_through_json() -> None:
    data = json.loads(json.dumps(PASSAGE.to_dict(), ensure_ascii=False))
    assert Passage.from_dict(data) == PASSAGE


def test_from_dict_fills_the_optional_fields() -> None:
    data = {
        "id": "p",
        "doc_id": "d",
        "text": "t",
        "start": 0,
        "end": 1,
        "respondent": {"name": "", "kind": "none"},
    }
    passage = Passage.from_dict(data)
    assert passage.respondent == NO_RESPONDENT
    assert (passage.section, passage.paragraph, passage.part, passage.footnotes) == ((), None, 0, ())


def test_own_headings_are_those_under_the_respondents_name() -> None:
    honduras = Respondent(name="洪都拉斯", kind="state", id="HND")
    section = ("二. 从各国政府收到的答复", "洪都拉斯", "打击恐怖主义的措施")
    passage = Passage("p", "d", "(a) 巡逻；", 0, 6, section=section, respondent=honduras)
    assert passage.own_headings == ("打击恐怖主义的措施",)
    assert dataclasses.replace(passage, section=section[:2]).own_headings == ()
    assert dataclasses.replace(passage, respondent=NO_RESPONDENT).own_headings == ()


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PASSAGE.text = "changed"  # type: ignore[misc]


def test_hits_do_not_share_their_ranks() -> None:
    document = Document("A_77_96", "A_77_96.zh.txt", "zh")
    first, second = Hit(PASSAGE, 1.0, document), Hit(PASSAGE, 0.5, document)
    first.ranks["lexical"] = 1
    assert second.ranks == {}


def test_a_reply_in_several_languages_is_written_in_each() -> None:
    assert PASSAGE.respondent.written_in == ("en", "fr")
    older = Respondent("古巴", "state", "CUB", "Cuba", "es")  # read from an index built before all were kept
    assert older.written_in == ("es",) and NO_RESPONDENT.written_in == ()
