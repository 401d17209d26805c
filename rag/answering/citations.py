"""Citation checking after generation: [n] markers, sentences without support, quotes located in passages."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rag.core.text import sentence_spans, visual_length

# "[3]", "[1][2]", "[1, 2]", "［2］", "【2】": the ways models write numbered citations.
MARKER = re.compile(r"[\[［【]\s*(\d{1,3}(?:\s*[,，、;]\s*\d{1,3})*)\s*[\]］】]")
NO_ANSWER = "[NO_ANSWER]"
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_MOVED_MARKER = re.compile(r"([。！？.!?])[ \t]*((?:\[\d+\])+)")
# A sentence this short (a heading, "Yes.", a list intro) is not a claim that needs a citation.
MIN_CLAIM_CHARS = 12


@dataclass(frozen=True)
class CheckedText:
    text: str  # the answer with markers that point to no passage removed; valid numbers are kept as written
    used: tuple[int, ...]  # the valid passage numbers, in order of first use
    sentences: tuple[tuple[str, tuple[int, ...]], ...]  # each sentence and the numbers it cites
    warnings: tuple[str, ...]
    grounded: float  # share of claim sentences with at least one valid citation
    removed: tuple[int, ...] = ()  # markers that pointed to no passage
    uncited: int = 0  # claim sentences without a valid citation

    @property
    def problems(self) -> tuple[str, ...]:
        return ("citation:removed",) * len(self.removed) + ("citation:uncited",) * self.uncited


def check_citations(answer: str, passage_count: int) -> CheckedText:
    """Keep markers that point to a given passage and report the rest. Valid numbers are not renumbered,
    so the checked text is the streamed text minus the bad markers, and [n] is the n-th passage given."""
    warnings: list[str] = []
    order: dict[int, None] = {}
    invalid: list[int] = []

    def keep_valid(match: re.Match[str]) -> str:
        kept = []
        for part in re.split(r"[,，、;]", match.group(1)):
            number = int(part)
            if 1 <= number <= passage_count:
                order.setdefault(number)
                if number not in kept:
                    kept.append(number)
            else:
                invalid.append(number)
        return "".join(f"[{n}]" for n in kept)

    text = MARKER.sub(keep_valid, answer.replace(NO_ANSWER, "")).strip()
    if invalid:
        text = re.sub(r"[ \t]+([。．.,，;；:：!?！？])", r"\1", text)
        shown = ", ".join(f"[{n}]" for n in dict.fromkeys(invalid))
        warnings.append(f"removed citation {shown}: there are only {passage_count} passages")
    # For judging sentences only: "…。[2]" counts as "…[2]。", a marker that follows its sentence's full stop.
    judged = _MOVED_MARKER.sub(lambda m: ("" if m.group(1) in "。！？" else " ") + m.group(2) + m.group(1), text)
    sentences = []
    claims = cited = 0
    uncited = []
    for start, end in _claim_spans(judged):
        sentence = judged[start:end]
        numbers = tuple(int(n) for n in re.findall(r"\[(\d+)\]", sentence))
        sentences.append((sentence, numbers))
        bare = MARKER.sub("", sentence).strip()
        # A list intro ("The reports say:") announces claims rather than making one.
        if visual_length(bare) >= MIN_CLAIM_CHARS and not bare.endswith((":", "：")):
            claims += 1
            if numbers:
                cited += 1
            else:
                uncited.append(sentence)
    if uncited:
        warnings.append(f"{len(uncited)} sentence(s) carry no citation: " + " | ".join(s[:80] for s in uncited))
    grounded = round(cited / claims, 4) if claims else 0.0
    return CheckedText(text, tuple(order), tuple(sentences), tuple(warnings), grounded, tuple(invalid), len(uncited))


def _claim_spans(text: str) -> list[tuple[int, int]]:
    """Sentences, with a marker that follows the full stop kept with its sentence ("… 。[2]")."""
    spans: list[tuple[int, int]] = []
    for line_start, line in _lines(text):
        if _BULLET.match(line):  # a list item is one claim, however many sentences it quotes
            lead = len(line) - len(line.lstrip())
            spans.append((line_start + lead, line_start + len(line.rstrip())))
            continue
        for start, end in sentence_spans(line):
            start, end = start + line_start, end + line_start
            if spans and not MARKER.sub("", text[start:end]).strip():
                spans[-1] = (spans[-1][0], end)  # a marker standing after the full stop
            else:
                spans.append((start, end))
    return spans


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def is_no_answer(answer: str) -> bool:
    return answer.lstrip().startswith(NO_ANSWER)


def locate_quote(
    claim: str,
    passage_text: str,
    claim_tokens: Mapping[str, float],
    tokenize: Callable[[str], Sequence[str]],
) -> tuple[int, int]:
    """The sentence of a passage that best supports a claim: the most claim-token weight (the claim's own
    words and their translations into the passage's language); the first sentence when nothing matches."""
    spans = list(sentence_spans(passage_text)) or [(0, len(passage_text))]
    best, best_span = 0.0, spans[0]
    for start, end in spans:
        tokens = set(tokenize(passage_text[start:end]))
        weight = sum(w for t, w in claim_tokens.items() if t in tokens)
        if weight > best:
            best, best_span = weight, (start, end)
    verbatim = claim.strip().strip('“”"「」')
    if visual_length(verbatim) >= MIN_CLAIM_CHARS and (at := passage_text.find(verbatim)) >= 0:
        return at, at + len(verbatim)
    return best_span
