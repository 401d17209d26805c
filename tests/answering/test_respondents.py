"""Set questions checked on every reply: plans, conditions and findings on the bundled corpus."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from rag.answering.forms import FormReading
from rag.answering.respondents import Aggregator
from rag.answering.scope import respondent_sections
from rag.core.settings import Settings
from rag.core.text import fold
from rag.lang import intent, stance_words
from rag.retrieval.scope import question_scope
from rag.retrieval.service import Service
from tests.support.sets import plan_and_check

OPPOSERS = {"AUS", "BEL", "CAN", "DEU", "IRL", "ITA", "NLD", "NZL", "NOR", "KOR", "SWE", "CHE", "GBR"}
ORGANIZATIONS_2017 = {"CSTO", "CIS", "EAC", "EU", "IAEA", "ICAO", "IMO", "INTERPOL", "NATO", "OSCE", "SCO"}
NOT_OPPOSING = {"CHN", "RUS", "PAK", "KHM", "SAU", "CUB", "VEN", "NIC", "EGY", "BLR", "KEN", "PHL", "MYS", "MEX"}


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


@pytest.fixture(scope="module")
def aggregator(service: Service) -> Aggregator:
    return Aggregator(service.retriever)


def test_sections_follow_the_replies(service: Service) -> None:
    sections = respondent_sections(service.retriever.passages)
    keys = [s.key for s in sections["A_77_96"]]
    assert len(keys) == len(set(keys)) == 33  # 32 states and the European Union
    assert all(
        service.index.passages[p].respondent.id == "NOR"
        for s in sections["A_77_96"]
        if s.key == "NOR"
        for p in s.positions
    )


@pytest.mark.parametrize(
    "question",
    [
        "Which states oppose resolution 76/234?",
        "哪些国家反对第76/234号决议？",
        "Quels États s'opposent à la résolution 76/234 ?",
        "¿Qué Estados se oponen a la resolución 76/234?",
        "Какие государства выступают против резолюции 76/234?",
    ],
)
def test_states_opposing_a_resolution(service: Service, aggregator: Aggregator, question: str) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "oppose" and plan.condition.resolution == "76/234"
    assert set(found) >= OPPOSERS
    assert not set(found) & NOT_OPPOSING
    assert "EU" not in found  # an organization, and the question asks for states
    for key, finding in found.items():
        passage = service.index.passages[finding.position]
        assert passage.respondent.id == key
        quote = passage.text[finding.quote[0] : finding.quote[1]]
        # the resolution named, or the restrictions its request calls excessive denied ("没有一个…报告指出…过度限制")
        assert quote and ("76/234" in quote or "决议" in quote or stance_words.names_a_grievance(quote))


def test_sponsors(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(
        service, aggregator, "¿Qué Estados dicen en su respuesta haber presentado o copatrocinado la resolución 76/234?"
    )
    assert plan.condition.test == "sponsor" and set(found) == {"KHM", "PAK"}
    # "co-sponsored" is one of the glossary's forms of the sponsors' term: the stance word inflected, not a name
    plan, found = plan_and_check(service, aggregator, "Which states say they co-sponsored resolution 76/234?")
    assert plan.condition.test == "sponsor" and set(found) == {"KHM", "PAK"}


def test_both_reports_said_before_which_is_where_to_look_and_after_it_asks_it_of_each(
    service: Service, aggregator: Aggregator
) -> None:
    _, found = plan_and_check(
        service,
        aggregator,
        "Looking at both the 2017 report on terrorists and WMD and the 2022 report on peaceful uses (A/77/96), which"
        " replies bring up Security Council resolution 1887 (2009)?",
    )
    assert set(found) == {"KEN", "EU"}  # one in each report
    _, found = plan_and_check(
        service, aggregator, "Which replies bring up resolution 1887 (2009) in both the 2017 report and A/77/96?"
    )
    assert not found


def test_support_said_of_another_named_body_is_no_stance_but_a_subjects_is(
    service: Service, aggregator: Aggregator
) -> None:
    documents = list(service.retriever.documents.values())
    centre = service.retriever.analyze("哪些答复方提到支持禁化武组织的化学和技术中心？")
    assert aggregator.stance_asked(centre, documents) is None  # the OPCW is what is supported
    plan, _ = plan_and_check(service, aggregator, "哪些答复方提到支持禁化武组织的化学和技术中心？")
    assert plan.condition.test == "mention"
    saudi = service.retriever.analyze("¿Apoya Arabia Saudita la resolución 76/234?")
    assert aggregator.stance_asked(saudi, documents, subject="SAU") == ("support", "76/234")  # who supports


@pytest.mark.parametrize(
    "question",
    [
        "In the replies on peaceful uses and export controls (resolution 76/234), which countries mention having "
        "chaired the Nuclear Suppliers Group?",
        "Dans les réponses sur la résolution 76/234, quels pays disent avoir présidé le Groupe des fournisseurs "
        "nucléaires ?",
        "Какие государства заявляют, что председательствовали в Группе ядерных поставщиков?",
        "Which states say they have chaired the Nuclear Suppliers Group?",
        "En las respuestas sobre la resolución 76/234, ¿qué países cuentan que han presidido el Grupo de "
        "Suministradores Nucleares?",
    ],
)
def test_having_done_something_is_said_of_the_respondent_itself(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    # Australia chairs the Australia Group and names the NSG elsewhere in its reply: not a sentence saying it
    # chaired the NSG. "export controls" describes the replies, not what they say.
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.about_self and len(plan.condition.topic) == 2
    assert set(found) == {"BEL", "KOR"}


def test_a_chinese_phrase_is_found_where_the_pdf_spaced_its_digits(service: Service, aggregator: Aggregator) -> None:
    # Mexico's sentence reads "担任安全理事会第 1540(2004)号决议所设委员会主席职务", with blanks around the number.
    plan, found = plan_and_check(service, aggregator, "在和平利用国际合作报告里，哪些国家说自己当过1540委员会主席？")
    assert plan.condition.about_self and set(found) == {"KOR", "MEX"}


@pytest.mark.parametrize(
    "question",
    [
        "Which governments replying in 2017 state that they have no weapons of mass destruction?",
        "Quels États déclarent ne pas posséder d'armes de destruction massive dans leurs réponses de 2017 ?",
        "Какие государства в ответах 2017 года заявляют, что не обладают оружием массового уничтожения?",
        "Кто из государств, ответивших в 2017 году, пишет, что у него самого оружия массового уничтожения нет?",
        "2017年的答复中，哪些国家说本国不拥有大规模毁灭性武器？",
        "ما الدول التي أكدت في ردودها لعام 2017 أنها ليست لديها أسلحة دمار شامل؟",
    ],
)
def test_saying_it_has_none_is_said_right_after_the_respondents_own_name(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    # Cuba "没有也不打算拥有", Jordan "是无大规模毁灭性武器国家", Lebanon "不拥有": WMD is the report's own title, and
    # still what they say they lack; the zone free of WMD that Jordan and Lebanon call for is no such statement.
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "lacks" and plan.condition.topic
    assert set(found) == {"CUB", "JOR", "LBN"}
    for finding in found.values():
        quote = service.index.passages[finding.position].text[finding.quote[0] : finding.quote[1]]
        assert intent.LACKS.search(quote) and "大规模毁灭性武器" in quote


def test_having_none_of_what_no_reply_lacks_lists_nobody(service: Service, aggregator: Aggregator) -> None:
    question = "Which states in the 2017 replies say they do not have nuclear weapons?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "lacks" and found == {}


@pytest.mark.parametrize(
    "question",
    [
        "Which states replying on resolution 76/234 present themselves as victims of unilateral sanctions or "
        "blockades?",
        "En las respuestas sobre la resolución 76/234, ¿qué países dicen sufrir sanciones o bloqueos unilaterales?",
        "Dans les réponses sur la résolution 76/234, quels pays se disent victimes de sanctions unilatérales ?",
        "在第76/234号决议的答复中，哪些国家说自己遭受单边制裁或封锁？",
    ],
)
def test_being_hit_by_something_is_said_of_the_respondents_own_name(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    # "对古巴实施的封锁", "单方面的限制和制裁使阿拉伯叙利亚共和国无法获得", "中国也是个别国家错误做法的受害者",
    # "我国一直是此类措施的受害者" (Venezuela); Belarus, Nicaragua, Pakistan and Russia condemn sanctions without
    # saying they suffer them. Only a blockade is what Cuba says it suffers: a question on sanctions alone may leave it
    # out.
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.affected and not any(fold(t) in ("victims", "victimes") for t in plan.condition.topic)
    assert {"CHN", "SYR", "VEN"} <= set(found) <= {"CHN", "CUB", "SYR", "VEN"}
    assert "CUB" in found or "封锁" not in str(plan.condition.topic_variants)


def test_reply_language(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(
        service, aggregator, "Какие государства-члены направили свои мнения по резолюции 76/234 на русском языке?"
    )
    assert plan.condition.test == "language" and set(found) == {"BLR", "RUS"}


@pytest.mark.parametrize(
    "question",
    [
        "Of the replies on resolution 76/234 written in Russian or Arabic, which mention unilateral sanctions?",
        "Из ответов по резолюции 76/234, присланных на русском или арабском языке, в каких упомянуты односторонние "
        "санкции?",
        "在就第76/234号决议以俄文或阿拉伯文提交的答复中，哪些提到了单方面制裁？",
    ],
)
def test_a_reply_language_with_a_topic_asks_the_topic_of_those_replies(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and set(plan.condition.languages) == {"ru", "ar"}, question
    assert all({"ru", "ar"} & set(s.respondent.written_in) for s in plan.sections), question
    assert set(found) == {"RUS", "SYR"}, question
    _, all_languages = plan_and_check(
        service, aggregator, "Which replies on resolution 76/234 mention unilateral sanctions?"
    )
    assert {"CHN", "PAK", "RUS", "SYR"} <= set(all_languages)


@pytest.mark.parametrize(
    "question",
    [
        "区域和次区域建立信任措施的报告（A/77/87），答复原件是西班牙文的有几个，分别是谁？",
        "A/77/87 的答复中，原件是西班牙文的有哪些？",
    ],
)
def test_a_reply_language_asked_which_or_how_many_asks_for_the_respondents(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    # no word for states or respondents: the reply language is what makes it a set question
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "language" and set(found) == {"CUB", "HND", "MEX", "ESP"}


@pytest.mark.parametrize(
    "question, document, expected",
    [
        (
            "关于区域和次区域建立信任措施的秘书长报告（A/77/87）收到了哪些国家政府的答复？",
            "A_77_87",
            {"BFA", "CUB", "HND", "MEX", "PAK", "ESP"},
        ),
        (
            "Which international organizations replied on measures to prevent terrorists from acquiring weapons "
            "of mass destruction?",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
        # the organ beside the report's own resolution names its mandate, not a topic
        ("Which organizations replied to General Assembly resolution 71/38?", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        (
            "Quelles organisations ont répondu au sujet de la résolution 71/38 de l'Assemblée générale ?",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
        ("列出对大会第71/38号决议作出答复的国际组织。", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        # "international and regional organizations", and the organizations put first, asked after
        (
            "防止恐怖分子获取大规模毁灭性武器的报告中，哪些国际和区域组织作了答复？",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
        ("给2017年大规模毁灭性武器报告提供材料的国际组织有哪些？", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        ("哪些国际组织就71/38号决议向秘书长提交了资料？", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        # what a reply holds ("information", "contributions", "input") and how it is sent ("fed into") are no topic
        (
            "¿Qué organismos internacionales aportaron información al informe de 2017 sobre terrorismo y armas de "
            "destrucción masiva?",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
        (
            "Citez les organisations ayant transmis des informations en application de la résolution 71/38.",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
        (
            "Which bodies other than states fed into the 2017 WMD terrorism report?",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
        ("أي الهيئات الدولية أرسلت مساهمات للأمين العام بشأن القرار 71/38؟", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        ("اذكر المنظمات التي استجابت لطلب الأمين العام في تقرير 2017.", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        # a reply handed in, in everyday words
        ("2017年那份报告，一共有几个国际组织交了答复？分别是哪些？", "wmd_terrorism_2017", ORGANIZATIONS_2017),
        # the report's subject in two phrases joined by و
        (
            "ما المنظمات الدولية التي قدمت ردودا على تقرير عام 2017 بشأن أسلحة الدمار الشامل والإرهاب؟",
            "wmd_terrorism_2017",
            ORGANIZATIONS_2017,
        ),
    ],
)
def test_who_replied(
    service: Service, aggregator: Aggregator, question: str, document: str, expected: set[str]
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied"
    assert [d.id for d in plan.documents] == [document]
    assert set(found) == expected


def test_those_who_replied_asked_what_they_mention_are_no_question_on_replying(
    service: Service, aggregator: Aggregator
) -> None:
    # "who among those who replied to the report on peaceful uses touches on authoritarianism?": not all who replied
    question = "Кто из ответивших на доклад о мирном использовании затрагивает тему авторитаризма?"
    plan, _ = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and plan.condition.untranslated
    # "did any respondent say it publishes reports monthly? which?": what they say, though none of it is read
    question = "2017年那份报告中，有没有答复方说自己按月发布报告？是哪些？"
    plan, _ = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and plan.condition.untranslated


def test_a_quoted_word_with_no_rendering_is_marked(service: Service, aggregator: Aggregator) -> None:
    # the export controls every reply speaks of are not what is asked: the word quoted is
    question = 'Which replies on resolution 76/234 call export control arrangements "zorblats"?'
    plan, _ = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and "zorblats" in plan.condition.unread and plan.condition.quoted_unread
    question = "Which replies on resolution 76/234 call export control arrangements zorblats?"
    assert not plan_and_check(service, aggregator, question)[0].condition.quoted_unread


def test_which_are_members_asks_what_replies_say_of_themselves(service: Service, aggregator: Aggregator) -> None:
    # Pakistan speaks of the NSG's 2008 exemption; Spain and Mexico say they joined it
    plan, found = plan_and_check(
        service, aggregator, "Which states in A/77/96 are members of the Nuclear Suppliers Group?"
    )
    assert plan.condition.about_self and "PAK" not in found and "MEX" in found


def test_topic_mentions_need_the_phrase(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(
        service,
        aggregator,
        "Which respondents refer by name to the Sustained Dialogue on Peaceful Uses in their replies on promoting "
        "international cooperation on peaceful uses?",
    )
    assert plan.condition.test == "mention"
    assert set(found) == {"CAN", "KOR", "SWE", "GBR", "USA"}
    for finding in found.values():
        text = service.index.passages[finding.position].text
        assert "持续对话" in text[finding.quote[0] : finding.quote[1]]


def test_a_zh_topic_question(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(service, aggregator, "哪些国家在答复中提到了瓦森纳安排？")
    assert plan.condition.test == "mention" and found
    for finding in found.values():
        assert "瓦森纳安排" in service.index.passages[finding.position].text


def test_a_word_comparing_with_what_came_before_is_no_topic(service: Service, aggregator: Aggregator) -> None:
    for question, topic in [
        ("还有哪些国家也提到了类似的瓦森纳安排？", "瓦森纳安排"),  # similar
        ("Which other states mention similar export controls?", "export controls"),
    ]:
        plan, _ = plan_and_check(service, aggregator, question)
        assert plan.condition.topic == (topic,), question


def test_questions_about_one_respondent_are_not_set_questions(service: Service, aggregator: Aggregator) -> None:
    result = service.retriever.search("Which states does Cuba say impose unilateral measures?", 20)
    assert aggregator.plan(result.analysis, list(service.index.documents.values())) is None


def test_a_quoted_phrase_is_the_topic_and_the_questions_own_wording_is_not(
    service: Service, aggregator: Aggregator
) -> None:
    # "讲到" (talk about) is in no report: it is how the question is worded, not what the replies must say.
    plan, found = plan_and_check(service, aggregator, "哪些国家在答复里讲到了《武器贸易条约》？")
    assert plan.condition.test == "mention" and plan.condition.topic == ("武器贸易条约",)
    assert found
    for finding in found.values():
        assert "武器贸易条约" in "".join(service.index.passages[finding.position].text.split())


def test_support_stated_without_the_symbol_counts_in_the_resolutions_own_report(
    service: Service, aggregator: Aggregator
) -> None:
    plan, found = plan_and_check(service, aggregator, "Which states support resolution 76/234?")
    assert plan.condition.test == "support"
    assert not set(found) & OPPOSERS
    quotes = [service.index.passages[f.position].text[f.quote[0] : f.quote[1]] for f in found.values()]
    # In the report on 76/234, "the resolution" is 76/234 until a reply names another one.
    assert any("76/234" not in quote for quote in quotes), quotes
    # Support of the concerns the request names: those complaining of the restrictions it calls excessive
    # ("革除不合理的限制", "取消单方面强制性措施"), without naming the resolution.
    assert {"CHN", "CUB", "MYS", "NIC", "SYR", "BLR"} <= set(found)


def test_denying_the_restrictions_the_request_names_is_opposition(service: Service, aggregator: Aggregator) -> None:
    _, found = plan_and_check(service, aggregator, "Which states oppose resolution 76/234?")
    # "没有一个相关国际机构的报告指出…受到过度限制", "任何公正的观察者都不会说…导致了任何过度限制"
    assert "ESP" in found
    _, elsewhere = plan_and_check(service, aggregator, "Which states support resolution 76/43?")
    assert not {"CUB", "BLR", "NIC"} & set(elsewhere)  # another report's request names no such restrictions


def test_a_state_a_set_question_names_after_its_cue_is_its_topic(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(service, aggregator, "Which states mention the European Union?")
    assert plan.condition.test == "mention" and "EU" not in found
    result = service.retriever.search("日本提到了哪些国家？", 20)  # Japan is the subject: its own reply answers
    assert aggregator.plan(result.analysis, list(service.index.documents.values())) is None


def test_a_region_limits_the_respondents(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(service, aggregator, "¿Qué países latinoamericanos respondieron al informe A/77/96?")
    assert plan.condition.test == "replied" and plan.condition.region
    assert plan.condition.region_words == ("latinoamericanos",)
    assert set(found) and set(found) <= plan.condition.region and set(found) <= {s.key for s in plan.sections}
    _, everyone = plan_and_check(service, aggregator, "¿Qué países respondieron al informe A/77/96?")
    assert set(found) < set(everyone)


def test_a_group_by_membership_limits_the_respondents_to_its_members_of_the_reports_year(
    service: Service, aggregator: Aggregator
) -> None:
    plan, found = plan_and_check(service, aggregator, "Which SCO member states replied on resolution 76/234?")
    assert plan.condition.test == "replied" and set(found) and set(found) <= plan.condition.region
    # Belarus replied, and joined the SCO in 2024: not a member in the 2022 report's year.
    assert "BLR" in plan.condition.region and "BLR" not in found
    _, everyone = plan_and_check(service, aggregator, "Which states replied on resolution 76/234?")
    assert "BLR" in everyone


def test_the_organization_its_members_point_back_to_is_no_topic(service: Service, aggregator: Aggregator) -> None:
    question = "The CSTO replied in 2017 as an organization. Which of its member states replied on resolution 76/234?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied" and not plan.condition.topic
    assert set(found) and set(found) <= plan.condition.region


def test_a_set_question_asking_who_gives_a_year_wants_it_beside_the_topic(
    service: Service, aggregator: Aggregator
) -> None:
    question = "Which replies on peaceful uses (resolution 76/234) say in what year the Australia Group was founded?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.needs_date and set(found) == {"AUS", "ESP", "USA"}
    for finding in found.values():  # the quote gives the year
        text = service.index.passages[finding.position].text
        assert re.search(r"19[89]\d", text[finding.quote[0] : finding.quote[1]])
    _, naming = plan_and_check(service, aggregator, "Which replies on resolution 76/234 mention the Australia Group?")
    assert set(found) < set(naming)


@pytest.mark.parametrize(
    "question",
    [
        "Which international organizations sent their replies to the 2017 report before May 2017?",
        "2017年5月之前向2017年报告提交答复的国际组织有哪些？",
        "في تقرير 2017، أيّ المنظمات الدولية أرسلت ردّها قبل أيار/مايو 2017؟",
    ],
)
def test_reply_dates_limit_the_respondents(service: Service, aggregator: Aggregator, question: str) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied" and plan.condition.dated is not None, question
    dates = {s.key: service.index.passages[s.positions[0]].respondent.date for s in plan.sections}
    assert set(found) == set(dates) and all(d and d < "2017-05-01" for d in dates.values()), question
    assert set(found) and set(found) < ORGANIZATIONS_2017, question
    replies = plan_and_check(service, aggregator, "Which replies are dated 31 May 2022?")[1]
    assert {"MEX", "ESP", "EU"} <= set(replies) and not {"CHN", "NIC"} & set(replies)


def test_respondents_of_both_reports(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(service, aggregator, "Which states replied to both A/77/87 and A/77/96?")
    assert plan.condition.test == "replied" and plan.condition.every_document
    assert {d.symbol for d in plan.documents} == {"A/77/87", "A/77/96"}
    _, either = plan_and_check(service, aggregator, "Which states replied to A/77/87 or A/77/96?")
    in_87 = {s.key for s in plan.sections if s.doc_id == "A_77_87"}
    in_96 = {s.key for s in plan.sections if s.doc_id == "A_77_96"}
    assert set(found) == in_87 & in_96 and set(found) < set(either)


@pytest.mark.parametrize(
    ("question", "replied", "not_replied"),
    [
        ("Which states that replied to A/77/87 did not reply to A/77/96?", "A_77_87", "A_77_96"),
        (
            "De los gobiernos que contestaron sobre las medidas de confianza (A/77/87), ¿cuáles no mandaron respuesta "
            "para el informe sobre usos pacíficos (A/77/96)?",
            "A_77_87",
            "A_77_96",
        ),
    ],
)
def test_respondents_of_one_report_and_not_the_other(
    service: Service, aggregator: Aggregator, question: str, replied: str, not_replied: str
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied" and plan.condition.absent_from == (not_replied,)
    in_one = {s.key for s in plan.sections if s.doc_id == replied}
    in_other = {s.key for s in plan.sections if s.doc_id == not_replied}
    assert found and set(found) == in_one - in_other


def test_a_report_described_beside_one_named_is_in_scope(service: Service, aggregator: Aggregator) -> None:
    result = service.retriever.search("哪些答复方既回应了2017年的报告，又回应了A/77/96？", 20)
    scope = question_scope(result.analysis, result.hits, list(service.index.documents.values()))
    assert scope.explicit and {d.id for d in scope.documents} == {"A_77_96", "wmd_terrorism_2017"}


def test_words_describing_the_report_do_not_make_a_topic(service: Service, aggregator: Aggregator) -> None:
    question = "Which organizations sent replies for the 2017 report on keeping WMD out of terrorists' hands?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied" and len(found) == len(plan.sections) > 3


def test_a_sponsor_supports_the_resolution(service: Service, aggregator: Aggregator) -> None:
    _, sponsors = plan_and_check(service, aggregator, "Which states sponsored resolution 76/234?")
    plan, supporters = plan_and_check(service, aggregator, "Which states welcomed resolution 76/234?")
    assert plan.condition.test == "support" and sponsors and set(sponsors) <= set(supporters)
    assert not set(supporters) & OPPOSERS


def test_a_report_without_replies_has_no_one_to_list(service: Service, aggregator: Aggregator) -> None:
    board = service.retriever.documents["advisory_board_2020"]
    analysis = service.retriever.analyze("Which states sent replies for the report on the Advisory Board's work?")
    plan = aggregator.plan(analysis, [board])
    assert plan is not None and plan.sections == () and plan.condition.test == "replied"
    assert aggregator.plan(service.retriever.analyze("Which states mention hypersonic weapons?"), [board]) is None


def test_a_reply_does_not_mention_its_own_author(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(service, aggregator, "In the 2017 replies, who mentions the United States?")
    assert [d.id for d in plan.documents] == ["wmd_terrorism_2017"]
    assert found and "USA" not in found


def test_both_said_of_reports_or_of_a_topics_phrases(service: Service, aggregator: Aggregator) -> None:
    for question in ("哪些国家同时答复了A/77/96和A/77/87？", "Which states replied to both A/77/96 and A/77/87?"):
        plan, found = plan_and_check(service, aggregator, question)
        assert plan.condition.every_document and set(found) == {"CUB", "ESP", "MEX", "PAK"}, question
    question = "¿Qué Estados mencionan tanto el Grupo de Australia como el Arreglo de Wassenaar?"
    plan, found = plan_and_check(service, aggregator, question)
    assert not plan.condition.every_document and len(plan.condition.topic_variants) == 2 and len(found) > 5


class _Reading:
    """A stand-in for the meaning of questions (rag.answering.forms), as a real model would read them."""

    def __init__(self, set_probability: float, replied_probability: float = 0.1) -> None:
        self.reading = FormReading(set_probability, replied_probability)

    def read(self, question: str) -> FormReading:
        return self.reading


def _plan(service: Service, aggregator: Aggregator, question: str):  # type: ignore[no-untyped-def]
    result = service.retriever.search(question, 20)
    scope = question_scope(result.analysis, result.hits, list(service.index.documents.values()))
    return aggregator.plan(result.analysis, scope.or_every(list(service.index.documents.values())))


def test_a_set_question_no_cue_knows_is_planned_by_its_meaning(service: Service) -> None:
    question = "Enumerate the international organizations that mentioned the Australia Group in the 2017 replies."
    aggregator = Aggregator(service.retriever)
    assert intent.set_cue(question) is None
    assert _plan(service, aggregator, question) is None  # without a model (lexical index): as before
    aggregator.forms = _Reading(0.95)  # type: ignore[assignment]
    plan = _plan(service, aggregator, question)
    assert plan is not None and plan.condition.kind == "organization" and plan.condition.test == "mention"
    assert all(s.respondent.kind == "organization" for s in plan.sections)
    aggregator.forms = _Reading(0.6)  # type: ignore[assignment]
    assert _plan(service, aggregator, question) is None  # not likely enough


def test_meaning_does_not_make_a_question_naming_a_respondent_a_set_question(service: Service) -> None:
    aggregator = Aggregator(service.retriever)
    aggregator.forms = _Reading(0.99)  # type: ignore[assignment]
    assert _plan(service, aggregator, "Enumerate the treaties Japan's reply names.") is None
    assert _plan(service, aggregator, "Enumerate the meetings held in Geneva in 2017.") is None  # no respondents


def test_a_set_question_that_reads_as_who_replied_lists_who_replied(service: Service) -> None:
    aggregator = Aggregator(service.retriever)
    question = "哪些国际组织为2017年的报告寄来了鸿雁？"  # words no document holds
    plan = _plan(service, aggregator, question)
    assert plan is not None and plan.condition.untranslated  # answered from the best passages, as before
    aggregator.forms = _Reading(0.9, replied_probability=0.8)  # type: ignore[assignment]
    plan = _plan(service, aggregator, question)
    assert plan is not None and plan.condition.test == "replied" and plan.sections


def test_a_respondent_set_apart_is_neither_the_topic_nor_in_the_answer(
    service: Service, aggregator: Aggregator
) -> None:
    plan, found = plan_and_check(service, aggregator, "In A/77/87, besides Mexico, which states mention the OAS?")
    assert "MEX" not in {s.key for s in plan.sections} and "MEX" not in found
    assert not any("Mexico" in t or "墨西哥" in t for t in plan.condition.topic)


def test_all_three_reports_asks_for_those_in_each(service: Service, aggregator: Aggregator) -> None:
    plan = _plan(service, aggregator, "Which respondents replied to all three reports?")
    assert plan is not None and plan.condition.every_document and len(plan.documents) == 3
    assert {f.section.key for f in aggregator.check(plan)} == {"CUB", "MEX", "ESP", "EU"}


@pytest.mark.parametrize(
    "question",
    [
        "Which respondents replied to more than one of the reports?",
        "¿Quiénes contestaron a más de una consulta?",
        "哪些答复方答复了不止一份报告？",
        "Quels répondants ont répondu à plus d'une consultation ?",
    ],
)
def test_more_than_one_report_asks_for_those_in_two_or_more(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    plan = _plan(service, aggregator, question)
    assert plan is not None and plan.condition.several_documents and not plan.condition.every_document
    found = {f.section.key for f in aggregator.check(plan)}
    in_each = {
        f.section.key
        for f in aggregator.check(
            replace(plan, condition=replace(plan.condition, every_document=True, several_documents=False))
        )
    }
    assert in_each < found and {"PAK", "NOR"} <= found  # Pakistan and Norway replied to two of the three


def test_a_stance_word_inside_a_name_is_no_stance(service: Service, aggregator: Aggregator) -> None:
    question = (
        "Which states mention the Hague Code of Conduct against Ballistic Missile Proliferation in their replies on "
        "resolution 76/234?"
    )
    plan, _ = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention"
    plan, _ = plan_and_check(service, aggregator, "Which states voted against resolution 76/234?")
    assert plan.condition.test == "oppose"


def test_a_set_question_asking_for_a_figure_keeps_replies_that_give_one(
    service: Service, aggregator: Aggregator
) -> None:
    strict = _plan(service, aggregator, "Which states give figures on the IAEA's technical cooperation?")
    loose = _plan(service, aggregator, "Which states mention the IAEA's technical cooperation?")
    assert strict is not None and loose is not None
    assert strict.condition.needs_figure and not loose.condition.needs_figure
    found = aggregator.check(strict)
    assert found and {f.section.key for f in found} < {f.section.key for f in aggregator.check(loose)}
    assert all(intent.has_figure(service.retriever.passages[f.position].text) for f in found)


def test_a_set_question_asking_for_percentages_keeps_replies_that_give_one_beside_the_topic(
    service: Service, aggregator: Aggregator
) -> None:
    question = "In the replies on resolution 76/234, who gives percentages on export controls?"
    plan = _plan(service, aggregator, question)
    assert plan is not None and plan.condition.needs_figure == "share"
    assert "percentages" not in plan.condition.unread  # checked as the figure, not a word left unread
    found = aggregator.check(plan)
    assert found
    assert all(intent.PERCENT.search(service.retriever.passages[f.position].text) for f in found)


@pytest.mark.parametrize(
    "question",
    [
        "Which other respondents does the United States name in its reply on resolution 76/234?",
        "Dans leur réponse sur la résolution 76/234, quels autres répondants les États-Unis citent-ils nommément ?",
    ],
)
def test_the_other_respondents_a_reply_names_are_read_from_that_reply(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "named_by" and plan.condition.target == "USA"
    assert "USA" not in found and found
    passages = service.retriever.passages
    assert all(passages[f.position].respondent.id == "USA" for f in found.values())  # quoted from its reply


def test_a_verb_before_the_reply_of_the_one_named_says_whose_reply_names_them(
    service: Service, aggregator: Aggregator
) -> None:
    question = "ما الجهات المجيبة الأخرى التي يذكرها رد المملكة المتحدة بشأن القرار 76/234؟"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "named_by" and plan.condition.target == "GBR"
    assert "GBR" not in found and "SYR" in found


def test_a_pronoun_for_the_respondent_named_before_says_whose_reply_names_them(
    service: Service, aggregator: Aggregator
) -> None:
    question = "古巴在关于第76/234号决议的答复里大谈封锁的影响。它点名提到的国家里，有哪些自己也给这份报告交了答复？"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "named_by" and plan.condition.target == "CUB"
    assert "USA" in found and "CUB" not in found


def test_those_one_reply_names_asked_of_another_report(service: Service, aggregator: Aggregator) -> None:
    question = "Which of the countries Spain names in its reply to A/77/87 also sent a reply to A/77/96?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "named_by" and plan.condition.target == "ESP"
    assert [d.symbol for d in plan.documents] == ["A/77/96"] and plan.condition.read_in == ("A_77_87",)
    assert {"RUS", "BLR", "JPN"} <= set(found) and "ESP" not in found  # named in its A/77/87 reply
    passages = service.retriever.passages
    assert all(passages[f.position].doc_id == "A_77_87" for f in found.values())


def test_other_respondents_mentioning_a_state_are_not_those_it_names(service: Service, aggregator: Aggregator) -> None:
    question = "Which other respondents mention the United States in their replies on resolution 76/234?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and "CUB" in found


def test_a_respondent_put_first_as_the_topic_is_not_the_speaker(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(
        service, aggregator, "The IAEA Technical Cooperation Fund: which respondents to A/77/96 mention it?"
    )
    assert plan.condition.test == "mention" and {"EGY", "ITA", "USA"} <= set(found)


def test_a_respondent_speaking_in_a_sentence_before_the_question_is_its_speaker(
    service: Service, aggregator: Aggregator
) -> None:
    question = "Kazakhstan proposes in its reply on 76/234 a new international agency. Who proposed it, and why?"
    analysis = service.retriever.analyze(question)
    assert aggregator.plan(analysis, list(service.retriever.documents.values())) is None


def test_a_question_on_a_named_respondents_own_reply_is_no_set_question(
    service: Service, aggregator: Aggregator
) -> None:
    question = (
        "How much technical assistance has Russia given other countries, and which countries got it, according to "
        "its reply on resolution 76/234?"
    )
    assert aggregator.plan(service.retriever.analyze(question), list(service.retriever.documents.values())) is None
    # Without "its reply", Russia put first is the topic, as above.
    topic = "Russia's technical assistance: which countries mention it in their replies on resolution 76/234?"
    assert aggregator.plan(service.retriever.analyze(topic), list(service.retriever.documents.values())) is not None


def test_the_comprehensive_reviews_of_resolution_1540_are_one_term(service: Service, aggregator: Aggregator) -> None:
    # "الاستعراضات الشاملة" (comprehensive reviews) had only its first word, "reviews", rendered: 12 replies listed
    question = (
        "من بين المجيبين على القرار 76/234، من يحتجّ بأن الاستعراضات الشاملة لقرار مجلس الأمن 1540 لم تجد أي "
        "«قيود مفرطة» ناجمة عن ضوابط التصدير؟"
    )
    _, found = plan_and_check(service, aggregator, question)
    assert set(found) == {"CAN", "USA", "EU"}


@pytest.mark.parametrize(
    "question",
    [
        "Which states say they voted against resolution 76/234?",
        "À part l'Australie, quels pays disent avoir voté contre la résolution 76/234 ?",
        "Какие государства говорят, что голосовали против резолюции 76/234?",
        "哪些国家说自己对第76/234号决议投了反对票？",
    ],
)
def test_saying_how_one_voted_is_not_opposing(service: Service, aggregator: Aggregator, question: str) -> None:
    # Only Australia says how it voted ("对该决议投了反对票"); Norway endorses the EU's explanation of vote and the
    # United Kingdom says what most states did: neither says it voted against.
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "oppose" and plan.condition.vote
    assert set(found) == (set() if "Australie" in question else {"AUS"})  # the French one sets Australia apart
    _, opposing = plan_and_check(service, aggregator, "Which states oppose resolution 76/234?")
    assert set(opposing) >= OPPOSERS  # without a vote asked about, the stance is what counts


@pytest.mark.parametrize(
    "question",
    [
        "Parmi les États qui ont répondu au rapport A/77/87, lesquels ont aussi répondu au rapport A/77/96 ?",
        "Which states replied to A/77/87 and also replied to A/77/96?",
        "¿Qué Estados respondieron a los dos informes, A/77/87 y A/77/96?",
    ],
)
def test_also_replied_asks_for_those_in_each_report(service: Service, aggregator: Aggregator, question: str) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied" and plan.condition.every_document
    in_87 = {s.key for s in plan.sections if s.doc_id == "A_77_87"}
    in_96 = {s.key for s in plan.sections if s.doc_id == "A_77_96"}
    assert set(found) == in_87 & in_96 and "PAK" in found and "AUS" not in found


@pytest.mark.parametrize(
    "question",
    [
        "Besides Mexico, which other country mentions the zone of peace?",
        "Además de México, ¿qué otro país menciona la zona de paz?",
        "Mexico speaks of the zone of peace in its reply. Besides Mexico, which other country mentions it?",
    ],
)
def test_which_other_in_the_singular_after_setting_one_apart_is_a_set_question(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    plan = _plan(service, aggregator, question)
    assert plan is not None
    found = {f.section.key for f in aggregator.check(plan)}
    assert "MEX" not in found and "CUB" in found  # "拉丁美洲和加勒比地区宣布建立和平区" (Cuba)
    assert _plan(service, aggregator, "Besides Mexico, what does Cuba say about the zone of peace?") is None


def test_a_claim_with_nothing_else_named_is_its_own_topic(service: Service, aggregator: Aggregator) -> None:
    # "Which respondents present themselves as victims?" names no topic but the claim: not everyone who replied.
    plan = _plan(service, aggregator, "Which respondents present themselves as victims?")
    assert plan is not None and plan.condition.test == "mention" and plan.condition.affected
    found = {f.section.key for f in aggregator.check(plan)}
    # "中国也是…受害者", "我国一直是此类措施的受害者", "作为恐怖主义行为和化学武器的受害者，伊朗…"
    assert {"CHN", "VEN", "IRN"} <= set(found) and len(found) <= 5


def test_a_word_no_reply_holds_counts_against_a_phrase_in_latin_letters(
    service: Service, aggregator: Aggregator
) -> None:
    # Of "International Convention for the Suppression of Acts of Nuclear Terrorism" the organizations' replies hold
    # only "International" (in their English names): that does not name the convention. The states that name it in
    # Chinese (《制止核恐怖主义行为国际公约》) and the CIS are found.
    question = (
        "Convenio Internacional para la Represión de los Actos de Terrorismo Nuclear: "
        "¿quiénes lo mencionan en el informe de 2017?"
    )
    plan = _plan(service, aggregator, question)
    assert plan is not None and plan.condition.test == "mention"
    found = {f.section.key for f in aggregator.check(plan)}
    assert {"CUB", "NOR", "UKR", "CIS"} <= found
    assert not found & {"IAEA", "ICAO", "IMO", "INTERPOL"}


@pytest.mark.parametrize(
    "question",
    [
        "Dans quels pays le Royaume-Uni dit-il que des armes de destruction massive ont été employées ?",
        "Quels pays le Japon mentionne-t-il dans sa réponse sur la résolution 76/234 ?",
    ],
)
def test_a_french_verb_with_its_pronoun_after_a_name_makes_it_the_speaker(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    analysis = service.retriever.analyze(question)
    assert aggregator.plan(analysis, list(service.retriever.documents.values())) is None
    asked = service.retriever.analyze("Quels États mentionnent-ils le Royaume-Uni ?")  # a plural "ils": the states
    assert aggregator.plan(asked, list(service.retriever.documents.values())) is not None


def test_a_state_put_first_before_a_dash_is_the_topic(service: Service, aggregator: Aggregator) -> None:
    question = "叙利亚——2017年防止恐怖分子获取大规模毁灭性武器的报告里，有几家答复提到了叙利亚？"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.topic == ("叙利亚",) and {"NOR", "ESP"} <= set(found) and "SYR" not in found


@pytest.mark.parametrize(
    "question",
    [
        "Which replies on resolution 76/234 give the exact date the General Assembly adopted it?",
        "哪些答复方写明了第76/234号决议是哪天通过的？",
        "¿Qué respuestas indican la fecha en que se aprobó la resolución 76/234?",
        "Кто из ответивших указывает, какого числа была принята резолюция 76/234?",
    ],
)
def test_replies_giving_the_day_a_resolution_was_adopted(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and plan.condition.day == (0, 0, 0), question
    assert plan.condition.topic == ("76/234",) and plan.condition.dated is None
    assert set(found) == {"DEU", "KEN", "PAK", "PHL"}, question  # each beside 2021 年 12 月 24 日


def test_a_date_the_question_gives_must_be_the_one_written() -> None:
    from rag.lang import dates

    assert dates.adoption_day_asked("哪些答复方写明了第71/38号决议是2016年12月9日通过的？") == (2016, 12, 9)
    assert dates.adoption_day_asked("Which states welcomed the adoption of resolution 76/234?") is None
    assert dates.gives_day("大会 2016 年 12 月 9 日第 71/38 号决议", (2016, 12, 9))
    assert not dates.gives_day("大会 2016 年 12 月 19 日第 71/38 号决议", (2016, 12, 9))
    assert not dates.gives_day("2021 年 12 月，大会通过了第 76/234 号决议", (0, 0, 0))  # no day


def test_check_all_the_reports_says_where_to_look_not_in_each(service: Service, aggregator: Aggregator) -> None:
    plan = _plan(service, aggregator, "Which respondents mention the Wassenaar Arrangement? Check all the reports.")
    assert plan is not None and not plan.condition.every_document and len(plan.documents) == 3


def test_other_dates_a_reply_date_question_names_are_no_topic(service: Service, aggregator: Aggregator) -> None:
    question = "Quelles réponses au rapport A/77/87 étaient déjà arrivées en avril 2022, avant la vague de fin mai ?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "replied" and plan.condition.dated is not None  # "fin" (an aim) is no topic
    assert set(found) == {"HND", "PAK"}


@pytest.mark.parametrize(
    "question",
    [
        "Which states describe themselves, in so many words, as developing countries in their replies on 76/234?",
        "Quels États se présentent, noir sur blanc, comme pays en développement dans leurs réponses sur la 76/234 ?",
        "En las respuestas sobre la resolución 76/234, ¿qué países se definen, con todas las letras, como país en "
        "desarrollo?",  # the singular of "países en desarrollo"
    ],
)
def test_presenting_itself_as_one_with_words_between(service: Service, aggregator: Aggregator, question: str) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.identity, question
    assert set(found) == {"KHM", "CHN", "NIC", "SYR"}, question


def test_amounts_in_a_currency_are_a_topic(service: Service, aggregator: Aggregator) -> None:
    plan, found = plan_and_check(
        service, aggregator, "Dans les réponses sur la résolution 76/234, qui avance des montants chiffrés en euros ?"
    )
    assert plan.condition.topic == ("euros",) and set(found) == {"BEL", "ITA", "EU"}


@pytest.mark.parametrize(
    "question",
    [
        "In the 2017 report, which governments say they are party to all the treaties on weapons of mass destruction?",
        "Какие государства в докладе 2017 года говорят, что присоединились ко всем договорам об ОМУ?",
        "2017年那份报告里，哪些国家说自己已经加入了所有大规模毁灭性武器相关条约？",
    ],
)
def test_saying_it_is_party_to_all_the_treaties(service: Service, aggregator: Aggregator, question: str) -> None:
    # Iran "作为所有禁止大规模毁灭性武器国际文书…的缔约国", Iraq "批准…主要国际条约", Jordan "签署了…所有条约";
    # not Spain's "应对这一风险的主要国际文书是…第1540号决议" (no party to it) nor "各国…各项国际文书所规定义务"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.all_treaties, question
    assert set(found) == {"IRN", "IRQ", "JOR"}, question


@pytest.mark.parametrize(
    "question",
    [
        "Dans les réponses sur la résolution 76/234, quels pays affirment faire partie de tous les régimes "
        "multilatéraux de contrôle des exportations ?",
        "In the replies on resolution 76/234, which states say they are members of all the export control regimes?",
    ],
)
def test_saying_it_is_in_all_the_regimes(service: Service, aggregator: Aggregator, question: str) -> None:
    # Spain "是所有现有国际出口管制制度的现任成员", Switzerland "积极参与所有出口管制制度", Korea "四个多边出口管制
    # 制度的成员"; not those naming some regimes, nor Australia, party to the main treaties (not regimes)
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.all_treaties, question
    assert {"ESP", "CHE", "KOR"} <= set(found) and not set(found) & {"CAN", "IRL", "AUS"}, question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a stance, then a topic: those of the opponents that name the pandemic
        (
            "Among the countries that push back against resolution 76/234, which ones bring up the COVID-19 pandemic?",
            {"GBR", "USA"},
        ),
        (
            "Среди государств, которые выступают против резолюции 76/234, какие упоминают пандемию COVID-19?",
            {"GBR", "USA"},
        ),
        # a claim about oneself, then a topic said either way
        (
            "Parmi les répondants sur la résolution 76/234 qui se présentent comme des pays en développement, lesquels "
            "dénoncent des sanctions ou des mesures coercitives unilatérales ?",
            {"CHN", "NIC", "SYR"},
        ),
    ],
)
def test_which_of_a_group_its_first_clause_names(
    service: Service, aggregator: Aggregator, question: str, expected: set[str]
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.within is not None and plan.condition.within_words
    assert set(found) == expected


def test_a_group_joined_by_or_holds_those_sharing_the_complaint_without_opposing(
    service: Service, aggregator: Aggregator
) -> None:
    question = (
        "和平利用国际合作那份报告（第76/234号决议）里，支持这项决议、或者认同“对发展中国家出口受到过度限制”这种说法的"
        "国家当中，有哪些在答复里提到了国际原子能机构？"
    )
    plan, found = plan_and_check(service, aggregator, question)
    within, either = plan.condition.within, plan.condition.within_or
    assert within is not None and within.test == "support" and within.resolution == "76/234"
    assert either is not None and either.test == "mention"
    supporters = {s.key for s in plan.sections if aggregator.check_section(within, s)}
    assert supporters <= {s.key for s in plan.sections}  # those voicing the complaint support it (premise_cue)
    assert not {s.key for s in plan.sections} & OPPOSERS
    assert "CHN" in found


def test_the_stance_of_a_group_is_on_the_resolution_its_clause_names(service: Service, aggregator: Aggregator) -> None:
    question = (
        "Parmi les pays qui s'opposent à la résolution 76/234 ou à sa prémisse, lesquels ne citent jamais la "
        "résolution 1540 (2004) du Conseil de sécurité dans leur réponse ?"
    )
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.within is not None and plan.condition.within.resolution == "76/234"
    assert plan.condition.negated and found and not set(found) & NOT_OPPOSING


@pytest.mark.parametrize(
    ("question", "stance"),
    [
        ("Which of the states that support resolution 76/234 mention the IAEA?", "support"),
        ("Which states that oppose resolution 76/234 mention the COVID-19 pandemic?", "oppose"),
        ("Кто из стран, поддерживающих резолюцию 76/234, вообще упоминает МАГАТЭ?", "support"),
    ],
)
def test_a_group_named_by_its_stance_before_the_verb_of_mentioning(
    service: Service, aggregator: Aggregator, question: str, stance: str
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.test == "mention" and plan.condition.topic_variants
    assert plan.condition.within is not None and plan.condition.within.test == stance
    group = {s.key for s in plan.sections}
    assert set(found) <= group and not group & (NOT_OPPOSING if stance == "oppose" else OPPOSERS)


@pytest.mark.parametrize(
    "question",
    [
        "和平利用国际合作那份报告里，站在第76/234号决议一边的那些国家，大多只谈发展。其中有谁还谈到了恐怖主义？",
        "Several states back resolution 76/234. Which of them mention the IAEA?",
    ],
)
def test_a_group_named_by_its_stance_in_the_sentence_before(
    service: Service, aggregator: Aggregator, question: str
) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.within is not None and plan.condition.within.test == "support"
    assert not set(found) & OPPOSERS


def test_a_set_question_asking_how_many_of_each_reply_needs_a_figure(service: Service, aggregator: Aggregator) -> None:
    question = "Which states in the replies on resolution 76/234 say how many export licences they refused?"
    asked = _plan(service, aggregator, question)
    counted = _plan(service, aggregator, "How many organizations in the 2017 report mention the IAEA?")
    assert asked is not None and asked.condition.needs_figure == "number"
    assert counted is not None and not counted.condition.needs_figure


def test_a_group_of_those_that_replied_is_no_condition_of_its_own(service: Service, aggregator: Aggregator) -> None:
    question = "Among the states that replied on resolution 76/234, which ones mention the IAEA?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.within is None and len(found) > 5


def test_a_state_named_inside_a_longer_name_is_not_mentioned(service: Service, aggregator: Aggregator) -> None:
    # Nicaragua speaks for "77国集团和中国", the Group of 77 and China: it names the group, not China.
    _, found = plan_and_check(service, aggregator, "Which replies on resolution 76/234 mention China?")
    assert {"AUS", "USA"} <= set(found) and "NIC" not in found
    _, found = plan_and_check(service, aggregator, "Which replies on resolution 76/234 mention the Group of 77?")
    assert "NIC" in found


def test_replies_telling_what_they_received_are_asked_about_not_who_replied(
    service: Service, aggregator: Aggregator
) -> None:
    question = (
        "¿Qué respuestas del informe de 2017 sobre terroristas y armas de destrucción masiva cuentan que "
        "recibieron material donado por un gobierno extranjero?"
    )
    plan, _ = plan_and_check(service, aggregator, question)
    assert plan.condition.test != "replied"


@pytest.mark.parametrize(
    "question",
    [
        "哪些国家拿本国的具体法律来说明自己怎么管武器？",
        "¿Qué gobiernos citan leyes nacionales concretas con las que controlan las armas?",
    ],
)
def test_replies_naming_a_law_of_their_own(aggregator: Aggregator, question: str) -> None:
    documents = [d for d in aggregator.retriever.documents.values() if d.id == "A_77_87"]
    plan = aggregator.plan(aggregator.retriever.analyze(question), documents)
    assert plan is not None and plan.condition.names_law
    assert not any("法律" in v or "立法" in v for variants in plan.condition.topic_variants for v in variants)
    found = {s.key for s in plan.sections if aggregator.check_section(plan.condition, s) is not None}
    assert found == {"BFA", "MEX"}


def test_a_phrase_holding_the_word_for_laws_is_no_topic_of_a_law_question(aggregator: Aggregator) -> None:
    # asked of every report, the phrase read is "法律来" (the title of the 2017 report holds 武器)
    documents = list(aggregator.retriever.documents.values())
    plan = aggregator.plan(aggregator.retriever.analyze("哪些国家拿本国的具体法律来说明自己怎么管武器？"), documents)
    assert plan is not None and plan.condition.names_law
    assert not any("法律" in v for variants in plan.condition.topic_variants for v in variants)


def test_a_heading_of_the_reply_itself_says_what_it_speaks_of(service: Service, aggregator: Aggregator) -> None:
    # Honduras lists its measures under "打击恐怖主义、有组织犯罪和相关活动的措施"; its paragraphs never repeat the word
    _, found = plan_and_check(service, aggregator, "Which respondents to A/77/87 mention terrorism?")
    assert set(found) == {"HND"}
    assert service.index.passages[found["HND"].position].own_headings


def test_a_group_named_by_its_stance_is_labelled_without_the_negation(service: Service, aggregator: Aggregator) -> None:
    question = "Which of the states that oppose resolution 76/234 do not mention the Australia Group?"
    plan, found = plan_and_check(service, aggregator, question)
    assert plan.condition.within_words == "that oppose resolution 76/234"
    assert plan.condition.negated  # the findings are those naming it, left out of the answer
    assert {"AUS", "CAN"} <= set(found) and not {"BEL", "DEU", "JPN"} & set(found)


@pytest.mark.parametrize(
    "question",
    [
        "Which states say they cannot support resolution 76/234?",
        "Sur la résolution 76/234, quels pays disent qu'ils ont voté contre ou qu'ils ne peuvent pas l'appuyer ?",
    ],
)
def test_opposition_said_outright_leaves_out_concerns(service: Service, aggregator: Aggregator, question: str) -> None:
    plan, found = plan_and_check(service, aggregator, question)
    assert (plan.condition.test, plan.condition.explicit, plan.condition.negated) == ("oppose", True, False)
    assert {"AUS", "IRL", "NOR"} <= set(found) and not {"DEU", "JPN", "CHN"} & set(found)


def test_states_outside_a_region(service: Service, aggregator: Aggregator) -> None:
    _, found = plan_and_check(service, aggregator, "ما الدول التي عارضت القرار 76/234 من خارج أوروبا؟")
    assert set(found) == {"AUS", "CAN", "JPN", "NZL", "KOR", "USA"}


def test_states_outside_a_group_in_the_reports_year(service: Service, aggregator: Aggregator) -> None:
    _, found = plan_and_check(service, aggregator, "Which states that are not in NATO criticised resolution 76/234?")
    assert {"AUS", "IRL", "SWE", "CHE"} <= set(found) and not {"DEU", "NOR", "USA"} & set(found)
