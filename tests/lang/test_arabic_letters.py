"""Arabic words read in Latin letters, for finding the people an Arabic question names."""

from __future__ import annotations

import pytest

from rag.lang import arabic_letters


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("ناتاليغاوا", "natalighawa"),  # و beside alif is a consonant, ي between consonants a vowel
        ("لويس", "luis"),
        ("معتز", "mtaz"),  # t then z: two letters, never the digraph tz
        ("دَن", "dan"),  # a short vowel mark is its vowel
    ],
)
def test_romanize(word: str, latin: str) -> None:
    assert arabic_letters.romanize(word) == latin


def test_only_arabic_letters_are_arabic() -> None:
    assert arabic_letters.is_arabic("م") and not arabic_letters.is_arabic("m") and not arabic_letters.is_arabic("名")
