"""A question being read for its topic phrases: which characters are taken, the phrases found so far with their
renderings, and which of them are alternatives ("drills or exercises", "ISIL (Da'esh)")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rag.core.text import blank_spans, fold, is_cjk
from rag.lang import cues, numerals, stopwords

# What makes phrases alternatives: the word "or" (or "nor": "ni traité ni convention", "لا أسلحة نووية ولا طاقة") of
# some language, or a bracket giving another name ("ISIL (Da'esh)", "“伊斯兰国”（达伊沙）").
_OR_WORDS = f"{cues.alternation('or_word')}|{cues.alternation('nor_word')}"
_OR = re.compile(rf"{_OR_WORDS}|[(（]", re.I)
# After a list, words saying none of its items holds ("核能、核武器、核技术一概没提"): its items are alternatives.
_NONE_AFTER = re.compile(cues.alternation("none_after"))
_ARTICLE = "|".join(
    re.escape(w) for w in sorted(stopwords.words("determiners", ("en", "fr", "es")), key=len, reverse=True)
)
# A comma or the word "or" (words side by side are one expression: "victim of sanctions", not alternatives).
_SEPARATOR = re.compile(
    rf"\s*(?:[”»」》]?\s*[,，、;；]\s*(?:(?:{_OR_WORDS})\s*)?[“«「《]?|(?:{_OR_WORDS})\s*"
    rf"|[\"”»」》]?\s*[(（]\s*[\"“«「《]?)(?:(?:{_ARTICLE})(?:\s+|['’]))?",
    re.I,
)
# Between a kind and the phrase it is the kind of: a space, "of" or an article ("principle of", "principe de l'").
_KIND_GAP = re.compile(rf"\s*(?:(?:of|de|del|du|des|d['’])\s*)?(?:(?:{_ARTICLE})(?:\s+|['’]))?\s*", re.I)
_OR_WORD_AFTER = re.compile(rf"\s*(?:{cues.alternation('or_word')})\s+(?P<word>[^\W\d_]+)", re.I)
_OR_WORD_BEFORE = re.compile(rf"(?P<word>[^\W\d_]+)\s+(?:{cues.alternation('or_word')})\s*$", re.I)
_QUOTES = "\"'“”‘’«»「」《》"
TITLE_WORDS = 3  # words of a capitalised phrase that reads as a title ("Sustained Dialogue on Peaceful Uses")


@dataclass
class Reading:
    """A question being read: which characters are taken, and the phrases found so far."""

    text: str
    covered: list[bool] = field(default_factory=list)
    named: list[bool] = field(default_factory=list)  # taken by a name of the names table
    shown: list[str] = field(default_factory=list)
    variants: list[tuple[str, ...]] = field(default_factory=list)
    spans: list[tuple[int, int] | None] = field(default_factory=list)  # where each phrase stands, when known

    def __post_init__(self) -> None:
        self.covered = [False] * len(self.text)
        self.named = [False] * len(self.text)

    def cover(self, start: int, end: int) -> None:
        self.covered[start:end] = [True] * (end - start)

    def add(self, shown: str, variants: tuple[str, ...], span: tuple[int, int] | None = None) -> None:
        self.shown.append(shown)
        self.variants.append(variants)
        self.spans.append(span)

    def drop(self, describes: Callable[[tuple[int, int]], bool]) -> None:
        """Leave out the phrases whose place `describes` tells: those describing the report asked about, not what its
        replies say, or standing inside a longer phrase."""
        kept = [i for i, span in enumerate(self.spans) if span is None or not describes(span)]
        self.shown = [self.shown[i] for i in kept]
        self.variants = [self.variants[i] for i in kept]
        self.spans = [self.spans[i] for i in kept]

    def drop_within(self) -> None:
        """Leave out the phrases standing inside a longer one."""
        places = [span for span in self.spans if span is not None]
        self.drop(lambda span: any(o[0] <= span[0] and span[1] <= o[1] and span != o for o in places))

    def or_unreadable(self, span: tuple[int, int], unreadable: Sequence[str]) -> bool:
        """Whether a phrase is joined by "or" to a word with no rendering ("ratifié ou rejoint la Convention"):
        either meets the question, and the other cannot be looked for, so this one cannot be required."""
        after = _OR_WORD_AFTER.match(self.text, span[1])
        if after is not None and self._phrase_at(after.end("word")):
            after = None  # "инфраструктуры или ключевых объектов": the word qualifies a phrase read after it
        before = _OR_WORD_BEFORE.search(self.text[: span[0]])
        return any(m is not None and m.group("word") in unreadable for m in (after, before))

    def _phrase_at(self, at: int) -> bool:
        """Whether a phrase read stands right after `at`, blanks between, and ends its clause ("или ключевых
        объектов?", not "or blocked humanitarian deliveries?": a word after it has no rendering either)."""
        return any(
            s is not None and s[0] >= at and not self.text[at : s[0]].strip() and _CLAUSE_REST.match(self.text, s[1])
            for s in self.spans
        )

    def drop_or_unreadable(self, unreadable: Sequence[str]) -> None:
        """Leave out the phrases joined by "or" to a word with no rendering (or_unreadable), unless nothing else
        would be left: "exercises or manoeuvres" asks one thing in two words, the one that can be looked for is kept
        (the other is reported unread)."""
        alternatives = {s for s in self.spans if s is not None and self.or_unreadable(s, unreadable)}
        if len(self.shown) > len(alternatives):
            self.drop(lambda span: span in alternatives)

    def quoted(self, span: tuple[int, int]) -> bool:
        """Whether a phrase stands between quotation marks."""
        before, after = self.text[: span[0]].rstrip(), self.text[span[1] :].lstrip()
        return bool(before) and before[-1] in _QUOTES and after[:1] in tuple(_QUOTES)

    def names_a_title(self, span: tuple[int, int]) -> bool:
        """Whether a one-word phrase is the kind of thing a title-like phrase right before it is ("the Sustained
        Dialogue on Peaceful Uses initiative"): how the question names it, no phrase a reply must hold too."""
        word = self.text[span[0] : span[1]]
        if " " in word or any(map(is_cjk, word)):
            return False
        for other in self.spans:
            if other is None or other == span or other[1] > span[0] or self.text[other[1] : span[0]].strip():
                continue
            title = self.text[other[0] : other[1]]
            if len(title.split()) >= TITLE_WORDS and title[:1].isupper():
                return True
        return False

    def names_a_quoted_phrase(self, span: tuple[int, int]) -> bool:
        """Whether a one-word phrase is the kind of thing a quoted phrase right beside it is ("the 'Sustained
        Dialogue on Peaceful Uses' initiative", "l'initiative « … »", "“…”倡议"): how the question names it."""
        word = self.text[span[0] : span[1]]
        if " " in word or self.quoted(span) or numerals.article_references(word):
            return False  # 《不扩散条约》第四条: an article of the quoted treaty, not what kind of thing it is
        for other in self.spans:
            if other is None or other == span or not self.quoted(other):
                continue
            gap = self.text[other[1] : span[0]] if other[1] <= span[0] else self.text[span[1] : other[0]]
            if gap.strip(" " + _QUOTES) == "" and gap.strip(" ") != "":
                return True
        return False

    def before_a_name(self, end: int) -> bool:
        """Whether a name of the names table starts at `end`."""
        return end < len(self.named) and self.named[end]

    def alternatives(self, unreadable: Sequence[str] = ()) -> None:
        """Phrases the question joins with "or" ("drills or exercises", "A, B or C") become one phrase that any of
        their renderings meets; a word with no rendering in the list does not break it ("quantum computing,
        blockchain, 3D printing or synthetic biology")."""
        kinds = self._repeated_kinds()
        placed = sorted((span, i) for i, span in enumerate(self.spans) if span is not None and i not in kinds)
        text = blank_spans(self.text, list(kinds.values()))
        for i in kinds:
            self.shown[i] = ""  # dropped below: the kind of each alternative, not one of them
        chains: list[list[int]] = []
        ors: list[bool] = []
        for (span, i), (previous, j) in zip(placed[1:], placed, strict=False):
            gap = re.sub(r"\s+", " ", text[previous[1] : span[0]])
            if chains and chains[-1][-1] == j and _joins(gap, unreadable):
                chains[-1].append(i)
                ors[-1] = ors[-1] or _OR.search(gap) is not None
            elif _joins(gap, unreadable):
                chains.append([j, i])
                ors.append(_OR.search(gap) is not None)
        for chain, joined in zip(chains, ors, strict=True):
            # "A, B, C or D" where D is no phrase of its own: the list is still one of alternatives.
            after = self.text[self.spans[chain[-1]][1] :].lstrip(" ,，、")  # type: ignore[index]
            if not joined and not _OR.match(after) and not _NONE_AFTER.match(after.lstrip("”»」》")):
                continue
            # "the OPCW (its work, funding or cooperation with it)": several phrases in a bracket after a name are
            # alternative aspects of it, not other names for it ("ISIL (Da'esh)"); after a kind they are its
            # instances, and say what the question means by it ("the regimes (NSG, MTCR or AG)"; with "etc." they
            # are examples of it, examples()).
            head = self.spans[chain[0]]
            if len(chain) > 2 and (bracket := self._bracket_after(head[1])) is not None:  # type: ignore[index]
                if self.before_a_name(head[0]):  # type: ignore[index]
                    chain = chain[1:]
                elif not _EXAMPLES.search(bracket):
                    self.shown[chain[0]] = ""  # the kind: dropped below
                    chain = chain[1:]
            first = chain[0]
            self.shown[first] = "/".join(self.shown[i] for i in chain)
            self.variants[first] = tuple(dict.fromkeys(v for i in chain for v in self.variants[i]))
            for i in chain[1:]:
                self.shown[i] = ""  # dropped below

    def _bracket_after(self, end: int) -> str | None:
        """The bracket opening right after a phrase ending at `end` (quotes and spaces aside), with what it holds."""
        after = self.text[end:]
        start = end + len(after) - len(after.lstrip(' "”»」》'))
        found = _BRACKET.match(self.text, start)
        return found.group() if found else None

    def _repeated_kinds(self) -> dict[int, tuple[int, int]]:
        """The phrases a question writes before each of several others, naming what kind of thing each is ("the
        principle of sovereign equality or the principle of non-interference", "مبدأ … أو مبدأ …"): the same
        renderings twice or more, each right before another phrase; with the words up to that phrase."""
        placed = sorted((span, i) for i, span in enumerate(self.spans) if span is not None)
        before = {
            i: (a, b[0]) for (a, i), (b, _) in itertools.pairwise(placed) if _KIND_GAP.fullmatch(self.text, a[1], b[0])
        }
        return {
            i: (a[0], end)
            for i, (a, end) in before.items()
            if sum(self.variants[j] == self.variants[i] for j in before) > 1
        }

    def ordinals(self, language: str, terms: Sequence[tuple[int, int]]) -> None:
        """An ordinal written out before a term ("the Tenth Review Conference", "la Décima Conferencia de Examen",
        "второй вербальной ноте") is a detail replies must give, as Chinese writes it (第十): not any review
        conference. "first" says too little to be required (the first to reply)."""
        for number in numerals.find_numbers(self.text, language):
            ordinal = number.forms[0]
            if not ordinal.startswith("第") or ordinal == "第一" or any(self.covered[number.start : number.end]):
                continue
            after = self.text[number.end :]
            gap = len(after) - len(after.lstrip())
            if any(start == number.end + gap for start, _ in terms):
                self.cover(number.start, number.end)
                self.add(number.text, (ordinal,), (number.start, number.end))

    def examples(self) -> None:
        """Phrases in a bracket listing examples of the phrase before it, any of which will do: "“情报”（交流情报、
        分析情报或情报部门参与合作）", "universalisation (adhésion au TNP, à la Convention…, etc.)". They join that
        phrase as alternatives; after a name ("the OPCW (its work, funding, etc.)") they are aspects of it,
        alternatives among themselves. A bracket's examples say so ("etc.", "等") or name what they are examples
        of again ("交流情报、分析情报"); other words in a bracket qualify what comes before it ("(robadas,
        vulnerables o de su protección física)") or spell out a title ("Женевский протокол (о запрещении …)")."""
        for bracket in _BRACKET.finditer(self.text):
            if not _LISTS.search(bracket.group()):  # one phrase in a bracket is another name ("ISIL (Da'esh)")
                continue
            head = self._just_before(bracket.start())
            said = self.text[self.spans[head][0] : self.spans[head][1]].strip() if head is not None else ""  # type: ignore[index]
            if not (_EXAMPLES.search(bracket.group()) or (said and bracket.group().count(said) >= 2)):
                continue
            if head is not None and self.before_a_name(self.spans[head][0]):  # type: ignore[index]
                head = None
            inside = [i for i, span in enumerate(self.spans) if self.shown[i] and _within(span, bracket.span())]
            chain = ([] if head is None else [head]) + inside
            if len(chain) < 2:
                continue
            self.shown[chain[0]] = "/".join(dict.fromkeys(self.shown[i] for i in chain))
            self.variants[chain[0]] = tuple(dict.fromkeys(v for i in chain for v in self.variants[i]))
            for i in chain[1:]:
                self.shown[i] = ""

    def restatements(self) -> None:
        """Words that say the phrases before them again in other words ("crimen organizado, es decir,
        organizaciones criminales o delincuencia que cruza fronteras"; "التحقق ممن تصل إليه المواد في النهاية، أي
        المستخدم النهائي أو الوجهة النهائية"): both sides name one thing, and the side that names it in fewer phrases
        (the term, not its explanation) is what is asked; the other is left out (each of its words would otherwise
        be asked for too). On a tie, the phrase said first."""
        for marker in _RESTATEMENT.finditer(self.text):
            opening = max((m.end() for m in _CLAUSE_END.finditer(self.text, 0, marker.start())), default=0)
            end = _CLAUSE_END.search(self.text, marker.end())
            until = end.start() if end is not None else len(self.text)
            before = self._shown_within(opening, marker.start())
            after = self._shown_within(marker.end(), until)
            if not before or not after:
                continue
            for i in after if len(before) <= len(after) else before:
                self.shown[i] = ""

    def _shown_within(self, start: int, end: int) -> list[int]:
        """The phrases still shown that stand between two offsets."""
        return [
            i for i, s in enumerate(self.spans) if s is not None and self.shown[i] and start <= s[0] and s[1] <= end
        ]

    def kinds(self) -> None:
        """A list of alternatives each naming another phrase of the question again ("“实验室”——不管说的是实验室安全、
        实验室网络…", "laboratories, whether laboratory safety or laboratory networks") lists kinds of that phrase,
        any of which will do: it joins that phrase's alternatives instead of being asked for beside it."""
        for i, shown in enumerate(self.shown):
            parts = [fold(p) for p in shown.split("/")]
            if len(parts) < KINDS:
                continue
            for j, other in enumerate(self.shown):
                head = fold(other)
                if j == i or not head or "/" in head or not all(_names_again(part, head) for part in parts):
                    continue
                self.variants[j] = tuple(dict.fromkeys((*self.variants[j], *self.variants[i])))
                self.shown[i] = ""
                break

    def join_kinds(self, found: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        """Terms of a clause giving the ways a topic may come up ("l'Asie, que ce soit l'Asie du Sud, l'Asie du
        Sud-Est ou l'Asie-Pacifique"), each with its renderings: one naming an asked phrase again is a kind of it,
        and its renderings join that phrase's (any will do)."""
        for said, forms in found:
            for i, shown in enumerate(self.shown):
                if shown and "/" not in shown and fold(said) != fold(shown) and _names_again(fold(said), fold(shown)):
                    self.variants[i] = tuple(dict.fromkeys((*self.variants[i], *forms)))
                    break

    def _just_before(self, start: int) -> int | None:
        """The phrase ending right before `start` (quotes and spaces aside), if any."""
        return next(
            (
                i
                for i, span in enumerate(self.spans)
                if self.shown[i]
                and span is not None
                and span[1] <= start
                and not self.text[span[1] : start].strip(' "”»」》')
            ),
            None,
        )


_BRACKET = re.compile(r"[(（][^()（）]*[)）]")
_LISTS = re.compile(r"[,，、;；]")  # what makes a bracket's words a list ("(or its negotiation)" is an aspect)
_EXAMPLES = cues.pattern("example_marker")
_RESTATEMENT = cues.pattern("restatement", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[?.;!？。；！)）]")
_CLAUSE_REST = re.compile(r"[\s\"”»」》]*(?:[?.;,!？。；，！؟،)）]|\Z)")  # nothing but the clause's end after a phrase


KINDS = 2  # alternatives that each name another phrase again are kinds of it from this many on
STEM_KEPT = 4  # letters of a word in Latin or Cyrillic letters that must be named again ("laborator-ies", "-y")


def _names_again(part: str, head: str) -> bool:
    """Whether a phrase names `head` again: as written, or (in letters) by its word's stem."""
    if head in part:
        return True
    if is_cjk(head[0]) or " " in head or len(head) <= STEM_KEPT + 2:
        return False
    return head[: max(STEM_KEPT, len(head) - 3)] in part


def _within(span: tuple[int, int] | None, bracket: tuple[int, int]) -> bool:
    return span is not None and bracket[0] < span[0] and span[1] < bracket[1]


def _joins(gap: str, unreadable: Sequence[str]) -> bool:
    """Whether the text between two phrases lists them: a separator, or separators around words with no rendering."""
    if _SEPARATOR.fullmatch(gap):
        return True
    words = [w for w in unreadable if w in gap]
    if not words:
        return False
    pieces = re.split("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), gap)
    return all(_SEPARATOR.fullmatch(piece) for piece in pieces)
