"""Tests for a question read for its topic phrases (rag/answering/topic_reading.py)."""

from __future__ import annotations

import pytest

from rag.answering.topic_reading import Reading


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


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        (
            "أيّ الردود لا تذكر لا أسلحة نووية ولا طاقة نووية ولا مجموعة الموردين؟",
            ["أسلحة نووية", "طاقة نووية", "مجموعة الموردين"],
        ),
        ("Quelles réponses ne citent ni traité ni convention ?", ["traité", "convention"]),
        ("哪些答复核能、核武器、《不扩散条约》一概没提？", ["核能", "核武器", "不扩散条约"]),
    ],
)
def test_phrases_none_of_which_holds_are_alternatives(text: str, phrases: list[str]) -> None:
    # "neither … nor", "ni … ni", "لا … ولا", or a Chinese list closed by 一概没提: a reply naming any one of them
    # names what the question says replies do not.
    read = reading(text, phrases)
    read.alternatives()
    assert read.shown[0] == "/".join(phrases) and read.shown[1:] == [""] * (len(phrases) - 1)


def test_a_chinese_list_all_of_which_is_named_stays_apart() -> None:
    read = reading("哪些答复核能、核武器都提到了？", ["核能", "核武器"])
    read.alternatives()
    assert read.shown == ["核能", "核武器"]


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


def test_a_kind_written_before_each_alternative_is_not_a_phrase_of_its_own() -> None:
    text = "Which replies invoke the principle of sovereign equality or the principle of non-interference?"
    read = Reading(text)
    for phrase, at in (("principle", 0), ("sovereign equality", 0), ("principle", 1), ("non-interference", 0)):
        start = [i for i in range(len(text)) if text.startswith(phrase, i)][at]
        read.add(phrase, (phrase.upper(),), (start, start + len(phrase)))
    read.alternatives()
    assert [s for s in read.shown if s] == ["sovereign equality/non-interference"]
    # once only, it is a phrase of its own
    single = reading("Which replies invoke the principle of non-interference?", ["principle", "non-interference"])
    single.alternatives()
    assert single.shown == ["principle", "non-interference"]


def test_a_bracket_listing_instances_of_a_kind_says_what_the_kind_means() -> None:
    text = "Which replies never name one of the regimes (NSG, MTCR or Australia Group)?"
    read = reading(text, ["regimes", "NSG", "MTCR", "Australia Group"])
    read.alternatives()
    assert [s for s in read.shown if s] == ["NSG/MTCR/Australia Group"]  # not any regime at all
    examples = "Which replies name one of the regimes (NSG, MTCR, etc.)?"  # examples of it: any regime will do
    read = reading(examples, ["regimes", "NSG", "MTCR"])
    read.alternatives()
    assert [s for s in read.shown if s] == ["regimes/NSG/MTCR"]


def test_a_phrase_joined_by_or_to_an_unreadable_word_is_kept_when_nothing_else_is_asked() -> None:
    alone = reading("Which organizations talk about exercises or manoeuvres?", ["exercises"])
    alone.drop_or_unreadable(["manoeuvres"])
    assert alone.shown == ["exercises"]
    # "ratified or acceded to the Convention": the Convention is asked, the verb joined to an unreadable one is not
    verbs = reading("Which states ratified or acceded to the Convention?", ["ratified", "Convention"])
    verbs.drop_or_unreadable(["acceded"])
    assert verbs.shown == ["Convention"]


def test_the_kind_of_thing_a_title_names_is_no_phrase_of_its_own() -> None:
    text = "Which countries mention the Sustained Dialogue on Peaceful Uses initiative?"
    read = reading(text, ["Sustained Dialogue on Peaceful Uses", "initiative"])
    assert read.names_a_title((text.index("initiative"), text.index("initiative") + len("initiative")))
    plain = "Which countries mention export controls or the initiative?"
    other = reading(plain, ["export controls", "initiative"])
    assert not other.names_a_title((plain.index("initiative"), plain.index("initiative") + len("initiative")))


@pytest.mark.parametrize(
    ("text", "phrases", "kept"),
    [
        (
            "¿Quién habla de crimen organizado, es decir, de organizaciones criminales o de delincuencia?",
            ["crimen organizado", "organizaciones criminales", "delincuencia"],
            ["crimen organizado"],
        ),
        ("Who mentions organized crime, i.e. criminal networks?", ["organized crime", "criminal networks"], None),
        ("哪些答复提到有组织犯罪，即犯罪集团？", ["有组织犯罪", "犯罪集团"], ["有组织犯罪"]),
        ("Кто упоминает преступность, то есть преступные группы?", ["преступность", "преступные группы"], None),
    ],
)
def test_phrases_after_words_that_only_explain_the_one_before_are_left_out(
    text: str, phrases: list[str], kept: list[str] | None
) -> None:
    read = reading(text, phrases)
    read.restatements()
    assert [s for s in read.shown if s] == (kept or phrases[:1])


def test_the_side_of_a_restatement_naming_it_in_fewer_phrases_is_kept() -> None:
    text = "من يشدد على التحقق من المواد والسلع الحساسة، أي المستخدم النهائي أو الوجهة النهائية؟"
    read = reading(text, ["التحقق", "المواد", "السلع الحساسة", "المستخدم النهائي", "الوجهة النهائية"])
    read.alternatives()
    read.restatements()
    assert [s for s in read.shown if s] == ["المستخدم النهائي/الوجهة النهائية"]


def test_an_explanation_with_no_phrase_before_it_is_kept() -> None:
    read = reading("Which replies mention, that is, name criminal networks?", ["criminal networks"])
    read.restatements()
    assert read.shown == ["criminal networks"]


def test_a_word_before_a_phrase_read_after_or_does_not_make_it_unreadable() -> None:
    text = "Кто говорит о критически важной инфраструктуре или ключевых объектах?"
    read = reading(text, ["критически важной инфраструктуре", "объектах"])
    read.drop_or_unreadable(["ключевых"])
    assert read.shown == ["критически важной инфраструктуре", "объектах"]
    alone = reading("Who mentions drills or manoeuvres?", ["drills"])
    alone.drop_or_unreadable(["manoeuvres"])  # the only phrase is kept, though the other cannot be looked for
    assert alone.shown == ["drills"]


def test_the_ways_a_topic_may_come_up_that_name_it_again_are_kinds_of_it() -> None:
    read = reading("Qui parle de l'Asie, que ce soit l'Asie du Sud ou l'Asie-Pacifique ?", ["Asie"])
    read.join_kinds([("Asie du Sud", ("南亚",)), ("Asie-Pacifique", ("亚太",)), ("Pacifique", ("和平",))])
    assert read.shown == ["Asie"] and read.variants[0] == ("ASIE", "南亚", "亚太")
