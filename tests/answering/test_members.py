"""The people a report's list of members names, and the states of those a statement describes
(rag/answering/members.py)."""

from __future__ import annotations

import pytest

from rag.answering.members import member_lists, members_asked
from rag.answering.named_before import named_before
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


def test_the_boards_list_is_read_one_row_per_person(service: Service) -> None:
    (board,) = member_lists(service.retriever)
    assert board.doc_id == "advisory_board_2020" and board.bodies == frozenset({"ABDM"})
    assert len(board.members) >= 16
    rows = {m.row: m.states for m in board.members}
    jordan = next(row for row in rows if "约旦" in row)
    assert rows[jordan] == ("JOR",) and jordan.endswith("琳娜·哈迪德")
    # a name not found (李松) leaves two people in one run of text: it is cut at the second state
    assert any(states == ("CHN",) and "大使" in row for row, states in rows.items())
    assert any(states == ("IDN",) and row.startswith("印度尼西亚前外交部长") for row, states in rows.items())
    assert all("OMN" not in states for states in rows.values())  # 阿曼迪 is a name, not Oman


@pytest.mark.parametrize(
    ("statement", "language", "states"),
    [
        (
            "Plusieurs membres du Conseil consultatif pour les questions de désarmement portent le titre "
            "d'ambassadeur.",
            "fr",
            {"NAM", "JOR", "USA", "CHN", "EGY"},
        ),
        ("The Advisory Board's members include several former ministers.", "en", {"IDN", "SWE"}),
        ("ما الدول العربية التي كان لها من يمثّلها بين أعضاء المجلس الاستشاري لشؤون نزع السلاح؟", "ar", {"JOR", "EGY"}),
        ("2020年裁军事项咨询委员会的委员里，有几位是外交部门的在职官员。", "zh", {"EGY"}),
    ],
)
def test_the_states_of_the_members_a_statement_describes(
    service: Service, statement: str, language: str, states: set[str]
) -> None:
    assert set(members_asked(statement, service.retriever, language)) == states


def test_no_members_without_a_listed_body_or_a_word_for_members(service: Service) -> None:
    assert members_asked("Several member states of the EU are ambassadors' countries.", service.retriever, "en") == ()
    assert members_asked("The Advisory Board met twice in 2020.", service.retriever, "en") == ()


def test_which_of_their_countries_replied_is_asked_among_the_members_states(service: Service) -> None:
    question = (
        "Plusieurs membres du Conseil consultatif pour les questions de désarmement en 2020 portent le titre "
        "d'ambassadeur. Parmi les pays de ces ambassadeurs, lesquels ont répondu sur la résolution 76/234 ?"
    )
    found = named_before(question, service.retriever, frozenset(), None, "fr")
    assert found is not None and set(found.among) == {"NAM", "JOR", "USA", "CHN", "EGY"}
