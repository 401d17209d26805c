"""The wording of set questions: report titles and frame words."""

from __future__ import annotations

from rag.answering.wording import fills_title_slot, held_parts, in_title, zh_words


def test_in_title_allows_particles() -> None:
    assert in_title("区域和次区域建立信任措施", ["区域和次区域的建立信任措施"])
    assert not in_title("瓦森纳安排", ["区域和次区域的建立信任措施"])
    # a zone free of weapons of mass destruction is not the weapons the title names
    assert in_title("大规模毁灭性武器", ["防止恐怖分子获取大规模毁灭性武器的措施"])
    assert not in_title("无大规模毁灭性武器区", ["防止恐怖分子获取大规模毁灭性武器的措施"])


def test_frame_words_and_title_words_are_not_topic_words() -> None:
    titles = ["在国际安全领域促进和平利用国际合作"]
    assert "人工智能" in zh_words("哪些国家提到了人工智能", titles)
    assert not {"国家", "和平利用"} & set(zh_words("哪些国家提到了和平利用", titles))


def test_a_phrase_the_corpus_does_not_hold_gives_its_parts_that_it_holds() -> None:
    held = "各国应通过世界贸易组织解决贸易争端"
    assert held_parts("世界贸易组织", held) == ["世界贸易组织"]
    assert held_parts("借助世界贸易组织这类规则", held) == ["世界贸易组织"]
    assert held_parts("处理相关问题", held) == []  # no part of three characters or more is held


def test_a_part_never_ends_with_a_word_that_belongs_to_the_next() -> None:
    held = "虽然多边出口管制制度不具有法律约束力，但…严格排除对公共领域信息，包括基础科学研究实行出口管制"
    # the text holds 多边出口管制制度不(具有), but 不 is the negation of what the question says next
    assert held_parts("多边出口管制制度不限制基础科学研究", held) == ["多边出口管制制度", "基础科学研究"]


def test_a_short_latin_word_is_in_a_title_only_as_a_word() -> None:
    title = ["Promoting international cooperation on peaceful uses in the context of international security"]
    assert not in_title("COCOM", title)  # not "co…o…om" picked from its letters
    assert in_title("uses", title) and in_title("context", title)


def test_a_long_word_is_in_a_title_as_a_word_allowing_for_its_ending() -> None:
    title = [
        "Promouvoir la coopération internationale concernant les utilisations pacifiques dans le contexte de la "
        "sécurité internationale"
    ]
    assert not in_title("présidé", title)  # most of its letters are in the title, scattered
    assert in_title("utilisation pacifique", title) and in_title("coopération internationale", title)
    assert in_title("региональном уровне", ["Меры укрепления доверия на региональном и субрегиональном уровнях"])


TITLES = (
    "Measures to prevent terrorists from acquiring weapons of mass destruction",
    "تدابير منع الإرهابيين من حيازة أسلحة الدمار الشامل",
    "防止恐怖分子获取大规模毁灭性武器的措施",
)


def _slot(question: str, phrase: str) -> bool:
    start = question.index(phrase)
    return fills_title_slot(question, start, start + len(phrase), TITLES)


def test_a_word_standing_for_a_title_word_is_the_title() -> None:
    """A question naming the report in its own words swaps a word of the title for another."""
    assert _slot(
        "Who replied to the report on preventing terrorists from obtaining weapons of mass destruction?", "obtaining"
    )
    assert _slot("أيّ الدول ردت على تدابير منع الإرهابيين من امتلاك أسلحة الدمار الشامل؟", "امتلاك")
    # particles between do not count ("من الحصول على"), and the title's first word may be the one swapped
    question = "من ردّ عن سبل منع الإرهابيين من الحصول على أسلحة الدمار الشامل؟"
    assert _slot(question, "الحصول")
    assert _slot(question, "سبل")
    assert _slot("防止恐怖分子拥有大规模毁灭性武器的报告里，谁提到核安保？", "拥有")


def test_a_topic_beside_title_words_is_still_a_topic() -> None:
    assert not _slot("Which states mention nuclear security beside weapons of mass destruction?", "nuclear security")
    assert not _slot("Who speaks of chemical weapons of mass destruction in the report?", "chemical")
    assert not _slot("哪些国家提到核安保和大规模毁灭性武器？", "核安保")
