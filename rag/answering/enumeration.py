"""Enumerations: a list announced by a lead-in ("… the following principles:") and its items, whether they follow
as bullets in the same paragraph or as paragraphs of their own ("(a) …", "(b) …"). A quoted lead-in is given
with its items (it says nothing without them), and a quoted item with its siblings when the question asks for
several things."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.answering.quotes import with_antecedent, with_continuation
from rag.core.text import sentence_spans
from rag.core.types import Passage
from rag.retrieval import lists
from rag.retrieval.retriever import Retriever

MAX_ITEMS = 12  # items quoted after one lead-in
RUN_ITEMS = 3  # items, at least, of a list run into a paragraph with semicolons
# A bullet or a label inside a paragraph, where the PDF ran the items together ("…措施：(a) …；(b) …；(c) …").
_BULLET = re.compile(r"\s*(?:[•▪\uf0b7]|\([a-z]{1,2}\)|\([ivx]{1,5}\)|[(（][一二三四五六七八九十\d]+[)）])")


def _any(passage: Passage) -> bool:
    return True


@dataclass(frozen=True)
class Part:
    """One quoted piece of an enumeration: a span of a passage."""

    passage: Passage
    span: tuple[int, int]


def bullets_after(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A sentence that announces bullets in its own paragraph ("确定了以下首要目标：• 完成…。• 保护…。"), widened
    to the last of them; any other sentence as it is."""
    start, end = span
    colon = max(text.rfind(":", start, end), text.rfind("：", start, end))
    if colon < 0 or not _BULLET.match(text, colon + 1):
        return span
    while _BULLET.match(text, end) and (following := next(sentence_spans(text[end:]), None)) is not None:
        end += following[1]
    return start, end


def _ends_item(sentence: str) -> bool:
    return sentence.rstrip().endswith(("；", ";"))


def semicolon_run(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A sentence that is an item of a list run into its paragraph with semicolons ("可以考虑通过谈判达成的政治协议；
    多边行为守则；…；召集政府专家小组。"), or the sentence right before such a list, widened to the whole list;
    any other sentence as it is. A list has at least RUN_ITEMS items."""
    spans = list(sentence_spans(text))
    at = next((i for i, (s, e) in enumerate(spans) if s <= span[0] < e), None)
    if at is None:
        return span
    ends = [_ends_item(text[s:e]) for s, e in spans]
    first = at
    if not ends[at] and not (at > 0 and ends[at - 1]):
        first = at + 1  # the sentence that opens the list without a colon
        if first >= len(spans) or not ends[first]:
            return span
    else:
        while first > 0 and ends[first - 1]:
            first -= 1
    last = first
    while last + 1 < len(spans) and ends[last]:
        last += 1
    if last - first + 1 < RUN_ITEMS:
        return span
    return min(span[0], spans[first][0]), max(span[1], spans[last][1])


class Enumerations:
    """Finds the lead-in and items of the list a passage belongs to, in its document's reading order."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever

    def leads_in(self, passage: Passage) -> bool:
        """Whether a passage is the lead-in of a list: it ends with a colon, or announces what follows and list
        items do follow it."""
        return lists.leads_in(self.retriever.neighbours, passage)

    def opens_list(self, passage: Passage, span: tuple[int, int]) -> bool:
        """Whether the sentence at `span` announces list items: bullets after its colon in its paragraph, or, as
        the passage's last sentence, items after the passage."""
        if bullets_after(passage.text, span) != span:
            return True
        return span[1] >= len(passage.text.rstrip()) and self.leads_in(passage)

    def items_after(self, lead_in: Passage, limit: int = MAX_ITEMS) -> list[Passage]:
        """The list items right after a lead-in (at most `limit`), in its section or in the one subsection that
        opens right after it ("提供以下信息。" then "信息共享措施" (a), (b)), not beyond."""
        return lists.items_after(self.retriever.neighbours, lead_in, limit)

    def lead_in_of(self, item: Passage) -> Passage | None:
        """The lead-in of the list an item belongs to: the passage ending with a colon before the items."""
        if lists.LIST_ITEM.match(item.text) is None:
            return None
        before, _ = self.retriever.neighbours(item.id, MAX_ITEMS, 0)
        for passage in reversed(before):
            if passage.section != item.section:
                return None
            if lists.LIST_ITEM.match(passage.text) is None:
                return passage if self.leads_in(passage) else None
        return None

    def parts(
        self, passage: Passage, span: tuple[int, int], several: bool, fits: Callable[[Passage], bool] = _any
    ) -> list[Part]:
        """What to quote for a sentence of `passage`: the sentence (with the bullets it announces), and, when it
        is a lead-in, the items after it; when it is an item and the question asks for several, its lead-in and
        every item, if the lead-in `fits` the question (an item of China's principles that names the General
        Assembly does not make the principles the ways of dialogue asked for). A single part when it is no list."""
        quoted = with_continuation(passage.text, with_antecedent(passage.text, span))
        widened = bullets_after(passage.text, quoted)
        if span[1] >= len(passage.text.rstrip()) and self.leads_in(passage):
            items = self.items_after(passage)
            return [Part(passage, widened)] + [Part(p, (0, len(p.text))) for p in items]
        if several and (lead_in := self.lead_in_of(passage)) is not None and fits(lead_in):
            items = self.items_after(lead_in)
            return [Part(lead_in, (0, len(lead_in.text)))] + [Part(p, (0, len(p.text))) for p in items]
        if several:  # "可以考虑…协议；…守则；…": the whole list
            widened = semicolon_run(passage.text, widened)
        return [Part(passage, widened)]
