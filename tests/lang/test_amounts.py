"""Tests for amounts written the Chinese way, glossed for readers of the other languages (rag/lang/amounts.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rag.lang import amounts


def test_a_magnitude_and_a_currency_make_an_amount() -> None:
    found = amounts.find("自 2010 年以来已向技术合作基金提供了 2.7亿美元，另有 500 亿欧元。")
    assert [(a.text, a.value, a.currency) for a in found] == [
        ("2.7亿美元", Decimal("270000000.0"), "美元"),
        ("500 亿欧元", Decimal("50000000000"), "欧元"),
    ]


def test_years_counts_and_shares_are_no_amounts() -> None:
    assert amounts.find("2019 年有 603 项出口未获准，占欧盟外出口总额的 0.02%。") == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "628 万欧元 = 6,280,000 euros"),
        ("fr", "628 万欧元 = 6\u00a0280\u00a0000 euros"),
        ("es", "628 万欧元 = 6.280.000 euros"),
        ("ru", "628 万欧元 = 6\u00a0280\u00a0000 евро"),
        ("ar", "628 万欧元 = 6,280,000 يورو"),
        ("zh", ""),  # a reader of Chinese reads it as written
    ],
)
def test_an_amount_is_glossed_in_the_readers_language(language: str, expected: str) -> None:
    assert amounts.glossed("欧洲联盟捐款 628 万欧元。", language) == expected


def test_a_longer_currency_word_wins_and_a_fraction_is_kept() -> None:
    assert amounts.glossed("预算为 1.5 万瑞士法郎", "en") == "1.5 万瑞士法郎 = 15,000 Swiss francs"
    assert amounts.glossed("共 2.75 美元", "fr") == "2.75 美元 = 2,75 dollars des États-Unis"


def test_thousands_grouped_with_a_space_are_one_number() -> None:
    # "3 800 万美元" is 38 million, not 800 ten-thousands after a stray 3
    assert amounts.glossed("提供了 3 800 万美元，损失 4 206 740 美元", "en") == (
        "3 800 万美元 = 38,000,000 US dollars; 4 206 740 美元 = 4,206,740 US dollars"
    )
