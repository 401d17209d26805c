"""Those a statement before a set question says one reply names (rag/answering/named_before.py)."""

from __future__ import annotations

import pytest

from rag.answering.named_before import named_before, split_statement, without_among_named
from rag.answering.scope import Section, respondent_sections
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def speakers(service: Service) -> frozenset[str]:
    return frozenset(s.key for doc in respondent_sections(service.retriever.passages).values() for s in doc)


def test_the_statement_and_the_last_sentence() -> None:
    assert split_statement("Spain names some. Which of those replied?") == (
        "Spain names some.",
        "Which of those replied?",
    )
    assert split_statement("Which states replied?") is None


def test_the_states_a_statement_says_a_reply_names(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "Australia says experts from four countries on a UN team confirmed Iraq's chemical weapons use in the "
        "Iran-Iraq war. Which of those four countries also answered the 2017 request?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and found.speaker == "AUS"
    assert found.asked == "Which of those four countries also answered the 2017 request?"
    assert set(found.among) == {"ESP", "SWE", "CHE"}  # Iraq is what they confirmed; Australia speaks


@pytest.mark.parametrize(
    "question",
    [
        "Which states replied to A/77/96?",  # one sentence
        "Seven EU member states sent replies. Which of them mention the Australia Group?",  # the group is stated
        "Spain replied in Spanish. What did it say about Japan?",  # no "which of those"
    ],
)
def test_other_questions_name_none_before(service: Service, speakers: frozenset[str], question: str) -> None:
    assert named_before(question, service.retriever, speakers) is None


def test_a_remark_in_brackets_after_the_last_sentence_belongs_to_it() -> None:
    assert split_statement("Spain names some. Which of those replied? (Leave out Spain itself.)") == (
        "Spain names some.",
        "Which of those replied? (Leave out Spain itself.)",
    )


def test_the_states_named_in_a_footnote(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "Australia's reply on resolution 76/234 says the Australia Group was born at an informal meeting of 15 "
        "countries in 1985. Which of those fifteen replied to the same request?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and found.speaker == "AUS"
    assert {"BEL", "CAN", "JPN", "NZL", "USA"} <= set(found.among)  # the footnote to that paragraph lists them


def test_the_list_in_the_place_the_statement_names(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "Spain's reply on confidence-building measures mentions meetings of joint defence commissions held with "
        "countries of the Middle East. Of those, which answered one of the Secretary-General's requests?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and found.speaker == "ESP"
    assert {"EGY", "JOR"} <= set(found.among) and "ARG" not in found.among  # not its Latin American partners


def test_which_of_the_countries_it_names_there(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "Spain's reply on confidence-building regrets that OSCE mechanisms are in difficulty because of a military "
        "aggression. Which of the states it names there sent a reply on resolution 76/234?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and found.speaker == "ESP"
    assert set(found.among) == {"RUS", "BLR", "UKR"}


def test_the_states_the_replies_of_one_kind_name(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "In the 2017 report on terrorists and weapons of mass destruction, the international organizations "
        "sometimes name countries in their replies. Which of those countries sent their own views on resolution "
        "76/234?"
    )
    replies = respondent_sections(service.retriever.passages)
    found = named_before(question, service.retriever, speakers, replies)
    assert found is not None and found.speaker == ""
    assert {"KEN", "SYR", "GBR", "USA"} <= set(found.among)  # named in the organizations' replies
    assert not set(found.among) & {"JOR", "LBN"}  # states that replied to that report, named by no organization
    assert named_before(question, service.retriever, speakers) is None  # without the replies, nothing to read


def test_the_states_a_statement_itself_names(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "The Board's members in 2020 include ambassadors from Jordan and Egypt. Which of these two countries "
        "replied to the 2017 report?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and set(found.among) == {"JOR", "EGY"}  # no reply is read: the statement names them


@pytest.fixture(scope="module")
def replies(service: Service) -> dict[str, list[Section]]:
    return {doc: list(sections) for doc, sections in respondent_sections(service.retriever.passages).items()}


def test_the_organizations_a_whole_reply_names_when_no_paragraph_lists_them(
    service: Service, speakers: frozenset[str], replies: dict[str, list[Section]]
) -> None:
    question = (
        "Dans sa réponse sur les mesures de confiance régionales et sous-régionales (A/77/87), l'Espagne s'appuie "
        "sur plusieurs organisations internationales dont elle est membre. Lesquelles de ces organisations avaient "
        "elles-mêmes répondu au rapport de 2017 ?"
    )
    found = named_before(question, service.retriever, speakers, replies)
    assert found is not None and found.speaker == "ESP"
    assert {"EU", "NATO", "OSCE"} <= set(found.among)
    assert all(service.retriever.names.get(n).kind == "organization" for n in found.among)  # type: ignore[union-attr]


def test_the_statement_is_read_in_the_reply_to_the_report_it_names(
    service: Service, speakers: frozenset[str], replies: dict[str, list[Section]]
) -> None:
    question = (
        "Dans sa réponse de 2017 sur les terroristes et les armes de destruction massive, l'Union européenne dit "
        "coopérer avec d'autres organisations. Lesquelles de ces organisations ont elles-mêmes répondu au même "
        "rapport ?"
    )
    found = named_before(question, service.retriever, speakers, replies)
    assert found is not None and {"IAEA", "INTERPOL"} <= set(found.among)
    assert "LAS" not in found.among  # named in its reply on confidence-building (A/77/87), not in 2017


def test_a_set_word_after_the_reply_is_what_the_reply_names(
    service: Service, speakers: frozenset[str], replies: dict[str, list[Section]]
) -> None:
    question = (
        "The EU's reply on regional and subregional confidence-building (A/77/87) strings together a long list of "
        "partner organizations. Which of the organizations it names had sent their own input to the 2017 report?"
    )
    found = named_before(question, service.retriever, speakers, replies)
    assert found is not None and found.speaker == "EU" and len(found.among) >= 2


def test_a_bare_question_word_after_the_question_belongs_to_it() -> None:
    assert split_statement("Norway names two states. Did either of them reply? Which?") == (
        "Norway names two states.",
        "Did either of them reply? Which?",
    )
    assert split_statement("挪威点了两个国家的名。它们交过答复吗？哪些？")[1] == "它们交过答复吗？哪些？"  # type: ignore[index]
    assert split_statement("Norway names two. Which replied? ¿?") == ("Norway names two.", "Which replied? ¿?")


def test_the_report_of_the_paragraph_read(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "Spain's reply mentions meetings of joint defence commissions held with countries of the Middle East. Which "
        "of those replied to the same request?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and found.speaker == "ESP" and {"EGY", "JOR"} <= set(found.among)
    assert found.documents == ("A_77_87",)  # Spain replied to three reports; "the same request" is this one's


def test_the_kind_the_statement_names_when_the_question_names_none(
    service: Service, speakers: frozenset[str], replies: dict[str, list[Section]]
) -> None:
    question = (
        "Dans sa réponse sur les mesures de confiance régionales, l'Espagne évoque plusieurs organisations dont "
        "elle est membre. Lesquelles avaient répondu en 2017 ?"
    )
    found = named_before(question, service.retriever, speakers, replies)
    assert found is not None and {"EU", "NATO", "OSCE"} <= set(found.among)
    assert all(service.retriever.names.get(n).kind == "organization" for n in found.among)  # type: ignore[union-attr]
    assert found.documents == ("A_77_87",)  # the reply its best paragraph is in, not its replies to other reports


def test_a_count_of_the_states_named_in_chinese(service: Service, speakers: frozenset[str]) -> None:
    question = (
        "西班牙在关于建立信任措施的答复里抱怨欧安组织的机制因一场军事侵略陷入困境，点了三个国家的名。"
        "这三个国家当中，哪些就第76/234号决议交过答复？"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and set(found.among) == {"RUS", "BLR", "UKR"}


def test_the_words_saying_who_they_are_are_not_asked_of_them(service: Service) -> None:
    analysis = service.retriever.analyze("Which of the countries named in that account replied on 76/234?")
    text = without_among_named(analysis).text
    assert "account" not in text and "named" not in text
    assert text.startswith("Which of the countries") and "replied on 76/234" in text
    chinese = without_among_named(service.retriever.analyze("这三个国家当中，哪些交过答复？")).text
    assert "三个" not in chinese and "哪些交过答复" in chinese


def test_the_paragraphs_matching_the_statement_nearly_as_well_name_the_others(
    service: Service, speakers: frozenset[str]
) -> None:
    question = (
        "In its 2017 reply, Ukraine names the partners it works with against nuclear terrorism: international "
        "organizations and a state. Which of those replied to the same request?"
    )
    found = named_before(question, service.retriever, speakers)
    assert found is not None and {"IAEA", "OSCE"} <= set(found.among)
    assert "USA" in found.among  # the state, named in another paragraph (a tabletop exercise held with it)
