"""What a question asks for, in any UN language: a set of respondents, a stance, a quantity. The words are
data (rag/lang/data/cues/<lang>.yaml, see rag/lang/cues.py); this module keeps the structure around them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Literal

from rag.core.text import blank_matches, blank_spans, fold, is_cjk
from rag.lang import cues, lexicon, numerals, stopwords
from rag.lang.apart import (  # noqa: F401 (read from here by the rest of the package)
    APART_REACH,
    BESIDES,
    INCLUDED_REACH,
    OTHERS_ASKED,
    after_set_apart,
    included,
    opens_besides,
    set_apart,
    set_aside_around,
)
from rag.lang.counted_sets import (  # noqa: F401 (the cues the rest of the package reads from here)
    ASKS_WHEN,
    ASKS_WHERE,
    CLAUSE_END,
    NOUN_ORGANIZATION,
    NOUN_RESPONDENT,
    NOUN_STATE,
    QUANTITY,
    REPLY_VERB,
    SENTENCE_END,
    SPEECH,
    SetKind,
    asks_when_first,
    count_cue,
    last_clause,
    same_sentence,
    sentence_start,
)

Stance = Literal["oppose", "support", "sponsor"]
_SET_KINDS: tuple[SetKind, ...] = ("organization", "state", "any")

# One pattern per language and kind, in the order of cues.LANGUAGES: the first that matches decides.
SET_PATTERNS: tuple[tuple[SetKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile("|".join(fragments), re.I))
    for language in cues.LANGUAGES
    for kind in _SET_KINDS
    if (fragments := cues.table(language).get(f"set_{kind}"))
)


def set_kind(question: str) -> SetKind | None:
    """The kind of respondent a question asks a set of ("Which states…", "哪些国际组织…"), or None."""
    cue = set_cue(question)
    return cue[0] if cue else None


def set_cue(question: str) -> tuple[SetKind, int, int] | None:
    """The kind of respondent a question asks a set of, and where its cue stands in the question ("quels pays ou
    organisations", "which states and organizations": respondents of any kind)."""
    # The cue that stands first: "哪些国家具体讲出了…负责审批的是哪个机构" asks which states, then of each a body.
    found = [(m.start(), i, kind, m) for i, (kind, p) in enumerate(SET_PATTERNS) if (m := p.search(question))]
    if not found:
        return count_cue(question)
    _, _, kind, match = min(found, key=lambda f: (f[0], f[1]))
    if asks_when_first(question, match.start()):
        return None
    both = kind in _OTHER_NOUN and (
        _OTHER_NOUN[kind].search(match.group()) is not None
        or _BOTH_KINDS[kind].match(question, match.end()) is not None
    )
    if kind == "any":  # "кто из правительств, приславших ответ…": who of the governments
        kind = _one_kind(match.group())
    return ("any" if both else kind), match.start(), match.end()


_STATE_IDIOM = cues.pattern("state_idiom")


def _one_kind(cue: str) -> SetKind:
    """States or organizations when a cue asking for respondents of any kind names one of them only, else any."""
    kind = respondent_kind(_STATE_IDIOM.sub(" ", cue))  # "qui fait état de…": who mentions
    return kind if kind in ("state", "organization") else "any"


def _joined(nouns: str) -> re.Pattern[str]:
    joins = f"{cues.alternation('or_word')}|{cues.alternation('and_word')}"
    return re.compile(rf"\s*(?:{joins})\s*(?:\w+\s+)?(?:{nouns})", re.I)


# The word for the other kind in the cue itself ("quels pays ou organisations"), or joined after it by "or" or "and".
_OTHER_NOUN = {"state": cues.pattern("noun_organization"), "organization": cues.pattern("noun_state")}
_BOTH_KINDS = {
    "state": _joined(cues.alternation("noun_organization")),
    "organization": _joined(cues.alternation("noun_state")),
}


OTHER_RESOLUTIONS = cues.pattern("other_resolutions")  # "a different Security Council resolution", 其他决议
ORGAN_ASSEMBLY = cues.pattern("organ_assembly")
ORGAN_COUNCIL = cues.pattern("organ_council")
SAID_ABOUT = re.compile(rf"(?:{cues.alternation('said_about')})", re.I)  # "What did Pakistan say about [India]"


_REPORT_BEFORE = cues.pattern("report_before")
_REPORT_AFTER = cues.pattern("report_after")


def describes_report(text: str, start: int, end: int) -> bool:
    """Whether the phrase at text[start:end] describes the report asked about ("the 2017 WMD-terrorism report",
    "доклад 2017 года о терроризме", "防恐…那份报告") rather than what its replies say."""
    return _REPORT_BEFORE.search(text[:start]) is not None or _REPORT_AFTER.match(text[end:]) is not None


def asks_figure(question: str) -> bool:
    """Whether a question asks how many, how much or what share."""
    return any(p.search(question) for p in (QUANTITY, ASKS_AMOUNT, ASKS_SHARE))


def asks_fact(question: str) -> bool:
    """Whether a question asks when, where, which person or with whom."""
    return any(p.search(question) for p in (ASKS_WHEN, ASKS_WHERE, ASKS_CITY, ASKS_PERSON, ASKS_COMPANION))


VOTE = cues.pattern("vote")  # "did Sweden vote against it" is answered only by a reply saying how it voted
VOTED = cues.pattern("voted")  # "澳大利亚对该决议投了反对票": a reply saying how it voted
_NEGATION = cues.pattern("negation")
# 是不是, 有没有, 能不能: a Chinese question form; 不是…就是 (either… or): neither is a negation
_A_NOT_A = re.compile(r"(\w)[不没]\1|不是(?=[^，。；;,]{1,20}?[就便]是)")


def negated(text: str) -> bool:
    """Whether a sentence or a question negates what it states ("该公约尚未生效", "does not", "ne … pas")."""
    return negation(text) is not None


def negation(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first word negating what the text states, between two offsets (是不是, 有没有 are no negation)."""
    plain = blank_matches(_A_NOT_A, text)
    return _NEGATION.search(plain, start, len(text) if end is None else end)


def language_set_cue(question: str) -> tuple[SetKind, int, int] | None:
    """For a question with a reply-language condition ("答复原件是西班牙文的有几个，分别是谁？", "which replies were
    originally in Russian?"): its word asking which, who or how many, as a set question's cue. The language of a
    reply is said of respondents, so asking which ones, or how many, asks for a set of them; the kind is read
    from its words (any, without one). A yes/no question is one only when it also asks which or how many."""
    # "Did Iraq send its reply in Arabic?" asks yes or no: only a word asking which or how many makes it a set.
    asking = (ASKS_WHICH, QUANTITY) if YES_NO.search(question) else (ASKS_WHICH, QUANTITY, NOUN_RESPONDENT)
    found = [m for p in asking if (m := p.search(question)) is not None]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return respondent_kind(question) or "any", first.start(), first.end()


# Any word for respondents or their replies: states, organizations, المجيبين.
RESPONDENT_NOUN = "(?:{})".format(
    "|".join(cues.alternation(f) for f in ("noun_state", "noun_organization", "noun_respondent"))
)
RESPONDENT_WORD = re.compile(RESPONDENT_NOUN, re.I)


# A word for respondents right after a number: "the 3 states that…", "三个国家" (a count, not a detail).
RESPONDENT_NOUN_AHEAD = re.compile(
    rf"\s*(?:\w+\s+)?(?:{cues.alternation('noun_state')}|{cues.alternation('noun_organization')})", re.I
)


def kind_noun(text: str, kind: SetKind, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """Where a text's word for respondents of a kind ("states", "国际组织") stands, between start and end."""
    pattern = NOUN_STATE if kind == "state" else NOUN_ORGANIZATION
    return pattern.search(text, start, len(text) if end is None else end)


def respondent_kind(question: str, ignore: Sequence[tuple[int, int]] = ()) -> SetKind | None:
    """The kind of respondent a question speaks of by its words: States only, organizations only, or any (both,
    or respondents and replies in general); None when it has no word for them and does not speak of replying.
    Words inside the `ignore` spans (names: "the World Trade Organization") are not read."""
    question = blank_spans(question, ignore)
    states = NOUN_STATE.search(question) is not None
    organizations = NOUN_ORGANIZATION.search(question) is not None
    if states != organizations:
        return "state" if states else "organization"
    if states or NOUN_RESPONDENT.search(question) or REPLY_VERB.search(question):
        return "any"
    return None


# "Which states did Japan mention": a word that makes the name after a set question's cue its subject (in
# Chinese the subject stands before the question word; Spanish, Russian and Arabic say it by the verb's form).
SUBJECT_MARKER = cues.pattern("subject_marker")
# "With which countries has Spain…", "与哪些国家…": the set follows a preposition, so it is not who speaks.
SET_OBJECT = re.compile(rf"(?:{cues.alternation('set_object')})", re.I)


# "¿Qué país asegura que … fuera de la Unión Europea?": the question asks who said it, so a state or organization it
# names is not that speaker.
ASKS_SPEAKER = cues.pattern("asks_speaker")
# "Which states present themselves as victims of sanctions", "哪些国家说自己当过…主席": said of the speaker itself.
ABOUT_SELF = cues.pattern("about_self")
OWN_REPLY = cues.pattern("own_reply")  # "that sent their own reply": which reply, not what it says of the speaker
# "which states say they do not possess WMD": of a question, who says it has none; of a sentence, that its subject
# has none ("Lebanon does not possess", 约旦是无大规模毁灭性武器国家)
LACKS = cues.pattern("lacks")
# "Which states present themselves as victims of sanctions": who says the topic is done to it. In a reply, its own
# name is the target after AFFECTED_BEFORE ("对古巴实施的封锁", "sanctions against Syria") or before AFFECTED_AFTER
# ("中国也是…受害者", "Cuba has been subjected to").
ASKS_AFFECTED = cues.pattern("asks_affected")
AFFECTED_BEFORE = re.compile(rf"(?:{cues.alternation('affected_before')})\s*$", re.IGNORECASE)
AFFECTED_AFTER = re.compile(rf"\s*(?:{cues.alternation('affected_after')})", re.IGNORECASE)
# "Which states present themselves as developing countries": who says it is the topic; in a reply, IDENTITY_BEFORE
# ends right before the topic ("作为一个发展中国家", "as a developing country").
ASKS_IDENTITY = cues.pattern("asks_identity")
IDENTITY_BEFORE = cues.pattern("identity_before")


# "该决议", "this resolution", "cette résolution": a resolution named earlier in the same reply.
RESOLUTION_ANAPHORA = cues.pattern("resolution_anaphora")
RESOLUTION_WORD = cues.pattern("resolution_word")

# Questions about what a respondent said or did in its reply ("What did X say…", "X 提出了哪些…").
SAYS_VERB = cues.pattern("says_verb")  # "say", "dicen", "считают", 说: what follows is what is said
SAYS_THAT = cues.pattern("says_that")  # "cuentan que recibieron…": what they say, after it

# A sentence whose subject is other states or most states ("Most States voted in favour", "此外，许多国家…")
# tells what others did, not the speaker's own position; its subject opens it, after at most a short opener.
_OTHERS_SUBJECT = re.compile(rf"^\W*(?:[^,，、،;；]{{0,30}}[,，、،]\s*)?(?:{cues.alternation('others_subject')})", re.I)


def about_others(sentence: str) -> bool:
    return _OTHERS_SUBJECT.search(sentence) is not None


REPORT_WORD = cues.pattern("report_word")
REPLY_ON = cues.pattern("reply_on")  # "its reply on WMD terrorism": the subject of the report replied to
ITS_REPLY = cues.pattern("its_reply")  # "according to its reply": one respondent's own reply is asked about
_IN_REPLIES = cues.pattern("in_replies")


def speaks_of_replying(text: str) -> bool:
    """Whether a question speaks of replying ("which states replied", "哪些国家提交了答复"), not only of where
    something is said ("有哪些国家在答复中说自己投了弃权票": in their replies)."""
    return REPLY_VERB.search(_IN_REPLIES.sub(" ", text)) is not None


_EVERY_REPORT = cues.pattern("every_report")
ASKS_SINCE = cues.pattern("asks_since")  # "从哪一年起当上主席": a start, not any year
SINCE_MARKER = cues.pattern("since_marker")  # "since", "joined", 自, 以来, 当选: when something began
SEVERAL_REPORTS = cues.pattern("several_reports")  # "replied to more than one report": in two of them or more


def every_report(text: str) -> re.Match[str] | None:
    """The first word saying "both" or "all" of the reports ("replied to both reports", 既…又), not of the languages
    a reply is written in ("both in English and in French", "à la fois en anglais et en français")."""
    return next(every_reports(text), None)


def every_reports(text: str) -> Iterator[re.Match[str]]:
    plain = blank_matches(lexicon.EACH_LANGUAGE, text)  # "both in English and in French": of the languages
    return _EVERY_REPORT.finditer(plain)


IN_REPORT = cues.pattern("in_report")  # "那份报告里": the report as a place, its 报告 no verb of saying
ALL_TREATIES = cues.pattern("all_treaties")  # "joined all the main treaties": every one of a kind, not one
ASKS_LAW = cues.pattern("asks_law")  # "which governments cite their own laws on arms"
LAW_WORD = cues.pattern("law_word")  # "leyes", 法律, in a topic phrase of a question asking for laws
LAW_NAMED = cues.pattern("law_named")  # "第 014-2019/AN 号法律", "《联邦火器和爆炸物法》"
PARTY_TO = cues.pattern("party_to")
REGIME_WORD = cues.pattern("regime_word")  # "all the export control regimes" are not all the treaties
BRIEFING = cues.pattern("briefing")  # "委员会听取了…的简报": a passage saying someone briefed
ASKS_NAME = cues.pattern("asks_name")
NAME_INTRO = cues.pattern("name_intro")
LOOK_IN = cues.pattern("look_in")  # "Check all the reports": before every_report, where to look
ASKS_PEOPLE = cues.pattern("asks_people")  # "which experts briefed the Board": people, not states or bodies
MONEY = cues.pattern("money")
MONEY_UNIT = cues.pattern("amount_unit")  # "how many euros": a count of money
ASKS_ELSE = cues.pattern("asks_else")  # "what else did it say?": not what the answer before quoted
MENTION_VERB = cues.pattern("mention_verb")  # "Does Norway mention…?": whether its reply names something
ASKS_WITHIN_YEAR = cues.pattern("asks_within_year")  # "only in 2016", 仅2016年一年: that year's figure alone
RUNNING_TOTAL = cues.pattern("running_total")  # 截至…共, "as of … a total of": a total to a date
TREATY_ANAPHORA = cues.pattern("treaty_anaphora")  # 该条约, "the Treaty": a treaty named before
TREATY_NOUN = cues.pattern("treaty_noun")  # 禁止核武器条约: a glossary term whose Chinese pivot names a treaty
WHO_SUBJECT = cues.pattern("who_subject")  # "Who stresses…", "谁强调": who did or said it
AMONG_THEM = cues.pattern("among_them")  # "which of them also…": among those the answer before named
AMONG_NAMED = cues.pattern("among_named")  # "which of the countries it names there…": as a statement before says
NEGATIVE_WORD = cues.pattern("negative_word")  # "is the premise wrong?": a negation is no "no"
SAME_REPORT = cues.pattern("same_report")  # "replied to the same request": the report a statement before named
# A figure with a unit of money after it ("10 万美元", "USD 5", "€ 3"); symbols and ISO codes are not words.
AMOUNT = re.compile(
    rf"\d[\d,.\s]*\s*(?:{cues.alternation('amount_magnitude')})?\s*(?:{cues.alternation('amount_unit')})|"
    r"[$€£¥]\s*\d|\b(?:USD|EUR|CHF|GBP)\s*\d",
    re.I,
)
# A table's head giving its amounts' currency: "总额(美元)", "Total (USD)"
AMOUNT_HEAD = re.compile(rf"[(（]\s*(?:{cues.alternation('amount_unit')}|USD|EUR)\s*[)）]", re.I)
# Questions that ask for an amount without "how much" (what is the budget), a date, a place; and the phrases
# a sentence says where something was held with.
ASKS_AMOUNT = cues.pattern("asks_amount")
ASKS_CHANGE = cues.pattern("asks_change")  # "how much will the rent rise?": 增加两倍 and 20 % answer it too
MULTIPLIER = cues.pattern("multiplier")  # "增加两倍", "by 20 %": what gives such a change
ASKS_COUNT = cues.pattern("asks_count")  # "how many requests", "كم عدد": a count, which a percentage does not give
ASKS_SHARE = cues.pattern("asks_share")  # "what share of its exports", 多大比例: a percentage answers it
ASKS_RESOLUTION = cues.pattern("asks_resolution")  # "under which resolution…": a sentence naming one answers it
ASKS_RESOLUTION_NUMBER = cues.pattern("asks_resolution_number")  # "под какими номерами": only a symbol answers it
OWN_RESOLUTION = cues.pattern("own_resolution")  # "the resolution they are responding to": the report's own
ASKS_NATIONALITY = cues.pattern("asks_nationality")  # "De quelle nationalité est…": a state beside the person
ASKS_NUMBER = cues.pattern("asks_number")  # "ما رقم قانون…", "what is the number of the law": its number answers it
PERCENT = cues.pattern("percent_unit")
ASKS_DATE = cues.pattern("asks_date")
# A year that says when something happened ("passed a law in 2006"), not one naming a thing ("the 2005 amendment").
ASKS_CITY = cues.pattern("asks_city")  # "which city": a state does not answer it
ASKS_LANGUAGE = cues.pattern("asks_language")
ASKS_PERSON = cues.pattern("asks_person")
ASKS_COMPANION = cues.pattern("asks_companion")  # "who went with Spain", "с кем", 和谁一起
ASKS_WHICH = cues.pattern("asks_which")
ASKS_SEVERAL = cues.pattern("asks_several")  # "which principles", 哪些原则: a list item alone answers part of it
_ENTITY_NOUN = cues.pattern("entity_noun")
_RELATIVE = cues.pattern("relative_word")


WHICH_WINDOW_WORDS = 3  # after "which", the words (or, in Chinese, twice as many characters) that say which what


def asks_which_entities(question: str) -> bool:
    """Whether a question asks which states, organizations or groupings ("Which export control regimes does Spain
    belong to?", "哪些出口管制制度…"), not which activities or measures ("quelles activités … aux États")."""
    for match in ASKS_WHICH.finditer(question):
        rest = question[match.end() :].lstrip()
        if rest and is_cjk(rest[0]):
            window = rest[: 2 * WHICH_WINDOW_WORDS]
        else:
            # "ما الاتفاقية التي تشجع … الدول": the states are in the clause about the convention asked for.
            clause = _RELATIVE.search(rest)
            rest = rest[: clause.start()] if clause else rest
            window = " ".join(_past_articles_and_numbers(rest.split())[:WHICH_WINDOW_WORDS])
        if _ENTITY_NOUN.search(f"{match.group(0)} {window}"):
            return True
    return False


def _past_articles_and_numbers(words: Sequence[str]) -> Sequence[str]:
    """The words from the first that is neither a function word nor a number: "sont les huit États" -> "États"."""
    particles = stopwords.particles()
    for i, word in enumerate(words):
        bare = fold(word.strip(",.;:?!'’«»\"()"))
        number = bare.isdigit() or any(numerals.find_numbers(bare, lang) for lang in _NUMBER_LANGUAGES)
        if bare not in particles and not number:
            return words[i:]
    return ()


_NUMBER_LANGUAGES = ("en", "fr", "es", "ru", "ar")  # whose number words a question may give ("huit", "восемь")


ASKS_FIGURE = cues.pattern("asks_figure")
ASKS_DATED = cues.pattern("asks_dated")  # "which replies say in what year…": a year beside the topic
YES_NO = cues.pattern("yes_no", re.IGNORECASE | re.MULTILINE)
# Numbers that are no figure: years, the month and day of a date as the documents write it (10 月 14 日), resolution
# and document symbols (76/234, A/77/96).
_NOT_A_FIGURE = re.compile(
    r"(?<!\d)(?:19[4-9]\d|20\d\d)(?!\d)|(?<!\d)\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[A-Z]?/?\d+(?:/\d+)+"
)


def has_figure(text: str) -> bool:
    """Whether a text gives a figure: a number other than a year or a symbol."""
    return any(c.isdigit() for c in _NOT_A_FIGURE.sub(" ", text))


PERSON_TITLE = cues.pattern("person_title", re.NOFLAG)  # case matters: a name starts with a capital
VENUE = cues.pattern("venue", re.NOFLAG)  # case matters: a place's name starts with a capital
# Questions asking why, and the words a sentence gives a reason with.
REASON = cues.pattern("reason")
ASKS_PROPOSAL = cues.pattern("asks_proposal")
PROPOSAL = cues.pattern("proposal")
CAUSE = cues.pattern("cause")
CONSEQUENCE = cues.pattern("consequence")  # "澳大利亚因此…投了反对票": the reason is the sentence before
NUMBER = re.compile(r"(?<![\d/.])\d+(?:[.,]\d+)?(?![\d/])|" + cues.alternation("counted_number"))
