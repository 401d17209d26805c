"""What a reply says of its own author: that it did something ("we chaired the NSG"), that it is hit by
something ("对古巴实施的封锁", "中国也是…受害者"), or that it has none of something ("黎巴嫩不拥有大规模毁灭性
武器"). Each check finds the reply's sentence that says it, naming the question's topic, with the author named by
name or as "we", 我国."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rag.answering.conditions import Condition, Finding
from rag.answering.constraints import without_resolutions
from rag.answering.scope import Section
from rag.core.text import fold, is_cjk, names_phrase, sentence_spans
from rag.lang import intent, stopwords
from rag.lang.dates import gives_day
from rag.lang.years import YEAR
from rag.retrieval.retriever import Retriever

SELF_WORDS = tuple(fold(w) for w in stopwords.words("self_words"))  # "we", "our", 我国, 本国
LACKS_REACH = 20  # characters, at most, between a reply's author and the words saying it has none of something
# What ends the clause in which a reply names itself before saying it has none (a Chinese comma does: "我国认为，不拥有
# 核武器的国家…" is said of others; a Latin one seldom: "Lebanon, for its part, does not possess").
_LEAD_BREAK = re.compile(r"[:：?？.。!！，；;]")
IDENTITY_REACH = 40  # characters before a topic phrase in which the words saying the reply's author is one stand
AFFECTED_REACH = 30  # characters before a reply's own name in which the words making it a target stand


class Claims:
    """Reads a reply's sentences for what they say of the reply's own author."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.names = retriever.tables.names

    def _sentences(self, condition: Condition, section: Section) -> Iterator[tuple[int, tuple[int, int], str, int]]:
        """Each sentence of the reply (its passage, its span, its text) and how many of the topic's phrases it
        names."""
        for position in section.positions:
            text = self.retriever.passages[position].text
            for start, end in sentence_spans(text):
                sentence = text[start:end]
                folded = fold(sentence)
                phrases = sum(
                    any(names_phrase(folded, fold(v)) for v in variants) for variants in condition.topic_variants
                )
                yield position, (start, end), sentence, phrases

    def said_of_itself(self, condition: Condition, section: Section) -> Finding | None:
        """The reply's sentence naming the most of the topic's phrases together with its own author (by name, or
        "we", 我国, 本国): "对古巴的封锁" says Cuba is under a blockade; "各国应取消制裁" says nothing of China."""
        best: tuple[int, Finding] | None = None
        enough = max(1, condition.min_share * len(condition.topic_variants) - 1e-9)
        for position, span, sentence, phrases in self._sentences(condition, section):
            if phrases >= enough and (best is None or phrases > best[0]) and self.names_itself(sentence, section):
                best = (phrases, Finding(section, position, span))
        return best[1] if best else None

    def party_to_all(self, section: Section, regimes: bool = False) -> Finding | None:
        """The reply's first sentence in which its author says it is party to all, or the main, treaties of a kind
        ("约旦…签署了与此有关的所有条约和公约", "伊拉克现已批准…主要国际条约和公约"), or, with `regimes`, a member
        of all the regimes ("西班牙是所有现有国际出口管制制度的现任成员"); not what all states owe under them."""
        for position in section.positions:
            text = self.retriever.passages[position].text
            for start, end in sentence_spans(text):
                sentence = text[start:end]
                kinds = {
                    intent.REGIME_WORD.search(m.group()) is not None for m in intent.ALL_TREATIES.finditer(sentence)
                }
                said = regimes in kinds and intent.PARTY_TO.search(sentence)
                if said and self.names_itself(sentence, section):
                    return Finding(section, position, (start, end))
        return None

    def names_a_law(self, condition: Condition, section: Section) -> Finding | None:
        """The reply's first sentence naming a law by its title or number ("第 014-2019/AN 号法律", "《联邦火器和爆炸物
        法》"), in a reply naming at least one of the topic's other phrases, when it has any ("laws on arms")."""
        texts = [self.retriever.passages[p].text for p in section.positions]
        folded = fold(" ".join(texts))
        named = (names_phrase(folded, fold(v)) for variants in condition.topic_variants for v in variants)
        if condition.topic_variants and not any(named):
            return None
        for position, text in zip(section.positions, texts, strict=True):
            for start, end in sentence_spans(text):
                if intent.LAW_NAMED.search(text[start:end]):
                    return Finding(section, position, (start, end))
        return None

    def dated(self, condition: Condition, section: Section) -> Finding | None:
        """The reply's first sentence naming the topic's phrases (enough of them, when relaxed) with a year that
        dates something, not one inside a resolution's symbol ("第 1540(2004)号决议")."""
        enough = max(1, condition.min_share * len(condition.topic_variants) - 1e-9)
        for position, span, sentence, phrases in self._sentences(condition, section):
            if condition.day is not None:
                dated = gives_day(sentence, condition.day)
            else:
                dated = YEAR.search(without_resolutions(sentence)) is not None
            if phrases >= enough and dated:
                return Finding(section, position, span)
        return None

    def identifies_as(self, condition: Condition, section: Section) -> Finding | None:
        """The reply's first sentence naming every phrase of the topic in which its author says it is one: a word
        of being right before a phrase ("作为一个发展中国家，柬埔寨…", "Nicaragua, as a developing country"), its own
        name or "we" in the sentence. "特别是发展中国家的发展权" names the topic of others."""
        for position, span, sentence, phrases in self._sentences(condition, section):
            if phrases < len(condition.topic_variants) or not self.names_itself(sentence, section):
                continue
            folded = fold(sentence)
            for variant in (fold(v) for variants in condition.topic_variants for v in variants):
                at = folded.find(variant)
                if at >= 0 and intent.IDENTITY_BEFORE.search(folded[max(0, at - IDENTITY_REACH) : at]):
                    return Finding(section, position, span)
        return None

    def hit_itself(self, condition: Condition, section: Section) -> Finding | None:
        """The reply's sentence naming the most of the topic's phrases in which its author is the one hit: its
        own name (or "we", 我国) the target of what the sentence names ("对古巴实施的封锁", "使阿拉伯叙利亚共和国无法
        获得") or the one said to suffer it ("中国也是个别国家错误做法的受害者": a victim, which the sentences
        before name). "各国应取消制裁" and "白俄罗斯反对单方面制裁" say nothing of their author being hit."""
        best: tuple[int, Finding] | None = None
        for position, span, sentence, phrases in self._sentences(condition, section):
            hit = self._author_hit(sentence, section)
            if hit and (phrases or hit == "victim") and (best is None or phrases > best[0]):
                best = (phrases, Finding(section, position, span))
        return best[1] if best else None

    def lacking(self, condition: Condition, section: Section) -> Finding | None:
        """The reply's first sentence naming every phrase of the topic in which its author says it has none: a
        negated possession right after its own name or "we", in the same clause ("黎巴嫩不拥有大规模毁灭性武器",
        "约旦是无大规模毁灭性武器国家"); "我国呼吁不拥有核武器的国家…" says it of others."""
        for position, span, sentence, phrases in self._sentences(condition, section):
            if phrases < len(condition.topic_variants):
                continue
            for match in intent.LACKS.finditer(sentence):
                lead = _LEAD_BREAK.split(sentence[max(0, match.start() - LACKS_REACH) : match.start()])[-1]
                if lead.strip() and self.names_itself(lead, section):
                    return Finding(section, position, span)
        return None

    def _author_hit(self, sentence: str, section: Section) -> str | None:
        """Whether the sentence names its author as hit by something: "target" after a word making it one, "victim"
        before a word saying it suffers; else None."""
        for start, end in self._own_mentions(sentence, section):
            if intent.AFFECTED_AFTER.match(sentence, end):
                return "victim"
            if intent.AFFECTED_BEFORE.search(sentence[max(0, start - AFFECTED_REACH) : start]):
                return "target"
        return None

    def _own_mentions(self, sentence: str, section: Section) -> list[tuple[int, int]]:
        """Where a sentence names its author: by name, or as "we", 我国, 本国."""
        spans = [(m.start, m.end) for m in self.names.find_mentions(sentence) if m.entity.id == section.key]
        name = section.respondent.name
        if name:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), sentence)]
        for word in SELF_WORDS:
            pattern = re.escape(word) if is_cjk(word[0]) else rf"\b{re.escape(word)}\b"
            spans += [(m.start(), m.end()) for m in re.finditer(pattern, sentence, re.IGNORECASE)]
        return spans

    def names_itself(self, sentence: str, section: Section) -> bool:
        """Whether a sentence names the reply's author: by name, or as "we", 我国, 本国."""
        if any(m.entity.id == section.key for m in self.names.find_mentions(sentence)):
            return True
        if section.respondent.name and section.respondent.name in sentence:
            return True
        words = set(re.findall(r"[^\W\d_]+", fold(sentence)))
        return any(w in sentence if is_cjk(w[0]) else w in words for w in SELF_WORDS)
