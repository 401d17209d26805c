"""Number words of English, French, Spanish, Russian and Arabic: cardinals, ordinals and their compounds, each
with its value (read by rag.lang.numerals)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rag.core.text import fold_lower


class Part(NamedTuple):
    value: int
    ordinal: bool
    alone: bool  # False: on its own the word is mostly not a number ("which one", "un État", "por ciento")


_Entry = tuple[str, int, bool]  # words (space-separated), value, ordinal
Lexicon = dict[tuple[str, ...], Part]


# Word tables, numbered from their first value; builders below add ordinals, plurals and compounds.
_EN_UNITS = "one two three four five six seven eight nine".split()
_EN_UNIT_ORDINALS = "first second third fourth fifth sixth seventh eighth ninth".split()
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # from 10
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # from 20
_FR_SIMPLE = "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
_FR_TENS = "vingt trente quarante cinquante soixante".split()  # from 20; 70 and 90 are soixante-dix, quatre-vingt-dix
_ES_UNITS = "uno dos tres cuatro cinco seis siete ocho nueve".split()
_ES_SIMPLE = "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte".split()  # from 10
_ES_TENS = "treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()  # from 30
_ES_HUNDREDS = "dos tres cuatro quinien seis sete ocho nove".split()  # from 200: + "cientos"/"cientas"
_ES_ORDINAL_UNITS = "primer segund tercer cuart quint sext séptim octav noven".split()  # + o/a/os/as
_ES_ORDINAL_TENS = "décim vigésim trigésim cuadragésim quincuagésim sexagésim septuagésim octogésim nonagésim".split()
_ES_ORDINAL_HUNDREDS = "centésim ducentésim tricentésim cuadringentésim quingentésim sexcentésim".split()
_ES_ORDINAL_HUNDREDS += "septingentésim octingentésim noningentésim".split()
_ES_ORDINAL_OTHER = ((7, "sétim"), (9, "non"), (11, "undécim"), (12, "duodécim"), (18, "decimoctav"))
# Oblique cases as well as the nominative: "на семидесяти трёх заседаниях" is still 73.
_RU_CARDINALS = """
1 один одна одно одного одной одному одним одном одну
2 два две двух двум двумя
3 три трёх трём тремя
4 четыре четырёх четырём четырьмя
8 восьми восьмью
40 сорок сорока
90 девяносто девяноста
100 сто ста
200 двести двухсот двумстам двумястами двухстах
300 триста трёхсот трёмстам тремястами трёхстах
400 четыреста четырёхсот четырёмстам четырьмястами четырёхстах
"""
# Declined like "пять": пяти, пятью (from 5; then 20, 30).
_RU_SOFT = "пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать".split()
_RU_SOFT += "шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать".split()
# The unit in 50..80 and 500..900 (nominative, oblique stem): пятьдесят, пятидесяти; пятьсот, пятисот, пятистам.
_RU_COMPOUND_UNITS = (("пять", "пят"), ("шесть", "шест"), ("семь", "сем"), ("восемь", "восьм"), ("девять", "девят"))
_RU_ORDINAL_STEMS = (
    "перв втор трет четвёрт пят шест седьм восьм девят десят одиннадцат двенадцат тринадцат четырнадцат пятнадцат "
    "шестнадцат семнадцат восемнадцат девятнадцат"  # from 1
).split()
_RU_ORDINAL_TENS = "двадцат тридцат сороков пятидесят шестидесят семидесят восьмидесят девяност".split()
_RU_ORDINAL_HUNDREDS = "сот двухсот трёхсот четырёхсот пятисот шестисот семисот восьмисот девятисот".split()
_RU_ADJECTIVE_ENDINGS = "ый ой ая ое ые ого ому ым ом ую ых ыми".split()
_RU_THIRD_ENDINGS = "ий ья ье ьи ьего ьему ьим ьем ьей ью ьих ьими".split()  # третий, третьей...

# Arabic: masculine and feminine forms; a compound puts the unit first and joins the tens with و ("الخامسة
# والسبعين": 75th, "ثلاثة وسبعون": 73). Hamza and diacritics are folded away (أربعة = اربعة).
_AR_UNITS = (
    "واحد واحدة",
    "اثنان اثنين اثنتان اثنتين",
    "ثلاثة ثلاث",
    "أربعة أربع",
    "خمسة خمس",
    "ستة ست",
    "سبعة سبع",
    "ثمانية ثماني ثمان",
    "تسعة تسع",
)  # from 1
_AR_TENS = "عشرون/عشرين ثلاثون/ثلاثين أربعون/أربعين خمسون/خمسين ستون/ستين سبعون/سبعين ثمانون/ثمانين تسعون/تسعين"
_AR_ORDINALS = "أول/أولى - ثاني/ثانية ثالث/ثالثة رابع/رابعة خامس/خامسة سادس/سادسة سابع/سابعة ثامن/ثامنة"
_AR_ORDINALS += " تاسع/تاسعة عاشر/عاشرة"  # 1, then 2..10 (the 1 of 11th, 21st... is حادي)


def _lexicon(entries: Iterable[_Entry], not_alone: str) -> Lexicon:
    blocked = set(not_alone.split())
    return {tuple(fold_lower(w) for w in words.split()): Part(n, o, words not in blocked) for words, n, o in entries}


def _en() -> Iterator[_Entry]:
    for n, (word, ordinal) in enumerate(zip(_EN_UNITS, _EN_UNIT_ORDINALS, strict=True), 1):
        yield from ((word, n, False), (ordinal, n, True), (f"{word} hundred", 100 * n, False))
        yield f"{word} hundredth", 100 * n, True
    for n, word in enumerate(_EN_TEENS, 10):
        yield from ((word, n, False), (word.replace("twelve", "twelf") + "th", n, True))
    for n, word in enumerate(_EN_TENS, 2):
        yield from ((word, 10 * n, False), (word[:-1] + "ieth", 10 * n, True))
    yield "hundredth", 100, True  # bare "hundred" is left out: "several hundred" is not 100


def _fr() -> Iterator[_Entry]:
    def ordinal(word: str) -> str:
        return {"un": "unième", "cinq": "cinquième", "neuf": "neuvième"}.get(word, word.removesuffix("e") + "ième")

    tens = ((10 * n, w) for n, w in enumerate(_FR_TENS, 2))
    for n, word in [*enumerate(_FR_SIMPLE, 1), *tens, (100, "cent"), (80, "quatre vingt")]:
        yield from ((word, n, False), (ordinal(word), n, True), (ordinal(word) + "s", n, True))
        if 2 <= n <= 9:
            yield from ((f"{word} cent", 100 * n, False), (f"{word} cents", 100 * n, False))
            yield f"{word} centième", 100 * n, True
    yield from (("une", 1, False), ("quatre vingts", 80, False))
    yield from ((w, 1, True) for w in "premier première premiers premières".split())
    yield from ((w, 2, True) for w in "second seconde seconds secondes".split())


def _es() -> Iterator[_Entry]:
    yield from ((w, n, False) for n, w in [*enumerate(_ES_UNITS, 1), *enumerate(_ES_SIMPLE, 10)])
    yield from (("un", 1, False), ("una", 1, False), ("veintiún", 21, False), ("veintiuna", 21, False))
    yield from ((f"veinti{w}", 20 + n, False) for n, w in enumerate(_ES_UNITS, 1))  # accents are folded: veintidos
    yield from ((w, 10 * n, False) for n, w in enumerate(_ES_TENS, 3))
    yield from (("cien", 100, False), ("ciento", 100, False))
    for n, w in enumerate(_ES_HUNDREDS, 2):
        stem = w + ("t" if n == 5 else "cient")
        yield from ((stem + "os", 100 * n, False), (stem + "as", 100 * n, False))
    stems = [*enumerate(_ES_ORDINAL_UNITS, 1), *_ES_ORDINAL_OTHER]
    stems += [(10 + n, "decimo" + s) for n, s in enumerate(_ES_ORDINAL_UNITS, 1)]
    stems += [(10 * n, s) for n, s in enumerate(_ES_ORDINAL_TENS, 1)]
    stems += [(100 * n, s) for n, s in enumerate(_ES_ORDINAL_HUNDREDS, 1)]
    for n, stem in stems:
        yield from ((stem + end, n, True) for end in ("o", "a", "os", "as"))
        if stem.endswith("er"):  # apocope before a noun: "primer período", "tercer informe"
            yield stem, n, True


def _ru() -> Iterator[_Entry]:
    for value, *words in (line.split() for line in _RU_CARDINALS.strip().splitlines()):
        yield from ((w, int(value), False) for w in words)
    for n, w in [*enumerate(_RU_SOFT[:-2], 5), (20, _RU_SOFT[-2]), (30, _RU_SOFT[-1])]:
        yield from ((w, n, False), (w[:-1] + "и", n, False), (w[:-1] + "ью", n, False))
    for n, (nom, stem) in enumerate(_RU_COMPOUND_UNITS, 5):
        if n < 9:  # 90 is девяносто
            yield from ((w, 10 * n, False) for w in (nom + "десят", stem + "идесяти", nom[:-1] + "ьюдесятью"))
        hundreds = (nom + "сот", stem + "исот", stem + "истам", stem + "истах", nom[:-1] + "ьюстами")
        yield from ((w, 100 * n, False) for w in hundreds)
    stems = [*enumerate(_RU_ORDINAL_STEMS, 1), *((10 * n, s) for n, s in enumerate(_RU_ORDINAL_TENS, 2))]
    for n, stem in stems + [(100 * n, s) for n, s in enumerate(_RU_ORDINAL_HUNDREDS, 1)]:
        yield from ((stem + end, n, True) for end in (_RU_THIRD_ENDINGS if n == 3 else _RU_ADJECTIVE_ENDINGS))


def _ar() -> Iterator[_Entry]:
    units = [(n, w.split()) for n, w in enumerate(_AR_UNITS, 1)]
    ordinals = [(n, w.split("/")) for n, w in enumerate(_AR_ORDINALS.split()[2:], 2)]  # 2..10
    compound_units = [(1, ["حادي", "حادية"]), *ordinals[:8]]  # the 1..9 of an ordinal 11th..99th
    for n, words in [*units, (10, ["عشرة", "عشر"])]:
        yield from ((w, n, False) for w in words)
    for n, words in [(1, _AR_ORDINALS.split()[0].split("/")), *ordinals]:
        yield from ((a + w, n, True) for w in words for a in ("", "ال"))
    teens = [(1, ["أحد", "إحدى"]), (2, ["اثنا", "اثني", "اثنتا", "اثنتي"]), *units[2:]]
    yield from ((f"{w} {t}", 10 + n, False) for n, words in teens for w in words for t in ("عشر", "عشرة"))
    for n, words in compound_units:  # الحادي عشر, الخامسة عشرة
        yield from ((f"{a}{w} {t}", 10 + n, True) for w in words for t in ("عشر", "عشرة") for a in ("", "ال"))
    for value, forms in ((10 * n, w.split("/")) for n, w in enumerate(_AR_TENS.split(), 2)):
        yield from ((w, value, False) for w in forms)
        yield from (("ال" + w, value, True) for w in forms)
        for n, words in [(1, ["إحدى"]), *units]:
            yield from ((f"{w} و{t}", value + n, False) for w in words for t in forms)
        for n, words in compound_units:
            yield from ((f"ال{w} وال{t}", value + n, True) for w in words for t in forms)
    yield from ((w, 100, False) for w in ("مائة", "مئة"))
    yield from ((w, 200, False) for w in ("مائتان", "مائتين", "مئتان", "مئتين"))


# Words that alone are mostly not numbers ("which one", "un État", "por ciento", "семью": "family"), so they
# count only inside a compound ("twenty-one", "vingt et un", "ciento cinco").
_NOT_ALONE = {
    "en": "one",
    "fr": "un une unième unièmes",
    "es": "un uno una ciento",
    "ru": "один одна одно одного одной одному одним одном одну семью",
    "ar": "واحد واحدة أول أولى",
}
LEXICONS = {
    lang: _lexicon(build(), _NOT_ALONE[lang])
    for lang, build in (("en", _en), ("fr", _fr), ("es", _es), ("ru", _ru), ("ar", _ar))
}
