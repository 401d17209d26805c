"""Tests for rag.answering.recognition: set questions no set cue recognises."""

from __future__ import annotations

from typing import Any

import pytest

from rag.answering import recognition
from rag.answering.respondents import Aggregator
from rag.lang import intent
from rag.lang.names import default_names


@pytest.fixture(scope="module")
def aggregator(service: Any) -> Aggregator:
    return Aggregator(service.retriever)


@pytest.mark.parametrize(
    "question",
    [
        "Who, in the report on peaceful uses, warns that export controls hamper development?",
        "Qui, dans le rapport sur les mesures de confiance, insiste sur la transparence militaire ?",
        "¿Quiénes, en el informe de 2017, subrayan la cooperación con INTERPOL?",
        "Кто в докладе 2017 года подчёркивает роль МАГАТЭ?",
        "关于建立信任措施的报告里，谁强调了军事透明度？",
        # the report named first, "who" after its comma
        "Dans le rapport de 2017 sur les terroristes et les armes de destruction massive, qui réclame la destruction "
        "des stocks d'armes chimiques ?",
        "In the report on peaceful uses, who warns that export controls hamper development?",
        # a topic before a colon, a comma in what is asked
        "Vérification de la Convention sur les armes biologiques : dans l'ensemble des rapports, qui réclame un "
        "mécanisme de vérification, ou un protocole juridiquement contraignant ?",
        "Computers and servers: who, in the report on peaceful uses, says it cannot buy them, or get them serviced?",
        # "who" after words saying where, with no comma
        "В ответах по резолюции 76/234 кто приводит суммы в долларах США?",
        # a name inside the group asked about is no speaker
        "不在欧盟里的那些欧洲国家，谁在关于第76/234号决议的答复中对这项决议持反对或批评态度？",
    ],
)
def test_who_did_something_in_a_report_asks_for_its_respondents(aggregator: Aggregator, question: str) -> None:
    analysis = aggregator.retriever.analyze(question)
    cue = recognition.who_of_a_report(analysis, aggregator.tables.names, aggregator.speakers)
    assert cue is not None and cue[0] == "any", question


@pytest.mark.parametrize(
    "question",
    [
        "Who chaired the Advisory Board's sessions in the 2020 report?",  # a person
        "Who is the depositary of the Treaty of Tlatelolco in the report?",  # who is
        "最早是谁在报告里提议设立国际生物安全机构的？",  # 是谁: one, as a fact
        "在布基纳法索的答复中，谁有权批准进口民用武器？",  # within one respondent's reply
        "Who warns that export controls hamper development?",  # no report named: the set cues decide
        # who did a thing, and when: one fact ("the EU writes of it" is where it is told, not who did it)
        "Кто и когда создал рабочую группу, о которой Евросоюз пишет в докладе 2017 года?",
    ],
)
def test_who_else_is_no_set_question_of_a_report(aggregator: Aggregator, question: str) -> None:
    analysis = aggregator.retriever.analyze(question)
    assert recognition.who_of_a_report(analysis, aggregator.tables.names, aggregator.speakers) is None, question


def test_many_words_without_rendering_are_no_question_on_who_replied(aggregator: Aggregator) -> None:
    # Read as "who replied" by meaning, but its words with no rendering say what the replies must say.
    question = "في التقرير المتعلق بتدابير بناء الثقة، أي الدول ترى أن هذه التدابير يجب أن تكون طوعية ومتبادلة؟"
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_87"]
    condition = aggregator.condition(aggregator.retriever.analyze(question), "state", documents)
    assert condition.test != "replied"


@pytest.mark.parametrize(
    ("question", "replied"),
    [
        ("Which organizations sent replies for the report on keeping WMD out of terrorists' hands?", True),
        ("2017年报告有哪些答复方？", True),
        ("哪些答复方说自己按月发布报告？", False),  # what they say of themselves, though none of it is read
        ("Which respondents mention it in their replies?", False),
        ("Which of the organizations sent their own reply to the 2017 report?", True),  # "reply" in "their own reply"
        ("Lesquelles ont envoyé leur propre réponse en 2017 ?", True),
    ],
)
def test_who_replied_without_a_topic(question: str, replied: bool) -> None:
    assert recognition.asks_who_replied(question, (), None) is replied


def test_a_question_asking_when_is_no_set_question_by_meaning(aggregator: Aggregator) -> None:
    question = (
        "When did the Secretariat send out the notes verbales asking member states for their views for the two 2022 "
        "reports?"
    )
    analysis = aggregator.retriever.analyze(question)
    reading = aggregator.forms.read(question)
    assert recognition.set_by_meaning(analysis, reading, aggregator.tables.names, aggregator.speakers) is None


@pytest.mark.parametrize(
    "question",
    [
        "Which permanent members of the Security Council mention export control regimes?",
        "安理会常任理事国中有哪些对第76/234号决议提交了意见？",
        "Кто из пяти постоянных членов Совета Безопасности прислал свои соображения по резолюции 76/234?",
        "How many NATO member states replied on resolution 76/234?",
        # the group in a clause opening with "of" or "among", however long, before the word asking which of it
        "Of the permanent members that answered on resolution 76/234, which ones mention the IAEA?",
        "Parmi les membres permanents qui ont répondu sur la résolution 76/234, lesquels citent l'AIEA ?",
        # the group in the sentence before one opening by asking which of them
        "Did the Five Eyes countries send views on resolution 76/234? Which ones?",
        "هل أرسلت دول تحالف «العيون الخمس» آراءها بشأن القرار 76/234؟ أيّها ردّ؟",
    ],
)
def test_which_or_who_of_a_group_of_states_asks_for_a_set_of_states(aggregator: Aggregator, question: str) -> None:
    cue = recognition.of_a_group(aggregator.retriever.analyze(question), aggregator.tables.names)
    assert cue is not None and cue[0] == "state", question


@pytest.mark.parametrize(
    "question",
    [
        "What did the Advisory Board say about the permanent members and strategic stability in 2020?",
        # which ways, not which of the P5
        "Le Conseil consultatif dit avoir exploré des voies, du processus P5 au P5+. Quelles voies énumère-t-il ?",
        "欧盟在答复里谈到《全面禁止核试验条约》，那欧盟成员国里是不是还有哪个国家没批准这个条约？",
        "How many NATO member states are there, according to the reports?",  # a figure, not who replied
        "The EU's member states sent many replies. Which regime do they cite most?",  # which regime, not of them
    ],
)
def test_a_group_named_but_not_asked_about_is_no_set_question(aggregator: Aggregator, question: str) -> None:
    assert recognition.of_a_group(aggregator.retriever.analyze(question), aggregator.tables.names) is None


def test_the_name_inside_a_group_is_no_topic_of_its_replies(aggregator: Aggregator) -> None:
    question = "哪些欧盟成员国对第76/234号决议提交了答复？"
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.test == "replied"
    assert {s.key for s in plan.sections} == {"BEL", "DEU", "IRL", "ITA", "NLD", "ESP", "SWE"}


def test_a_body_in_the_report_asked_about_first_is_the_topic(aggregator: Aggregator) -> None:
    # 报告里 names the report as a place: 报告 is no verb of saying, so the OSCE put first is what is asked about
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_87"]
    question = "欧安组织在区域和次区域建立信任措施那份报告里出现过吗？哪几家答复讲到了它？"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.test == "mention"


def test_a_body_named_first_in_the_replies_is_the_topic(aggregator: Aggregator) -> None:
    # "in the replies" says where, as "in the report" does: NATO, put first, is what is asked about
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_87"]
    question = "Does NATO come up anywhere in the replies on confidence-building measures (A/77/87)? Who mentions it?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.test == "mention" and plan.condition.topic == ("NATO",)


def test_the_group_s_organization_named_before_is_not_the_speaker_asked_about(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "wmd_terrorism_2017"]
    question = "ОБСЕ прислала собственный ответ. А какие государства — участники ОБСЕ ответили сами?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.region is not None and "OSCE" not in {s.key for s in plan.sections}


def test_a_name_after_the_cue_in_a_question_on_their_replies_is_not_the_speaker(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    question = "Entre los países con armas nucleares que opinaron, ¿cuáles no nombran nunca al OIEA en su respuesta?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.negated
    assert {s.key for s in plan.sections} <= {"CHN", "GBR", "PAK", "RUS", "USA"}


def test_a_group_with_nothing_asked_of_it_asks_which_of_its_members_replied(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    question = "Parmi les pays qui ont répondu, lesquels sont membres de la Francophonie ?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.test == "replied"
    assert {s.key for s in plan.sections} == {"BEL", "CAN", "CHE", "EGY", "KHM"}


def test_a_name_inside_a_group_is_not_the_speaker_asked_about(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    plan = aggregator.plan(aggregator.retriever.analyze("欧盟成员国中有哪些提到了澳大利亚集团？"), documents)
    assert plan is not None and plan.condition.region is not None and "EU" not in {s.key for s in plan.sections}


@pytest.mark.parametrize(
    ("question", "negated"),
    [
        ("哪些国家没有提到瓦森纳安排？", True),
        ("Quels États ne mentionnent pas le TNP ?", True),
        ("Какие государства не упоминают ДНЯО?", True),
        ("أي الدول لا تذكر معاهدة عدم الانتشار؟", True),
        ("Which states do not support resolution 76/234?", True),
        ("Which states say they do not support the resolution?", False),  # what is said
        ("哪些国家说自己没有大规模毁灭性武器？", False),
        ("Which states mention not only the NPT but also the CTBT?", False),
        ("Which states cannot get computers?", False),  # who says so
        ("哪些国家有没有提到瓦森纳安排？", False),
        ("哪些国家根本没点名任何一个出口管制制度？", True),
        ("哪些国家没引用第1540号决议？", True),
        # "договоры" holds "говор" (speak) but is no verb; "напоминает, что…" is a verb of saying: what is said
        ("Кто из ответивших напоминает, что режимы — это не договоры и обязательств не создают?", False),
        ("Which states recall that the regimes are not treaties?", False),
        # a negation setting some respondents apart is not the one asked: the next one is
        ("Which governments (not counting the international organizations) never cite resolution 1540?", True),
        ("Which governments (not counting the organizations) mention resolution 1540?", False),
    ],
)
def test_a_set_question_asking_for_those_that_do_not(question: str, negated: bool) -> None:
    cue = intent.set_cue(question)
    assert cue is not None and recognition.negated_set(question, cue) is negated, question


@pytest.mark.parametrize(
    ("question", "negated"),
    [
        ("Me interesan las respuestas en español. De ellas, ¿cuáles no hacen ninguna referencia a la 1540?", True),
        ("Me interesan las respuestas en español. De ellas, ¿cuáles hacen referencia a la 1540?", False),
        # far from the cue, in its sentence
        ("De las respuestas enviadas en español al informe sobre la confianza regional, ¿cuáles no dicen nada?", True),
        ("Je regarde les réponses en espagnol. Lesquelles ne font aucune référence à la 1540 ?", True),
        ("哪些答复方其中根本没提《武器贸易条约》？", True),  # 没提: did not mention
    ],
)
def test_the_sentence_after_the_cues_may_ask_which_do_not(question: str, negated: bool) -> None:
    start = next(question.index(w) for w in ("respuestas", "réponses", "答复方") if w in question)  # the cue
    assert recognition.negated_set(question, ("any", start, start + 3)) is negated, question


def test_a_negation_setting_a_stance_aside_is_not_asked() -> None:
    question = "De los cinco miembros permanentes, ¿cuáles están a favor de la resolución 76/234 y no en contra?"
    start = question.index("cuáles")
    assert not recognition.negated_set(question, ("state", start, start + 6))


@pytest.mark.parametrize(
    "question",
    [
        "Among the experts who briefed the Advisory Board in 2020, who spoke about hypersonic weapons?",
        "من بين الخبراء الذين قدّموا إحاطات للمجلس الاستشاري في 2020، من تطرّق إلى الأسلحة الفرط صوتية؟",
        "¿Qué personas pidieron ante la Junta Consultiva prorrogar el Nuevo START?",
        "委员会还请了哪些专家来做简报？",
        "ومن هم الخبراء الذين اقترح المجلس دعوتهم؟",  # who are the experts
        "Who were the experts the Board heard in 2020?",
    ],
)
def test_a_question_asking_which_persons_asks_for_no_respondents(aggregator: Aggregator, question: str) -> None:
    documents = list(aggregator.retriever.documents.values())
    assert aggregator.plan(aggregator.retriever.analyze(question), documents) is None, question


def test_experts_as_a_topic_still_ask_for_respondents(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    plan = aggregator.plan(aggregator.retriever.analyze("Which respondents mention sending experts abroad?"), documents)
    assert plan is not None


@pytest.mark.parametrize(
    ("question", "group"),
    [
        (
            "Among the countries that push back against resolution 76/234, which ones bring up COVID-19?",
            "Among the countries that push back against resolution 76/234",
        ),
        (
            "Parmi les répondants qui se disent pays en développement, lesquels dénoncent les sanctions ?",
            "Parmi les répondants qui se disent pays en développement",
        ),
        (
            "De los países que critican la resolución, ¿cuáles mencionan el clima?",
            "De los países que critican la resolución",
        ),
        (
            "Из стран, которые выступают против резолюции, какие упоминают COVID-19?",
            "Из стран, которые выступают против резолюции",
        ),
        ("من بين الدول التي تعارض القرار، أيها يذكر كوفيد-19؟", "من بين الدول التي تعارض القرار"),
        ("反对该决议的国家中，哪些提到了气候变化？", "反对该决议的国家中"),
        ("Which states oppose resolution 76/234, and which mention COVID-19?", None),
        ("在和平利用国际合作的报告里，哪些国家提到了气候变化？", None),  # where to look, not a group
    ],
)
def test_the_clause_naming_the_group_a_set_question_asks_which_of(question: str, group: str | None) -> None:
    span = recognition.group_clause(question)
    assert (question[span[0] : span[1]] if span else None) == group


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("国际组织的答复中有哪些提到了核安保？", "organization"),
        ("各国政府的答复中有哪些提到了核安保？", "state"),
        ("哪些答复提到了核安保？", "any"),
        ("Which replies mention nuclear security?", "any"),
        # a name reaching into the words before the cue, a kind set aside there: no kind of whose replies
        ("Организация американских государств: кто из ответивших её упоминает?", "any"),
        ("Если брать государства, а не организации: кто из ответивших упоминает МАГАТЭ?", "any"),
        # the group a clause opens with: "Parmi les gouvernements…, qui…"
        ("Parmi les gouvernements ayant répondu en anglais, qui cite le TNP ?", "state"),
        ("Из правительств, приславших ответы на английском языке, кто называет ДНЯО?", "state"),
    ],
)
def test_a_word_right_before_which_replies_says_whose(question: str, kind: str) -> None:
    cue = intent.set_cue(question)
    assert cue is not None
    assert recognition.kind_of_replies(question, cue[1], default_names()) == kind


def test_those_that_replied_to_both_reports_are_asked_of_any_of_their_replies(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id in ("A_77_87", "A_77_96")]
    question = "Of the states that replied to both A/77/87 and A/77/96, which mention unilateral sanctions?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and not plan.condition.every_document
    keys = [{s.key for s in plan.sections if s.doc_id == d.id} for d in documents]
    assert keys[0] == keys[1] and "PAK" in keys[0] and "CHN" not in keys[0]  # China replied to A/77/96 only


def test_a_negation_setting_the_asked_about_apart_does_not_negate() -> None:
    question = "Какие международные организации упоминают МАГАТЭ (не считая ответа самого МАГАТЭ)?"
    cue = intent.set_cue(question)
    assert cue is not None and not recognition.negated_set(question, cue)


def test_an_arabic_group_of_a_region_in_construct() -> None:
    question = "من دول آسيا والمحيط الهادئ التي ترفض فرضية القرار 76/234، أيّها يذكر كوريا الشمالية؟"
    span = recognition.group_clause(question)
    assert span is not None and question[span[0] : span[1]].endswith("76/234")


def test_a_name_after_the_cue_s_own_clause_is_the_topic_not_the_speaker(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    question = "Which governments have come out in support of Kazakhstan's proposed biological safety agency?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None  # not "what does Kazakhstan say": "have" is the governments' auxiliary
    names = aggregator.tables.names
    assert recognition.speaker_asked("Which states does Cuba say are hit?", 0, 12, names, {"CUB"}) == "CUB"


def test_who_a_person_named_is_asks_no_set_of_respondents(aggregator: Aggregator) -> None:
    persons = aggregator.tables.persons
    cue = ("any", 0, 3)
    assert recognition.asks_of_persons("Кто такой Антон Хлопков и что он предлагал?", cue, persons)
    assert not recognition.asks_of_persons("Кто упоминает МАГАТЭ?", cue, persons)


def test_a_group_named_by_endorsing_a_reply_is_asked_the_rest(aggregator: Aggregator) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_96"]
    question = "Which EU member states that endorsed the EU joint reply also mention the IAEA technical cooperation?"
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.test == "mention"
    assert plan.condition.within is not None and plan.condition.within.test == "endorse"
