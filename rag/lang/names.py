"""Names of UN Member States, observer States and international organizations in the six UN languages."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from rag.core.text import COUNTRY_WORD, fold_name_char, is_cjk_ideograph

LANGS = ("zh", "en", "fr", "es", "ru", "ar")
DATA_PATH = Path(__file__).parent / "data" / "names.json"

# Phrases that contain a name but denote something else, or that name two entities at once ("Korea":
# either Korean State). find_mentions consumes them without reporting anything; resolve returns None.
_BLOCKED = (
    "Korea",
    "Corée",
    "Corea",
    "Корея",
    "كوريا",
    "Northern Ireland",
    "Irlande du Nord",
    "Irlanda del Norte",
    "Северная Ирландия",
    "آيرلندا الشمالية",
    "北爱尔兰",
    "New Guinea",
    "Nouvelle-Guinée",
    "Nueva Guinea",
    "غينيا الجديدة",
    "新几内亚",
    "Gulf of Guinea",
    "golfe de Guinée",
    "golfo de Guinea",
    "خليج غينيا",
    "几内亚湾",
    "Congo Basin",
    "Congo River",
    "朝鲜半岛",
    "印度洋",
    "内蒙古",
    "约旦河",
    "海地区",
    "海地带",
    "Того же",  # sentence-initial "the same", not Togo
)
_ARTICLES = ("the ", "la ", "le ", "les ", "l'", "el ", "los ", "las ")
_TRAILING = " .,;:!?。，、；：！？"


def _is_word(c: str) -> bool:
    return c.isalnum() and not is_cjk_ideograph(c)


def _fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index of the source character.

    Runs of spaces become one space; spaces next to a CJK character are dropped (PDF line wraps)."""
    out: list[str] = []
    idx: list[int] = []
    pending = -1
    for i, c in enumerate(text):
        for x in fold_name_char(c):
            if x == " ":
                if out and pending < 0:
                    pending = i
                continue
            if pending >= 0:
                if not (is_cjk_ideograph(out[-1]) or is_cjk_ideograph(x)):
                    out.append(" ")
                    idx.append(pending)
                pending = -1
            out.append(x)
            idx.append(i)
    return "".join(out), idx


def normalize_name(name: str) -> str:
    """The key a name is matched on (see _fold)."""
    return _fold(name)[0]


def _table(spec: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((end, tuple(alts.split(" "))) for end, alts in (x.split("=") for x in spec.split("; ")))


# Russian case forms (Австралии, Китаем, Соединенных Штатов): a phrase declines its leading adjectives and
# first noun (again after "и"); later words are genitive complements and stay ("Республики Корея").
# "ending=endings" where the first of the endings is the one the word has. Forms are over-generated on
# purpose: a wrong form is harmless, it never occurs in text.
_RU_ADJ = _table(
    "ая=ая ой ую ою; ое=ое ого ому ым ом; ые=ые ых ым ыми; овы=ы ых ым ыми; ие=ие их им ими; "
    "ый=ый ого ому ым ом; ский=ий ого ому им ом; цкий=ий ого ому им ом"
)
_RU_NOUN = _table(
    "острова=а ов ам ами ах; ство=о а у ом е; ия=я и ю ей; ы=ы ов ам ами ах ; я=я и ю ей е; "
    "а=а ы и е у ой; й=й я ю ем е и; ь=ь я ю ем е и ью"
)


def _ru_word(w: str) -> tuple[tuple[str, ...], bool]:
    """Case forms of one word and whether it is an adjective."""
    low = w.lower()
    if low.endswith("ой"):  # genitive adjective ("Северной"): leave it
        return (w,), True
    for table, adjective in ((_RU_ADJ, True), (_RU_NOUN, False)):
        for end, alts in table:
            if low.endswith(end) and len(w) > len(alts[0]) + 1:
                return tuple(w[: len(w) - len(alts[0])] + a for a in alts), adjective
    if low[-1] in "оеиуюэ":  # indeclinable, unless the head of "Гвинея-Бисау" declines
        head, dash, tail = w.partition("-")
        return (tuple(h + dash + tail for h in _ru_word(head)[0]) if dash else (w,)), False
    if "а" <= low[-1] <= "я":  # consonant; a fleeting vowel before it drops (Египет: Египта, Египту)
        stems = (w, w[:-2] + w[-1]) if len(w) > 4 and low[-2] in "ео" else (w,)
        return (w, *(stem + end for stem in stems for end in ("а", "у", "ом", "е", "ем"))), False
    return (w,), False


def _ru_forms(name: str) -> set[str]:
    if "(" in name:
        return set()
    options: list[tuple[str, ...]] = []
    declining = True
    for w in name.split(" "):
        declining = declining or w == "и"
        if not declining or len(w) < 3 or w.isupper():
            options.append((w,))
            continue
        forms, declining = _ru_word(w)
        options.append(forms)
    return {" ".join(p) for p in itertools.islice(itertools.product(*options), 512)} - {name}


def _derived(lang: str, name: str) -> set[str]:
    if lang == "ru":
        return _ru_forms(name)
    if lang == "ar" and name.startswith("ال"):
        return {"لل" + name[2:]}  # ل + الـ -> لل ("للصين")
    return set()


def _case_rule(name: str) -> int:
    """2: acronym, found in text upper-case only ("US", "EU"); 1: Russian, capitalised; 0: any case."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return 2
    return 1 if "А" <= name[0] <= "Я" else 0


@dataclass(frozen=True)
class Entity:
    id: str
    kind: Literal["state", "organization"]
    names: Mapping[str, tuple[str, ...]] = field(compare=False)  # lang -> names, first = official short name

    @property
    def name_en(self) -> str:
        return self.display("en")

    def display(self, lang: str) -> str:
        """Official short name in lang, falling back to English."""
        return (self.names.get(lang) or self.names.get("en") or (self.id,))[0]


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int
    end: int
    text: str


class NameTable:
    def __init__(self, entities: Iterable[Entity]) -> None:
        """Index the names; raises ValueError if one name would denote two entities."""
        self._by_id: dict[str, Entity] = {}
        self._index: dict[str, Entity | None] = {}  # normalised name -> entity (None: blocked)
        self._case: dict[str, int] = {}
        derived: dict[str, Entity | None] = {}
        for e in entities:
            if e.id in self._by_id:
                raise ValueError(f"duplicate entity id {e.id}")
            self._by_id[e.id] = e
            for lang, names in e.names.items():
                for name in names:
                    k = normalize_name(name)
                    other = self._index.get(k)
                    if other is not None and other is not e:
                        raise ValueError(f"name {name!r} belongs to both {other.id} and {e.id}")
                    self._index[k] = e
                    for form in (name, *_derived(lang, name)):
                        fk = normalize_name(form)
                        self._case[fk] = min(self._case.get(fk, 2), _case_rule(form))
                        if form is not name:
                            derived[fk] = e if derived.get(fk, e) is e else None
        for k, d in derived.items():  # a form shared by two entities matches neither
            if d is not None and k not in self._index:
                self._index[k] = d
        for phrase in _BLOCKED:
            for form in {phrase} | _ru_forms(phrase):
                k = normalize_name(form)
                if self._index.get(k) is not None:
                    raise ValueError(f"blocked phrase {form!r} is a name of {self._index[k]}")
                self._index[k] = None
        starts: dict[str, set[int]] = {}
        for k in self._index:
            starts.setdefault(k[:2], set()).add(len(k))
        self._starts = {p: tuple(sorted(ls, reverse=True)) for p, ls in starts.items()}

    @classmethod
    def load(cls, path: Path | None = None) -> NameTable:
        """The table in path, or the default one (rag/data/names.json, loaded once)."""
        if path is None:
            return default_names()
        entities = []
        for d in json.loads(Path(path).read_text(encoding="utf-8"))["entities"]:
            kind: Literal["state", "organization"] = "state" if d["kind"] == "state" else "organization"
            if d["kind"] != kind:
                raise ValueError(f"bad kind {d['kind']!r} for {d['id']}")
            names = MappingProxyType({lang: tuple(v) for lang, v in d["names"].items()})
            entities.append(Entity(id=d["id"], kind=kind, names=names))
        return cls(entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def resolve(self, name: str) -> Entity | None:
        """The entity a whole name (in any language, or an id) denotes, or None."""
        for key in _candidates(normalize_name(name)):
            if key in self._index:
                return self._index[key]
        return self._by_id.get(name.strip().upper())

    def find_mentions(self, text: str) -> list[Mention]:
        """Non-overlapping mentions in text, leftmost first and longest at each position.

        Latin, Cyrillic and Arabic names match whole words only (Arabic after a proclitic too: والصين,
        بالولايات, للصين); Chinese names match anywhere, but not a 国 that starts 国家 or 国际."""
        norm, idx = _fold(text)
        n, i = len(norm), 0
        found: list[Mention] = []
        while i < n:
            c = norm[i]
            if not c.isalnum() or (not is_cjk_ideograph(c) and i and _is_word(norm[i - 1])):
                i += 1
                continue
            hit = None
            for start in _clitics(norm, i):
                hit = self._longest(norm, start, text, idx)
                if hit:
                    break
            if hit is None:  # skip the rest of the word
                i += 1
                while not is_cjk_ideograph(c) and i < n and _is_word(norm[i]):
                    i += 1
                continue
            end, entity = hit
            if entity is not None:
                a, b = idx[start], idx[end - 1] + 1
                found.append(Mention(entity, a, b, text[a:b]))
            i = end
        return found

    def _longest(self, norm: str, j: int, text: str, idx: list[int]) -> tuple[int, Entity | None] | None:
        n = len(norm)
        for length in self._starts.get(norm[j : j + 2], ()):
            end = j + length
            key = norm[j:end]
            if end > n or key not in self._index:
                continue
            if end < n:
                last, nxt = key[-1], norm[end]
                if (last == "国" and nxt in COUNTRY_WORD) or (not is_cjk_ideograph(last) and _is_word(nxt)):
                    continue
            rule = self._case.get(key, 0)
            if rule:
                orig = text[idx[j] : idx[end - 1] + 1]
                if (rule == 2 and any(ch.islower() for ch in orig)) or (rule == 1 and not orig[0].isupper()):
                    continue
            return end, self._index[key]
        return None


def _clitics(norm: str, i: int) -> tuple[int, ...]:
    """Where a name may start in the word at i: i, or after Arabic proclitics (و ف, then ب ك ل)."""
    c, d = norm[i], norm[i + 1 : i + 2]
    if c in "وف":
        return (i, i + 1, i + 2) if d and d in "بكل" else (i, i + 1)
    return (i, i + 1) if c in "بكل" else (i,)


def _parenthesized(key: str) -> tuple[str, str] | None:
    """(outer, inner) of "outer (inner)", split at the first "(" after the first character; None when key is not
    of that form. A scan, not a regex: a backtracking pattern here took time quadratic in the runs of "(" a
    hostile filter value holds."""
    if len(key) < 4 or not key.endswith(")") or "\n" in key:
        return None
    q = key.find("(", 1)
    if q < 0 or q >= len(key) - 2:  # no "(" or nothing inside it
        return None
    outer = key[: q - 1] if q >= 2 and key[q - 1] == " " else key[:q]
    return outer, key[q + 1 : -1]


def _candidates(key: str) -> Iterator[str]:
    """key; without trailing punctuation or a leading article; "Iran (Islamic Republic of)" turned into
    "Islamic Republic of Iran" (and "伊朗(伊斯兰共和国)" into "伊朗伊斯兰共和国")."""
    yield key
    key = key.rstrip(_TRAILING)
    yield key
    for article in _ARTICLES:
        if key.startswith(article):
            yield key[len(article) :]
    parts = _parenthesized(key)
    if parts:
        outer, inner = parts
        if inner + " " in _ARTICLES or inner == "l'":
            yield outer
        elif is_cjk_ideograph(outer[-1]):
            yield outer + inner
        else:
            yield inner + ("" if inner.endswith("'") else " ") + outer


@functools.lru_cache(maxsize=1)
def default_names() -> NameTable:
    """The table in rag/data/names.json, loaded once."""
    return NameTable.load(DATA_PATH)
