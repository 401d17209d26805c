"""Chinese questions read with the glossary's Chinese forms, beside the words the documents hold (topics._rest):
terms written once for several modifiers (核、化学或生物武器), and everyday names the documents never use (新冠肺炎 for
2019冠状病毒病)."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.topic_reading import Reading
from rag.answering.wording import in_title, is_frame
from rag.core.text import fold
from rag.lang.glossary import Glossary


def read_elided(reading: Reading, glossary: Glossary) -> None:
    """核武器 and 化学武器 read at 核 and 化学 in "核、化学或生物武器" (生物武器 is read with the rest)."""
    for match in glossary.elided_zh(reading.text):
        if not any(reading.covered[match.start : match.end]):
            reading.cover(match.start, match.end)
            reading.add(match.text, match.term.zh, (match.start, match.end))


def read_aliases(reading: Reading, glossary: Glossary, held: str, titles: Sequence[str]) -> None:
    """A glossary form the documents (`held`, folded, without blanks) never write, read as the forms of its term they
    do write: 新冠肺炎 and 新冠疫情 as 2019冠状病毒病. Forms the documents write are read with the rest of the question,
    as written. Frame words and the report's title are no topic however written."""
    for match in glossary.match(reading.text, "zh"):
        if any(reading.covered[match.start : match.end]) or fold(match.text) in held:
            continue
        if any(is_frame(form) or in_title(form, titles) for form in (match.text, *match.term.zh)):
            continue  # 秘书长报告 (秘书长的报告): how the question speaks of the report, not its topic
        written = tuple(form for form in match.term.zh if fold(form) in held)
        if written:
            reading.cover(match.start, match.end)
            reading.add(match.text, (*written, *match.term.forms.get("en", ())[:1]), (match.start, match.end))
