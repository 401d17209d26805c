"""What can stand as a quote: not a heading, nor a bare lead-in that introduces what follows and states
nothing itself, and for one respondent's position, not a sentence about what other or most states did."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.core.text import fold, is_cjk, sentence_spans
from rag.core.types import Passage
from rag.indexing import lexical
from rag.lang import cues, intent, stopwords

# A heading ("2. 约旦与反恐怖主义", "B. National measures") names a topic and answers nothing: a short line
# without the punctuation that ends a sentence.
HEADING_CHARS = 30
_SENTENCE_END = re.compile(r"[。．.!！?？;；:：”\"»)）]\s*$")
_LEAD_IN_END = re.compile(r"[:：]\s*$")
# "第七十五届会议临时议程* 项目 105 …", "Item 105 of the provisional agenda": the document's header, not its content.
_FRONT_MATTER = cues.pattern("front_matter")
# "该安排对 42 个参加国规定了…", "They also…": a sentence opening with a word that points back leans on the one before.
_POINTERS = frozenset(fold(w) for w in stopwords.words("anaphora"))
_FIRST_WORD = re.compile(r"\w+")
# "特别是…", "In particular, …": a sentence opening so details the one before it, which a quote of that one takes along.
_ELABORATIONS = tuple(sorted((fold(w) for w in stopwords.words("elaborations")), key=len, reverse=True))


def is_heading(sentence: str) -> bool:
    text = sentence.strip()
    return len(text) <= HEADING_CHARS and not _SENTENCE_END.search(text)


def quotable(sentence: str) -> bool:
    """Whether a sentence can stand as evidence: not a heading, nor a bare lead-in ("…包括：", "… include:")
    that introduces what follows and states nothing itself (the items it introduces are read on their own), nor
    the document's front matter (its session and provisional-agenda item)."""
    text = sentence.strip()
    return not is_heading(text) and not _LEAD_IN_END.search(text) and not _FRONT_MATTER.search(text)


def fit(sentence: str) -> int:
    """How well a sentence stands as one respondent's evidence: 2 for a claim of its own, 1 for one about what
    other or most states did, 0 for a heading or a bare lead-in."""
    if not quotable(sentence):
        return 0
    return 1 if intent.about_others(sentence) else 2


def best_quote(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The first of the spans that best stands as evidence."""
    return max(spans, key=lambda sp: fit(text[sp[0] : sp[1]]))


def first_sentence(text: str) -> tuple[int, int]:
    return best_quote(text, list(sentence_spans(text)) or [(0, len(text))])


def best_sentence(passage: Passage, tokens: Sequence[str], zh_mode: lexical.ZhMode) -> tuple[int, int]:
    """The sentence of a passage holding the most of the given tokens (of those, one that stands as evidence)."""
    wanted = set(tokens)
    spans = list(sentence_spans(passage.text)) or [(0, len(passage.text))]

    def score(span: tuple[int, int]) -> tuple[int, int]:
        sentence = passage.text[span[0] : span[1]]
        return len(wanted & set(lexical.tokenize(sentence, zh_mode))), fit(sentence)

    return max(spans, key=score)


def points_back(sentence: str) -> bool:
    """Whether a sentence opens with a word that points back to something the sentence before it names."""
    match = _FIRST_WORD.search(sentence)
    if match is None:
        return False
    word = match.group(0)
    first = (lexical.segment_words(word) or [""])[0] if is_cjk(word[0]) else fold(word)
    return first in _POINTERS


def with_antecedent(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A quote widened to the sentence before it in the same passage when it opens by pointing back to it
    ("该机构在 2016 年共开展了六次…" names the body in the sentence before), so that the quote can be read alone."""
    if not points_back(text[span[0] : span[1]]):
        return span
    before = [s for s in sentence_spans(text) if s[1] <= span[0]]
    return (before[-1][0], span[1]) if before and quotable(text[before[-1][0] : before[-1][1]]) else span


def details_before(sentence: str) -> bool:
    """Whether a sentence opens by detailing the one before it ("特别是…", "In particular, …") or by pointing back
    to it ("该船只…")."""
    folded = fold(sentence).lstrip()
    for word in _ELABORATIONS:
        if folded.startswith(word) and (is_cjk(word[0]) or len(folded) == len(word) or not folded[len(word)].isalnum()):
            return True
    return points_back(sentence)


def with_continuation(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A quote widened to the next sentence of its paragraph when that one details it or points back to it
    ("…不断进行反恐演习。特别是…举办了“卡兹古尔特-反恐-2013”…等联合反恐演习。"): the instances a question asks for
    are often there."""
    after = next((s for s in sentence_spans(text) if s[0] >= span[1]), None)
    return (span[0], after[1]) if after is not None and details_before(text[after[0] : after[1]]) else span
