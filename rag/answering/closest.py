"""The replies closest in meaning to a set question whose words the documents' languages cannot render ("who
complains about technology 'decoupling'?", "¿qué países denuncian el desacoplamiento tecnológico?"): no reply can be
checked for such a topic by its words, so none was listed and the best passages of the report answered instead.

Here every reply the question asks about is read by the sentence model (rag.indexing.sentences: the multilingual
Universal Sentence Encoder, whose vectors the index holds for every sentence), each sentence compared with the
question and with its topic (the phrases read and the words left unread) and the two similarities averaged. The
replies whose closest sentence lies within CLOSEST_MARGIN of the closest reply's are listed, at most CLOSEST_ITEMS,
closest first, each with that sentence as its quote: candidates to check, and the answer and a warning say they
were chosen by meaning, not found by the question's words.

Measured on the 16 development set questions (gold, dev … dev24) answered so (`bench/closest.py`, written to
bench/results/closest-latest.md): list F1 0 -> 0.56 at a margin of 0.03 and 3 items (one item 0.42; margins 0.02 to
0.05 and 2 to 5 items 0.48 to 0.56). When it was chosen, on the same questions: the question alone gave 0.27, the
topic alone 0.45, e5's sentence vectors in place of the sentence model's 0.40, e5's passage vectors 0.28, both
models together 0.52. Listing by closeness in place of the word rule, on the set questions the rule reads, does far
worse than the rule (bench/meaning.py, section 2): meaning is the fallback, not the rule."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.conditions import Condition, Finding
from rag.answering.scope import Section
from rag.retrieval.retriever import Retriever

CLOSEST_MARGIN = 0.03  # cosine below the closest reply's within which a reply is listed too
CLOSEST_ITEMS = 3


class ClosestReplies:
    """Finds the replies whose sentences lie closest in meaning to a set question."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever

    def findings(self, question: str, condition: Condition, sections: Sequence[Section]) -> list[Finding]:
        """The closest replies, each with its closest sentence, closest first; [] without a sentence model."""
        texts = [question]
        if topic := topic_text(question, condition):
            texts.append(topic)
        closest: dict[str, tuple[float, Finding]] = {}
        for section in sections:
            for near in self.retriever.sentences_near(texts, section.positions):
                best = closest.get(section.key)
                if best is None or near.similarity > best[0]:
                    closest[section.key] = (near.similarity, Finding(section, near.position, near.span))
        if not closest:
            return []
        top = max(similarity for similarity, _ in closest.values())
        ranked = sorted(closest.values(), key=lambda pair: -pair[0])
        return [finding for similarity, finding in ranked[:CLOSEST_ITEMS] if similarity >= top - CLOSEST_MARGIN]


def topic_text(question: str, condition: Condition) -> str:
    """What the replies must speak of, as words: the topic phrases read and the words left unread ("technology
    decoupling"), without the question's frame ("which states, in their replies on resolution 76/234, …"); "" when
    nothing of the question could be read (then the question itself is all there is)."""
    return " ".join(dict.fromkeys([*condition.topic, *unread_words(question, condition)]))


def unread_words(question: str, condition: Condition) -> tuple[str, ...]:
    """The question's words the documents' languages cannot render, beside a topic read or in place of one; none
    when nothing of the question could be read at all (the condition then holds the whole question)."""
    return condition.unread or tuple(w for w in condition.untranslated if w != question)
