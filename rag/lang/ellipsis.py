"""Terms a question writes once for two words: "chemical or biological weapons" is chemical weapons or biological
weapons, "ministère ou ministre de la défense" the ministry of defence, "armes chimiques ou biologiques" chemical
weapons or biological weapons, "الأسلحة أو المسائل النووية" nuclear weapons, "核、化学或生物武器" nuclear weapons or
chemical weapons or biological weapons.

A term is found here only where the glossary has it whole; the words joining two modifiers are data (coordinators),
and so are the languages whose modifiers follow the word they share (word_order.yaml)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import yaml

from rag.core.text import fold_keep_short_i
from rag.lang import stopwords

DATA = Path(__file__).parent / "data" / "word_order.yaml"
_LISTS = ",，،、;；"  # punctuation that lists modifiers: "nuclear, chemical or biological"
MAX_UNITS = 4  # modifiers listed before the one that is written with the shared words
SHARED_ZH = 2  # characters a Chinese term's modifiers share at least (武器)


class Node(Protocol):
    @property
    def children(self) -> Mapping[str, Node]: ...

    @property
    def term(self) -> object | None: ...


@dataclass(frozen=True)
class Elided:
    """A term read from words the question writes apart: `start`-`end` is the modifier standing for it, `length` the
    length of the term as if written whole (it outranks what the modifier alone would match)."""

    start: int
    end: int
    length: int
    term: object


@cache
def _coordinators(lang: str) -> frozenset[str]:
    """The words joining modifiers; one written "و-" is written onto the next word (والبيولوجية)."""
    return frozenset(fold_keep_short_i(w) for w in stopwords.read("coordinators", lang))


@cache
def _attached(lang: str) -> tuple[str, ...]:
    return tuple(w[:-1] for w in _coordinators(lang) if w.endswith("-"))


@cache
def _determiners(lang: str) -> frozenset[str]:
    return frozenset(fold_keep_short_i(w) for w in stopwords.read("determiners", lang))


@cache
def modifiers_follow(lang: str) -> bool:
    """Whether the language writes modifiers after the word they share ("armes chimiques ou biologiques")."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return lang in data.get("modifiers_follow_the_word", ())


@dataclass(frozen=True)
class _Text:
    """A text being read: its words (start, end, as written), each word's glossary keys, and its language."""

    text: str
    words: Sequence[tuple[int, int, str]]
    keys: Sequence[tuple[str, ...]]
    lang: str


def _units(read: _Text, k: int) -> Iterator[tuple[int, int]]:
    """From word k on, each listed modifier as (its word index, the index after it): ", chemical", "or biological",
    "والبيولوجية"; at most MAX_UNITS, stopping at anything else."""
    text, words, lang = read.text, read.words, read.lang
    joiners = _coordinators(lang)
    for _ in range(MAX_UNITS):
        if k >= len(words):
            return
        gap = text[words[k - 1][1] : words[k][0]]
        folded = fold_keep_short_i(words[k][2])
        if gap.strip() and gap.strip() in _LISTS:
            b = k
        elif not gap.strip() and folded in joiners and k + 1 < len(words):
            b = k + 1
            if b + 1 < len(words) and fold_keep_short_i(words[b][2]) in _determiners(lang):
                b += 1  # "ou le ministre"
            if any(text[words[j][1] : words[j + 1][0]].strip(" '’") for j in range(k, b)):
                return
        elif not gap.strip() and _attached(lang) and folded.startswith(_attached(lang)) and len(folded) > 4:
            b = k
        else:
            return
        yield b, b + 1
        k = b + 1


def _walk(node: Node, keys: Sequence[tuple[str, ...]], start: int) -> Iterator[tuple[int, object]]:
    """The terms reached from `node` by the words from `start` on: (index of the last word, term)."""
    frontier = [node]
    j = start
    while frontier and j < len(keys):
        step = [child for n in frontier for key in keys[j] if (child := n.children.get(key)) is not None]
        yield from ((j, c.term) for c in step if c.term is not None)
        frontier = step
        j += 1


def _after(node: Node, keys: Sequence[tuple[str, ...]], first: int, last: int) -> list[Node]:
    """The nodes reached from `node` by words first..last."""
    frontier = [node]
    for j in range(first, last + 1):
        frontier = [child for n in frontier for key in keys[j] if (child := n.children.get(key)) is not None]
    return frontier


def elided(
    root: Node, text: str, words: Sequence[tuple[int, int, str]], keys: Sequence[tuple[str, ...]], lang: str
) -> list[Elided]:
    """Terms whose shared words are written once, in a language written in words (not Chinese)."""
    read = _Text(text, words, keys, lang)
    found: list[Elided] = []
    for i in range(len(words)):
        for p in range(i, min(i + 3, len(words) - 1)):
            for node in _after(root, keys, i, p):
                found += _shared_after(node, read, (i, p))
                if modifiers_follow(lang):
                    found += _shared_before(node, read, (i, p))
    return found


def _shared_after(node: Node, read: _Text, span: tuple[int, int]) -> list[Elided]:
    """In "chemical [or biological] weapons": words i..p (`span`), modifiers listed after them, then the words they
    share, which continue the term."""
    (i, p), words = span, read.words
    out = []
    for _, after in _units(read, p + 1):
        for last, term in _walk(node, read.keys, after):
            length = (words[p][1] - words[i][0]) + (words[last][1] - words[after][0]) + 1
            out.append(Elided(words[i][0], words[p][1], length, term))
    return out


def _shared_before(node: Node, read: _Text, span: tuple[int, int]) -> list[Elided]:
    """In "armes chimiques ou biologiques": the shared words i..p (`span`) with the modifier after them form a term;
    each modifier listed after that one forms another with them."""
    (i, p), words = span, read.words
    out = []
    for last, _ in _walk(node, read.keys, p + 1):
        if last > p + 2:
            break
        for b, _ in _units(read, last + 1):
            for child in (node.children.get(key) for key in read.keys[b]):
                if child is not None and child.term is not None:
                    length = (words[p][1] - words[i][0]) + (words[b][1] - words[b][0]) + 1
                    out.append(Elided(words[b][0], words[b][1], length, child.term))
    return out


def elided_zh(
    text: str, spans: Sequence[tuple[int, int, object]], form: Callable[[str], object | None]
) -> list[Elided]:
    """In 核、化学或生物武器, for a term found whole (生物武器), the modifiers listed before it (化学, 核) with the end
    of its form they share (武器), where the glossary has that form (`form` gives its term)."""
    joiners = sorted(stopwords.read("coordinators", "zh"), key=len, reverse=True)
    out: list[Elided] = []
    for start, end, _ in spans:
        written = text[start:end]
        for cut in range(1, len(written) - SHARED_ZH + 1):  # 批准或加入 shares no 入 (准入 is another term)
            shared, pos = written[cut:], start
            for _ in range(MAX_UNITS):
                joiner = next((j for j in joiners if text.startswith(j, pos - len(j))), None)
                if joiner is None:
                    break
                before = pos - len(joiner)
                found = next(
                    (
                        (before - k, term)
                        for k in range(4, 0, -1)
                        if before - k >= 0
                        and not any(j in text[before - k : before] for j in joiners)
                        and (term := form(text[before - k : before] + shared)) is not None
                    ),
                    None,
                )
                if found is None:
                    break
                pos, term = found
                out.append(Elided(pos, before, before - pos + len(shared), term))
    return out
