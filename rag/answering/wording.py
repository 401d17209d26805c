"""What in a set question is its wording and what its topic: the words every such question uses about
replies and reports (frame words), the words of the reports' own titles, and Chinese runs cut into words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from rag.core.text import fold, is_cjk
from rag.indexing import lexical
from rag.lang import stopwords

# Words every set question uses about replies and reports, named by their Chinese UN rendering (the
# glossary's pivot), so they are recognised in any language and never taken for the topic.
# rag/lang/data/frame_words/<lang>.txt
FRAME_ZH = stopwords.read("frame_words", "zh")
FRAME_LATIN = frozenset(fold(w) for w in stopwords.words("frame_words", ("en", "fr", "es", "ru", "ar")))
_LEADING = stopwords.read("leading_particles", "zh")  # 不, 与: words that belong to the word after them


SHORT_WORD = 6  # letters up to which a Latin word is looked for in a title whole, not by its letters


def in_title(phrase: str, titles: Sequence[str]) -> bool:
    """Whether a phrase is (mostly) part of a title, allowing for a particle or two ("区域和次区域的…"). A Chinese
    phrase must be all title but for its particles: 无大规模毁灭性武器区 is not 大规模毁灭性武器 ("a zone free of
    them" is not "weapons of mass destruction")."""
    folded = fold(phrase)
    if len(folded) <= SHORT_WORD and folded.isalpha() and not any(is_cjk(c) for c in folded):
        # "COCOM" is not a title's "cooperation on…" by its letters: a short word is in a title as a word.
        return any(folded in re.findall(r"[^\W\d_]+", fold(title)) for title in titles)
    latin = not any(is_cjk(c) for c in folded)
    for title in titles:
        if latin and not is_cjk(title[0]):
            if _words_in(folded, fold(title)):
                return True
            continue
        blocks = [
            b for b in SequenceMatcher(None, folded, fold(title), autojunk=False).get_matching_blocks() if b.size >= 2
        ]
        if sum(b.size for b in blocks) < 0.8 * len(folded):
            continue
        matched = {i for b in blocks for i in range(b.a, b.a + b.size)}
        rest = [c for i, c in enumerate(folded) if i not in matched and not c.isspace()]
        if not any(is_cjk(c) for c in rest) or all(c in FRAME_ZH for c in rest):
            return True
    return False


def _words_in(phrase: str, title: str) -> bool:
    """Whether every word of a (folded) phrase in an alphabetic script is a word of a title, allowing for an
    ending ("uses" / "use", "региональном" / "региональный"): "présidé" is not in "…utilisations pacifiques…"
    however many of its letters the title holds."""
    words = re.findall(r"[^\W\d_]+", phrase)
    have = re.findall(r"[^\W\d_]+", title)
    return bool(words) and all(any(_same_word(w, h) for h in have) for w in words)


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    shorter = min(len(a), len(b))
    return (common == shorter and shorter >= 3 and max(len(a), len(b)) - shorter <= 3) or (
        common >= 5 and common >= shorter - 3
    )


def fills_title_slot(text: str, start: int, end: int, titles: Sequence[str]) -> bool:
    """Whether the phrase at text[start:end] stands where a title has another word: between two content words of
    that title on each side, or before the title's next two when it stands for the title's first word. "سبل منع
    الإرهابيين من الحصول على أسلحة الدمار" is the title "تدابير منع الإرهابيين من حيازة أسلحة الدمار…" in other words,
    naming the report, not what its replies speak of."""
    before, after = fold(text[:start]), fold(text[end:])
    size = len(_content_words(fold(text[start:end]))) or 1
    left, right = _content_words(before)[-2:], _content_words(after)[:2]
    for title in titles:
        folded = fold(title)
        if is_cjk(folded[0]):
            if _cjk_slot(before.rstrip(), after.lstrip(), folded, end - start):
                return True
            continue
        if len(right) < 2:
            continue
        words = _content_words(folded)
        for at in range(1, len(words) - 1):  # where the words after the phrase stand in the title
            if not _same_words(right, words[at : at + 2]):
                continue
            if at <= size or any(_same_words(left, words[i - 2 : i]) for i in range(max(2, at - size - 1), at)):
                return True
    return False


def _content_words(text: str) -> list[str]:
    particles = stopwords.particles()
    return [w for w in re.findall(r"[^\W\d_]+", text) if w not in particles]


def _same_words(these: Sequence[str], those: Sequence[str]) -> bool:
    return len(these) == len(those) and all(_same_word(a, b) for a, b in zip(these, those, strict=True))


def _cjk_slot(before: str, after: str, title: str, size: int) -> bool:
    if len(before) < 2 or len(after) < 2:
        return False
    at = title.find(before[-2:])
    while at >= 0:
        rest = title[at + 2 :]
        if any(rest[gap:].startswith(after[:2]) for gap in range(1, size + 3)):
            return True
        at = title.find(before[-2:], at + 1)
    return False


def names_title(sentence: str, titles: Sequence[str]) -> bool:
    """Whether a sentence calls a resolution by (most of) its title: the reports answering a resolution
    carry its title, and replies often name it that way instead of by symbol."""
    folded = fold(sentence)
    for title in titles:
        if is_cjk(title[0]):
            if longest_common(folded, fold(title)) >= max(8, len(title) // 2):
                return True
        else:
            words = fold(title).split()
            size = max(4, len(words) // 2)
            if any(" ".join(words[i : i + size]) in folded for i in range(len(words) - size + 1)):
                return True
    return False


def longest_common(a: str, b: str) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for char in a:
        row = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if char == other:
                row[j] = previous[j - 1] + 1
                best = max(best, row[j])
        previous = row
    return best


def uncovered_runs(text: str, covered: list[bool]) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for char, is_covered in zip(text, covered, strict=True):
        if is_covered or not (char.isalnum() or char in "-'’"):
            if current:
                runs.append("".join(current))
                current = []
        elif current and is_cjk(char) != is_cjk(current[-1]):
            runs.append("".join(current))
            current = [char]
        else:
            current.append(char)
    if current:
        runs.append("".join(current))
    return runs


def is_frame(word: str) -> bool:
    rest = word
    for frame in sorted((f for f in FRAME_ZH if len(f) > 1 and f in word), key=len, reverse=True):
        rest = rest.replace(frame, "")
    return word in FRAME_ZH or (len(rest) <= 1 and rest != word)


def zh_words(run: str, titles: Sequence[str]) -> list[str]:
    """Chinese words of a run with the frame words taken out; what stays together stays one phrase."""
    words = lexical.segment(run)
    phrases, current = [], ""
    for word in words:
        if is_frame(word) or in_title(word, titles) or (len(word) == 1 and not current):
            if current:
                phrases.append(current)
            current = ""
        else:
            current += word
    if current:
        phrases.append(current)
    return phrases


def held_parts(phrase: str, held: str, shortest: int = 3) -> list[str]:
    """The phrase when the corpus text `held` holds it, else its longest runs of whole words that it holds (of
    `shortest` characters at least): 借助世界贸易组织这类规则 -> 世界贸易组织."""
    if phrase in held:
        return [phrase]
    words = lexical.segment(phrase)
    parts: list[str] = []
    start = 0
    while start < len(words):
        runs = ((e, "".join(words[start:e])) for e in range(len(words), start, -1))
        end = next((e for e, run in runs if len(run) >= shortest and run in held), None)
        if end is None:
            start += 1
            continue
        # "多边出口管制制度不限制…": the text holds "多边出口管制制度不具有…", but 不 belongs to what follows it.
        while end - start > 1 and words[end - 1] in _LEADING and len("".join(words[start : end - 1])) >= shortest:
            end -= 1
        parts.append("".join(words[start:end]))
        start = end
    return parts
