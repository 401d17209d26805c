"""People named in the reports, in Chinese transliteration, found from a name written in Latin or Cyrillic letters."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rag.lang import arabic_letters, places, stopwords
from rag.lang.names import NameTable, default_names

DATA_PATH = Path(__file__).parent / "data" / "transliteration.tsv"

# A name is compared by its skeleton: the coarse classes of its consonants, vowels dropped (Chinese adds a vowel
# to every consonant, so only consonants survive transliteration). Classes: P b/p, T d/t, K g/k/h, F f/v/w,
# L an l or r that starts a syllable, R one that ends it (尔), S sibilants and affricates, M m, N n/ng. A unit is
# the set of classes a sound may be rendered with; "?" marks one that Chinese may leave out.
_HONORIFICS = ("先生", "女士", "博士", "教授", "大使", "阁下", "夫人")
_DOTS = "·・‧･"
_HYPHENS = "‐‑－-"  # ASCII hyphen last: it goes in character classes
# Words that end just before, or start just after, a name with a character that is also a transliteration
# character: 主席迈克尔 is 主席 + 迈克尔, 罗戈夫希望 is 罗戈夫 + 希望.
_PROSE = stopwords.read("name_boundaries", "zh")  # rag/lang/data/name_boundaries/zh.txt

_CYRILLIC = str.maketrans(
    dict(zip("абвгдеёзийклмнопрстуфыэіґў", "abvgdeeziyklmnoprstufyeigu", strict=True))
    | {"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": "", "ю": "yu", "я": "ya"}
    | {"ї": "yi", "є": "ye"}
)
# Letters that NFD does not reduce to a plain Latin letter, or that stand for a digraph (Helić = Helich).
_SPECIAL = str.maketrans(
    {"č": "ch", "ć": "ch", "š": "sh", "ś": "sh", "ž": "zh", "ż": "zh", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l"}
    | {"đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_VOWELS = frozenset("aeiouy")
# Latin spellings of one sound, longest first; "ch" is K in Michael and S in Charles, "gh" often silent.
_DIGRAPHS = {"shch": "S", "tsch": "S", "sch": "S", "tch": "S", "ch": "KS", "sh": "S", "zh": "S", "kh": "K", "ph": "F"}
_DIGRAPHS |= {"th": "T", "wh": "F", "ts": "S", "tz": "S", "ck": "K", "qu": "K", "gh": "K?"}
_LETTERS = dict(zip("bpdtkqfvnszx", "PPTTKKFFNSSS", strict=True))
# Pinyin initials: j/x render both soft (Jeff 杰弗, Sergei 谢尔盖) and hard sounds (Kissinger 基辛格, Hillary 希拉里);
# r the French j (Jean 让); w Latin v and w, but not in wu (Ukraine 乌克兰); y, like a vowel, nothing.
_INITIALS = dict(zip("bpdtgkhfwlmnrzcsq", "PPTTKKKFFLMNSSSSS", strict=True))
_INITIALS |= {"zh": "S", "ch": "S", "sh": "S", "j": "SK", "x": "SK"}
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_SENTENCE_END = ".!?…。？！"
_SOFT = 0.01
# No one's name is a word this long (the longest surnames have some 35 letters); longer words are not looked up.
MAX_NAME_LETTERS = 48
# The edit-distance cells find_in may compute for one text (some 0.1 s): a question naming a few people takes a few
# thousand; once a hostile text has used them up, its further words are not looked up.
MAX_TEXT_CELLS = 150_000
GIVEN_LIMIT = 1.5  # edits between an Arabic given name and the one a family name follows in the reports
_ARTICLES = stopwords.words("determiners", ("en", "fr", "es"))  # rag/lang/data/determiners/<lang>.txt


@functools.cache
def _pinyin() -> dict[str, str]:
    """The transliteration characters and their pinyin (rag/data/transliteration.tsv)."""
    rows = (line.split("\t") for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line[:1] != "#")
    return {char: py.strip() for char, py in rows}


@functools.cache
def _name_re() -> re.Pattern[str]:
    chars = "".join(_pinyin())
    part = f"[{chars}]+(?:[{_HYPHENS}][{chars}]+)*"
    return re.compile(f"(?P<full>{part}(?:[{_DOTS}]{part})+)|(?P<sur>{part})(?={'|'.join(_HONORIFICS)})")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the 博 of 博士 (夫 of 夫人) after it, nor a prose word's character at either edge (_PROSE)."""
    if text[end - 1 : end + 1] in _HONORIFICS:
        end -= 1
    if start and text[start - 1 : start + 1] in _PROSE:
        start += 1
    elif text[start : start + 2] in _PROSE:
        start += 2
    if text[end - 1 : end + 1] in _PROSE:
        end -= 1
    elif text[end - 2 : end] in _PROSE:
        end -= 2
    return start, end


def person_names(texts: Iterable[str], states: NameTable | None = None) -> list[str]:
    """Chinese transliterated person names in the texts, deduplicated in order of first appearance: full names written
    with the middle dot (安东·赫洛普科夫 — also give each dotted part of 2+ characters on its own, e.g. 赫洛普科夫), and
    surnames followed by an honorific (罗戈夫先生 -> 罗戈夫; 先生 女士 博士 教授 大使 阁下).

    Also 夫人 is an honorific; a hyphenated part (阿希帕拉-穆萨夫伊) also gives its pieces, as a question may name
    either; a State or organization before an honorific (巴西大使) is not a person."""
    states = states or default_names()
    found: dict[str, None] = {}
    for text in texts:
        starts: list[int] | None = None  # where a place's name starts in the text, read at its first name
        for m in _name_re().finditer(text):
            start, end = _trim(text, m.start(), m.end())
            if m.group("full") is not None:
                starts = _place_starts(text, states) if starts is None else starts
                end = _before_place(text, start, end, starts)
            name = text[start:end]
            if m.group("sur") is not None and states.resolve(name) is not None:
                continue
            parts = re.split(f"[{_DOTS}]", name)
            # A full name needs two parts (特·托卡耶夫 is cut by a character outside the set: only 托卡耶夫 is sure).
            pieces = [name] if sum(len(p) >= 2 for p in parts) >= 2 else []
            for part in parts:
                pieces += [part, *re.split(f"[{_HYPHENS}]", part)] if re.search(f"[{_HYPHENS}]", part) else [part]
            found.update((p, None) for p in pieces if len(p) >= 2)
    return list(found)


def _place_starts(text: str, states: NameTable) -> list[int]:
    """Where the name of a state or a city starts in a text."""
    return sorted({m.start for m in states.find_mentions(text)} | {m.start() for m in places.cities().finditer(text)})


def _before_place(text: str, start: int, end: int, starts: list[int]) -> int:
    """The end of a full name that runs on into a place's name, as where a list's lines were joined (露西娅·达默特
    then 美利坚合众国…: 达默特美利 is cut before 美利): the first place starting two characters or more after its
    last dot."""
    last = max(text.rfind(d, start, end) for d in _DOTS)
    return next((p for p in starts if last + 2 < p < end), end)


def _syllable(py: str) -> list[str]:
    """Units of one pinyin syllable: its initial's class, then N for a nasal final; 尔 (er) ends a syllable."""
    if py == "er":
        return ["R"]
    initial = py[:2] if py[:2] in ("zh", "ch", "sh") else py[:1]
    units = [_INITIALS[initial]] if initial in _INITIALS and py != "wu" else []
    return [*units, "N"] if py.endswith(("n", "ng")) else units


def _chinese_units(name: str) -> tuple[str, ...]:
    """Skeleton of a Chinese name; a nasal final before n/m is the same sound (肯尼 Ken-ne, 汤姆 Tom)."""
    units: list[str] = []
    syllables = [_pinyin().get(c, "") for c in name]
    for py, nxt in zip(syllables, [*syllables[1:], ""], strict=True):
        su = _syllable(py) if py else []
        if su[-1:] == ["N"] and nxt[:1] in ("m", "n"):
            su.pop()
        units += su
    return tuple(units)


def _zero_initial(name: str) -> bool:
    """Whether a Chinese name starts with a vowel: a syllable without initial consonant (阿 a, 伊 yi, 乌 wu)."""
    py = _pinyin().get(name[:1], "")
    return py == "wu" or py[:1] in ("a", "e", "o", "y")


def _romanize(word: str) -> str:
    """Lower-case ASCII letters of a Latin, Cyrillic or Arabic word (Хлопков -> khlopkov, Sergueï -> serguei, Джон ->
    jon, زهران -> zkhran)."""
    if word and arabic_letters.is_arabic(word[0]):
        return arabic_letters.romanize(word)
    w = word.casefold().replace("дж", "j").translate(_CYRILLIC).translate(_SPECIAL)  # Джон is John
    return "".join(c for c in unicodedata.normalize("NFD", w) if "a" <= c <= "z")


def _final_e(w: str, i: int) -> bool:
    """Whether w ends in e or es at i (read without copying the rest of a long word)."""
    return len(w) - i <= 2 and w[i:] in ("e", "es")


def _vowel_at(w: str, i: int) -> bool:
    """Whether a sounded vowel is at i: a final e or es after a consonant is silent (Charles 查尔斯, Pierre 皮埃尔)."""
    return w[i : i + 1] in _VOWELS and not (i > 1 and _final_e(w, i))


def _latin_units(w: str) -> tuple[str, ...]:
    """Skeleton of a romanized word; a doubled letter is one sound, and equal units of one consonant cluster count
    once (Schmidt, Squassoni)."""
    units: list[str] = []
    cluster = False  # whether the last unit was emitted with no vowel since
    i = 0
    while i < len(w):
        c = w[i]
        if c in _VOWELS:
            cluster = False
            i += 1
            continue
        digraph = next(((d, u) for d, u in _DIGRAPHS.items() if w.startswith(d, i)), None)
        if digraph:
            unit, i = digraph[1], i + len(digraph[0])
        else:
            double = w[i + 1 : i + 2] == c
            i += 2 if double else 1
            nxt, vowel = w[i : i + 1], _vowel_at(w, i)
            if c == "c":
                unit = "S" if nxt in ("e", "i", "y") else "K"
            elif c == "g":
                unit = "KS" if nxt in ("e", "i", "y") else "K"  # Sergei 谢尔盖, George 乔治
            elif c == "h":
                unit = "K" if i == 1 else "K?"  # Hadid 哈迪德; Zahran 扎赫兰 but Sarah 萨拉
            elif c == "j":
                unit = "SK?"  # James 詹姆斯, José 何塞, Jan 扬
            elif c in ("l", "r"):
                # Before a vowel, l and r start a syllable (Krepon 克雷彭); otherwise they end one, as 尔 (Selma 塞尔玛)
                # or, for r, not at all (Margot 玛戈特); a double one may do either (Elleman 埃尔曼, Williams 威廉姆斯).
                if i > 2 and _final_e(w, i):
                    unit = "LR"  # Charles 查尔斯, Guterres 古特雷斯
                else:
                    unit = ("LR" if double else "L") if vowel else "R" if c == "l" else "R?"
            elif c == "m":
                unit = "M" if vowel else "MN"  # Williams 威廉姆斯, Thompson 汤普森
            elif c == "w":
                unit = "F" if vowel else ""  # Andrew 安德鲁
            elif c == "x" and i > 1:
                units.append("K")  # Alexander: k + s
                unit = "S"
            elif c == "n" and nxt == "g":
                unit = "N"
                i += 0 if _vowel_at(w, i + 1) else 1  # Ringo 林戈 keeps its g
            else:
                unit = _LETTERS.get(c, "")
        if unit and not (cluster and units and units[-1] == unit):
            units.append(unit)
        cluster = cluster or bool(unit)
    return tuple(units)


def _distance(a: tuple[str, ...], b: tuple[str, ...], limit: float = float("inf")) -> float:
    """Edit distance between a Latin skeleton a and a Chinese skeleton b. Units match when they share a class; a
    "?" unit of a may be dropped. Both soft steps (a match through an ambiguous unit, a dropped "?") cost 1/100:
    they rank candidates (Grossi is 格罗斯 before 格罗西) without counting as an edit. A unit of b that a lacks
    costs 2, as transliteration drops sounds but seldom adds one (Brazilian is not 布吕斯特兰).

    Once a whole row reaches `limit` the distance can only grow: that row's minimum is returned."""
    row = [2.0 * j for j in range(len(b) + 1)]
    for x in a:
        if min(row) >= limit:
            return min(row)
        skip = _SOFT if "?" in x else 1
        new = [row[0] + skip]
        for j, y in enumerate(b):
            new.append(min(row[j + 1] + skip, new[j] + 2, row[j] + _unit_cost(x, y)))
        row = new
    return row[-1]


@functools.cache
def _unit_cost(x: str, y: str) -> float:
    """The cost of reading Latin unit x as Chinese unit y: 0 if the same, soft if they share a class, else 1."""
    return 0 if x == y else _SOFT if any(c in y for c in x if c != "?") else 1


@dataclass
class Budget:
    """Edit-distance cells a lookup may still compute; a lookup that finds it spent compares no further."""

    cells: int


def _least_distance(units: int, optional: int, length: int) -> float:
    """A lower bound of _distance from a skeleton of `units` units (`optional` of them "?") to one of `length`: all
    but `length` of its units must be dropped, the optional ones for 1/100, the others for 1 each."""
    dropped = max(0, units - length)
    return _SOFT * min(optional, dropped) + max(0, dropped - optional)


def _is_latin_or_cyrillic(c: str) -> bool:
    return unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC"))


# A capitalised word right before a family name: the given name ("Lina Hadid", "Шэрон Скуассони")
_GIVEN_BEFORE = re.compile(r"\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]*\s+$")


class PersonIndex:
    """Person names from the reports, each with its skeleton, searched by a name in Latin or Cyrillic letters."""

    def __init__(self, names: Iterable[str], states: NameTable | None = None) -> None:
        self._states = states or default_names()  # names of States and organizations, which are no one's name
        self._entries = [(n, _chinese_units(n), _zero_initial(n)) for n in dict.fromkeys(names)]
        # By skeleton length: a match can be no longer than the word's skeleton (an added unit costs 2, more than
        # any limit) and shorter only by its optional units and the one edit allowed, so a lookup reads few lengths.
        self._by_length: dict[int, list[tuple[int, str, tuple[str, ...], bool]]] = {}
        for order, (name, skeleton, zero) in enumerate(self._entries):
            self._by_length.setdefault(len(skeleton), []).append((order, name, skeleton, zero))
        # Consecutive parts of a full name (迈克尔·克雷彭: 迈克尔 then 克雷彭), for a sentence's first word.
        pieces = [re.split(f"[{_DOTS}{_HYPHENS}]", n) for n, _, _ in self._entries]
        self._pairs = {pair for p in pieces for pair in itertools.pairwise(p)}
        self._families = {family for _, family in self._pairs}  # the parts that follow another: family names
        self._given: dict[str, list[tuple[str, ...]]] = {}  # family name -> the given names it follows, as skeletons
        for given, family in self._pairs:
            self._given.setdefault(family, []).append(_chinese_units(given))
        self._whole = tuple(n for n, _, _ in self._entries if any(d in n for d in _DOTS))  # given and family name

    def named_in(self, text: str) -> bool:
        """Whether the text names one of these people by given and family name (迈克尔·克雷彭)."""
        return any(name in text for name in self._whole)

    def whole_names_in(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """For a Chinese question: (start, end, (family name,)) of each person it names by given and family name as
        the reports write them ("刘易斯·邓恩本人…": 邓恩)."""
        found = ((text.find(n), n) for n in self._whole)
        return sorted((at, at + len(n), (re.split(f"[{_DOTS}]", n)[-1],)) for at, n in found if at >= 0)

    def full_names_in(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """For a question: (start, end, family-name renderings) of each person named by given and family name, the
        family name one the index holds after a given name ("Lina Hadid": 琳娜·哈迪德, a given name too short to match
        alone); a single word matching a given name ("Disarmament Matters": 莫塔兹) is no one."""
        out = []
        for start, end, renderings in self.find_in(text):
            family = tuple(r for r in renderings if r in self._families)
            given = _GIVEN_BEFORE.search(text[:start])
            if family and given is not None:
                out.append((given.start(), end, family))
        return out + self.arabic_full_names(text)

    def arabic_full_names(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Full names in Arabic letters ("مارتي ناتاليغاوا"): a family name of the index right after another Arabic
        word, its given name (Arabic writes no capitals to tell a name by)."""
        words = [m for m in _WORD.finditer(text) if arabic_letters.is_arabic(m.group()[0])]
        budget = Budget(MAX_TEXT_CELLS)
        out = []
        for before, word in itertools.pairwise(words):
            if text[before.end() : word.start()].strip() or len(before.group()) < 2:
                continue
            given = _latin_units(_romanize(before.group()))
            # the word before must read as a given name the family name goes with ("مارتي" 马蒂 before 纳塔莱加瓦):
            # common words read as names too ("إطار جديد"), never as both halves of one
            givens = ((r, self._given.get(r, ())) for r in self.find(word.group(), budget))
            family = tuple(r for r, gs in givens if any(_distance(given, g, GIVEN_LIMIT) < GIVEN_LIMIT for g in gs))
            if family:
                out.append((before.start(), word.end(), family))
        return out

    @classmethod
    def from_texts(cls, texts: Iterable[str], states: NameTable | None = None) -> PersonIndex:
        return cls(person_names(texts, states), states)

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, word: str, budget: Budget | None = None) -> tuple[str, ...]:
        """The Chinese names (whole names or name parts from the index) whose skeleton matches this one Latin/Cyrillic
        word, best first; () if none or if the word is too short/common to be a name (skeleton shorter than 3 units,
        or more than MAX_NAME_LETTERS letters).

        The name of a State or organization (Argentina, Армении) is not a person's. With a budget, the candidates
        are compared only while it lasts (each comparison spends its cells)."""
        if sum(c.isalpha() for c in word) > MAX_NAME_LETTERS or self._states.resolve(word) is not None:
            return ()
        w = _romanize(word)
        forms = [w]
        if re.search("[оеыи]м$", word.casefold()):
            forms.append(w[:-1])  # Russian instrumental: Антоном, Роговым
        # A name that starts with a vowel starts with one in Chinese too (Anton 安东, not Northern 安东); an h or j
        # may be silent or a semivowel (Hernández 埃尔南德斯, Jens 延斯).
        vowel = None if w[:1] in ("h", "j") else w[:1] in _VOWELS
        best: dict[str, tuple[float, int, int]] = {}
        for form in forms:
            units = _latin_units(form)
            if len(units) < 3:
                continue
            # Up to four sure consonants leave room for no edit (Group is not 克雷彭), five and more for one.
            limit = 0.5 if sum("?" not in u for u in units) <= 4 else 1.5
            optional = sum("?" in u for u in units)
            # No longer than the word's skeleton (an added unit costs 2, more than any limit), and shorter only by
            # what the limit lets it drop: a long word (Hjhjhj…) has no candidates at all.
            lengths = sorted(n for n in self._by_length if 3 <= n <= len(units))
            fits = (n for n in lengths if _least_distance(len(units), optional, n) < limit)
            candidates = (e for length in fits for e in self._by_length[length])
            for order, name, skeleton, zero in candidates:
                if vowel not in (None, zero):
                    continue
                if budget is not None:
                    if budget.cells <= 0:
                        break
                    budget.cells -= len(units) * len(skeleton)
                key = (_distance(units, skeleton, limit), abs(len(skeleton) - len(units)), order)
                if key[0] < limit and (name not in best or key < best[name]):
                    best[name] = key
        # Only the fewest edits: Khlopkov is 赫洛普科夫, not also 戈尔贝格 one edit away.
        edits = min((round(k[0]) for k in best.values()), default=0)
        return tuple(sorted((n for n, k in best.items() if round(k[0]) == edits), key=best.__getitem__))

    def find_in(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """For a question: (start, end, renderings) for each capitalised Latin/Cyrillic word (not the question's first
        word unless the next word is also capitalised; not all-caps acronyms of <= 5 letters) that find() matches.

        A sentence's first word keeps only the renderings that one of the next word's follows in a full name of the
        index (Michael Krepon: 迈克尔·克雷彭), so that Selon or Según before a name is not taken for a first name.

        Linear in the text: each distinct word is looked up once, and all lookups share MAX_TEXT_CELLS."""
        words = [m for m in _WORD.finditer(text) if _is_latin_or_cyrillic(m.group()[0])]
        budget = Budget(MAX_TEXT_CELLS)
        find = functools.cache(lambda w: self.find(w, budget))  # a word is looked up once per text
        out = []
        for k, m in enumerate(words):
            word = m.group()
            if not word[0].isupper() or (word.isupper() and len(word) <= 5):
                continue
            gap = text[words[k - 1].end() if k else 0 : m.start()]  # the gaps of all words add up to the text
            if k and words[k - 1].group() in _ARTICLES and gap in (" ", "'", "’"):
                continue  # the Treaty, le Conseil, del Tratado: a thing, not a person
            found = find(word)
            before = gap.rstrip(" \t\n\"'«“‘(¿¡")
            starts_sentence = before[-1] in _SENTENCE_END if before else k == 0  # (a word ends no sentence)
            if found and starts_sentence:
                nxt = words[k + 1].group() if k + 1 < len(words) else ""
                following = find(nxt) if nxt[:1].isupper() else ()
                found = tuple(r for r in found if any((r, s) in self._pairs for s in following))
            if found:
                out.append((m.start(), m.end(), found))
        return out
