"""Numbers, ordinals and months written out in a question, with the forms Chinese UN documents use for them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rag.core.text import fold_lower
from rag.lang import cues, lexicon
from rag.lang.number_words import LEXICONS, Lexicon, Part

_DIGITS = "零一二三四五六七八九"

_Token = tuple[int, int, str]  # start, end, folded word


@dataclass(frozen=True)
class NumberMention:
    start: int  # offsets into the text given
    end: int
    text: str  # text[start:end]
    forms: tuple[str, ...]  # Chinese-document renderings, most usual first


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
# Arabic documents name a month twice ("تشرين الأول/أكتوبر"); the Levantine names of four are two words whose second
# is an ordinal, read here as the month and not as a number.
# "آب" (August) folds as "أب" (father) does, so a name of two letters is left out.
_MONTHS["ar"] = {
    fold_lower(name): m
    for both, m in lexicon.month_names("ar").items()
    for name in both.split("/")
    if name.isalpha() and len(fold_lower(name)) > 2
}
# "في المقام الأول", "بالدرجة الأولى": "above all", not a first anything.
_AR_NOT_AFTER = {fold_lower(w) for w in ("المقام", "الدرجة", "بالدرجة", "المرتبة")}
_AR_MONTH_PAIRS = {("تشرين", "الاول"): 10, ("تشرين", "الثاني"): 11, ("كانون", "الاول"): 12, ("كانون", "الثاني"): 1}
_EN_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
_EN_ABBREVIATIONS |= {"oct": 10, "nov": 11, "dec": 12}  # only capitalised and with the dot: "Sept. 5", "Dec."
# "May" is mostly the modal verb ("you may ask"), so it is a month only written "May" next to a number:
# "15 May", "15th May", "May 15", "May, 2017". "in May of last year" is missed; that is the price.
_NUMBER_BEFORE_MAY = re.compile(r"\d(?:st|nd|rd|th)?,?\s+\Z", re.IGNORECASE)
_NUMBER_AFTER_MAY = re.compile(r",?\s+\d")
# "sent before May", "in early May": a word of time before it makes "May" the month, not the verb.
_TIME_BEFORE_MAY = re.compile(
    r"\b(?:before|after|in|by|since|until|till|from|through|during|early|late|mid|end\s+of|beginning\s+of)[\s-]+\Z",
    re.IGNORECASE,
)

_TOKEN = re.compile(r"[\w\u0300-\u036f\u064b-\u065f]+")  # marks: a decomposed "é", an Arabic vowel sign
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


def _part(text: str, tokens: list[_Token], i: int, lexicon: Lexicon) -> tuple[Part, int] | None:
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
    parts: list[Part] = []
    j, limit = i, 10_000
    connector, multiple = _CONNECTORS.get(lang, ("", 1))
    agree = lang in _ORDINAL_PARTS_AGREE
    while j < len(tokens):
        k = j + 1 if parts and tokens[j][2] == connector and parts[-1].value % multiple == 0 else j
        found = _part(text, tokens, k, LEXICONS[lang]) if k < len(tokens) else None
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


def month_at(text: str, token: _Token, lang: str) -> NumberMention | None:
    start, end, word = token
    month = _MONTHS[lang].get(word)
    if lang == "en":
        written = text[start:end]
        if word == "may" and not (
            written == "May"
            and (
                _NUMBER_BEFORE_MAY.search(text, 0, start)
                or _NUMBER_AFTER_MAY.match(text, end)
                or _TIME_BEFORE_MAY.search(text, max(0, start - 16), start)
            )
        ):
            return None
        if word in _EN_ABBREVIATIONS and written[0].isupper() and text.startswith(".", end):
            month, end = _EN_ABBREVIATIONS[word], end + 1
    return None if month is None else NumberMention(start, end, text[start:end], (f"{month}月",))


def _words(text: str, lang: str) -> Iterator[NumberMention]:
    tokens = [(m.start(), m.end(), fold_lower(m.group())) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        pair = tuple(t[2] for t in tokens[i : i + 2])
        if lang == "ar" and pair in _AR_MONTH_PAIRS:
            start, end = tokens[i][0], tokens[i + 1][1]
            yield NumberMention(start, end, text[start:end], (f"{_AR_MONTH_PAIRS[pair]}月",))
            i += 2
            continue
        number = _number(text, tokens, i, lang)
        if number is not None and lang == "ar" and i > 0 and tokens[i - 1][2] in _AR_NOT_AFTER:
            number = None
        if number is not None:
            value, ordinal, i_next = number
            start, end = tokens[i][0], tokens[i_next - 1][1]
            yield NumberMention(start, end, text[start:end], _forms(value, ordinal))
            i = i_next
            continue
        month = month_at(text, tokens[i], lang)
        if month is not None:
            yield month
        i += 1


def _digit_ordinals(text: str, lang: str) -> Iterator[NumberMention]:
    pattern = _DIGIT_ORDINALS.get(lang)  # Arabic writes "الدورة 75": no ordinal suffix on a digit
    for m in pattern.finditer(text) if pattern else ():
        yield NumberMention(m.start(), m.end(), m.group(), _forms(int(m.group(1)), True))


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Number words, ordinals (words or "73rd") and month names in an en/fr/es/ru text, in text order,
    non-overlapping, longest match wins; [] for any other language. Plain digits are not mentions."""
    if lang not in LEXICONS:
        return []
    found = sorted([*_words(text, lang), *_digit_ordinals(text, lang)], key=lambda m: (m.start, -m.end))
    out: list[NumberMention] = []
    for mention in found:
        if not out or mention.start >= out[-1].end:
            out.append(mention)
    return out


# A symbol (A/77/96, 76/234, 1540(2004), S/RES/2325) is a name, not a number the question asks about.
SYMBOL = re.compile(r"[\w.()-]*/[\w./()-]+|\d+\s*\(\d{4}\)")
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
    masked = SYMBOL.sub(lambda m: " " * len(m.group(0)), western_digits(text))
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


_CJK_DIGITS = "零〇一二两三四五六七八九十百千万"


def holds_number(text: str, form: str) -> bool:
    """Whether a text holds a number in one of its forms as a whole number: "4" is not in "2014", nor 第四 in
    第四十 (the fortieth)."""
    before = r"(?<![\d.,])" if form[:1].isdigit() else ""
    after = r"(?![\d])" if form[-1:].isdigit() else (f"(?![{_CJK_DIGITS}])" if form[-1:] in _CJK_DIGITS else "")
    return re.search(before + re.escape(form) + after, text) is not None


# A decimal comma ("0,0206", "2,7"): French, Spanish, Russian and Arabic write decimals so, and the documents
# may write them with a point; three digits after the comma are as likely a thousands separator ("1,000").
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d)|\d{4,})")


def _decimal_forms(number: str) -> tuple[str, ...]:
    """The forms a number written with a decimal comma may take: with a point, and as written."""
    return (_DECIMAL_COMMA.sub(".", number), number) if _DECIMAL_COMMA.search(number) else ()


# Arabic-Indic and Persian digits, and the Arabic decimal and thousands separators, as the documents write them.
_WESTERN = str.maketrans({**{chr(0x660 + d): str(d) for d in range(10)}, **{chr(0x6F0 + d): str(d) for d in range(10)}})
_WESTERN |= str.maketrans({"\u066b": ".", "\u066c": ","})


def western_digits(text: str) -> str:
    """The text with Arabic-Indic digits written as 0-9 ("الدورة ٧٥" -> "الدورة 75"); the same length."""
    return text.translate(_WESTERN)


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
        for month in filter(None, (month_at(text, read, lang) for lang in ("en", "fr", "es", "ru", "ar"))):
            if _DAY_BEFORE.search(text, max(0, month.start - 12), month.start) or _DAY_AFTER.match(text, month.end):
                return True
    return False


# "Article IV", "l'article 3", "статья III", 第四条: the word for an article, then its number in Roman or Arabic
# digits (in Chinese, the numeral and 条 stand after 第).
_ARTICLE = re.compile(
    rf"(?:{cues.alternation('article_word')})(?:\s+(?P<roman>[IVXL]{{1,6}})\b|\s+(?P<digits>\d{{1,3}})\b|"
    r"(?P<zh>[一二三四五六七八九十]{1,3})条)",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman(text: str) -> int | None:
    """A Roman numeral's value (IV -> 4, XIV -> 14); None when it is not one."""
    values = [_ROMAN.get(c) for c in text.upper()]
    if not values or None in values:
        return None
    total = 0
    for value, after in zip(values, [*values[1:], 0], strict=True):
        total += -value if value < after else value  # type: ignore[operator]
    return total if total > 0 else None


def article_references(text: str) -> list[tuple[int, int, str]]:
    """Where a text names an article of a treaty, with the article as the Chinese texts number it: "Article IV
    of the NPT" -> 第四条, "статья III ДНЯО" -> 第三条, 第四条 -> 第四条."""
    found = []
    for match in _ARTICLE.finditer(text):
        if match.group("zh"):
            found.append((match.start(), match.end(), match.group()))
            continue
        number = roman(match.group("roman")) if match.group("roman") else int(match.group("digits"))
        if number and number < 100:
            found.append((match.start(), match.end(), f"第{chinese_numeral(number)}条"))
    return found
