"""Lists in a document's reading order: a lead-in ("古巴拥护以下原则，建立信任措施基于这些原则：") and the items that
follow it as paragraphs of their own ("(a) …", "(b) …"). A lead-in says nothing without its items, so a search that
asks for several things ("which principles…", "哪些原则") and finds a lead-in first is given its first items right
after it."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.core.text import sentence_spans
from rag.core.types import Counterpart, Hit, Passage
from rag.lang import cues, intent

# How a list item starts: a dash or bullet (the PDF's "\uf0b7" too), "(a)", "a)", "1.", "(iv)", "（一）".
LIST_ITEM = re.compile(
    r"^\s*(?:[-–—•·*▪\uf0b7]|\(?[a-z]{1,2}\)|\(?[ivx]{1,5}\)|\d{1,2}[.)、]|[(（][一二三四五六七八九十\d]+[)）])\s*\S"
)
_LEAD_IN_END = re.compile(r"[:：]\s*$")
# "洪都拉斯谨提供以下信息。", "The measures are as follows.": a lead-in without its colon, when items follow it.
_ANNOUNCES = cues.pattern("announces_list")
ITEMS_SHOWN = 3  # items a search gives right after the lead-in it found first

# (passage id, passages before, passages after) -> the passages just before and after it in its document.
Neighbours = Callable[[str, int, int], tuple[list[Passage], list[Passage]]]


def is_lead_in(text: str) -> bool:
    """Whether a passage announces a list that follows it: it ends with a colon."""
    return _LEAD_IN_END.search(text) is not None


def announces(text: str) -> bool:
    """Whether a passage's last sentence announces what follows it ("…提供以下信息。", "…as follows.") and does not
    hold that list itself after a colon; a lead-in when list items do follow it."""
    spans = list(sentence_spans(text))
    last = text[spans[-1][0] : spans[-1][1]] if spans else text
    # "墨西哥加入了下列制度： 瓦瑟纳尔协定… 核供应国集团…": the list it announces is after its colon, in it.
    return _ANNOUNCES.search(last) is not None and not re.search(r"[:：]\s*\S", last)


def within(section: tuple[str, ...], outer: tuple[str, ...]) -> bool:
    """Whether a section is `outer` itself or one of its subsections."""
    return section[: len(outer)] == outer


def items_after(neighbours: Neighbours, lead_in: Passage, limit: int) -> list[Passage]:
    """The list items right after a lead-in (at most `limit`), in its section or in the one subsection that opens
    right after it ("提供以下信息。" then "信息共享措施" (a), (b)), not beyond."""
    _, after = neighbours(lead_in.id, 0, limit)
    items: list[Passage] = []
    section = after[0].section if after and within(after[0].section, lead_in.section) else lead_in.section
    for passage in after:
        if passage.section != section or LIST_ITEM.match(passage.text) is None:
            break
        items.append(passage)
    return items


def leads_in(neighbours: Neighbours, passage: Passage) -> bool:
    """Whether a passage is the lead-in of a list: it ends with a colon, or announces what follows and list items
    do follow it."""
    return is_lead_in(passage.text) or (announces(passage.text) and bool(items_after(neighbours, passage, 1)))


def asks_for_items(question: str) -> bool:
    """Whether a question asks for several things ("which principles…"), not for the respondents that say them."""
    return intent.ASKS_SEVERAL.search(question) is not None and intent.set_kind(question) is None


def with_items(
    hits: list[Hit], neighbours: Neighbours, counterparts: Callable[[str], tuple[Counterpart, ...]]
) -> list[Hit]:
    """The hits with the first ITEMS_SHOWN items of the best one right after it, when it is a lead-in (with its
    score, and ranked as following the first hit); an item found on its own moves up to its place in the list, and
    the list is as long as before."""
    if not hits or not leads_in(neighbours, hits[0].passage):
        return hits
    items = items_after(neighbours, hits[0].passage, ITEMS_SHOWN)
    ids = {p.id for p in items}
    rest = [h for h in hits[1:] if h.passage.id not in ids]
    lead = hits[0]
    following = [Hit(p, lead.score, lead.document, {"follows": 1}, counterparts(p.id)) for p in items]
    return [lead, *following, *rest][: len(hits)]
