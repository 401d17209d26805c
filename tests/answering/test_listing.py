"""Set questions answered as cited lists on the bundled corpus (extractively; the model's verdicts are
covered in test_verdicts.py and test_pipeline_llm.py), and the check that a model's quote shows the condition."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rag.answering.abstention import Abstention
from rag.answering.listing import SetAnswers
from rag.answering.respondents import Aggregator
from rag.core.text import sentence_spans
from rag.lang import stance_words
from rag.retrieval.service import Service
from tests.support.sets import set_answer


def test_each_listed_respondent_is_cited(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "Which states oppose resolution 76/234?")
    assert found.answerable and found.mode == "extractive" and found.items
    assert "NOR" in {item.respondent for item in found.items}
    for item in found.items:
        cited = found.citations[item.citations[0] - 1]
        assert cited.passage.respondent.id == item.respondent and f"[{cited.n}]" in found.answer
    assert found.grounded == 1.0


def test_a_list_in_the_questions_language(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "哪些国家反对第76/234号决议？")
    assert found.items and "挪威" in {item.label for item in found.items}


def test_a_respondent_of_several_reports_is_one_item_with_a_citation_each(
    service: Service, aggregator: Aggregator
) -> None:
    found = set_answer(service, aggregator, "哪些国家提交了答复？")  # every report: some states replied to two
    assert found.items and len(found.citations) > len(found.items)
    assert len({item.respondent for item in found.items}) == len(found.items)
    twice = [item for item in found.items if len(item.citations) > 1]
    assert twice
    for item in twice:
        cited = [found.citations[n - 1] for n in item.citations]
        assert {c.passage.respondent.id for c in cited} == {item.respondent}
        assert len({c.passage.doc_id for c in cited}) == len(cited)
        assert item.label + " " + "".join(f"[{n}]" for n in item.citations) in found.answer
    numbers = [n for item in found.items for n in item.citations]
    assert numbers == list(range(1, len(found.citations) + 1))  # numbered in the order listed
    assert f"{len(found.items)}个国家" in found.answer and f"{len(found.citations)}个" not in found.answer


def test_no_respondent_qualifies_is_an_abstention(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "Which states oppose resolution 76/234?", empty=True)
    assert not found.answerable and found.items is None and "A/77/96" in found.answer


def test_a_models_quote_must_show_the_condition(service: Service, aggregator: Aggregator) -> None:
    retriever = service.retriever
    sets = SetAnswers(retriever, aggregator, Abstention(retriever, aggregator.sections), None, Path("prompts"), 1)
    oppose = retriever.search("Which states oppose resolution 76/234?", 20).analysis
    plan = aggregator.plan(oppose, list(retriever.documents.values()))
    assert plan is not None
    norway = next(s for s in plan.sections if s.key == "NOR")
    finding = aggregator.check_section(plan.condition, norway)
    assert finding is not None
    # the sentence the extractive scorer quotes shows opposition
    assert sets.supports(plan.condition, norway, finding.position, finding.quote)
    # a support cue in Norway's reply shows no support for a resolution Norway is found opposing
    support = replace(plan.condition, test="support")
    texts = {position: retriever.passages[position].text for position in norway.positions}
    cued = [
        (position, span)
        for position, text in texts.items()
        for span in sentence_spans(text)
        if {c.stance for c in stance_words.stance_cues(text[span[0] : span[1]])} == {"support"}
    ]
    assert cued and not any(sets.supports(support, norway, p, span) for p, span in cued)
    # a sentence without any stance cue shows no stance
    position = norway.positions[0]
    plain = next(
        span
        for span in sentence_spans(retriever.passages[position].text)
        if not stance_words.stance_cues(retriever.passages[position].text[span[0] : span[1]])
    )
    assert not sets.supports(plan.condition, norway, position, plain)


def test_a_regions_list_says_which_region(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "Which Latin American states replied to A/77/96?")
    assert found.items and found.answer.startswith(f"{len(found.items)} states (Latin American) sent replies")


def test_a_list_of_the_replies_naming_most_of_the_topic_says_so(service: Service, aggregator: Aggregator) -> None:
    # No reply names all three; some name two of them.
    question = (
        "Which states mention artificial intelligence, unilateral coercive measures and the Wassenaar Arrangement?"
    )
    found = set_answer(service, aggregator, question)
    assert found.answerable and found.items and {"CHN", "USA"} <= {item.respondent for item in found.items}
    assert found.answer.startswith("No reply in") and "name the most of them" in found.answer
    assert any("no reply names all of" in w for w in found.warnings)


def test_a_list_by_several_reply_languages_names_them_all(service: Service, aggregator: Aggregator) -> None:
    found = set_answer(service, aggregator, "Which states replied in Arabic or in Russian?")
    assert "Arabic / Russian" in found.answer and {"RUS", "SAU"} <= {item.respondent for item in found.items or ()}


def test_how_many_respondents_is_answered_with_the_counted_list(service: Service, aggregator: Aggregator) -> None:
    listed = set_answer(service, aggregator, "Which states replied to A/77/87?")
    for question in ("How many states replied to A/77/87?", "有多少个国家对A/77/87作出了答复？"):
        counted = set_answer(service, aggregator, question)
        assert counted.items and len(counted.items) == len(listed.items or ())
        assert str(len(counted.items)) in counted.answer.split(":")[0]


def test_who_endorses_another_respondents_reply(service: Service, aggregator: Aggregator) -> None:
    for question in (
        "In A/77/96, which states align themselves with the joint reply of the European Union?",
        "就76/234号决议作答时，明确表示完全认同欧盟那份联合答复的国家是哪些？",
        "Quels États membres de l'UE déclarent se rallier à la réponse commune de l'Union sur la résolution 76/234 ?",
    ):
        found = set_answer(service, aggregator, question)
        assert {item.respondent for item in found.items or ()} == {"DEU", "ITA", "ESP", "SWE"}, question


def test_those_that_do_not_do_what_a_set_question_says(service: Service, aggregator: Aggregator) -> None:
    for question in (
        "Which EU member states that replied on resolution 76/234 do not say they align with the EU's joint reply?",
        "De los Estados miembros de la UE que mandaron una respuesta propia sobre la resolución 76/234, ¿cuáles no "
        "dicen en ningún momento que suscriben la respuesta conjunta de la Unión Europea?",
    ):
        found = set_answer(service, aggregator, question)
        assert {item.respondent for item in found.items or ()} == {"BEL", "IRL", "NLD"}, question
    said = set_answer(service, aggregator, "Which states in A/77/96 mention the Wassenaar Arrangement?")
    unsaid = set_answer(service, aggregator, "Which states in A/77/96 do not mention the Wassenaar Arrangement?")
    listed, unlisted = {i.respondent for i in said.items or ()}, {i.respondent for i in unsaid.items or ()}
    assert listed and unlisted and not listed & unlisted
    assert "do not mention" in unsaid.answer
    for item in unsaid.items or ():  # each cited by its own reply
        assert unsaid.citations[item.citations[0] - 1].passage.respondent.id == item.respondent


def test_what_respondents_say_of_themselves_is_said_with_their_name(service: Service, aggregator: Aggregator) -> None:
    topic = set_answer(service, aggregator, "Which states in A/77/96 mention blockades or unilateral sanctions?")
    themselves = set_answer(
        service, aggregator, "Which states in A/77/96 say they themselves suffer blockades or unilateral sanctions?"
    )
    listed = {item.respondent for item in themselves.items or ()}
    # Pakistan and Russia condemn sanctions; Venezuela says "我国一直是此类措施的受害者" of coercive measures.
    assert {"PAK", "RUS"} <= {item.respondent for item in topic.items or ()}
    assert listed == {"CHN", "CUB", "SYR", "VEN"}
    names = service.retriever.names
    for item in themselves.items or ():  # each quote names its own author, or "we", 我国, 本国
        quote = themselves.citations[item.citations[0] - 1].quote
        named = {m.entity.id for m in names.find_mentions(quote)}
        assert item.respondent in named or any(w in quote for w in ("我国", "本国", "我们"))


def test_a_claim_about_themselves_is_worded_as_what_was_checked(service: Service, aggregator: Aggregator) -> None:
    # Not "mention": each listed reply names the topic in a sentence about its author.
    found = set_answer(service, aggregator, "Which states say they are members of the Zangger Committee?")
    assert found.items and "a sentence about" in found.answer and "ESP" in {item.respondent for item in found.items}


def test_the_words_a_list_was_not_checked_for_are_named(service: Service, aggregator: Aggregator) -> None:
    # "visados" has no rendering: the list is of the replies naming scientists, and the answer says so
    found = set_answer(service, aggregator, "¿Qué países se quejan de que a sus científicos les niegan visados?")
    assert found.items and any("not checked" in w and "visados" in w for w in found.warnings)


def _items(service: Service, aggregator: Aggregator, question: str) -> set[str]:
    return {item.respondent for item in set_answer(service, aggregator, question).items}


def test_a_reply_complaining_and_denying_the_restrictions_takes_no_side(
    service: Service, aggregator: Aggregator
) -> None:
    # the Philippines: multilateral regimes are no excessive restriction; unilateral controls, if…, may be
    support = _items(service, aggregator, "Which states support resolution 76/234?")
    oppose = _items(service, aggregator, "Which states oppose resolution 76/234?")
    assert "PHL" not in support | oppose and {"CHN", "CUB"} <= support and {"NOR", "USA"} <= oppose


def test_their_own_reply_says_which_reply_not_what_it_says_of_them(service: Service, aggregator: Aggregator) -> None:
    question = (
        "Parmi les États membres de l'UE qui ont envoyé leur propre réponse sur la résolution 76/234, "
        "lesquels invoquent la résolution 1540 du Conseil de sécurité ?"
    )
    assert {"DEU", "ESP", "IRL"} <= _items(service, aggregator, question)


def test_a_region_and_a_stance_before_what_is_asked(service: Service, aggregator: Aggregator) -> None:
    for question in (
        "من دول آسيا والمحيط الهادئ التي ترفض فرضية القرار 76/234، أيّها يذكر كوريا الشمالية؟",
        "Which Asia-Pacific states that reject the premise of resolution 76/234 mention North Korea?",
    ):
        found = _items(service, aggregator, question)
        assert found and found <= {"AUS", "KOR"}, question  # not every Asia-Pacific opponent


def test_a_reply_language_in_one_report_and_replies_to_another(service: Service, aggregator: Aggregator) -> None:
    question = (
        "就第76/234号决议用西班牙文交意见的国家当中，哪些在2017年也给防止恐怖分子获取大规模毁灭性武器的报告交过答复？"
    )
    found = _items(service, aggregator, question)
    assert found and {"CUB", "MEX"} <= found and "NIC" not in found


def test_the_role_of_a_thing_is_the_thing(service: Service, aggregator: Aggregator) -> None:
    question = (
        "في تقرير 2017 بشأن منع الإرهابيين من حيازة أسلحة الدمار الشامل، "
        "ما الحكومات التي تتحدث عن دور أجهزة الجمارك لديها؟"
    )
    assert {"JOR", "MEX"} <= _items(service, aggregator, question)


def test_organizations_naming_one_besides_its_own_reply(service: Service, aggregator: Aggregator) -> None:
    question = (
        "В докладе 2017 года о мерах против приобретения террористами ОМУ: какие международные организации, "
        "ответившие на английском языке, упоминают МАГАТЭ (не считая ответа самого МАГАТЭ)?"
    )
    found = _items(service, aggregator, question)
    assert found and "IAEA" not in found and "NATO" in found


def test_a_reply_written_in_each_language_asked(service: Service, aggregator: Aggregator) -> None:
    question = (
        "Parmi les réponses sur la résolution 76/234, laquelle a été soumise à la fois en anglais et en français ?"
    )
    assert _items(service, aggregator, question) == {"CAN"}  # [原件：英文和法文]


def test_say_they_did_is_said_of_themselves(service: Service, aggregator: Aggregator) -> None:
    question = "Which states in the peaceful uses report say they chaired the Nuclear Suppliers Group?"
    found = _items(service, aggregator, question)
    assert found and {"BEL", "KOR"} >= found


def test_a_stance_of_states_outside_a_group_named_by_an_organization(service: Service, aggregator: Aggregator) -> None:
    question = (
        "¿Qué Estados que no son miembros de la UE rechazan la idea de que los regímenes de control de exportaciones "
        "imponen «restricciones excesivas»?"
    )
    found = _items(service, aggregator, question)
    assert {"AUS", "CAN", "USA"} <= found and not found & {"DEU", "ESP", "PHL"}
