"""Which reports a set question asks replies in: those it says the respondents did not reply to ("replied to A/77/87 but
not to A/77/96"), and whether it asks of each report it names ("replied to both", "mention Syria in both reports")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.core.types import Document
from rag.lang import intent
from rag.retrieval.scope import where_named

LOOK_REACH = 24  # characters before "all the reports" where a verb of looking makes them where to look
REPLIED_TESTS = ("replied", "language")  # tests of who replied (in a language): asked of each report as such
REPLIED_EVERY_REACH = 40  # characters before "both" where a verb of replying says it is said of replying


def replied_not_to(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """The groups of the reports a question on who replied says they did not reply to ("which states that replied to
    A/77/87 did not reply to A/77/96", "¿cuáles no mandaron después respuesta para … (A/77/96)?", "which did not reply
    to A/77/87 but did to A/77/96"): those whose symbol a negation comes before, after the symbol named before it;
    () when none or all are."""
    # one place per report, whichever of its language versions the plan holds
    found = {d.group: (*span, d.group) for d in documents if (span := where_named(text, d, documents)) is not None}
    placed = sorted(found.values())
    ends = [0] + [end for _, end, _ in placed]
    negated = tuple(
        group
        for (at, _, group), since in zip(placed, ends, strict=False)
        if intent.negation(text, since, at) is not None
    )
    return negated if 0 < len(negated) < len(placed) else ()


def in_every_report(text: str, documents_named: int, test: str) -> bool:
    """Whether "both" is said of the reports ("replied to both A/77/96 and A/77/87", "mention Syria in both
    reports"), not of a topic's phrases ("mention both the Australia Group and the Wassenaar Arrangement"), nor of
    where to look ("Check all the reports"). `documents_named`: how many reports the question names by symbol."""
    said = intent.every_report(text)
    if said is None or intent.LOOK_IN.search(text[max(0, said.start() - LOOK_REACH) : said.start()]):
        return False
    if test in REPLIED_TESTS or replied_to_every_report(text):  # of replying: a condition wherever said
        return True
    # "Looking at both the 2017 report and A/77/96, which replies bring up…": both reports are where to look,
    # said before the question asks which; "which states mention Syria in both reports" asks it of each.
    cue = intent.set_cue(text)
    if cue is not None and said.start() < cue[1]:
        return False
    return documents_named > 1 or intent.REPORT_WORD.search(text) is not None


def replied_to_every_report(text: str) -> bool:
    """Whether "both" is said of replying ("Of the states that replied to both reports, which…", "contestaron a las dos
    consultas", "两边都交了答复"): what else the question asks, it asks of any of their replies, unless "both" is also
    said of what they say (in_each_reply)."""
    return any(_of_replying(text, said) for said in intent.every_reports(text))


def asked_of_those_in_each(text: str, test: str) -> bool:
    """Whether what a question asks besides replying ("which mention sanctions") is asked of the respondents that
    replied to each report, said of replying (replied_to_every_report); not a question on who replied itself."""
    return test not in REPLIED_TESTS and replied_to_every_report(text)


def in_each_reply(text: str) -> bool:
    """Whether "both" is said of something other than replying, or said twice ("De los países que contestaron tanto al
    informe de 2017 como a la consulta…, ¿cuáles mencionan al OIEA en las dos respuestas?"): what is asked, it asks of
    each reply."""
    said = list(intent.every_reports(text))
    return len(said) > 1 or any(not _of_replying(text, s) for s in said)


def _of_replying(text: str, said: re.Match[str]) -> bool:
    return intent.REPLY_VERB.search(text, max(0, said.start() - REPLIED_EVERY_REACH), said.end()) is not None
