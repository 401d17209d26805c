"""Tests for a question read for its topic phrases (rag/answering/topic_reading.py)."""

from __future__ import annotations

import pytest

from rag.answering import topic_reading
from rag.answering.topic_reading import Reading, names_organ, regardless, said_as_required
from rag.lang import intent


def reading(text: str, phrases: list[str]) -> Reading:
    read = Reading(text)
    for phrase in phrases:
        start = text.index(phrase)
        read.add(phrase, (phrase.upper(),), (start, start + len(phrase)))
    return read


def test_phrases_joined_by_or_become_one_phrase_of_alternatives() -> None:
    read = reading("Which states mention drills or exercises?", ["drills", "exercises"])
    read.alternatives()
    assert read.shown == ["drills/exercises", ""] and read.variants[0] == ("DRILLS", "EXERCISES")


def test_a_word_with_no_rendering_does_not_break_a_list_of_alternatives() -> None:
    text = "Which replies mention quantum computing, blockchain, 3D printing or synthetic biology?"
    read = reading(text, ["quantum computing", "3D printing", "synthetic biology"])
    read.alternatives(["blockchain"])
    assert read.shown[0] == "quantum computing/3D printing/synthetic biology" and read.shown[1:] == ["", ""]
    # A word that has a rendering is a phrase of its own, not a separator: without it, the list breaks there.
    broken = reading(text, ["quantum computing", "3D printing", "synthetic biology"])
    broken.alternatives()
    assert broken.shown[0] == "quantum computing"


def test_phrases_joined_by_or_with_an_article_between_are_alternatives() -> None:
    text = "Lesquelles s'en prennent aux sanctions ou aux mesures coercitives unilatérales ?"
    read = reading(text, ["sanctions", "mesures coercitives unilatérales"])
    read.alternatives()
    assert read.shown[0] == "sanctions/mesures coercitives unilatérales"


def test_phrases_side_by_side_or_joined_by_and_stay_apart() -> None:
    read = reading("Which states mention Syria and Iraq?", ["Syria", "Iraq"])
    read.alternatives()
    assert read.shown == ["Syria", "Iraq"]


def test_a_quoted_phrase_and_the_kind_of_thing_it_is() -> None:
    read = reading("Which states mention the “Sustained Dialogue” initiative?", ["Sustained Dialogue", "initiative"])
    assert read.quoted(read.spans[0]) and read.names_a_quoted_phrase(read.spans[1])  # type: ignore[arg-type]
    article = reading("哪些答复提到了《不扩散条约》第四条？", ["不扩散条约", "第四条"])
    assert not article.names_a_quoted_phrase(article.spans[1])  # type: ignore[arg-type]


def test_a_bracket_listing_examples_joins_them_to_the_phrase_before_it() -> None:
    text = "有几家答复讲到“情报”（交流情报、分析情报或情报部门参与合作）？"
    read = reading(text, ["情报", "情报部门参与"])
    read.examples()  # the bracket names the phrase again in each example
    assert read.shown == ["情报/情报部门参与", ""] and read.variants[0] == ("情报", "情报部门参与")
    text = "Who calls for universalisation (accession to the NPT, the BWC, etc.)?"
    read = reading(text, ["universalisation", "NPT", "BWC"])
    read.examples()  # "etc." says they are examples
    assert read.shown == ["universalisation/NPT/BWC", "", ""]


def test_a_bracket_qualifying_or_renaming_the_phrase_before_it_is_no_list_of_examples() -> None:
    text = "¿Quién habla de fuentes radiactivas (robadas, vulnerables o de su protección física)?"
    read = reading(text, ["fuentes radiactivas", "protección física"])
    read.examples()
    assert read.shown == ["fuentes radiactivas", "protección física"]
    named = reading("Which states mention the Islamic State (Da'esh)?", ["Islamic State", "Da'esh"])
    named.examples()  # one name in a bracket is another name (`alternatives` joins it)
    assert named.shown == ["Islamic State", "Da'esh"]


def test_alternatives_each_naming_another_phrase_again_are_kinds_of_it() -> None:
    text = "哪些答复讲到“实验室”——不管说的是实验室安全、实验室网络，还是捣毁恐怖分子用的实验室？"
    read = Reading(text)
    for phrase, start in (("实验室", 7), ("实验室安全", 18), ("实验室网络", 24), ("实验室", 40)):
        assert text[start : start + len(phrase)] == phrase
        read.add(phrase, (phrase,), (start, start + len(phrase)))
    read.alternatives()
    assert read.shown[1] == "实验室安全/实验室网络"
    read.kinds()
    assert [s for s in read.shown if s] == ["实验室", "实验室"]  # any laboratory will do (the topic asks it once)
    assert read.variants[0] == ("实验室", "实验室安全", "实验室网络")
    english = reading(
        "Which replies mention laboratories, whether laboratory safety or laboratory networks?",
        ["laboratories", "laboratory safety", "laboratory networks"],
    )
    english.alternatives()
    english.kinds()
    assert [s for s in english.shown if s] == ["laboratories"]


def test_one_phrase_naming_another_again_is_asked_for_beside_it() -> None:
    read = reading("Which states mention export controls and export control lists?", ["export controls", "lists"])
    read.kinds()
    assert read.shown == ["export controls", "lists"]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        (
            "Which respondents talk about vaccines, whether it's getting hold of them, making them or sharing them?",
            "whether it's getting hold of them, making them or sharing them",
        ),
        (
            "不管是作为自己所属的组织、合作网络还是合作伙伴，哪些答复方提到了东盟？",
            "不管是作为自己所属的组织、合作网络还是合作伙伴",
        ),
        (  # a comma before 还是 does not end the ways
            "哪些答复方谈到了核查——不管是裁军承诺的核查、本国的核查机构，还是条约的核查制度？",
            "不管是裁军承诺的核查、本国的核查机构，还是条约的核查制度",
        ),
        (
            "¿Quiénes hablan de vacunas, ya sea para producirlas o para compartirlas?",
            "ya sea para producirlas o para compartirlas",
        ),
        (
            "Кто пишет о лабораториях — будь то охрана лабораторий или их сети?",
            "будь то охрана лабораторий или их сети",
        ),
        ("أي الدول العربية أرسلت آراءها، بصرف النظر عن لغة الرد؟", "بصرف النظر عن لغة الرد"),
    ],
)
def test_the_ways_a_topic_may_come_up_are_none_required(question: str, clause: str) -> None:
    spans = regardless(question, intent.set_cue(question))
    assert [question[a:b].strip(" ，,") for a, b in spans] == [clause]


def test_own_country_among_the_ways_is_no_claim_about_itself() -> None:
    ways = "哪些答复方谈到了核查——不管是裁军承诺的核查、本国的核查机构，还是条约的核查制度？"
    assert not said_as_required(intent.ABOUT_SELF, ways)
    assert said_as_required(intent.ABOUT_SELF, "哪些国家说本国设有核查机构？")


@pytest.mark.parametrize(
    ("text", "term", "language", "shown"),
    [
        ("Who mentions the Tenth Review Conference?", "Review Conference", "en", "Tenth"),
        ("¿Quién menciona la Décima Conferencia de Examen?", "Conferencia de Examen", "es", "Décima"),
        ("Кто упоминает десятую обзорную конференцию?", "обзорную конференцию", "ru", "десятую"),
    ],
)
def test_an_ordinal_before_a_term_is_a_detail_replies_must_give(
    text: str, term: str, language: str, shown: str
) -> None:
    read = Reading(text)
    start = text.index(term)
    read.ordinals(language, [(start, start + len(term))])
    assert read.shown == [shown] and read.variants == [("第十",)]


def test_an_ordinal_before_no_term_or_the_first_is_no_detail() -> None:
    text = "Which were the first respondents, and which the tenth to reply?"
    read = Reading(text)
    start = text.index("respondents")
    read.ordinals("en", [(start, start + len("respondents"))])
    assert read.shown == []


def _beside_resolution(question: str, phrase: str) -> bool:
    start = question.index(phrase)
    symbol = question.index("76/234")
    return names_organ(question, (start, start + len(phrase)), [(symbol, symbol + len("76/234"))])


def test_an_organ_beside_the_reports_resolution_names_its_mandate() -> None:
    assert _beside_resolution("Which states replied on General Assembly resolution 76/234?", "General Assembly")
    assert _beside_resolution("Quels États citent la résolution 76/234 de l'Assemblée générale ?", "Assemblée générale")
    assert _beside_resolution(
        "Citez les organisations ayant répondu en application de la résolution 76/234.", "application"
    )
    # a comma ends the tie: what follows is what the replies are asked about
    assert not _beside_resolution("من يدعو، في الردود على (القرار 76/234)، إلى التفاوض على بروتوكول؟", "التفاوض")


@pytest.mark.parametrize(
    ("question", "resolution", "cited"),
    [
        ("Which international organizations cite resolution 71/38 by name?", "71/38", True),
        ("Какие международные организации прямо ссылаются на резолюцию 71/38?", "71/38", True),
        ("哪几家国际组织在答复中直接点了第71/38号决议的名？", "71/38", True),
        # the respondents to it, or their replies on it: the resolution says which report
        ("Name the respondents to the 76/234 consultation that chair a regime.", "76/234", False),
        ("اذكر المجيبين على القرار 76/234 الذين يستشهدون بالاستعراضات", "76/234", False),
        ("من هي الجهات التي تذكر في ردودها على القرار 76/234 المركز؟", "76/234", False),
        # where a follow-up is asked, after it
        ("还有哪些答复方也谈到了叙利亚的化学武器？ (71/38)", "71/38", False),
    ],
)
def test_a_resolution_cited_by_the_respondents_asked_about(question: str, resolution: str, cited: bool) -> None:
    assert topic_reading.cited_resolution(question, question.index(resolution)) is cited
