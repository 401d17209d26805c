"""The states and organizations an extractive answer's quotes name, listed when the question asks which ones."""

from __future__ import annotations

import pytest

from rag.answering.entities import named_items
from rag.core.settings import Settings
from rag.core.types import Citation
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


def _cited(service: Service, n: int, respondent: str, fragment: str) -> Citation:
    passage = next(p for p in service.retriever.passages if p.respondent.id == respondent and fragment in p.text)
    document = service.retriever.documents[passage.doc_id]
    start = passage.text.index(fragment)
    return Citation(n, passage, document, passage.text[start:], start, len(passage.text))


def test_the_entities_a_quote_names_are_the_list_asked_for(service: Service) -> None:
    cited = _cited(service, 1, "ESP", "澳大利亚集团")
    question = service.retriever.analyze("Which export control regimes does Spain say it belongs to?")
    items = named_items(question, [cited], service.retriever.names)
    assert {i.respondent for i in items} >= {"AG", "NSG", "MTCR", "WA"}
    assert "ESP" not in {i.respondent for i in items}  # the speaker is not among what it names
    assert all(i.citations == (1,) for i in items)


def test_only_the_kind_asked_for_and_only_when_asked_which(service: Service) -> None:
    cited = _cited(service, 1, "ESP", "澳大利亚集团")
    names = service.retriever.names
    states = named_items(service.retriever.analyze("Which states does Spain's reply name?"), [cited], names)
    assert all(names.get(i.respondent or "").kind == "state" for i in states)  # type: ignore[union-attr]
    assert named_items(service.retriever.analyze("What did Spain say about export controls?"), [cited], names) == ()


@pytest.mark.parametrize(
    "question, respondent, listed",
    [
        ("¿De qué regímenes de control de exportaciones es miembro España según su respuesta al A/77/96?", "ESP", 4),
        ("挪威在对A/77/96的答复中说它加入了哪些出口管制制度？", "NOR", 4),
    ],
)
def test_a_question_asking_which_ones_quotes_the_sentence_that_names_them(
    real_lexical_index: Settings, question: str, respondent: str, listed: int
) -> None:
    from rag.answering.pipeline import Answerer

    answer = Answerer(Service.load(real_lexical_index)).ask(question)
    assert answer.citations and answer.citations[0].passage.respondent.id == respondent
    assert answer.items is not None and {"AG", "NSG", "MTCR", "WA"} <= {i.respondent for i in answer.items}
    assert len(answer.items) >= listed
