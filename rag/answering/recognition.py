"""Set questions that no set cue of rag.lang.intent recognises: asking for others than the respondents named, asking
who said something in a report, or told by meaning. Each gives the kind of respondent asked for and where its "cue"
stands in the question (its start when no word says it). And whether a set question with no topic read asks who
replied, and whether one asks what one named respondent said (then it is no set question)."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from rag.answering import subjects
from rag.answering.forms import REPLIED_PROBABILITY, SET_PROBABILITY, FormReading
from rag.core.text import blank_matches, in_spans, is_cjk
from rag.lang import cues, intent, regions, stance_words, stopwords
from rag.lang.names import NameTable
from rag.lang.persons import PersonIndex
from rag.retrieval.query import QueryAnalysis

Cue = tuple[intent.SetKind, int, int]
REPLIED_UNTRANSLATED = 3  # words with no rendering a question read as "who replied" may have ("sent input to")
GROUP_GAP_WORDS = 2  # words between a group of states and the word asking which or who of them ("which of the")
GROUP_GAP_CHARS = 3  # ... or Chinese characters ("常任理事国中有哪些")
_SENTENCE_END = re.compile(r"[.?!;:。？！；：؟]")
NEGATION_REACH = 90  # characters between a set question's cue and a negation of what it asks ("that replied to …")
# What a negation of the set's condition negates: mentioning, saying, a stance ("do not mention", "no dicen",
# "не поддерживают", 没有提到); not what is said ("which states cannot get computers": those saying so).
_ASKED_VERBS = tuple(
    cues.pattern(f)
    for f in (
        "mention_verb",
        "says_verb",
        "speech",
        "endorse",
        "question_support",
        "question_oppose",
        "question_sponsor",
    )
)
NEGATED_VERB_REACH = 12  # characters between the negation and that verb ("does not even mention", "don't")
_CONTRAST = cues.pattern("contrast")  # "y no", "а не", "and not": a negation setting something aside
CONTRAST_REACH = 4  # characters before a negation where a contrast word holding it starts ("y no")
_NOT_ONLY = re.compile(rf"\s*(?:{cues.alternation('only_word')})", re.I)  # "not only": no negation of the set
_NOR = re.compile(cues.alternation("nor_word"), re.I)  # "mention neither A nor B": negated after the verb
_GROUP_OPENER = cues.pattern("group_opener")
_GROUP_CLOSER = cues.pattern("group_closer")
_GROUP_BREAK = re.compile(r"[,，、،]")
_GROUP_ASKING = (intent.ASKS_WHICH, intent.WHO_SUBJECT, intent.AMONG_THEM, cues.pattern("group_ask"))
ASK_REACH = 4  # characters between a group's clause and the word asking which of it ("¿cuáles", " which ones")
_WORDS = re.compile(r"[^\W\d_]+")
_CLAUSE_BREAK = re.compile(r"[:：?？.。!！;；؛]|—|\s[-–]\s")  # a dash sets a topic first as a colon does


def others_than_named(analysis: QueryAnalysis, names: NameTable) -> Cue | None:
    """ "Besides Mexico, which other country mentions…" (in the singular as in the plural): the question asks for
    others, every respondent it names is set apart by a word of "besides" (at one of its mentions at least), and a
    word for respondents says which kind of others it asks for."""
    text = analysis.text
    if intent.OTHERS_ASKED.search(text) is None:  # "¿qué país asegura … fuera de la UE?" asks for no others
        return None
    mentions = names.find_mentions(text)
    apart = {m.entity.id for m in mentions if intent.BESIDES.search(text[: m.start])}  # once is enough
    if not mentions or any(m.entity.id not in apart for m in mentions):
        return None
    kind = intent.respondent_kind(text, ignore=[(m.start, m.end) for m in mentions])
    return (kind, 0, 0) if kind is not None else None


def _says_or_replies(text: str) -> bool:
    """Whether a text has a verb of replying or saying ("states" and "reports" the nouns are none)."""
    text = intent.REPORT_WORD.sub(" ", intent.NOUN_STATE.sub(" ", text))
    return intent.REPLY_VERB.search(text) is not None or intent.SPEECH.search(text) is not None


def of_a_group(analysis: QueryAnalysis, names: NameTable) -> Cue | None:
    """ "Which permanent members of the Security Council…", "安理会常任理事国中有哪些…", "Кто из пяти постоянных
    членов…": which or who of a group of states by membership, the word asking it right beside the group's name (which
    says they are states); not "Quelles voies … du processus P5 au P5+ ?", which asks for ways."""
    text = analysis.text
    clause = group_clause(text)  # "Of the permanent members that answered on 76/234, which ones…": which of them
    for group in regions.groups(text, names):
        if clause is not None and clause[0] <= group.start and group.end <= clause[1]:
            return "state", group.start, group.end
        if _of_them_next(text, group.end):  # "Did the Five Eyes states send views? Which of them replied?"
            return "state", group.start, group.end
        for pattern in (intent.ASKS_WHICH, intent.WHO_SUBJECT, intent.QUANTITY):
            if pattern is intent.QUANTITY and not _says_or_replies(text[group.end :]):
                continue  # "How many member states does the SCO have?" asks a figure, not how many replied
            for match in pattern.finditer(text):
                gap = text[match.end() : group.start] if match.end() <= group.start else text[group.end : match.start()]
                if (match.start() < group.end and match.end() > group.start) or _beside(gap):
                    return "state", group.start, group.end
    return None


def _of_them_next(text: str, end: int) -> bool:
    """Whether the sentence after the one ending past `end` opens asking which of them ("Which ones?", "أيّها ردّ؟")."""
    later = intent.AMONG_THEM.search(text, end)
    if later is None:
        return False
    between = text[end : later.start()]
    ends = list(_SENTENCE_END.finditer(between))
    return len(ends) == 1 and not between[ends[0].end() :].strip(" ¿¡")


def _beside(gap: str) -> bool:
    """Whether words stand side by side across `gap`: at most two words ("of the", "из"), or three Chinese
    characters ("中有"), and no sentence's end."""
    if _SENTENCE_END.search(gap):
        return False
    gap = gap.strip(" ,，、")
    if gap and is_cjk(gap[0]):
        return len(gap) <= GROUP_GAP_CHARS
    return len(gap.split()) <= GROUP_GAP_WORDS


def who_of_a_report(analysis: QueryAnalysis, names: NameTable, speakers: Set[str]) -> Cue | None:
    """ "Who, in the report on resolution 76/234, traces the Australia Group back to…?", "建立信任措施那份报告里，
    谁强调…": "who" as the subject of what was said or done, in a question that names a report (where whoever said
    it is one of its respondents), asking for no person (who chaired, who briefed) and naming no respondent as its
    speaker, nor when. Respondents of any kind."""
    text = analysis.text
    who = intent.WHO_SUBJECT.search(text)
    if who is None or intent.ASKS_PERSON.search(text) or intent.ASKS_WHEN.search(text):
        return None  # "Кто и когда создал рабочую группу…": who did a thing, and when, is one fact
    if not (analysis.documents or analysis.resolutions or intent.REPORT_WORD.search(text)):
        return None
    before = (m for m in names.find_mentions(text) if m.start < who.start())  # after "who", a name is what is said
    # "不在欧盟里的那些欧洲国家，谁…": a name inside a region or group says who is asked about, it is no speaker
    regions_named = regions.find(text, names)
    before = (m for m in before if not any(r.holds(m.start, m.end) for r in regions_named))
    if any(m.entity.id in speakers and not intent.set_apart(text, m.start, m.end) for m in before):
        return None  # "在布基纳法索，谁有权进口战争武器": who, within Burkina Faso's reply
    return "any", who.start(), who.end()


def set_by_meaning(
    analysis: QueryAnalysis, reading: FormReading | None, names: NameTable, speakers: Set[str]
) -> Cue | None:
    """A set question no cue recognises, told by its meaning (rag.answering.forms): likely enough a set
    question, naming no respondent (that would be its speaker as often as its topic), and with a word for the
    respondents that says their kind. A respondent it names may only be set apart ("besides Mexico, who…")."""
    if reading is None or reading.set_probability < SET_PROBABILITY:
        return None
    text = analysis.text
    which = intent.ASKS_WHICH.search(text)
    # With no "which", the whole question up to its question mark is the sentence asked.
    if intent.asks_when_first(text, which.start() if which else len(text.rstrip(" ?？.。!！؟"))):
        return None  # "When did the Secretary-General ask the States for their views?"
    mentions = names.find_mentions(text)
    endorsed = stance_words.endorses_a_reply(text)  # "who endorses the EU's reply": the EU is no speaker
    mentions = [m for m in mentions if endorsed is None or m.start < endorsed]
    if any(m.entity.id in speakers and not intent.set_apart(text, m.start, m.end) for m in mentions):
        return None
    kind = intent.respondent_kind(text, ignore=[(m.start, m.end) for m in mentions])
    return (kind, 0, 0) if kind is not None else None


def asks_who_replied(text: str, untranslated: Sequence[str], reading: FormReading | None) -> bool:
    """Whether a set question in which no topic could be read asks who replied. "Which organizations sent replies
    for the report on keeping WMD out of terrorists' hands" does: words with no rendering beside a reply verb and the
    word "report" describe the report, not a topic. A question asking what those who replied mention ("Кто из
    ответивших на доклад … затрагивает тему авторитаризма") or claim of themselves ("哪些答复方说自己按月发布报告")
    asks about those words, even when none of them could be read. Failing a word, the question's form read by
    meaning ("哪些组织为报告提供了材料") may say it, unless it has many words with no rendering: those say what was
    said ("… على أساس طوعي ومتبادل"), which a question on replying needs not."""
    replied = intent.REPLY_VERB.search(text)
    if replied is not None and _says_after(text, replied.end()):
        return False
    cue = intent.set_cue(text)  # after it: "Which states that replied…" is no "states that"
    if intent.SAYS_THAT.search(text, cue[2] if cue else 0, replied.start() if replied else len(text)):
        return False  # "…говорят, что помогают государствам по их запросу": what they say
    describes_report = intent.REPORT_WORD.search(text) is not None
    if intent.speaks_of_replying(text) and (not untranslated or describes_report):
        return True
    few = len(untranslated) <= REPLIED_UNTRANSLATED
    return reading is not None and reading.replied_probability > REPLIED_PROBABILITY and few


def _says_after(text: str, start: int) -> bool:
    """Whether a question says, after its word for replying and in its sentence, what replies mention or claim of
    their authors; a word for replies or the report ("sent replies for the report") says nothing, nor does a sentence
    after it ("… ? لا أقصد الاتحاد الأوروبي، بل الدول نفسها": the states themselves, not the EU)."""
    blank = text
    # "sent their own views": which reply (read before the reply verb, whose "reply" it holds)
    for pattern in (intent.OWN_REPLY, intent.REPLY_VERB, intent.REPORT_WORD):
        blank = blank_matches(pattern, blank)
    end = next((m.end() for m in _SENTENCE_END.finditer(text, start)), len(text))
    # "¿Qué respuestas … cuentan que recibieron material donado…?": what they say they did, not that they replied
    said = (intent.ABOUT_SELF, intent.MENTION_VERB, intent.SAYS_THAT)
    return any(p.search(blank, start, end) is not None for p in said)


def _says(text: str, start: int, end: int) -> bool:
    """Whether a word of saying stands in text[start:end], a report named as a place ("那份报告里") not being one."""
    places = [m.span() for m in intent.IN_REPORT.finditer(text, start, end)]
    return any(not in_spans(m.start(), places) for m in intent.SPEECH.finditer(text, start, end))


def asks_a_speaker(text: str, cue_start: int, cue_end: int, names: NameTable, speakers: Set[str]) -> bool:
    """Whether the question asks what one respondent said ("Which states does Cuba say…", "日本提到了哪些
    国家"): a respondent named as its subject, before the set question's cue or after a subject marker, or
    any respondent when the set follows a preposition ("With which countries has Spain…"). A respondent
    named otherwise ("Which states mention Syria?") is the topic."""
    return speaker_asked(text, cue_start, cue_end, names, speakers) is not None


_ALSO_REPLIED = cues.pattern("also_replied")
SUBJECT_GAP = 8  # characters between a name and its verb of mentioning ("'s reply", 的答复)


def named_by(text: str, cue: Cue, names: NameTable, speakers: Set[str]) -> str | None:
    """The respondent whose reply a set question asks which other respondents it names ("Which other respondents
    does the United States name in its reply?", "西班牙的答复提到了哪些同样给这份报告交了答复的国际组织？"): the one
    asked as the speaker (asks_a_speaker), in a question saying that those it asks for replied too. None otherwise:
    "which countries does Spain say its ship visited" asks for states that need not have replied."""
    if _ALSO_REPLIED.search(text) is None:
        return None
    if (speaker := speaker_asked(text, cue[1], cue[2], names, speakers)) is not None:
        return speaker
    named = [m for m in names.find_mentions(text) if m.entity.id in speakers]
    if len({m.entity.id for m in named}) != 1:
        return None
    # "les États-Unis citent-ils", "西班牙的答复提到了": the one named right before a verb of mentioning; "它点名提到的
    # 国家里…": a pronoun for it, as that verb's subject
    for verb in intent.MENTION_VERB.finditer(text):
        if any(
            0 <= verb.start() - m.end <= SUBJECT_GAP and not _CLAUSE_BREAK.search(text, m.end, verb.start())
            for m in named
        ):
            return named[0].entity.id
        if verb.start() > named[0].end and subjects.subject_pronoun(text, verb.start()) is not None:
            return named[0].entity.id
        # "…التي يذكرها رد المملكة المتحدة": the verb first, then the word for a reply, then the one named
        if any(
            0 <= m.start - verb.end() <= SUBJECT_GAP
            and intent.RESPONDENT_WORD.fullmatch(text[verb.end() : m.start].strip())
            for m in named
        ):
            return named[0].entity.id
    return None


def speaker_asked(text: str, cue_start: int, cue_end: int, names: NameTable, speakers: Set[str]) -> str | None:
    """The respondent a question asks what it said (see asks_a_speaker), or None."""
    after_preposition = intent.SET_OBJECT.search(text[:cue_start]) is not None
    endorsed = stance_words.endorses_a_reply(text)  # "认同欧盟那份联合答复的国家": whose reply is endorsed
    # "How much technical assistance has Russia given, and to which countries, according to its reply?": the reply
    # of the one respondent named is what is asked about.
    its_reply = intent.ITS_REPLY.search(text) is not None
    # "欧盟成员国中有哪些…": the name inside a group of states by membership says who is asked about; named elsewhere
    # too ("The OSCE sent its own reply. Which OSCE participating States replied?"), it is no speaker either
    groups = regions.groups(text, names)
    mentions = names.find_mentions(text)
    grouped = {m.entity.id for m in mentions if any(g.holds(m.start, m.end) for g in groups)}
    for mention in mentions:
        if endorsed is not None and mention.start >= endorsed:
            continue
        if mention.entity.id in grouped:
            continue
        key = mention.entity.id
        if key not in speakers or intent.set_apart(text, mention.start, mention.end):
            continue  # "Which states besides Japan…": Japan is set apart, not the speaker
        if its_reply and mention.start < cue_start:  # not "¿cuáles no nombran al OIEA en su respuesta?"
            return key
        clause = _CLAUSE_BREAK.search(text, mention.end, cue_start) if mention.start < cue_start else None
        if clause is not None and not _says(text, mention.end, clause.start()):
            # "The IAEA Technical Cooperation Fund: which respondents mention it?": the topic, put first; but
            # "Kazakhstan proposes in its reply a new agency. Who proposed it…": the speaker of what is asked.
            continue
        if mention.start < cue_start or after_preposition:
            return key
        between, after = text[cue_end : mention.start], text[mention.end : mention.end + 16].lstrip()
        if _marks_subject(between) or intent.SUBJECT_MARKER.match(after):
            return key
    return None


MARKER_REACH = 2  # words between an auxiliary and the subject it marks ("has the", "ha nombrado")


def _marks_subject(between: str) -> bool:
    """Whether the words between a set question's cue and a name end with an auxiliary marking the name as the
    subject ("Which states does Cuba…", "¿Qué países ha nombrado España…"), not with a clause of the cue's own
    ("Which governments have come out in support of Kazakhstan's proposal": Kazakhstan is the topic)."""
    markers = list(intent.SUBJECT_MARKER.finditer(between))
    return bool(markers) and len(between[markers[-1].end() :].split()) <= MARKER_REACH


def negated_set(text: str, cue: Cue) -> bool:
    """Whether a set question asks for the respondents that do not do what it says ("¿cuáles no dicen que suscriben
    la respuesta conjunta?", "which EU states that replied do not mention…", "哪些国家没有提到…"): a negation after
    its cue, in its sentence, of a verb of mentioning, saying or a stance, with no verb of saying between them (then
    the negation is what is said: "which states say they do not support it"), and not "not only"."""
    end = next((m.start() for m in _SENTENCE_END.finditer(text, cue[2])), len(text))
    at = cue[1]
    while (negation := intent.negation(text, at, end)) is not None:  # "(not counting the organizations) never cite"
        at = negation.end()
        if _NOT_ONLY.match(text, negation.end()) or intent.opens_besides(text, negation.start()):
            continue  # "not only", "(не считая ответа самого МАГАТЭ)"
        if any(m.start() <= negation.start() < m.end() for m in stance_words.OPPOSE_WORD.finditer(text)):
            continue  # "哪些国家不支持/不认同…": the negation is the word of opposing, asked as such
        if _CONTRAST.search(text, max(0, negation.start() - CONTRAST_REACH), negation.end()):
            continue  # "¿cuáles están a favor … y no en contra?": what is set aside, not what is asked
        gap = text[cue[2] : negation.start()]
        if len(gap) > NEGATION_REACH or intent.SAYS_VERB.search(gap) is not None:
            break
        before = max(cue[2], negation.start() - NEGATED_VERB_REACH)
        if _NOR.match(text, negation.start()) and any(p.search(text, before, negation.start()) for p in _ASKED_VERBS):
            return True  # "which replies mention neither the IAEA nor the NSG?"
        since, until = negation.end(), min(len(text), negation.end() + NEGATED_VERB_REACH + 20)
        # searched in place, not in a slice: "没提" is a verb only after 没 (a look behind)
        if any((m := p.search(text, since, until)) and m.start() - since <= NEGATED_VERB_REACH for p in _ASKED_VERBS):
            return True
    # "Me interesan las respuestas … en español. De ellas, ¿cuáles no hacen ninguna referencia…?", "De las
    # respuestas enviadas en español al informe…, ¿cuáles no dicen nada de la OEA?": a "which" after the cue asks
    # which of them, in its sentence or the next.
    later = intent.ASKS_WHICH.search(text, cue[2])
    if later is not None and negated_set(text, (cue[0], later.start(), later.end())):
        return True
    # "…some replies never mention terrorism or terrorists at all. Which ones?": a cue that is all its sentence asks
    # which of those the sentence before describes.
    breaks = [m.end() for m in _SENTENCE_END.finditer(text, 0, cue[1])]
    if not breaks or len(_WORDS.findall(text, cue[2], end)) > 1:  # "Which ones?", "¿Cuáles?", "Какие именно?"
        return False
    before = breaks[-2] if len(breaks) > 1 else 0
    nouns = list(intent.RESPONDENT_WORD.finditer(text, before, breaks[-1]))  # "some replies never…": from its subject
    at = nouns[-1].end() if nouns else before
    return negated_set(text[: breaks[-1]], (cue[0], at, at))


_FUNCTION_WORDS = stopwords.words("function_words")


def stance_group(text: str) -> tuple[int, int] | None:
    """Where the words naming a group by its stance stand between a set question's cue and its last verb of
    mentioning ("Which of the states that support resolution 76/234 mention the IAEA?", "Кто из стран, поддерживающих
    резолюцию 76/234, вообще упоминает МАГАТЭ?"): what is asked of that group follows them. None when no stance
    is named there."""
    cue = intent.set_cue(text)
    verbs = list(intent.MENTION_VERB.finditer(text, cue[2])) if cue is not None else []
    if cue is None or not verbs:
        return None
    between = text[cue[2] : verbs[-1].start()]
    # "Which EU member states that endorsed the EU joint reply also mention…": endorsing a reply is a stance too
    if stance_words.question_stance(between) is None and stance_words.endorses_a_reply(between) is None:
        return None
    start, end = cue[2], verbs[-1].start()
    negation = intent.negation(text, max(start, end - NEGATION_BACK), end)  # "…76/234 ne mentionnent pas": the verb's
    if negation is not None and not text[negation.end() : end].strip():
        head = text[start : negation.start()].rstrip()
        last = head.rsplit(None, 1)
        auxiliary = len(last) == 2 and last[1].lower() in _FUNCTION_WORDS  # "…76/234 do not mention": "do"
        end = start + (len(last[0]) if auxiliary else len(head))
    while start < end and not text[start].isalnum():  # the words alone, as the answer names the group
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def group_clause(text: str) -> tuple[int, int] | None:
    """Where the clause naming the group a set question asks which of stands ("Among the countries that push back
    against 76/234, which ones…", "Parmi les répondants qui se présentent comme des pays en développement, lesquels…",
    "反对该决议的国家中，哪些…"): a clause opening with a word of "among" (or, in Chinese, closing with one), ended by a
    comma right before the word asking which or who. None when the question has none."""
    for brk in reversed(list(_GROUP_BREAK.finditer(text))):
        rest = text[brk.end() :].lstrip(" ¿¡")
        if not any((m := p.search(rest)) is not None and m.start() <= ASK_REACH for p in _GROUP_ASKING):
            continue
        start = next(reversed([m.end() for m in _SENTENCE_END.finditer(text, 0, brk.start())]), 0)
        clause = text[start : brk.start()]
        lead = len(clause) - len(clause.lstrip(" ¿¡\"'«“"))
        # In Chinese the clause closes with its word of "among", after a word for respondents ("…的国家中"): "在…的
        # 报告里" is where to look.
        closed = _GROUP_CLOSER.search(clause) is not None and intent.respondent_kind(clause) is not None
        if _GROUP_OPENER.match(clause[lead:]) or closed:
            return start + lead, brk.start()
    return None


KIND_REACH = 12  # characters before a cue asking which replies in which a word may say whose replies
NEGATION_BACK = 8  # characters before those in which a negation sets that word aside ("а не организации")


def kind_of_replies(text: str, cue: int, names: NameTable) -> intent.SetKind:
    """The kind of respondent a cue asking which replies or respondents is about: states or organizations when a word
    right before it in its clause says whose replies ("国际组织的答复中有哪些…"), else any."""
    clause = intent.last_clause(text[max(0, cue - KIND_REACH) : cue])
    offset = cue - len(clause)
    # a name reaching into the clause ("Организация американских государств: кто…") says nothing of whose replies
    names_in = [(max(0, m.start - offset), m.end - offset) for m in names.find_mentions(text) if m.end > offset]
    set_aside = intent.negation(intent.last_clause(text[max(0, offset - NEGATION_BACK) : cue]))  # "а не организации"
    if set_aside is not None:
        return "any"
    kind = intent.respondent_kind(clause, ignore=names_in) if clause.strip() else None
    if kind not in ("state", "organization") and (group := group_clause(text)) is not None and group[1] <= cue:
        # "Parmi les gouvernements ayant répondu en anglais…, qui cite le TNP ?": the group's word says whose
        kind = intent.respondent_kind(_GROUP_OPENER.sub("", text[slice(*group)], count=1)[: KIND_REACH * 3])
    return kind if kind in ("state", "organization") else "any"


def asks_of_persons(text: str, cue: Cue, persons: PersonIndex | None) -> bool:
    """Whether a question asks about people, not respondents: "which experts…", or who a person it names is ("Кто
    такой Антон Хлопков и что он предлагал?")."""
    if intent.ASKS_PEOPLE.search(text):
        return True
    return cue[0] == "any" and persons is not None and bool(persons.full_names_in(text))
