"""What can stand as a quote: headings, bare lead-ins and sentences about what other states did."""

from __future__ import annotations

from rag.answering.quotes import (
    best_quote,
    best_sentence,
    details_before,
    first_sentence,
    is_heading,
    points_back,
    quotable,
    with_antecedent,
    with_continuation,
)
from rag.core.types import Passage


def test_headings_and_bare_lead_ins() -> None:
    assert is_heading("2. 约旦与反恐怖主义") and is_heading("B. National measures")
    assert not is_heading("损失的收入达 4 206 740 美元。")
    assert not quotable("封锁政策在化学领域给古巴造成的损失实例包括：") and not quotable("Examples include:")
    assert quotable("Jordan adopted the Prevention of Terrorism Act in 2006.")


def test_a_replys_quote_is_neither_a_heading_nor_a_bare_lead_in() -> None:
    text = "B. 出口管制 我国的措施包括： 大多数国家实行出口管制。我国实行全面的出口管制制度。"
    spans = [(0, 7), (8, 16), (17, 29), (29, len(text))]  # a heading, a bare lead-in, others, a claim
    start, end = best_quote(text, spans)
    assert text[start:end] == "我国实行全面的出口管制制度。"
    start, end = best_quote(text, spans[:3])
    assert text[start:end] == "大多数国家实行出口管制。"  # what others did still says more than a heading
    assert first_sentence("出口管制") == (0, 4)  # nothing better: the text itself


def test_a_sentence_about_what_most_states_did_is_not_one_replys_evidence() -> None:
    text = "Most States have adopted export controls. Norway has adopted export controls on dual-use goods."
    passage = Passage("p", "d", text, 0, len(text))
    start, end = best_sentence(passage, ("export", "controls"), "both")
    assert text[start:end].startswith("Norway")


def test_the_documents_front_matter_is_never_quoted() -> None:
    assert not quotable("第七十五届会议临时议程* 项目 105审查大会第十届特别会议通过的建议和决定的执行情况")
    assert not quotable("Item 105 of the provisional agenda* Review of the implementation of the recommendations")
    assert quotable("委员会举行了第七十五届会议，讨论了核裁军问题。")


def test_a_quote_that_opens_by_pointing_back_takes_the_sentence_before() -> None:
    text = "西班牙是瓦森纳安排的参加国。该安排对 42 个参加国规定了一些报告要求。此外，西班牙还参加了别的安排。"
    second = (text.index("该"), text.index("求。") + 2)
    assert (
        text[slice(*with_antecedent(text, second))]
        == "西班牙是瓦森纳安排的参加国。该安排对 42 个参加国规定了一些报告要求。"
    )
    third = (text.index("此外"), len(text))
    assert with_antecedent(text, third) == third  # 此外 ("moreover") points back at nothing
    assert with_antecedent(text, (0, second[0])) == (0, second[0])  # nothing before the first sentence
    english = "Norway chairs the Group. It also funds the Programme."
    assert english[slice(*with_antecedent(english, (24, len(english))))] == english
    assert not points_back("(a) 和平解决争端；") and points_back("此举的目的是防止扩散。")


def test_a_quote_takes_the_next_sentence_when_it_details_this_one() -> None:
    text = "上海合作组织成员国不断进行反恐演习。特别是举办了“合作-2016”等联合反恐演习。此外，还举办了研讨会。"
    first = (0, text.index("。") + 1)
    second_end = text.index("习。", first[1]) + 2
    assert with_continuation(text, first) == (0, second_end)  # 特别是: in particular
    second = (first[1], second_end)
    assert with_continuation(text, second) == second  # 此外 (moreover) adds, it does not detail
    english = "Spain deployed a ship. It called at ten ports. The EU funds the Programme."
    assert english[slice(*with_continuation(english, (0, 22)))] == "Spain deployed a ship. It called at ten ports."
    assert details_before("In particular, the Group met.") and not details_before("Particular attention was paid.")
