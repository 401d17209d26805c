"""Numbers, ordinals and months written out in a question, with the forms Chinese UN documents use for them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rag.core.text import fold_lower
from rag.lang import lexicon

_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class NumberMention:
    start: int  # offsets into the text given
    end: int
    text: str  # text[start:end]
    forms: tuple[str, ...]  # Chinese-document renderings, most usual first


class _Part(NamedTuple):
    value: int
    ordinal: bool
    alone: bool  # False: on its own the word is mostly not a number ("which one", "un État", "por ciento")


_Entry = tuple[str, int, bool]  # words (space-separated), value, ordinal
_Lexicon = dict[tuple[str, ...], _Part]
_Token = tuple[int, int, str]  # start, end, folded word


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


def _lexicon(entries: Iterable[_Entry], not_alone: str) -> _Lexicon:
    blocked = set(not_alone.split())
    return {tuple(fold_lower(w) for w in words.split()): _Part(n, o, words not in blocked) for words, n, o in entries}


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


# Words that alone are mostly not numbers ("which one", "un État", "por ciento", "семью": "family"), so they
# count only inside a compound ("twenty-one", "vingt et un", "ciento cinco").
_NOT_ALONE = {
    "en": "one",
    "fr": "un une unième unièmes",
    "es": "un uno una ciento",
    "ru": "один одна одно одного одной одному одним одном одну семью",
}
_LEXICONS = {
    lang: _lexicon(build(), _NOT_ALONE[lang]) for lang, build in (("en", _en), ("fr", _fr), ("es", _es), ("ru", _ru))
}
# A connector joins two parts only after a multiple of this: "hundred and five", "vingt et un", "setenta y tres".
_CONNECTORS = {"en": ("and", 100), "fr": ("et", 10), "es": ("y", 10)}
_PERCENT = {"fr": "pour", "es": "por"}  # "cinq pour cent" is a percentage, not 5 and 100
_ORDINAL_PARTS_AGREE = {"es"}  # "septuagésimo tercero": every part is ordinal; elsewhere only the last one

# en/fr/es month names from rag/lang/data/lexicon/<lang>.yaml; Russian ones by stem and case ending.
_MONTHS = {lang: {fold_lower(w): m for w, m in lexicon.month_names(lang).items()} for lang in ("en", "fr", "es")}
_MONTHS["ru"] = {
    fold_lower(stem + end): m
    for m, stem in enumerate("январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split(), 1)
    for end in (("", "а", "у", "ом", "е") if m in (3, 8) else ("й" if m == 5 else "ь", "я", "ю", "ем", "е"))
}
_EN_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
_EN_ABBREVIATIONS |= {"oct": 10, "nov": 11, "dec": 12}  # only capitalised and with the dot: "Sept. 5", "Dec."
# "May" is mostly the modal verb ("you may ask"), so it is a month only written "May" next to a number:
# "15 May", "15th May", "May 15", "May, 2017". "in May of last year" is missed; that is the price.
_NUMBER_BEFORE_MAY = re.compile(r"\d(?:st|nd|rd|th)?,?\s+\Z", re.IGNORECASE)
_NUMBER_AFTER_MAY = re.compile(r",?\s+\d")

_TOKEN = re.compile(r"[\w\u0300-\u036f]+")  # combining marks: a decomposed "é" stays inside its word
_GAP = re.compile(r"[\s\-\u2010\u2011]+")  # what may separate the words of one number
# Up to 999th, as for words: "в 2020-м году", "les années 2000" are years, which the tokenizer already has.
_DIGIT_ORDINALS = {
    lang: re.compile(rf"(?<![\w.,])([1-9]\d{{0,2}}){suffix}(?!\w)", re.IGNORECASE)
    for lang, suffix in {
        "en": "(?:st|nd|rd|th)",
        "fr": "(?:ième|ieme|ème|eme|ère|ere|er|re|e|è|ᵉʳ|ʳᵉ|ᵉ)",
        "es": r"\.?[ºª]",
        # Plural forms ("1990-х", "1990-ые") are decades, not ordinals, so they are left out.
        "ru": "[-\u2010\u2011–](?:ого|ему|ому|ый|ий|ой|ая|ое|ую|го|му|ми|ей|ом|ым|й|я|е|ю|м)",
    }.items()
}


def chinese_numeral(n: int) -> str:
    """0..9999 as Chinese numerals: 7 -> 七, 10 -> 十, 11 -> 十一, 20 -> 二十, 73 -> 七十三, 105 -> 一百零五,
    120 -> 一百二十, 2000 -> 二千 (raise ValueError outside 0..9999)"""
    if not 0 <= n <= 9999:
        raise ValueError(f"{n} is outside 0..9999")
    if n == 0:
        return "零"
    out, zero = "", False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // power % 10
        if digit == 0:
            zero = bool(out)  # one 零 for any run of inner zeros: 1001 -> 一千零一
        else:
            out += ("零" if zero else "") + _DIGITS[digit] + unit
            zero = False
    return out[1:] if out.startswith("一十") else out  # 十一, but 一百一十


def _forms(n: int, ordinal: bool) -> tuple[str, ...]:
    return ("第" + chinese_numeral(n), str(n)) if ordinal else (str(n), chinese_numeral(n))


def _joined(text: str, tokens: list[_Token], i: int, j: int) -> bool:
    """Tokens i..j-1 are separated only by spaces or hyphens."""
    return all(_GAP.fullmatch(text, tokens[k][1], tokens[k + 1][0]) for k in range(i, j - 1))


def _part(text: str, tokens: list[_Token], i: int, lexicon: _Lexicon) -> tuple[_Part, int] | None:
    for n in (2, 1):  # "one hundred", "quatre vingt" before "one", "quatre"
        key = tuple(t[2] for t in tokens[i : i + n])
        if len(key) == n and key in lexicon and _joined(text, tokens, i, i + n):
            return lexicon[key], i + n
    return None


def _open_place(value: int, lang: str) -> int:
    """What a part may still be followed by: 100 + 73, 70 + 3, 10 + 7 (dix-sept), not 3 + 70."""
    if lang == "fr" and value in (60, 80):
        return 20  # soixante-dix-sept, quatre-vingt-dix-neuf
    return 100 if value % 100 == 0 else 10 if value % 10 == 0 else 1


def _number(text: str, tokens: list[_Token], i: int, lang: str) -> tuple[int, bool, int] | None:
    """The longest number written from token i: its value, whether ordinal, and the token after it."""
    parts: list[_Part] = []
    j, limit = i, 10_000
    connector, multiple = _CONNECTORS.get(lang, ("", 1))
    agree = lang in _ORDINAL_PARTS_AGREE
    while j < len(tokens):
        k = j + 1 if parts and tokens[j][2] == connector and parts[-1].value % multiple == 0 else j
        found = _part(text, tokens, k, _LEXICONS[lang]) if k < len(tokens) else None
        if found is None or (parts and not _joined(text, tokens, j - 1, k + 1)):
            break
        part, after = found
        if part.value >= limit or (parts and (part.ordinal != parts[0].ordinal if agree else parts[-1].ordinal)):
            break
        parts.append(part)
        j = after
        limit = _open_place(part.value, lang)
    if not parts or (len(parts) == 1 and not parts[0].alone):
        return None
    if len(parts) == 1 and parts[0].value == 100 and i > 0 and tokens[i - 1][2] == _PERCENT.get(lang):
        return None
    return sum(p.value for p in parts), parts[-1].ordinal, j


def _month(text: str, token: _Token, lang: str) -> NumberMention | None:
    start, end, word = token
    month = _MONTHS[lang].get(word)
    if lang == "en":
        written = text[start:end]
        if word == "may" and not (
            written == "May" and (_NUMBER_BEFORE_MAY.search(text, 0, start) or _NUMBER_AFTER_MAY.match(text, end))
        ):
            return None
        if word in _EN_ABBREVIATIONS and written[0].isupper() and text.startswith(".", end):
            month, end = _EN_ABBREVIATIONS[word], end + 1
    return None if month is None else NumberMention(start, end, text[start:end], (f"{month}月",))


def _words(text: str, lang: str) -> Iterator[NumberMention]:
    tokens = [(m.start(), m.end(), fold_lower(m.group())) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        number = _number(text, tokens, i, lang)
        if number is not None:
            value, ordinal, i_next = number
            start, end = tokens[i][0], tokens[i_next - 1][1]
            yield NumberMention(start, end, text[start:end], _forms(value, ordinal))
            i = i_next
            continue
        month = _month(text, tokens[i], lang)
        if month is not None:
            yield month
        i += 1


def _digit_ordinals(text: str, lang: str) -> Iterator[NumberMention]:
    for m in _DIGIT_ORDINALS[lang].finditer(text):
        yield NumberMention(m.start(), m.end(), m.group(), _forms(int(m.group(1)), True))


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Number words, ordinals (words or "73rd") and month names in an en/fr/es/ru text, in text order,
    non-overlapping, longest match wins; [] for any other language. Plain digits are not mentions."""
    if lang not in _LEXICONS:
        return []
    found = sorted([*_words(text, lang), *_digit_ordinals(text, lang)], key=lambda m: (m.start, -m.end))
    out: list[NumberMention] = []
    for mention in found:
        if not out or mention.start >= out[-1].end:
            out.append(mention)
    return out


# A symbol (A/77/96, 76/234, 1540(2004), S/RES/2325) is a name, not a number the question asks about.
_SYMBOL = re.compile(r"[\w.()-]*/[\w./()-]+|\d+\s*\(\d{4}\)")
_DIGIT_RUN = re.compile(r"(?<![\w.,])\d{1,3}(?:[,\s]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])")
_ZH_ORDINAL = re.compile(r"第[零〇一二两三四五六七八九十百千]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


# Questions whose numbers are kept: an answer checks each candidate sentence against the same question.
NAMED_CACHE = 64


def without_symbols(text: str) -> str:
    """The text with document and resolution symbols blanked ("A/75/134" holds no 75th anything, nor 38/183 a
    38th), same length. A resolution's year ("1540 (2004)") is kept: "the 1540 Committee" is named by it."""
    return _SLASHED.sub(lambda m: " " * len(m.group(0)), text)


_SLASHED = re.compile(r"[A-Za-z0-9.()-]*/[A-Za-z0-9./()-]+")


@lru_cache(maxsize=NAMED_CACHE)
def named_numbers(text: str, lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The numbers a question names, other than years and symbols, each with the forms a Chinese or any
    other document may write it in ("75", "seventy-fifth" -> 第七十五 / 75, "第七十五"): a passage that holds
    none of a number's forms does not answer a question about that number."""
    masked = _SYMBOL.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[str, tuple[str, ...]]] = []
    for match in _DIGIT_RUN.finditer(masked):
        digits = re.sub(r"[,\s]", "", match.group(0))
        if not _YEAR.fullmatch(digits):
            # Chinese documents write a number in digits or in numerals ("73" of "73rd" is 第七十三届's 七十三).
            numeral = (chinese_numeral(int(digits)),) if digits.isdigit() and 0 < int(digits) <= 9999 else ()
            found.append((match.group(0), (digits, *numeral, *_decimal_forms(match.group(0)))))
    found += [(m.group(0), (m.group(0),)) for m in _ZH_ORDINAL.finditer(masked)]
    for mention in find_numbers(masked, lang):
        if not all(form.endswith("月") for form in mention.forms):  # a month is a date, not a figure
            found.append((mention.text, mention.forms))
    return tuple(found)


# A decimal comma ("0,0206", "2,7"): French, Spanish, Russian and Arabic write decimals so, and the documents
# may write them with a point; three digits after the comma are as likely a thousands separator ("1,000").
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d)|\d{4,})")


def _decimal_forms(number: str) -> tuple[str, ...]:
    """The forms a number written with a decimal comma may take: with a point, and as written."""
    return (_DECIMAL_COMMA.sub(".", number), number) if _DECIMAL_COMMA.search(number) else ()


def decimal_points(text: str) -> str:
    """The text with each decimal comma written as a point ("0,0206 %" -> "0.0206 %"); the same length, so
    offsets into it hold for the original."""
    return _DECIMAL_COMMA.sub(".", text)


# A day of a month: "6 月 24 日", "24/06/2022", "2022-06-24"; in words, a month beside a day's number ("24 June",
# "June 24", "24 juin", "24 de junio", "24 июня"), as names_a_day reads them.
_ZH_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
_NUMERIC_DAY = re.compile(r"(?<!\d)(?:\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)(?!\d)")
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th|er|º)?\s+(?:de\s+)?\Z", re.IGNORECASE)
_DAY_AFTER = re.compile(r"\s+\d{1,2}(?!\d)")


def names_a_day(text: str) -> bool:
    """Whether a text gives a date down to the day, in Chinese, in digits, or with a month written in English,
    French, Spanish or Russian beside the day's number (a year or a month alone is no day)."""
    if _ZH_DAY.search(text) or _NUMERIC_DAY.search(text):
        return True
    for token in _TOKEN.finditer(text):
        read = (token.start(), token.end(), fold_lower(token.group()))
        for month in filter(None, (_month(text, read, lang) for lang in ("en", "fr", "es", "ru"))):
            if _DAY_BEFORE.search(text, max(0, month.start - 12), month.start) or _DAY_AFTER.match(text, month.end):
                return True
    return False
