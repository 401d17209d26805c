"""Citation checking: markers, renumbering, uncited sentences, grounded share, quote location."""

from __future__ import annotations

import time

from rag.answering.citations import check_citations, is_no_answer, locate_quote
from rag.indexing.lexical import tokenize


def test_invalid_markers_are_removed_and_reported() -> None:
    checked = check_citations("Norway cannot support it [1]. Japan agrees [7].", passage_count=3)
    assert checked.text == "Norway cannot support it [1]. Japan agrees."
    assert checked.used == (1,)
    assert any("[7]" in w and "only 3 passages" in w for w in checked.warnings)
    assert checked.grounded == 0.5


def test_valid_markers_keep_their_numbers_in_order_of_first_use() -> None:
    checked = check_citations("First claim here [3]. Second claim here [1, 3].", passage_count=3)
    assert checked.text == "First claim here [3]. Second claim here [1][3]."
    assert checked.used == (3, 1)
    assert checked.sentences[1][1] == (1, 3)


def test_marker_after_a_full_stop_counts_for_its_sentence() -> None:
    checked = check_citations("挪威无法支持该决议。[2] 日本也表示关切[1]。", passage_count=2)
    assert checked.text == "挪威无法支持该决议。[2] 日本也表示关切[1]。"  # the text is not rewritten
    assert checked.grounded == 1.0 and not checked.warnings
    latin = check_citations("Norway cannot support it. [1] Japan is concerned too.[2]", passage_count=2)
    assert latin.grounded == 1.0 and latin.used == (1, 2)


def test_uncited_sentences_are_flagged_but_intros_and_short_lines_are_not() -> None:
    checked = check_citations(
        "The reports say:\n- Norway: “无法支持。” [1]\n\nThis sentence makes a claim without support.", 1
    )
    assert checked.grounded == 0.5
    assert any("carry no citation" in w and "without support" in w for w in checked.warnings)
    assert check_citations("Yes. Norway cannot support it [1].", 1).grounded == 1.0


def test_full_width_and_bracket_variants() -> None:
    assert check_citations("某国表示反对该决议［2］。", 2).used == (2,)
    assert check_citations("某国表示反对该决议【1、2】。", 2).used == (1, 2)


def test_no_answer_marker() -> None:
    assert is_no_answer("[NO_ANSWER]\nThe documents do not say.")
    assert not is_no_answer("Norway [1].")
    assert "[NO_ANSWER]" not in check_citations("[NO_ANSWER] nothing", 1).text


def test_locate_quote_prefers_the_sentence_with_the_claims_words() -> None:
    passage = "挪威是国际不扩散合作的坚定支持者。挪威同大多数会员国一样，无法支持第 76/234 号决议。其他内容。"
    claim_tokens = {t: 1.0 for t in tokenize("无法支持 76/234 决议")}
    start, end = locate_quote("Norway cannot support 76/234", passage, claim_tokens, tokenize)
    assert passage[start:end] == "挪威同大多数会员国一样，无法支持第 76/234 号决议。"


def test_locate_quote_finds_a_verbatim_quote() -> None:
    passage = "First sentence here. The exact words that were quoted by the model. Last one."
    start, end = locate_quote("The exact words that were quoted", passage, {}, tokenize)
    assert passage[start:end] == "The exact words that were quoted"


def test_checking_a_huge_answer_takes_time_in_proportion_to_it() -> None:
    # 200 000 characters of Latin sentences: 32 s when each full stop re-read the text before it, well under 1 s now
    answer = "Mr. Smith of Japan supports the treaty on disarmament [1]. " * 3400
    started = time.perf_counter()
    checked = check_citations(answer, passage_count=3)
    assert time.perf_counter() - started < 6.0
    assert len(checked.sentences) == 3400 and checked.grounded == 1.0
