"""Stances: the stance a question asks about (support, opposition, sponsorship of a resolution; endorsing another
reply), and the stance words of a reply's sentence. The words are data (rag/lang/data/cues/<lang>.yaml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rag.core.text import fold, is_cjk
from rag.lang import cues, stopwords
from rag.lang.intent import REPLY_VERB, RESOLUTION_WORD, Stance, negation

AGAINST_REACH = 3  # words after "against" in which the resolution must stand for it to be a stance
OBJECT_REACH = 10  # words after a stance word in which a reply may be what the stance is said of
_WHERE = frozenset({"in", "dans", "en", "в", "во", "في", "through", "via"})  # "in its reply": where, not what
_POINTERS = stopwords.words("anaphora")
_PARTICLES = stopwords.particles()
# Stance words in questions. Sponsorship is checked first: "presented or co-sponsored" is not support.
OPPOSE_WORD = cues.pattern("question_oppose")  # "oppose", "criticise", 批评
_QUESTION_SUPPORT = cues.pattern("question_support")  # "support", "agree", 同意
_QUESTION_STANCE: tuple[tuple[Stance | Literal["against"], re.Pattern[str]], ...] = (
    ("sponsor", cues.pattern("question_sponsor")),
    ("oppose", OPPOSE_WORD),
    ("against", cues.pattern("question_against")),
    ("support", _QUESTION_SUPPORT),
)


def contradicts(question: str, sentence: str) -> bool:
    """Whether a sentence says no to a question asking whether someone agrees with or supports something: the
    question has a word of support or agreement and none of opposing, the sentence an explicit word of opposing
    ("埃及是否同意…？" - "埃及坚决反对…")."""
    asks_support = _QUESTION_SUPPORT.search(question) is not None and OPPOSE_WORD.search(question) is None
    return asks_support and _OPPOSE_STRONG.search(sentence) is not None


def question_stance(
    question: str,
    ignore: Sequence[tuple[int, int]] = (),
    objects: Sequence[tuple[int, int]] = (),
    things: Sequence[tuple[int, int]] = (),
) -> Stance | None:
    """The stance a question asks about, from a stance word not inside one of the `ignore` spans (the names of
    things: the "against" of "the Hague Code of Conduct against Ballistic Missile Proliferation" is no stance; the
    one ending "voted against" is), nor said of one of the `objects` (names of states and organizations: "support
    for the OPCW's centre", "دعم مركز … لمنظمة حظر الأسلحة الكيميائية" is no stance on a resolution), nor of one of
    the `things` (terms) it is followed by at once ("批评出口管制…被拿来当工具": export controls are criticised)."""
    for stance, pattern in _QUESTION_STANCE:
        for match in pattern.finditer(question):
            if stance == "against" and not _against_the_resolution(question[match.end() :]):
                continue
            if stance in ("support", "oppose") and _of_a_reply(question[match.end() :]):
                continue
            if stance in ("support", "oppose") and _of_another(question, match.span(), objects):
                continue
            if stance in ("support", "oppose") and _followed_by(question, match.end(), things):
                continue
            if stance in ("support", "oppose") and _of_a_thing(question, match.end()):
                continue
            if match.start() < _asked_from(question) or _in_brackets(question, match.start()):
                continue  # "Defenders of the regimes stress that nothing passes without everyone agreeing. Who…?"
            if _CONTRAST_BEFORE.search(question[: match.start()]):
                continue  # "which ones line up behind the resolution rather than against it": set aside
            if stance != "sponsor" and _OTHERS_BEFORE.search(question[: match.start()]):
                continue  # "claims most UN members didn't back the resolution": what others did is a claim
            if not any(start < match.start() and match.end() < end for start, end in ignore):
                return "oppose" if stance == "against" else stance
    return None


NEGATED_REACH = 4  # characters between a negation and the stance word it negates ("не согласны", "ne soutiennent pas")


_CANNOT = re.compile(rf"(?:{cues.alternation('cannot')})\s*\Z", re.I)
CANNOT_REACH = 30  # characters before a word of supporting in which "cannot" stands ("ne peuvent pas l'appuyer")


def cannot_support(text: str) -> bool:
    """Whether a question asks who cannot support something ("say they cannot support 76/234", "no pueden apoyarla",
    "ne peuvent pas l'appuyer", 无法支持): opposition said outright, not those that merely do not support it."""
    return any(
        _CANNOT.search(text, max(0, m.start() - CANNOT_REACH), m.start()) is not None
        for m in _QUESTION_SUPPORT.finditer(text)
    )


def negated_stance(text: str, start: int, end: int) -> bool:
    """Whether the word of supporting or opposing between two offsets of a question is negated right before it
    ("которые не согласны с посылкой резолюции": those that disagree, who oppose it; "qui ne soutiennent pas")."""
    for stance, pattern in _QUESTION_STANCE:
        if stance not in ("support", "oppose"):
            continue
        for match in pattern.finditer(text, start, end):
            before = negation(text, max(start, match.start() - NEGATED_REACH - 3), match.start())
            if before is not None and match.start() - before.end() <= NEGATED_REACH:
                return True
    return False


ENDORSE = cues.pattern("endorse")


def endorses_a_reply(question: str) -> int | None:
    """Where the word ends with which a question asks who endorses another respondent's reply ("which states
    align with the EU's joint reply", "哪些国家赞同欧盟的联合答复", "quels États se rallient à la réponse commune de
    l'Union"): a word of endorsing said of a reply (one follows it before any word for the resolution); else None."""
    for match in ENDORSE.finditer(question):
        # after the rest of the word the cue opens: "suscrib" of "suscriben" is no "en" after it
        if _of_a_reply(question[_word_end(question, match.end()) :]):
            return match.end()
    return None


def stance_word_spans(question: str) -> list[tuple[int, int]]:
    """Where a question's words for a stance stand ("opposed", "支持", "coparrainé"), whatever they are said of."""
    return [m.span() for _, pattern in _QUESTION_STANCE for m in pattern.finditer(question)]


def _against_the_resolution(after: str) -> bool:
    """Whether what follows an "against" makes it a stance: nothing ("who voted against?"), or, within its next
    three words, the resolution, its symbol or a word pointing back to it ("against it"); "the Code of Conduct
    against Ballistic Missile Proliferation", "la agresión contra Ucrania" are no stance."""
    words = re.findall(r"[^\W_]+|\d", after)[:AGAINST_REACH]
    if not words:
        return True
    near = " ".join(words)
    return bool(RESOLUTION_WORD.search(near) or any(w.isdigit() or fold(w) in _POINTERS for w in words))


def _word_end(question: str, end: int) -> int:
    """Where the word a stance cue matched the start of ends ("поддерж|ке", "critici|ses"); a Chinese cue is a word."""
    while end < len(question) and question[end].isalnum() and not is_cjk(question[end]):
        end += 1
    return end


def _of_another(question: str, span: tuple[int, int], objects: Sequence[tuple[int, int]]) -> bool:
    """Whether a stance word at `span` is said of one of the named `objects`: one starts within its next
    OBJECT_REACH words, before any word for the resolution or its symbol; or, with neither among those words,
    the last thing named before it is one of them ("… cooperate with the OPCW or support it?")."""
    start, end = span[0], _word_end(question, span[1])
    words = list(re.finditer(r"[^\W_]+|\d+(?:/\d+)*", question[end:]))[:OBJECT_REACH]
    reach = end + (words[-1].end() if words else 0)
    resolution = RESOLUTION_WORD.search(question, end, reach)
    stop = resolution.start() if resolution else reach
    symbol = re.search(r"\d+/\d+", question[end:stop])
    stop = end + symbol.start() if symbol else stop
    if any(end <= s < stop for s, _ in objects):
        return True
    if resolution or symbol:
        return False
    named_before = [e for s, e in objects if e <= start]
    resolutions = [m.end() for m in re.finditer(r"\d+/\d+", question[:start])]
    resolutions += [m.end() for m in RESOLUTION_WORD.finditer(question, 0, start)]
    return bool(named_before) and max(named_before) > max(resolutions, default=-1)


STANCE_OBJECT_REACH = 4  # content words after a support or oppose word (not Chinese) in which the resolution stands
_CLAUSE_END = re.compile(r"[,;:?!.。？！，；、(（]")
_SENTENCE_END = re.compile(r"[;?!。？！；]|\.(?:\s|$)")
_NOT_AN_OBJECT = cues.pattern("stance_no_object")  # 支持的国家, 反对态度: what follows is not what is opposed


def _of_a_thing(question: str, end: int) -> bool:
    """Whether a support or oppose word is said of something other than the resolution: words follow it in its
    clause ("back that initiative", "s'appuie explicitement sur l'article III du TNP", "支持出口管制") and none of
    the next STANCE_OBJECT_REACH of them (articles and pronouns aside) is the resolution, its symbol or a word for
    it. Nothing after it ("which states oppose?", "支持的国家"), "it" or "in their replies" leave it a stance."""
    end = _word_end(question, end)
    clause = _CLAUSE_END.split(question[end:], maxsplit=1)[0]
    text = clause.strip()
    if not text or _NOT_AN_OBJECT.match(text) or _premise_after(question, end):
        return False
    if is_cjk(text[0]):  # a Chinese object comes after its modifiers: "支持了关于…的那项决议"
        return not (RESOLUTION_WORD.search(text) or re.search(r"\d", text) or fold(text[0]) in _POINTERS)
    words = []
    for word in re.finditer(r"[^\W_]+|\d+(?:/\d+)*", clause):
        folded = fold(word.group())
        if folded in _WHERE:
            break  # "support in their replies": where, not what
        if folded not in _PARTICLES and folded not in _POINTERS:
            words.append(word.group())
    near = " ".join(words[:STANCE_OBJECT_REACH])
    return bool(words) and not (RESOLUTION_WORD.search(near) or re.search(r"\d", near))


PREMISE_REACH = 120  # characters after a stance word in which a restriction complained of is what the stance is on
CLAIM_LOOKBACK = 6  # characters back from a stance word's end in which the claim's opening may stand (nient que)


def _premise_after(question: str, end: int) -> bool:
    """Whether a stance word is said of a claim that a restriction is complained of, in the rest of its sentence:
    "reject the idea that export controls impose excessive restrictions", "отвергают мысль о том, что … чрезмерные
    ограничения" take a stance on the premise of a resolution that names such restrictions, not on a thing; the
    claim opens before the restriction (cue family claim_opening). Criticising the restrictions themselves ("critican
    las medidas coercitivas unilaterales") is no stance on the premise."""
    since = max(0, end - CLAIM_LOOKBACK)  # the stance word may hold the claim's opening: « nient que »
    rest = _SENTENCE_END.split(question[since : end + PREMISE_REACH], maxsplit=1)[0]
    grievance = _GRIEVANCE.search(rest, end - since)
    return grievance is not None and _CLAIM_OPENING.search(rest, 0, grievance.start()) is not None


def on_premise(question: str) -> bool:
    """Whether a question asks a stance on the premise of a resolution naming restrictions as excessive, stated as a
    claim after its word of opposing or supporting ("Which states deny that export controls impose excessive
    restrictions?"), without naming the resolution."""
    return any(
        _premise_after(question, match.end())
        for stance, pattern in _QUESTION_STANCE
        if stance in ("oppose", "support")
        for match in pattern.finditer(question)
    )


def _in_brackets(question: str, at: int) -> bool:
    """Whether a position is inside brackets: an aside or examples ("(lists or members agreed by all)")."""
    before = question[:at]
    return max(before.rfind("("), before.rfind("（")) > max(before.rfind(")"), before.rfind("）"))


def _asked_from(question: str) -> int:
    """Where the sentence asking the question starts, when sentences before it give its background."""
    ends = [m.end() for m in re.finditer(r"[.。!！](?=\s|$)|[.。](?=[^\s\d])", question.rstrip(" ?？.。"))]
    return max(ends, default=0)


# Most or other states as the subject of the stance word ("most UN members didn't back", "多数国家反对"), within a
# few words before it.
_OTHERS_BEFORE = re.compile(rf"(?:{cues.alternation('others_subject')})(?:\s*\S+){{0,2}}\s*$", re.I)
# A word setting aside what follows it, two words at most before the stance word ("rather than against it",
# "plutôt que de s'y opposer", "а не против").
_CONTRAST_BEFORE = re.compile(rf"(?:{cues.alternation('contrast')})(?:\s*[^\s,;:]+){{0,2}}?\s*$", re.I)
THING_REACH = 2  # words after a stance word (articles aside) in which a term is what it is said of


def _followed_by(question: str, end: int, things: Sequence[tuple[int, int]]) -> bool:
    """Whether a term starts right after a stance word: in a Chinese question at once, else within its next
    THING_REACH words past articles and prepositions ("criticise the export controls", "contra los controles")."""
    end = _word_end(question, end)
    if _premise_after(question, end):
        return False
    gap = len(question[end:]) - len(question[end:].lstrip())
    if end + gap < len(question) and is_cjk(question[end + gap]):
        return any(s == end + gap for s, _ in things)
    words = [m for m in re.finditer(r"[^\W_]+", question[end:]) if fold(m.group()) not in _PARTICLES][:THING_REACH]
    if not any(end + m.start() == s for m in words for s, _ in things):
        return False
    # "vote in favour of the peaceful uses resolution": the term describes the resolution the stance is on.
    near = list(re.finditer(r"[^\W_]+", question[end:]))[:OBJECT_REACH]
    reach = end + (near[-1].end() if near else 0)
    return RESOLUTION_WORD.search(question, end, reach) is None and re.search(r"\d+/\d+", question[end:reach]) is None


def _of_a_reply(after: str) -> bool:
    """Whether a stance word is said of a reply, not of the resolution: a word for a reply among its next words,
    before any word for the resolution unless it says what the reply is on ("back the EU's joint reply", "تؤيد
    الرد المشترك للاتحاد الأوروبي", 支持欧盟的联合答复, 赞同欧盟关于该决议的答复), and not as where the stance is
    said ("support, in their replies, resolution 76/234")."""
    near = " ".join(re.findall(r"[^\W_]+", after)[:OBJECT_REACH])
    reply = REPLY_VERB.search(near)
    if reply is None:
        return False
    resolution = RESOLUTION_WORD.search(near)
    before = near[: reply.start()].split()[-2:]
    where = any(fold(w) in _WHERE for w in before) or near[: reply.start()].endswith(("在", "中"))
    # "欧盟关于第 76/234 号决议的答复", "欧洲联盟就第76/234号决议所作的答复": the resolution names what the reply is on
    on_it = resolution is not None and near[resolution.end() : reply.start()].strip() in ("的", "所作的", "作出的")
    return (resolution is None or reply.start() < resolution.start() or on_it) and not where


# --- stance cues inside passages (a reply speaking of a resolution) ---------------------------------------

# The resolution's own wording quoted by a reply ("notes with concern…") is not the reply's stance.
_RESOLUTION_FORMULA = cues.pattern("resolution_formula")
STATED_OUTRIGHT = cues.pattern("stated_outright")  # "explicitly support", "прямо заявляют о поддержке"
_RESOLUTION_SPEAKS = cues.pattern("resolution_speaks")  # "该决议要求…", "The resolution calls upon…"
_OPPOSE_STRONG = cues.pattern("reply_oppose_explicit")
# An evaluation of the resolution ("incorrect", "unfounded") says more than concern, and concern more than
# a feared effect ("could undermine"): the strongest cue is the one quoted.
_OPPOSE_VERDICT = cues.pattern("reply_oppose_verdict")
_OPPOSE_CONCERN = cues.pattern("reply_oppose_concern")
_OPPOSE_EFFECT = cues.pattern("reply_oppose_effect")
_SPONSOR = cues.pattern("reply_sponsor")
_SUPPORT = cues.pattern("reply_support")


@dataclass(frozen=True)
class StanceCue:
    stance: Stance
    strength: float  # 3: an explicit position ("voted against", "co-sponsor"); 2 to 1: an evaluation
    start: int
    end: int


def stance_cues(sentence: str) -> list[StanceCue]:
    """Stance words in one sentence that speaks of a resolution. A negated support word ("cannot support")
    is opposition, and is not counted again as support."""
    if _RESOLUTION_SPEAKS.search(sentence):
        return []  # "大会在决议中：㈠ 重申…支持…": what the resolution says
    text = _RESOLUTION_FORMULA.sub(lambda m: " " * len(m.group(0)), sentence)
    found: list[StanceCue] = []
    taken = [False] * len(text)
    for stance, strength, pattern in (
        ("sponsor", 3.0, _SPONSOR),
        ("oppose", 3.0, _OPPOSE_STRONG),
        ("oppose", 2.0, _OPPOSE_VERDICT),
        ("oppose", 1.5, _OPPOSE_CONCERN),
        ("oppose", 1.0, _OPPOSE_EFFECT),
        ("support", 1.0, _SUPPORT),
    ):
        for match in pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            found.append(StanceCue(stance, strength, match.start(), match.end()))  # type: ignore[arg-type]
    return found


# A restriction complained of ("excessive restrictions", "单方面强制性措施"), and words denying that one exists or
# matters ("found no", "so-called", "the premise", 所谓): how a reply answers a request that names such restrictions.
_GRIEVANCE = cues.pattern("reply_grievance")
_DENIAL = cues.pattern("reply_denial")
_CLAIM_OPENING = cues.pattern("claim_opening")  # "the idea that", "que", "мысль о том, что", 造成: a claim follows
_OPENING_QUOTE = re.compile(r"[“\"«「『‘]\s*$")
_CONDITIONAL = cues.pattern("conditional")  # "如果是单方面进行…可能构成过度限制": a claim on a condition only
PREMISE_STRENGTH = 0.9  # below any stance word said of the resolution itself (1.0 and up)


def names_a_grievance(text: str) -> bool:
    """Whether a text complains of a restriction (or names one a request asks about)."""
    return _GRIEVANCE.search(text) is not None


def premise_cue(sentence: str) -> StanceCue | None:
    """How a sentence answers a request naming restrictions as excessive, without naming the resolution: a
    restriction complained of is support of the resolution's concern ("革除不合理的限制", "calls for lifting unilateral
    coercive measures"); denied, or set off in quotation marks, opposition ("所谓…“过度限制”毫无事实证据", "found no
    excessive restrictions"). None when it names no such restriction, or quotes the resolution's own words."""
    if _RESOLUTION_FORMULA.search(sentence) or _RESOLUTION_SPEAKS.search(sentence):
        return None
    grievance = _GRIEVANCE.search(sentence)
    if grievance is None:
        return None
    denied = _DENIAL.search(sentence) is not None or any(
        _OPENING_QUOTE.search(sentence[: m.start()]) for m in _GRIEVANCE.finditer(sentence)
    )
    if not denied and _CONDITIONAL.search(sentence, 0, grievance.start()):
        return None  # "if applied unilaterally…, may constitute excessive restrictions": said on a condition only
    return StanceCue("oppose" if denied else "support", PREMISE_STRENGTH, grievance.start(), grievance.end())
