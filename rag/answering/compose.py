"""Answers composed by the language model from the numbered passages, streamed as they are written; every
citation checked and traced to the span of its passage that supports the claim."""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from rag.answering.abstention import Abstention
from rag.answering.citations import NO_ANSWER, check_citations, is_no_answer, locate_quote
from rag.answering.followup import Turn, history_text
from rag.answering.records import Run, citation
from rag.core.errors import LLMError
from rag.core.text import escape_passage, fold, sentence_spans
from rag.core.types import Answer, Citation, Hit
from rag.indexing import lexical
from rag.lang import phrases
from rag.llm.client import ChatMessage, LLMClient, answer_chars
from rag.llm.prompts import load_prompt
from rag.retrieval.query import QueryAnalysis, detect_language
from rag.retrieval.retriever import Retriever

Event = tuple[str, Any]  # ("retrieval", [Hit]), ("delta", str), ("answer", Answer)
REPEATED_PARTS = 3  # an answer this long, half of it the same sentence again, is a model stuck in a loop
_MARKER = re.compile(r"\[\d+\]")


class LLMAnswers:
    """Has the model answer from the passages; raises LLMError when it fails, for the caller to fall back."""

    def __init__(self, llm: LLMClient, retriever: Retriever, abstention: Abstention, prompts_dir: Path) -> None:
        self.llm = llm
        self.retriever = retriever
        self.abstention = abstention
        self.prompts_dir = prompts_dir

    def compose(
        self, run: Run, analysis: QueryAnalysis, hits: Sequence[Hit], history: Sequence[Turn]
    ) -> Generator[Event, None, Answer]:
        """Yields ("delta", text) as the model writes; returns the checked answer."""
        prompt = load_prompt(self.prompts_dir, "answer")
        system, user = prompt.render(
            language=phrases.language_name_prompt(run.language),
            question=analysis.text,
            history=history_text(history) or "(none)",
            passages=passages_text(hits),
        )
        mark = time.perf_counter()
        text, cut = yield from self._stream([ChatMessage("system", system), ChatMessage("user", user)])
        mark = run.lap("llm", mark)
        if cut:  # the client stopped reading there: the answer may end mid-sentence
            run.warnings.append(f"the language model's answer was cut at {cut} characters (RAG_LLM_MAX_TOKENS)")
            run.problems.append("llm:answer:cut")
        if is_no_answer(text):
            said = text.split("\n", 1)[1].strip() if "\n" in text else ""
            answer = self.abstention.abstain(run, hits, abstention_sentence(run, said))
            run.lap("verification", mark)
            return replace(answer, mode="llm", prompt=prompt.ref)
        checked = check_citations(text, len(hits))
        run.warnings.extend(checked.warnings)
        run.problems.extend(checked.problems)
        citations = self._trace(checked.used, checked.sentences, analysis, hits)
        run.lap("verification", mark)
        answer = run.answer(checked.text, True, "llm", citations, checked.grounded, retrieved=hits)
        return replace(answer, prompt=prompt.ref)

    def _stream(self, messages: list[ChatMessage]) -> Generator[Event, None, tuple[str, int]]:
        """The model's text, yielded as deltas except while it may still be the start of "[NO_ANSWER]"; and the
        length it was cut at, when the client stopped reading it there (else 0)."""
        text, held = "", True
        for delta in self.llm.stream(messages):
            text += delta
            if held and not NO_ANSWER.startswith(text.lstrip()[: len(NO_ANSWER)]):
                held = False
                if not is_no_answer(text):
                    yield "delta", text
                    continue
            if not held and not is_no_answer(text):
                yield "delta", delta
        limit = answer_chars(self.llm.max_tokens)
        cut = limit if len(text) >= limit else 0
        text = text.strip()
        if not text:
            raise LLMError("the language model returned an empty answer", reason="empty")
        return text, cut

    def _trace(
        self,
        used: Sequence[int],
        sentences: Sequence[tuple[str, Sequence[int]]],
        analysis: QueryAnalysis,
        hits: Sequence[Hit],
    ) -> list[Citation]:
        """Each cited passage with the span that best supports the sentences citing it."""
        citations = []
        for number in used:
            claim = " ".join(s for s, numbers in sentences if number in numbers)
            claim_tokens = self.retriever.analyze(claim).tokens if claim else analysis.tokens
            passage = hits[number - 1].passage
            span = locate_quote(claim, passage.text, claim_tokens, self._tokenize)
            citations.append(citation(number, passage, self.retriever.documents[passage.doc_id], span))
        return citations

    def _tokenize(self, text: str) -> list[str]:
        return lexical.tokenize(text, self.retriever.tables.zh_mode)


def repeats_itself(text: str) -> bool:
    """Whether an answer is mostly the same sentence over and over (a weak model stuck in a loop, often citing
    every passage for it): at least REPEATED_PARTS sentences or lines, at most half of them distinct once citation
    markers, punctuation and spacing are set aside."""
    parts = [
        key for line in text.splitlines() for start, end in sentence_spans(line) if (key := _bare(line[start:end]))
    ]
    return len(parts) >= REPEATED_PARTS and len(set(parts)) * 2 <= len(parts)


def echoes_question(question: str, text: str) -> bool:
    """Whether an answer only repeats the question (a weak model restating it with a citation marker): once
    markers, punctuation and spacing are set aside, it is the question, or held in it."""
    said = _bare(text)
    return bool(said) and said in _bare(question)


def says_nothing(text: str) -> bool:
    """Whether an answer holds no word once its citation markers are set aside ("[1] [2] [3] [4]": a weak model
    listing the passages instead of answering)."""
    return not _bare(text)


def _bare(text: str) -> str:
    """A text without its citation markers, punctuation and spacing, folded: what two wordings share."""
    return "".join(c for c in fold(_MARKER.sub("", text)) if c.isalnum())


_LEADING_MARKER = re.compile(r"^\W{0,3}\[(\d+)\]")


def numbers_with_markers(text: str) -> bool:
    """Whether an answer numbers a list with citation markers ("[1] Protect… [2] Control…": a weak model taking
    [n] for an item number, so that each item cites the n-th passage whatever it holds): REPEATED_PARTS lines or
    more that open with [1], [2], [3]… in order."""
    opened = [int(m.group(1)) for line in text.splitlines() if (m := _LEADING_MARKER.match(line.strip()))]
    return len(opened) >= REPEATED_PARTS and opened == list(range(1, len(opened) + 1))


def abstention_sentence(run: Run, said: str) -> str:
    """What the model said when it found no answer, when it is in the question's language; else (another
    language, or nothing) the service's own sentence in that language."""
    said = " ".join(said.split())
    if said and detect_language(said) == run.language:
        return said
    if said:
        run.problems.append("llm:answer:language")
    return phrases.phrase("not_in_documents", run.language)


def passages_text(hits: Sequence[Hit]) -> str:
    """The numbered passages as the answer prompt shows them, each in a <passage> block."""
    blocks = []
    for n, hit in enumerate(hits, start=1):
        passage, document = hit.passage, hit.document
        source = document.symbol or document.title or document.id
        who = passage.respondent.name_en or passage.respondent.name
        header = (
            f"[{n}] {source}"
            + (f", reply of {who}" if who else "")
            + (f", paragraph {passage.paragraph}" if passage.paragraph else "")
        )
        # The closing tag cannot be forged from inside a passage.
        blocks.append(f"{header}\n<passage>\n{escape_passage(passage.text)}\n</passage>")
    return "\n\n".join(blocks)
