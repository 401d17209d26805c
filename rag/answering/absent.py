"""What the passage a sentence is quoted from must name for the sentence to answer a question: the states,
organizations and treaties the question asks a fact about, the narrower term it asks rather than the term's head,
the person whose words it asks for, and, of a question asking which states or bodies a reply names, some of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.answering.constraints import TITLE
from rag.answering.wording import FRAME_ZH
from rag.core.text import blank_spans, fold, is_cjk, sentence_spans
from rag.lang import contrasts, intent, kinds
from rag.lang.names import NameTable
from rag.lang.persons import PersonIndex

MIN_PAIRS = 3  # a Chinese form of this many two-character words or more may be held with words between them
PAIR_SHARE = 0.75  # ... and is, when this share of them stand in the text

if TYPE_CHECKING:
    from rag.answering.evidence import Evidence


WHICH_REACH = 12  # characters between the word asking which and the general term it asks of ("Which of the …")
BARE_WHICH_WORDS = 2  # words after the word asking which when it asks of what the sentence before named ("¿En cuáles?")


@dataclass(frozen=True)
class Checks:
    """What the constraints on an answer sentence read the question and passages with (see sentence_constraint)."""

    document_years: tuple[int, ...] = ()  # a year a document is from needs no mention in its passages
    language: str = ""  # of the question, for numbers written in words
    names: NameTable | None = None  # places and states
    persons: PersonIndex | None = None  # people the corpus names
    # The treaties the question names, as (its words, its renderings in every language): "when did Kenya ratify
    # the TPNW" is not answered by Kenya's date for the NPT.
    treaties: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The glossary terms the question names, as (its words, their Chinese forms): "who was the Board's vice-chair" is
    # not answered by a sentence naming its chair (副主席, 主席).
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()


def about_another(question: str, evidence: Evidence, checks: Checks) -> bool:
    """Whether a sentence names an organization the question does not, and none of those it does: its figure is
    another body's ("Belgium's contribution to the IAEA programme" is not its 2 million euros to the OPCW)."""
    if checks.names is None:
        return False
    names = checks.names

    def organizations(text: str) -> set[str]:
        return {m.entity.id for m in names.find_mentions(text) if m.entity.kind == "organization"}

    asked, named = organizations(question), organizations(evidence.sentence)
    return bool(asked) and bool(named - asked) and not named & asked


def subject(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """What a question asking for a figure, a date, a place, a person or which states is about, as the question
    writes it, when nothing around the sentence names it (not its passage or list, not the speaker, its section or
    its document's title): any state it names, or, of the organizations it names, all of them. "UNIDIR's budget for
    2020" is not Cuba's figure for its health sector; "who chairs the Board in 2021" is not Spain's chair of a
    working group; "how many Spanish troops are in Mali" is not Spain's count of its exercises, nor "when did Spain
    and India set up their committee" Spain's date for its bilateral relations; "which country chairs the Wassenaar
    Arrangement" is not Switzerland chairing the MTCR. None when all are named or none is asked about."""
    asked = intent.asks_figure(question) or intent.asks_fact(question) or intent.VOTE.search(question) is not None
    # "Which country chairs the Wassenaar Arrangement?": the organizations it names; the states a question asking which
    # states names ("the experts of which countries confirmed that Iraq used them in the Iran-Iraq war") set the scene.
    which = not asked and intent.asks_which_entities(question)
    if checks.names is None or not (asked or which):  # "How did India vote on 76/234?" is not answered by the UK's
        return None
    found = checks.names.find_mentions(question)
    mentions = [m for m in found if m.entity.kind == "organization"]
    states = [m for m in found if m.entity.kind == "state" and not which]
    if not mentions and not states:
        return None
    hit = evidence.hit
    document = hit.document
    around = "\n".join(
        (evidence.context, evidence.lead_in, *hit.passage.section, document.title or "", document.title_en or "")
    )
    present = _named_in(around, checks.names, hit.passage.respondent.id)
    of_states = present
    if intent.ASKS_WHEN.search(question):
        # "When did Spain set up its committee with Senegal?": a date is of what its sentence names, so a state must
        # be named there (or in the sentence before it, or its lead-in), not elsewhere in Spain's reply.
        of_states = _named_in(_with_sentence_before(evidence), checks.names, hit.passage.respondent.id)
    elif intent.ASKS_COMPANION.search(question):
        # "Who went with Spain to inspect Cyprus?": the sentence naming a companion names the event's place too.
        of_states = _named_in(f"{evidence.lead_in}\n{evidence.sentence}", checks.names, hit.passage.respondent.id)
    if absent_state := next((m.text for m in states if m.entity.id not in of_states), None):
        return absent_state
    if not mentions or any(m.entity.id in present for m in mentions):
        return None
    return mentions[0].text


def _with_sentence_before(evidence: Evidence) -> str:
    """The sentence with the one before it in its passage, and the lead-in of its list."""
    text = evidence.hit.passage.text
    before = [span for span in sentence_spans(text) if span[1] <= evidence.span[0]][-1:]
    return "\n".join((evidence.lead_in, *(text[a:b] for a, b in before), evidence.sentence))


def _named_in(text: str, names: NameTable, speaker: str | None) -> set[str | None]:
    """The ids of the states and organizations a text names, with its speaker's."""
    named: set[str | None] = {m.entity.id for m in names.find_mentions(text)}
    named.add(speaker)
    return named


def treaty(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """A treaty the question names, as it writes it, when neither the sentence's passage nor its lead-in names it:
    asked of a question asking for a figure, a date, a place or a person, what was said, or about the reply the
    sentence is from."""
    if not checks.treaties:
        return None
    # "What is China's position on the TPNW?": a reply asked about must name the treaty where it is quoted.
    speaker = evidence.hit.passage.respondent.id
    of_one = checks.names is not None and any(m.entity.id == speaker for m in checks.names.find_mentions(question))
    # "What did the Advisory Board recommend about the Arms Trade Treaty?": what was said of it names it.
    said = intent.SPEECH.search(question) is not None
    if not (intent.asks_figure(question) or intent.asks_fact(question) or of_one or said):
        return None
    return _unnamed(checks, f"{evidence.context}\n{evidence.lead_in}")  # in whatever language the passage is


def _unnamed(checks: Checks, text: str) -> str | None:
    """The first treaty the question names, as it writes it, that the text names in none of its forms."""
    bare = _bare(text)
    return next((words for words, forms in checks.treaties if not any(_bare(f) in bare for f in forms)), None)


def treaty_elsewhere(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """A treaty the question asks a date or a figure of, as it writes it, when its passage names it but the sentence
    giving the date or figure is about another treaty or about none (_another_treaty, _undated_treaty)."""
    if not checks.treaties or not (intent.asks_figure(question) or intent.asks_fact(question)):
        return None
    return _another_treaty(evidence.sentence, checks) or _undated_treaty(question, evidence, checks)


def _points_back(title: str) -> bool:
    return intent.TREATY_ANAPHORA.fullmatch(f"《{title}》") is not None


def _undated_treaty(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """A treaty a question asking when or how much names, when the sentence giving the date or figure neither names
    it nor points back to it (该条约, "the Treaty"), nor does the lead-in of its list: "When did Kenya ratify the
    TPNW?" is not answered by the year of the nuclear regulatory act its reply names beside it."""
    if not (intent.asks_figure(question) or intent.ASKS_WHEN.search(question)):
        return None
    near = f"{evidence.lead_in}\n{evidence.sentence}"
    return None if intent.TREATY_ANAPHORA.search(near) else _unnamed(checks, near)


def _another_treaty(sentence: str, checks: Checks) -> str | None:
    """A treaty the question names, when the sentence names other treaties by title and not it: "肯尼亚支持根据《不扩散
    核武器条约》…，自 1970 年以来即是该条约的缔约国" dates Kenya's NPT, not the TPNW its passage names later."""
    # 《条约》 alone is the short title of the treaty named before (treaty_anaphora), not another one
    titles = [t for t in TITLE.findall(sentence) if intent.TREATY_NOUN.search(t) and not _points_back(t)]
    return _unnamed(checks, sentence) if titles else None


def narrower(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """A term a question asking which person names, as it writes it, when nothing around the sentence holds it but the
    sentence holds its head, the Chinese words it ends with: "who was the Board's vice-chair in 2020" (副主席) is not
    answered by the sentence naming its chair (主席). Only of persons: asked of figures and dates, the documents'
    other renderings of a term (卓越中心 for 英才中心) would pass for another thing."""
    if not checks.terms or intent.ASKS_PERSON.search(question) is None:
        return None
    around = _surroundings(evidence)
    sentence = _bare(evidence.sentence)
    for words, forms in checks.terms:
        if any(_bare(form) in around for form in forms):
            continue
        heads = {f[k:] for f in map(_bare, forms) for k in range(1, len(f) - 1) if is_cjk(f[k])}
        if any(h in sentence for h in heads if h not in FRAME_ZH):
            return words
    return None


def contrary(evidence: Evidence, checks: Checks) -> str | None:
    """A term the question names, as it writes it, when the sentence's passage never says the word the term holds
    but says its contrary (rag/lang/contrasts.py): "من المخوّل بالترخيص بتصدير الأسلحة" (exports) is not answered
    from a passage on who may license imports (进口)."""
    around = _surroundings(evidence)
    return next((words for words, forms in checks.terms if contrasts.said_instead(forms, around)), None)


def no_body_of_the_kind(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """A general term a question asks which of, as it writes it, when the term stands for bodies the names table
    knows (rag/lang/kinds.py: the export control regimes) and the passage names none of them besides those the question
    names: "Nueva Zelandia … participa en los regímenes multilaterales de control de exportaciones. ¿En cuáles?" is not
    answered by its sentence on applying the regimes' guidelines. The term is asked of when it follows the word asking
    which ("Which regimes…") or that word is its sentence's only one ("¿En cuáles, concretamente?"); not "quelles sont
    les fonctions des régimes…"."""
    which = intent.ASKS_WHICH.search(question)
    if checks.names is None or which is None:
        return None
    bare = len(re.findall(r"\w+", question[which.end() :])) <= BARE_WHICH_WORDS

    def asks_of(words: str) -> bool:
        return bare or 0 <= question.find(words, which.start()) - which.end() <= WHICH_REACH

    general = [(w, bodies) for w, forms in checks.terms if forms and (bodies := kinds.members(forms[0])) and asks_of(w)]
    if not general:  # the names are read only for a question asking which of such a term
        return None
    named = {m.entity.id for m in checks.names.find_mentions(f"{evidence.lead_in}\n{evidence.context}")}
    named -= {m.entity.id for m in checks.names.find_mentions(question)}
    return next((words for words, bodies in general if not named.intersection(bodies)), None)


def names_none_asked(question: str, evidence: Evidence, checks: Checks) -> bool:
    """Whether a question asking which states or organizations a respondent's reply speaks of ("Quels sont les huit
    États … auprès desquels l'Union européenne dit mener des activités ?") is answered from that reply by a passage
    naming none but the respondent and what the question names ("在附件 2 其余 8 个国家开展活动": a count, not
    the states)."""
    names, speaker = checks.names, evidence.hit.passage.respondent.id
    if names is None or speaker is None:
        return False
    mentions = names.find_mentions(question)
    asked = {m.entity.id for m in mentions}
    if speaker not in asked:
        return False  # "Which states mention the NSG?" answered by a reply: its author is the state
    # Read without the names it gives: "ما التدابير التي قالت رابطة الدول المستقلة" asks which measures the CIS
    # took, whatever word for states its name holds; a question that does not say states or organizations
    # ("Какие стороны режима…", which sides, or parties) is not held to naming one.
    blanked = blank_spans(question, [(m.start, m.end) for m in mentions])
    kind = intent.respondent_kind(blanked)
    if kind not in ("state", "organization") or not intent.asks_which_entities(blanked):
        return False
    return not {m.entity.id for m in names.find_mentions(evidence.context) if m.entity.kind == kind} - asked


def _bare(text: str) -> str:
    """A text folded and without spaces, as a treaty's name is looked for in it ("《集束弹药公约 》", "Convention on
    Cluster Munitions")."""
    return "".join(fold(text).split())


def _surroundings(evidence: Evidence) -> str:
    """The sentence's passage (after its lead-in), section and report title, bare, to look a term up in."""
    hit = evidence.hit
    return _bare("\n".join((evidence.context, *hit.passage.section, hit.document.title or "")))


def _persons_whose_words(question: str, checks: Checks) -> list[tuple[int, int, tuple[str, ...]]]:
    """The persons, by given and family name, whose words a question asks for ("What did Lucía Dammert propose…?");
    none when it asks who someone is, or nothing said."""
    if checks.persons is None or intent.ASKS_PERSON.search(question) or not intent.SPEECH.search(question):
        return []
    return checks.persons.full_names_in(question) or checks.persons.whole_names_in(question)


def unattributed(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """The person a question asks what they said or proposed, by given and family name ("What did Lucía Dammert
    propose on hypersonic weapons?"), as it writes them, when the passage does not name them with a word of saying or
    briefing: a list of the Board's members names them, it reports nothing they said. None when the question asks no
    such thing."""
    found = _persons_whose_words(question, checks)
    if not found:
        return None
    passage = evidence.context
    renderings = {r for _, _, rs in found for r in rs}
    # "What did John Borrie recommend…?" is not answered by the trends his briefing named: a proposal asked for
    # needs words of proposing.
    proposed = not intent.ASKS_PROPOSAL.search(question) or intent.PROPOSAL.search(passage)
    if (
        any(r in passage for r in renderings)
        and (intent.SPEECH.search(passage) or intent.BRIEFING.search(passage))
        and proposed
    ):
        return None
    return question[found[0][0] : found[-1][1]]


def unsaid_by_person(question: str, evidence: Evidence, checks: Checks) -> str | None:
    """What a question asks a named person said something about, as it writes it, when the passage reporting their
    words does not name it (nor its section or report title): "What did Sergey Rogov suggest about hypersonic
    weapons?" is not answered by what he said of New START. A Chinese form is named by most of its two-character
    words (中程陆基导弹 by 中程陆基巡航导弹). None when the question asks no person's words."""
    if not _persons_whose_words(question, checks):
        return None
    around = _surroundings(evidence)
    return next((words for words, forms in checks.terms if not any(_holds(around, f) for f in forms)), None)


def _holds(text: str, form: str) -> bool:
    """Whether a (bare) text holds a term's form: whole, or, a Chinese one, by most of its two-character words."""
    form = _bare(form)
    if form in text:
        return True
    pairs = [form[i : i + 2] for i in range(len(form) - 1)] if is_cjk(form[:1]) else []
    return len(pairs) >= MIN_PAIRS and sum(p in text for p in pairs) >= PAIR_SHARE * len(pairs)
