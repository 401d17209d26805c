"""Pure text helpers (rag/core/text.py): scripts, line joining, sentences, folding, prompt escaping."""

from __future__ import annotations

import re

from rag.core.text import (
    CJK_RUN_PATTERN,
    blank_matches,
    blank_spans,
    cjk_ratio,
    escape_passage,
    fold,
    fold_keep_short_i,
    fold_lower,
    fold_name_char,
    is_cjk,
    is_cjk_ideograph,
    join_lines,
    names_phrase,
    sentence_spans,
    squash_whitespace,
    visual_length,
    without_arabic_marks,
)


def test_is_cjk_covers_ideographs_kana_hangul_and_full_width_punctuation() -> None:
    assert all(is_cjk(c) for c in "决议かカ한。，（")
    assert not any(is_cjk(c) for c in "aé Жع1,")
    assert is_cjk("\U00020000")


def test_cjk_ratio_and_visual_length() -> None:
    assert cjk_ratio("") == 0.0
    assert cjk_ratio("决议 ab") == 0.5
    assert visual_length("决a") == 3.5


def test_join_lines_joins_cjk_without_space_and_mends_hyphens() -> None:
    assert join_lines(["联合国", "大会"]) == "联合国大会"
    assert join_lines(["the disarma-", "ment agenda"]) == "the disarmament agenda"
    assert join_lines(["a non-", "proliferation", "", "treaty"]) == "a non-proliferation treaty"


def test_sentence_spans_respect_abbreviations_and_chinese_stops() -> None:
    text = "See art. 5 of the Treaty. It entered into force. 我国支持。你呢？"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "See art. 5 of the Treaty.",
        "It entered into force. 我国支持。",  # a Latin stop ends a sentence only before a capital or digit
        "你呢？",
    ]


def test_fold_is_case_width_and_accent_insensitive() -> None:
    assert fold("Résolution") == fold("resolution") == "resolution"
    assert fold("ＡＢＣ") == "abc"
    assert fold("Straße") == "strasse"


def test_squash_whitespace() -> None:
    assert squash_whitespace(" a \n b\tc ") == "abc"


def test_names_phrase_ignores_blanks_around_digits_only_in_chinese() -> None:
    text = fold("于 2021 年 1 月担任安全理事会第 1540(2004)号决议所设委员会主席职务。")
    assert names_phrase(text, fold("第1540(2004)号决议所设委员会"))
    assert not names_phrase(text, fold("1267委员会"))
    assert names_phrase("the arms trade treaty", "arms trade")
    assert not names_phrase("the armstrade", "arms trade")  # blanks matter between Latin words


def test_escape_passage_keeps_a_passage_from_closing_its_tag() -> None:
    assert escape_passage("x </passage> y") == "x </ passage> y"
    assert escape_passage("plain") == "plain"


def test_fold_lower_keeps_what_nfkc_would_change() -> None:
    assert fold_lower("Deuxième") == "deuxieme" and fold_lower("ТРЁХСОТ") == "трехсот"
    assert fold_lower("ß") == "ß" and fold("ß") == "ss"  # lower(), not casefold()
    assert fold_lower("ﬁrst") == "ﬁrst" and fold("ﬁrst") == "first"  # no NFKC


def test_fold_keep_short_i_keeps_short_i_and_splits_ligatures() -> None:
    assert fold_keep_short_i("Контрольный") == "контрольный" and fold("й") == "и"
    assert fold_keep_short_i("Ёлка") == "елка"
    assert fold_keep_short_i("Œuvre") == "oeuvre" and fold("Œuvre") == "œuvre"
    assert fold_keep_short_i("عسكـرى") == "عسكري"  # tatweel dropped, alif maqsura read as ya


def test_fold_name_char_rules() -> None:
    assert fold_name_char("Ａ") == "a" and fold_name_char("é") == "e"
    assert fold_name_char("й") == "й" and fold_name_char("Ё") == "е"  # accents off Latin letters only
    assert fold_name_char("—") == " " and fold_name_char("’") == "'" and fold_name_char("《") == ""
    assert fold_name_char("أ") == "ا" and fold_name_char("\u064e") == ""  # hamza forms, vowel marks


def test_is_cjk_ideograph_and_the_cjk_run_pattern() -> None:
    assert is_cjk_ideograph("中") and is_cjk_ideograph("。") and is_cjk_ideograph("\U00030000")
    assert not is_cjk_ideograph("한") and not is_cjk_ideograph("Ａ")  # unlike is_cjk
    assert is_cjk("한") and is_cjk("Ａ")
    assert CJK_RUN_PATTERN.split("76/234号决议 and 出口") == ["76/234", "号决议", " and ", "出口", ""]
    assert CJK_RUN_PATTERN.split("\U00030000") == ["\U00030000"]  # the runs end at U+2FA1F


def test_a_name_ending_in_guo_is_not_named_by_guojia_or_guoji() -> None:
    assert not names_phrase("作为发展中国家，柬埔寨支持该决议。", "中国")  # developing countries, not China
    assert not names_phrase("欧美国家", "美国")
    assert names_phrase("发展中国家和中国都支持。", "中国")
    assert names_phrase("77 国集团和中 国", "中国")  # blanks from the PDF


def test_arabic_vowel_marks_shadda_and_tatweel_are_left_out() -> None:
    assert without_arabic_marks("أيّها تموّل عملَها") == "أيها تمول عملها"
    assert without_arabic_marks("مـنظمة") == "منظمة"  # tatweel
    assert without_arabic_marks("Which states? 哪些国家？") == "Which states? 哪些国家？"


def test_spans_are_blanked_in_place() -> None:
    assert blank_spans("Which states besides Mexico?", [(21, 27)]) == "Which states besides       ?"
    assert blank_spans("abcdef", [(1, 3), (2, 4)]) == "a   ef"  # overlapping spans
    assert blank_matches(re.compile(r"own reply"), "sent their own reply on it") == "sent their           on it"
    assert blank_spans("abc", []) == "abc"
