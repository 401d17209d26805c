"""A question being read for its topic phrases: which characters are taken, the phrases found so far with their
renderings, and which of them are alternatives ("drills or exercises", "ISIL (Da'esh)")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rag.answering.wording import FRAME_LATIN
from rag.core.text import fold, in_spans, is_cjk
from rag.indexing import lexical
from rag.lang import cues, intent, numerals, stopwords

# What makes phrases alternatives: the word "or" of some language, or a bracket giving another name ("ISIL
# (Da'esh)", "“伊斯兰国”（达伊沙）").
_OR = re.compile(rf"{cues.alternation('or_word')}|[(（]", re.I)
_OPENS = re.compile(r"[(（]")  # a bracket opening
_ARTICLE = "|".join(
    re.escape(w) for w in sorted(stopwords.words("determiners", ("en", "fr", "es")), key=len, reverse=True)
)
# A comma or the word "or" (words side by side are one expression: "victim of sanctions", not alternatives).
_SEPARATOR = re.compile(
    rf"\s*(?:[,，、;；]\s*(?:(?:{cues.alternation('or_word')})\s*)?|(?:{cues.alternation('or_word')})\s*"
    rf"|[\"”»」》]?\s*[(（]\s*[\"“«「《]?)(?:(?:{_ARTICLE})(?:\s+|['’]))?",
    re.I,
)
_OR_WORD_AFTER = re.compile(rf"\s*(?:{cues.alternation('or_word')})\s+(?P<word>[^\W\d_]+)", re.I)
_OR_WORD_BEFORE = re.compile(rf"(?P<word>[^\W\d_]+)\s+(?:{cues.alternation('or_word')})\s*$", re.I)
_QUOTES = "\"'“”‘’«»「」《》"


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
        before = _OR_WORD_BEFORE.search(self.text[: span[0]])
        return any(m is not None and m.group("word") in unreadable for m in (after, before))

    def quoted(self, span: tuple[int, int]) -> bool:
        """Whether a phrase stands between quotation marks."""
        before, after = self.text[: span[0]].rstrip(), self.text[span[1] :].lstrip()
        return bool(before) and before[-1] in _QUOTES and after[:1] in tuple(_QUOTES)

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
        placed = sorted((span, i) for i, span in enumerate(self.spans) if span is not None)
        chains: list[list[int]] = []
        ors: list[bool] = []
        for (span, i), (previous, j) in zip(placed[1:], placed, strict=False):
            gap = self.text[previous[1] : span[0]]
            if chains and chains[-1][-1] == j and _joins(gap, unreadable):
                chains[-1].append(i)
                ors[-1] = ors[-1] or _OR.search(gap) is not None
            elif _joins(gap, unreadable):
                chains.append([j, i])
                ors.append(_OR.search(gap) is not None)
        for chain, joined in zip(chains, ors, strict=True):
            # "A, B, C or D" where D is no phrase of its own: the list is still one of alternatives.
            after = self.text[self.spans[chain[-1]][1] :].lstrip(" ,，、")  # type: ignore[index]
            if not joined and not _OR.match(after):
                continue
            # "the OPCW (its work, funding or cooperation with it)": several phrases in a bracket after a name are
            # alternative aspects of it, not other names for it ("ISIL (Da'esh)") nor instances of a kind ("the
            # regimes (NSG, MTCR or AG)").
            head = self.spans[chain[0]]
            if (
                len(chain) > 2
                and self.before_a_name(head[0])  # type: ignore[index]
                and _OPENS.match(self.text[head[1] :].lstrip(' "”»」》'))  # type: ignore[index]
            ):
                chain = chain[1:]
            first = chain[0]
            self.shown[first] = "/".join(self.shown[i] for i in chain)
            self.variants[first] = tuple(dict.fromkeys(v for i in chain for v in self.variants[i]))
            for i in chain[1:]:
                self.shown[i] = ""  # dropped below

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


_REGARDLESS = cues.pattern("regardless")
_REGARDLESS_END = re.compile(r"[?？!！;；؟؛]|[.。](?=\s|$)")
_COMMA = re.compile("[，,]")
_OR_NEXT = re.compile(rf"\s*(?:{cues.alternation('or_word')})")  # "…，还是 C": the ways go on after the comma


def regardless(text: str, cue: tuple[str, int, int] | None) -> list[tuple[int, int]]:
    """The clauses giving the ways a topic may come up, none of them required ("…vaccines, whether it's getting hold
    of them, making them or sharing vaccine technology?", "不管是作为自己所属的组织、合作网络还是合作伙伴，哪些…"): from
    the word opening one to the end of its sentence, or to the set question's cue after it (in Chinese, to its
    clause's end)."""
    spans = []
    for match in _REGARDLESS.finditer(text):
        end = _REGARDLESS_END.search(text, match.end())
        stop = end.start() if end else len(text)
        if cue is not None and match.end() <= cue[1] < stop:
            stop = cue[1]
        if is_cjk(match.group()[0]):
            comma = _COMMA.search(text, match.end(), stop)
            while comma is not None and _OR_NEXT.match(text, comma.end()):
                comma = _COMMA.search(text, comma.end(), stop)
            stop = comma.start() if comma is not None else stop
        spans.append((match.start(), stop))
    return spans


def said_as_required(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a pattern matches the text outside the clauses giving the ways a topic may come up (regardless):
    "不管是裁军承诺的核查、本国的核查机构，还是…" does not ask what replies say of their own country."""
    spans = regardless(text, intent.set_cue(text))
    return any(
        not in_spans(m.start(), spans) and not intent.after_set_apart(text, m.start()) for m in pattern.finditer(text)
    )


RESOLUTION_REACH = 20  # characters, at most, between a report's own resolution and the words that name its organ
_QUESTION_END = re.compile(r"[?？؟]")


_CLAUSE_BREAK = re.compile(r"[,;，；、،؛]")


def names_organ(text: str, span: tuple[int, int], resolutions: Sequence[tuple[int, int]]) -> bool:
    """Whether a phrase stands beside the resolution a report answers, with nothing but function words between:
    "General Assembly resolution 71/38", "la résolution 71/38 de l'Assemblée générale", "大会第71/38号决议" name
    the report's mandate, not what its replies say; so do the words saying how ("en application de la résolution
    71/38"). A comma ends the phrase's tie to it: "(القرار 76/234)، إلى التفاوض…" asks who calls for negotiations."""
    for start, end in resolutions:
        if span[1] <= start:
            gap = text[span[1] : start]
        elif end <= span[0]:
            gap = text[end : span[0]]
        else:
            continue
        if len(gap) > RESOLUTION_REACH or _QUESTION_END.search(gap):
            continue  # "…об учениях? (71/38)": the report a follow-up carries, after its question ended
        words = re.findall(r"[^\W\d_]+", gap)
        if not _CLAUSE_BREAK.search(gap) and all(_joins_organ(w) for w in words):
            return True
    return False


_RATHER_THAN = re.compile(rf"(?:{cues.alternation('rather_than')})\W*(?:\w{{1,3}}\W+){{0,2}}\Z", re.I)
_RATHER_THAN_OPENS = cues.pattern("rather_than")  # 而不是第一委员会: the words open one Chinese run
SET_ASIDE_REACH = 30  # characters before a phrase in which "rather than" and its articles stand


def set_aside(text: str, span: tuple[int, int]) -> bool:
    """Whether a phrase comes right after "rather than" (and an article or two): what the question sets aside."""
    before = text[max(0, span[0] - SET_ASIDE_REACH) : span[0]]
    return _RATHER_THAN.search(before) is not None or _RATHER_THAN_OPENS.match(text, span[0]) is not None


def _joins_organ(word: str) -> bool:
    """A word that may stand between a resolution and its organ: a function word, a word for "resolution" (de la
    résolution, 第…号决议)."""
    return fold(word) in lexical.LATIN_STOPWORDS or intent.RESOLUTION_WORD.search(word) is not None or len(word) == 1


_BACK = frozenset(fold(w) for w in stopwords.words("back_pointers", ("en", "fr", "es", "ru", "ar")))
_BACK_ZH = stopwords.read("back_pointers", "zh")
# Where a sentence ends: "…to the Cold War. Which other replies…", "…冷战思维。还有哪些答复…".
_SENTENCE_END = re.compile(r"[.!?؟]\s+(?=\S)|[。！？]\s*(?=\S)")
ASKING_WORDS = 4  # words, at least, of a last sentence that asks what the statements before it only set up
CITED_REACH = 30  # characters, at most, from a verb of citing to the resolution it cites ("ссылаются на резолюцию")


def cited_resolution(text: str, start: int) -> bool:
    """Whether a verb of mentioning or citing, said of the respondents asked about (after the set question's cue),
    stands right before the resolution at text[start:] ("which organizations cite resolution 71/38", "ссылаются на
    резолюцию", "点了第"); not "Name the respondents to the 76/234 consultation", which asks for them."""
    cue = intent.set_cue(text)
    since = max(0, start - CITED_REACH, cue[2] if cue else 0)
    verb = intent.MENTION_VERB.search(text, since, start)
    # "تذكر في ردودها على القرار 76/234 …", "اذكر المجيبين على القرار": the replies on it, or those who replied to
    # it, which the resolution describes
    between = text[verb.end() : start] if verb else ""
    said_of = (intent.REPLY_VERB, intent.REPORT_WORD, intent.RESPONDENT_WORD, _QUESTION_END)
    # "…谈到了叙利亚的化学武器？ (71/38)": after the question, in brackets, where the question is asked
    return verb is not None and not any(p.search(between) for p in said_of) and not between.rstrip().endswith("(")


def preamble(text: str) -> int:
    """Where the sentence holding a set question's cue starts, when sentences come before it: they set the scene
    ("Pakistan traces some export-control regimes back to the Cold War. Which other replies bring up the Cold
    War?"), and what the replies must say is in the question itself; 0 when the cue opens the question."""
    cue = intent.set_cue(text)
    if cue is not None:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, cue[1] + 1)]
    else:
        # A set question found by its form alone ("On entend que … étouffent le commerce. Qui … avance des chiffres
        # … ?") asks in its last sentence, after statements; not after a question ("有几个提到了…？分别是哪几个？"),
        # nor after an abbreviation's point ("… и т. п.?").
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, len(text.rstrip()) - 1) if m.group()[0] in ".。!！"]
        if ends and len(re.findall(r"\w+", text[ends[-1] :])) < ASKING_WORDS:
            return 0
    if not ends or _points_back(text[ends[-1] :]):  # "Which countries make that complaint?": it is said before
        return 0
    return ends[-1]


def _points_back(sentence: str) -> bool:
    """Whether a sentence points back to the one before it with a word like "that", "cette", 这."""
    return any(w in sentence for w in _BACK_ZH) or any(fold(w) in _BACK for w in re.findall(r"[^\W\d_]+", sentence))


def is_frame(folded: str) -> bool:
    """Whether a (folded, non-Chinese) word is one every set question uses, or a function word."""
    return folded in FRAME_LATIN or folded in lexical.LATIN_STOPWORDS


def frame_words(text: str) -> bool:
    """Whether every word of a (non-Chinese) phrase is a word every set question uses ("الدول المشاركة",
    "consulta")."""
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", text)]
    return bool(words) and all(map(is_frame, words))


# "安理会第" right before a resolution's number: the organ that adopted it and the ordinal's 第 (no topic of their own).
ORGAN_ORDINAL = re.compile(rf"(?:{intent.ORGAN_COUNCIL.pattern}|{intent.ORGAN_ASSEMBLY.pattern})?\s*第\s*\Z")


def sentence_before(text: str, start: int, end: int, before: int) -> tuple[int, int] | None:
    """The sentence holding text[start:end] when it ends before `before` (a statement before the question that
    points back to what it names), else None."""
    close = intent.SENTENCE_END.search(text, end, before)
    if close is None:
        return None
    return intent.sentence_start(text, start), close.end()


_JOINED = re.compile(rf"^\W*(?:{cues.alternation('or_word')}|{cues.alternation('and_word')})\W*$", re.IGNORECASE)
MENTIONED_GAP = 4  # characters between a verb of mentioning and what it names ("mention terrorism", 没提到恐怖主义)
NEGATED_GAP = 12  # characters between a negation and that verb ("never mention", "لا تأتي على ذكر")


def unmentioned_object(text: str, start: int, previous: int | None = None) -> bool:
    """Whether the phrase at `start` is what a negated verb of mentioning right before it names ("never mention
    terrorism or terrorists", "لا تأتي على ذكر الإرهاب"), or is joined by "or" or "and" to such a phrase ending at
    `previous`: then it is what replies must not name even if a report's title holds it (which replies do mention
    the title's words is asked of no report)."""
    if previous is not None and previous <= start and _JOINED.match(text[previous:start]):
        return True
    for verb in intent.MENTION_VERB.finditer(text, 0, start):
        negation = intent.negation(text, max(0, verb.start() - NEGATED_GAP), verb.start())
        if negation is not None and 0 <= start - verb.end() <= MENTIONED_GAP:
            return True
    return False
