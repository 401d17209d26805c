"""Follow-up questions: a question that cannot stand alone ("And Japan?", "What did they say about it?") is
rewritten before retrieval, by the language model when there is one, else by carrying over the previous
question; a question that stands alone is answered as it is, whatever came before it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rag.answering import subjects
from rag.answering.pointed import resolve_pointed, without_report_pointer
from rag.answering.records import Run
from rag.answering.standalone import folded_words, kind_switched, names_only, stands_alone, switched_topic
from rag.core.errors import LLMError
from rag.core.text import blank_spans, fold, whole_word
from rag.lang import intent, lexicon, regions, stance_words, stopwords
from rag.lang.names import Mention, NameTable
from rag.llm.client import ChatMessage, LLMClient
from rag.llm.prompts import load_prompt
from rag.retrieval.query import document_symbols, references, resolution_symbols

HISTORY_TURNS = 6  # the latest turns of a conversation a prompt shows
# Of each of those turns, a prompt shows the last TURN_CHARS characters (a turn of /v1/ask holds at most as many);
# of the previous question, the last QUESTION_CHARS are read for what it named (a question holds at most 1,999). A
# long turn of a chat client's conversation costs no more than these.
TURN_CHARS = 8000
QUESTION_CHARS = 2000
SUBJECT_REACH = 3  # questions back in which a pronoun after a set question finds the respondent it stands for
_TOPIC_POINTERS = frozenset(fold(w) for w in stopwords.words("topic_pointers"))


@cache
def _topic_pointers(language: str) -> frozenset[str]:
    """The words pointing back to a thing in the question's language (French "y" is one, Spanish "y" is "and")."""
    own = stopwords.read("topic_pointers", language) if language in stopwords.LANGUAGES else frozenset()
    return frozenset(fold(w) for w in own) or _TOPIC_POINTERS


# What an answer quotes (it names whoever the reply names): up to the closing mark before a citation marker, as a
# quoted sentence may quote something itself ("滥用出口管制“全面控制”原则"), else up to the first closing mark.
_QUOTED = re.compile(r"“.*?”(?=\s*\[\d+\])|“[^”]*”|«[^»]*»|\"[^\"]*\"")
_QUOTE_LABEL = re.compile(r"\s*[(（][^()（）]*[)）]\s*[:：]")  # "Spain (A/77/87): “…”": who says the quote


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


def history_text(history: Sequence[Turn]) -> str:
    """The latest HISTORY_TURNS turns, each cut to its last TURN_CHARS characters, for a prompt."""
    turns = ((t.role, t.content.strip()[-TURN_CHARS:].strip()) for t in history[-HISTORY_TURNS:])
    return "\n".join(f"{role}: {content}" for role, content in turns if content)


class FollowUps:
    """Makes a follow-up ("And Japan?") a question retrieval understands without the conversation."""

    def __init__(
        self,
        names: NameTable,
        llm: LLMClient | None,
        prompts_dir: Path,
        speakers: frozenset[str] = frozenset(),
        reports: Callable[[str], str] | None = None,
        listed: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        self.names = names
        # The respondents the service lists in answer to a question: "which of them…" after a history of questions
        # alone (plain strings, no answers) asks among those the latest question gets.
        self.listed = listed
        self.llm = llm
        self.prompts_dir = prompts_dir
        self.speakers = speakers  # the respondents with a reply in the documents (one that never replied says nothing)
        # The words that name the reports a question names or describes ("A/77/96", "71/38"), "" when it names none.
        self.reports = reports or _symbols

    def standalone(self, question: str, history: Sequence[Turn], run: Run) -> str:
        """The question itself when nothing came before it; else rewritten by the model, or (without one,
        or when it fails) with the states, resolutions and documents the previous question named."""
        earlier = [t.content for t in history if t.role == "user" and t.content.strip()]
        if earlier and (fresh := switched_topic(question)) is not None:
            return fresh  # "Different topic: …"
        alone = stands_alone(question, self.names, self.speakers)
        # "What else did it say?", and "Why?" after an answer: not what was quoted already.
        why = intent.REASON.search(question) is not None and not alone
        if earlier and (intent.ASKS_ELSE.search(question) or why):
            run.quoted_before = quotes_before(history)
        if earlier and (among := self.among(question, history)):
            # "Which of them also chaired a regime?": the question asked of those the answer before listed; "which of
            # them say they are members of it?" of what the question before named, too.
            run.among = among
            resolved = self._resolved(earlier, run.language)[-QUESTION_CHARS:]
            asked = blank_spans(question, [m.span() for m in intent.AMONG_THEM.finditer(question)])  # "de ellas"
            if not any(w in _topic_pointers(run.language) for w in folded_words(asked)):
                # "Lesquels ont répondu en espagnol ?": of those listed, in the reports the list was of
                scope = "" if self.reports(question) else self.reports(resolved)
                return f"{question} ({scope})" if scope else question
            return f"{question} ({resolved})"
        if earlier and intent.set_kind(question) is not None:
            start = self._chain_start(earlier)
            resolved = self._resolved(earlier, run.language, start)
            talked = self._talked_about(earlier[start:])
            others = self._others_after(question, resolved, talked, self._answered(history))
            if others is not None:
                return others
        if not earlier or alone:
            return question
        to_report = without_report_pointer(question) != question
        if intent.set_kind(question) is not None or to_report:
            # "Who in that report mentions Ukraine at all?", "¿Quiénes financian esa Iniciativa?": the report and the
            # thing named before, not what was asked of them
            resolved = self._resolved(earlier, run.language)[-QUESTION_CHARS:]
            pointed = resolve_pointed(question, resolved, self.names)
            if stands_alone(without_report_pointer(pointed), self.names):
                scope = "" if self.reports(pointed) and not to_report else self.reports(resolved)
                return f"{pointed} ({scope})" if scope else pointed
        if (switched := self._group_switched(question, self._resolved(earlier, run.language))) is not None:
            return switched
        named = self._named_only(question)
        # "And Canada?" asks the latest question again; "What else did Ukraine say?" goes back to where it came up.
        resolved = self._resolved((not named and self._where_named(question, history)) or earlier, run.language)
        if named and (intent.set_kind(resolved) is not None or intent.AMONG_THEM.search(resolved)):
            # "And Japan?" after "Which states mention the Zangger Committee?": the same asked of Japan's reply alone.
            run.among = named
            return resolved[-QUESTION_CHARS:]
        if self.llm is not None:
            rewritten = self._rewrite(self.llm, question, history, run)
            if rewritten is not None:
                return rewritten
        if (same := self._asked_of_the_same(question, resolved, earlier)) is not None:
            return same
        if intent.ASKS_ELSE.search(question) and not references(question, self.names).respondents:
            # "¿Qué más dijo esa organización?" after an answer naming one: that one is who is asked about.
            one = self._answered(history)
            question = f"{question} ({one[0]})" if len(one) == 1 else question
        return self.carried_over(question, resolved[-QUESTION_CHARS:], run.language)

    def _group_switched(self, question: str, earlier: str) -> str | None:
        """ "And the EU member states?", "那么欧盟成员国呢？" after a set question: the same asked of that group of
        states (its words added, which restrict the respondents). None unless the follow-up says nothing else."""
        groups = regions.groups(question, self.names)
        if not groups or intent.set_kind(earlier) is None:
            return None
        rest = blank_spans(question, [(g.start, g.end) for g in groups])
        if not names_only(rest, self.names):
            return None
        return f"{earlier[-QUESTION_CHARS:]} ({', '.join(question[g.start : g.end] for g in groups)})"

    def _asked_of_the_same(self, question: str, resolved: str, earlier: Sequence[str] = ()) -> str | None:
        """A follow-up asking something new of the respondent the conversation is about: "А что он говорит о
        финансировании МАГАТЭ?" after a question on Egypt's reply is asked of Egypt, the pronoun replaced by its
        name, without the earlier question's topic, which is not asked now; "هل تذكر الفضاء الخارجي؟" (does [it]
        mention outer space?), whose verb alone says who, gets the name after it. None when the follow-up says
        nothing of what its subject says or mentions, asks what else it said, or the conversation is not about
        one respondent. After a set question the one respondent the `earlier` questions asked about before it
        is who is asked: "А что она говорит о Ближнем Востоке?" after Saudi Arabia's reply, then who else supports
        the resolution, asks Saudi Arabia."""
        verb = intent.SPEECH.search(question) or intent.MENTION_VERB.search(question)
        if intent.ASKS_ELSE.search(question):
            return None
        # "Which countries does it cooperate with?": the states it deals with, asked of the one talked about; so is
        # "它是哪些出口管制制度的成员？" (which regimes is it a member of?).
        pronoun = subjects.which_subject_pronoun(question)
        if verb is None and pronoun is None:
            return None
        # where it was asked, the reports named or described, unless the follow-up names or describes its own
        scope = "" if self.reports(question) else self.reports(resolved[-QUESTION_CHARS:])
        if verb is not None and pronoun is None:
            pronoun = subjects.subject_pronoun(question, verb.start())
        if pronoun is not None:
            # "Вернёмся к Египту: упоминает ли он…": the pronoun's antecedent is in the question itself.
            before = [m for m in self.names.find_mentions(question) if m.end <= pronoun[0]]
            name = before[-1].text if before else self._one_respondent(resolved) or self._last_subject(earlier)
            if name is None:
                return None
            start = pronoun[0]
            if question[start - 1 : start] == "-":  # "estime-t-il": "estime Cambodge"
                start -= 3 if question[start - 3 : start - 1] == "-t" else 1
                name = f" {name}"
            said = f"{question[:start]}{name}{question[pronoun[1] :]}"
            return f"{said} ({scope})" if scope else said
        name = self._one_respondent(resolved)
        if name is None:
            return None
        if subjects.subjectless(question, self.names, self.speakers):
            return f"{question} ({f'{name} {scope}'.strip()})"
        return None

    def _last_subject(self, earlier: Sequence[str]) -> str | None:
        """The respondent of the latest of the last SUBJECT_REACH questions that asked about one respondent's reply,
        past set questions ("Какие ещё государства поддерживают эту резолюцию?"); None if none."""
        subjects = (self._subject(text[-QUESTION_CHARS:]) for text in reversed(earlier[-SUBJECT_REACH:]))
        return next((s for s in subjects if s is not None), None)

    def _talked_about(self, chain: Sequence[str]) -> list[str]:
        """The respondents a chain of questions (from the last that stood alone) has been about, as first written: the
        CSTO, then the SCO of "А ШОС?"."""
        names = [n for q in chain if (n := self._subject(q[-QUESTION_CHARS:])) is not None]
        return list(dict.fromkeys(names))

    def _others_after(
        self, question: str, resolved: str, talked: Sequence[str] = (), answered: Sequence[str] = ()
    ) -> str | None:
        """A set question asking for others ("Which other organizations mention rapid reaction forces?", "还有哪些
        答复方也谈到了…", "ومن غير كندا يذكر…") after a question on one respondent's reply (`resolved`, as it was
        understood): others than that respondent, named before the question so that it is set apart (unless the
        question sets apart whom it names), in the reports the conversation is about; what the earlier question asked
        is not carried, the follow-up says what it asks now. After a set question, others than those its answer
        listed (`answered`): "Quels autres États parlent des armes légères ?" after Burkina Faso and Mexico were
        named for the Arms Trade Treaty. None for any other question."""
        if intent.set_kind(question) is None:
            return None
        apart = any(intent.set_apart(question, m.start, m.end) for m in self.names.find_mentions(question))
        if not apart and intent.OTHERS_ASKED.search(question) is None:
            return None
        # "Qui d'autre mentionne ce comité ?": the committee the question before named
        said = resolve_pointed(question, resolved[-QUESTION_CHARS:], self.names)
        if not apart:
            # "Which other organizations report exercises?" after questions on the CSTO, then the SCO: others than both
            named = list(talked) or [n for n in (self._subject(resolved),) if n is not None] or list(answered)
            if not named:
                return None
            said = f"{', '.join(named)}: {said}"
        where = "" if self.reports(question) else self.reports(resolved[-QUESTION_CHARS:])
        return f"{said} ({where})" if where else said

    def _subject(self, text: str) -> str | None:
        """The respondent a question on one reply is about, as it writes it: the first one with a reply that it
        names ("西班牙对叙利亚使用化学武器是什么态度": Spain, not Syria); None for a set question."""
        if intent.set_kind(text) is not None:
            return None
        return next((m.text for m in self.names.find_mentions(text) if m.entity.id in self.speakers), None)

    def _a_state(self, entity: str) -> bool:
        found = self.names.get(entity)
        return found is not None and found.kind == "state"

    def _one_respondent(self, text: str) -> str | None:
        """The state or organization a question is about, as it writes it, when it names one and asks no set."""
        mentions = self.names.find_mentions(text)
        if len({m.entity.id for m in mentions}) != 1 or intent.set_kind(text) is not None:
            return None
        return mentions[0].text

    def _where_named(self, question: str, history: Sequence[Turn]) -> list[str]:
        """The user's questions up to the latest one whose turn (the question or its answer) named a respondent the
        follow-up names: "Back to that: what else did Ukraine say?" after a question on another subject goes back to
        where Ukraine came up. Empty when the follow-up names none, or the latest turn already does."""
        asked = set(references(question, self.names).respondents)
        if not asked:
            return []
        questions: list[str] = []
        latest = -1
        for turn in history:
            if turn.role == "user" and turn.content.strip():
                questions.append(turn.content)
            if questions and asked & {m.entity.id for m in self.names.find_mentions(turn.content[-TURN_CHARS:])}:
                latest = len(questions)
        return questions[:latest] if 0 < latest < len(questions) else []

    def _resolved(self, earlier: Sequence[str], language: str, start: int | None = None) -> str:
        """The latest earlier question as it was understood: a follow-up itself ("What else did it say?" after "And
        Japan?") carries over the one before it, back to the last question that stood alone (at `start`, when the
        caller has found it)."""
        start = self._chain_start(earlier) if start is None else start
        resolved = earlier[start].strip()
        for question in earlier[start + 1 :]:
            before, asked = resolved[-QUESTION_CHARS:], question.strip()
            resolved = (
                self._others_after(asked, before)
                or self._asked_of_the_same(asked, before)
                or self.carried_over(asked, before, language)
            )
        return resolved

    def _chain_start(self, earlier: Sequence[str]) -> int:
        """Where the chain of follow-ups the latest question ends starts: the last question that stood alone."""
        # "Which of them mention the NSG?" is whole once asked among those named before: a chain starts there too.
        return max(
            (
                i
                for i, q in enumerate(earlier)
                if stands_alone(q, self.names, self.speakers) or intent.AMONG_THEM.search(q)
            ),
            default=0,
        )

    def among(self, question: str, history: Sequence[Turn]) -> tuple[str, ...]:
        """The respondents a follow-up asks among ("which of them…", "lesquels d'entre eux…"): those the latest
        answer names outside its quotes; none when it does not ask so."""
        if intent.AMONG_THEM.search(question) is None:
            return ()
        if references(question, self.names).respondents and (
            intent.asks_fact(question) or intent.asks_figure(question)
        ):
            return ()  # "其中挪威是什么时候加入该公约的？": when Norway did it, not which of them did
        answered = tuple(dict.fromkeys(m.entity.id for m in self._answered_mentions(history)))
        if answered or self.listed is None or history[-1].role != "user":
            return answered
        return self.listed(history[-1].content)  # the latest question came without its answer: asked again

    def _answered(self, history: Sequence[Turn]) -> tuple[str, ...]:
        """The names, as written, of the respondents the latest answer names outside its quotes."""
        first: dict[str, str] = {}
        for mention in self._answered_mentions(history):
            first.setdefault(mention.entity.id, mention.text)
        return tuple(first.values())

    def _answered_mentions(self, history: Sequence[Turn]) -> list[Mention]:
        """Those the latest answer names outside its quotes, less the speakers its quotes are labelled with ("Spain
        (A/77/87): “…”"); in an answer naming no one else, those its quotes name, less those speakers."""
        said = next((t.content for t in reversed(history) if t.role == "assistant" and t.content.strip()), "")
        said = said[-TURN_CHARS:]
        outside = _QUOTED.sub(" ", said)
        mentions = self.names.find_mentions(outside)
        labels = {m.entity.id for m in mentions if _QUOTE_LABEL.match(outside, m.end)}
        if items := [m for m in mentions if m.entity.id not in labels]:
            return items
        quoted = (m for quote in _QUOTED.finditer(said) for m in self.names.find_mentions(quote.group()))
        return [m for m in quoted if m.entity.id not in labels]

    def _named_only(self, question: str) -> tuple[str, ...]:
        """The respondents a follow-up names when it says nothing else ("And Japan?", "日本呢？")."""
        if not names_only(question, self.names):
            return ()
        return tuple(dict.fromkeys(m.entity.id for m in self.names.find_mentions(question)))

    def _rewrite(self, llm: LLMClient, question: str, history: Sequence[Turn], run: Run) -> str | None:
        system, user = load_prompt(self.prompts_dir, "rewrite").render(history=history_text(history), question=question)
        try:
            rewritten = llm.complete([ChatMessage("system", system), ChatMessage("user", user)], max_tokens=200)
        except LLMError as exc:
            run.warnings.append(f"could not rewrite the follow-up with the language model ({exc.reason})")
            run.problems.append(f"llm:rewrite:{exc.reason}")
            return None
        rewritten = rewritten.strip().strip('"').strip()
        return rewritten if rewritten and len(rewritten) < 4 * len(question) + 200 else None

    def carried_over(self, question: str, earlier: str, language: str) -> str:
        """The follow-up with the earlier question after it, less what the follow-up replaces: the states and
        organizations it names ("And Japan?" asks about Japan instead of Norway, "Which states…?" about all of
        them), and the resolutions and documents it names."""
        now = references(question, self.names)
        mentions = self.names.find_mentions(earlier)
        # "¿Y con el Arreglo de Wassenaar…?" after a question on China's reply: a body that sent no reply is what is
        # talked about, not who is asked; a state is asked ("А что об этом пишет Турция?": Turkey sent none, and the
        # answer says so). Without `speakers`, any name may be either.
        asked = [r for r in now.respondents if not self.speakers or r in self.speakers or self._a_state(r)]
        asked = [] if subjects.points_back_first(question, self.names) else asked  # "and its institute…": the same
        if now.respondents and self.speakers and intent.set_kind(question) is None:
            # who is asked replaces who was asked; a thing talked about replaces a thing (a set question: all names)
            mentions = [m for m in mentions if (m.entity.id in self.speakers) == bool(asked)]
        if now.respondents and mentions and names_only(question, self.names):
            # "And Canada?" after "Did Australia support 76/234?": the earlier question, about Canada; "And the
            # Wassenaar Arrangement?" after "What does China say about the NSG?": China, on the Wassenaar Arrangement.
            named = " ".join(m.text for m in self.names.find_mentions(question))
            others = "".join(c for i, c in enumerate(earlier) if not any(m.start <= i < m.end for m in mentions[1:]))
            first = mentions[0]
            return " ".join((others[: first.start] + named + others[first.end :]).split())
        cue = intent.set_cue(earlier)
        if now.respondents and not mentions and cue is not None and names_only(question, self.names):
            # "What about Canada?" after "Which states say they voted against 76/234?": the same asked of Canada.
            named = " ".join(m.text for m in self.names.find_mentions(question))
            return " ".join((earlier[: cue[1]] + named + earlier[cue[2] :]).split())
        if not now.respondents and cue is not None and (switched := kind_switched(question, earlier, cue)):
            return switched
        drop_names = bool(asked) or intent.set_kind(question) is not None
        spans = [(m.start, m.end) for m in mentions] if drop_names else []
        if asked and cue is not None:
            spans.append(cue[1:])  # "When did Norway join it?" after "Which states mention…?": about Norway alone
        if stance_words.question_stance(question) is not None:
            # "And which ones supported it?" after "Which states opposed 76/234?": the stance asked now.
            spans += [whole_word(earlier, start, end) for start, end in stance_words.stance_word_spans(earlier)]
        if intent.SPEECH.search(question) and not _asks_what_kind(question):
            # "¿Y qué dijo Venezuela sobre el mismo tema?" after "¿A cuánto ascendió ese impacto?": what it said, not
            # the figure asked before.
            spans += [m.span() for pattern in _WHAT_KIND for m in pattern.finditer(earlier)]
        if lexicon.reply_languages(question):
            # "¿Y en árabe?" after "…respondieron en ruso?": the language asked now.
            spans += lexicon.language_word_spans(earlier, lexicon.reply_languages(earlier))
        if now.resolutions:
            spans += [m.span() for s in resolution_symbols(earlier) for m in re.finditer(re.escape(s), earlier)]
        if now.documents or ((asked_in := self.reports(question)) and asked_in != self.reports(earlier)):
            # "And what did it propose in the report on regional CBMs?" after a question on A/77/96: the report now.
            spans += [m.span() for s in document_symbols(earlier) for m in re.finditer(re.escape(s), earlier, re.I)]
            spans += (
                []
                if now.resolutions
                else [m.span() for s in resolution_symbols(earlier) for m in re.finditer(re.escape(s), earlier)]
            )
        kept = "".join(c for i, c in enumerate(earlier) if not any(a <= i < b for a, b in spans))
        kept = " ".join(kept.split()).strip(" ?？!！.。")
        return f"{question} ({kept})" if kept else question


# The words asking for a kind of answer (a figure, an amount, a date, a place, a person) that a follow-up asking what
# was said does not carry over.
_WHAT_KIND = (
    intent.QUANTITY,
    intent.ASKS_AMOUNT,
    intent.ASKS_NUMBER,
    intent.ASKS_SHARE,
    intent.ASKS_WHEN,
    intent.ASKS_DATE,
    intent.ASKS_WHERE,
    intent.ASKS_CITY,
    intent.ASKS_PERSON,
)


def _asks_what_kind(question: str) -> bool:
    return any(pattern.search(question) for pattern in _WHAT_KIND)


def quotes_before(history: Sequence[Turn]) -> tuple[str, ...]:
    """What the latest answers quoted (of the turns a prompt would show), without blanks."""
    said = [t.content[-TURN_CHARS:] for t in history[-HISTORY_TURNS:] if t.role == "assistant"]
    return tuple(q for text in said for m in _QUOTED.finditer(text) if (q := "".join(m.group()[1:-1].split())))


def _symbols(text: str) -> str:
    """The resolution and document symbols a question names ("76/234 A/77/96"), as a follow-up carries them."""
    return " ".join((*resolution_symbols(text), *document_symbols(text)))
