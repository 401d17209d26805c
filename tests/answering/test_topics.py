"""The topic of set questions read from the question, on the bundled corpus."""

from __future__ import annotations

import pytest

from rag.answering.topics import Topics
from rag.core.settings import Settings
from rag.retrieval.service import Service


@pytest.fixture(scope="module")
def service(real_lexical_index: Settings) -> Service:
    return Service.load(real_lexical_index)


def read(service: Service, question: str, document: str):  # type: ignore[no-untyped-def]
    retriever = service.retriever
    return Topics(retriever).read(retriever.analyze(question), [retriever.documents[document]])


def test_a_term_is_a_topic_phrase_and_the_title_words_are_not(service: Service) -> None:
    topic = read(
        service, "¿Qué gobiernos abogan por una zona libre de armas de destrucción masiva?", "wmd_terrorism_2017"
    )
    assert topic.variants == (("无大规模毁灭性武器区", "zone free of weapons of mass destruction"),)
    # the title's words describe the report asked about: only the name is a topic
    question = "In the report on weapons of mass destruction, which states mention Syria?"
    assert [v[0] for v in read(service, question, "wmd_terrorism_2017").variants] == ["阿拉伯叙利亚共和国"]


@pytest.mark.parametrize(
    "question",
    ["Which replies mention terrorism?", "أي الردود تتطرق إلى الإرهاب؟", "¿Qué respuestas hablan del terrorismo?"],
)
def test_a_title_word_a_verb_of_mentioning_names_is_a_topic(service: Service, question: str) -> None:
    assert read(service, question, "wmd_terrorism_2017").variants[0][0] == "恐怖主义"


def test_a_name_inside_a_term_is_part_of_it(service: Service) -> None:
    # "US dollars" names no state: США inside the term is no phrase of its own
    topic = read(service, "Кто приводит суммы в долларах США?", "A_77_96")
    assert topic.shown == ("долларах США",)


def test_the_reports_title_in_the_askers_language_is_no_topic(service: Service) -> None:
    # "plano" (level) is read as 方案 (plan) by the glossary; it is a word of A/77/87's Spanish title.
    question = (
        "¿Qué Estados respondieron al informe sobre medidas de fomento de la confianza en el plano regional y "
        "subregional?"
    )
    assert "plano" not in read(service, question, "A_77_87").shown


@pytest.mark.parametrize(
    "question",
    [
        "Who among the respondents refers to Security Council resolution 2325 (2016)?",
        "ما الجهات التي أشارت إلى قرار مجلس الأمن 2325 (2016)؟",
    ],
)
def test_another_resolution_than_the_reports_is_the_topic_with_its_organ(service: Service, question: str) -> None:
    topic = read(service, question, "wmd_terrorism_2017")  # the report answers resolution 71/38
    assert topic.variants == (("第2325(2016)号", "2325(2016)"),)
    both = read(service, "Which replies on resolution 71/38 cite resolution 2325 (2016)?", "wmd_terrorism_2017")
    assert both.variants == topic.variants  # the report's own resolution says where, not what


@pytest.mark.parametrize(
    "question",
    [
        "Which replies quote the number of the General Assembly resolution they are responding to?",
        "哪些答复写出了它们所答复的那项大会决议的编号？",
        "¿Qué respuestas citan la resolución a la que responden?",
        "Какие ответы называют резолюцию, на которую они отвечают?",
    ],
)
def test_the_resolution_the_replies_answer_is_the_reports_own_by_its_number(service: Service, question: str) -> None:
    topic = read(service, question, "wmd_terrorism_2017")  # the report answers resolution 71/38
    assert topic.shown == ("71/38",)
    assert "71/38" in topic.variants[0]


def test_the_report_a_follow_up_carries_after_its_question_names_no_organ(service: Service) -> None:
    # "CSTO: which other organizations report exercises? (71/38)": the exercises are asked about
    topic = read(service, "ОДКБ: Какие ещё организации сообщают об учениях? (71/38)", "wmd_terrorism_2017")
    assert topic.shown == ("учениях",)


def test_a_name_set_apart_once_is_no_topic_anywhere(service: Service) -> None:
    # "Iraq names ISIL; who other than Iraq speaks of it?"
    topic = read(service, "ذكر العراق تنظيم داعش؛ فمن غير العراق تحدّث عن هذا التنظيم؟", "wmd_terrorism_2017")
    assert len(topic.variants) == 1 and "达伊沙" in topic.variants[0]


def test_a_chinese_phrase_is_cut_to_what_the_documents_hold(service: Service) -> None:
    topic = read(service, "哪些答复国提出要借助世界贸易组织这类规则来处理？", "A_77_96")
    # (The World Trade Organization is a name of the names table, with its forms in every language.)
    assert any(variants[0] == "世界贸易组织" for variants in topic.variants)
    assert "借助" not in topic.shown  # the verb beside the name is wording


def test_a_chinese_phrase_of_the_glossary_brings_its_other_chinese_forms(service: Service) -> None:
    topic = read(service, "谈和平利用国际合作时，哪几个答复国提到了不结盟运动？", "A_77_96")
    # Nicaragua writes the movement's official name, 不结盟国家运动
    assert topic.variants == (("不结盟运动", "不结盟国家运动"),)


def test_a_name_given_by_the_names_table_is_one_phrase(service: Service) -> None:
    topic = read(service, "Which respondents chair the Australia Group and the Nuclear Suppliers Group?", "A_77_96")
    # each name once (not again as a glossary term), and the glossary's "chair"
    assert topic.shown == ("Australia Group", "Nuclear Suppliers Group", "chair")
    assert len(topic.variants) == 3 and topic.variants[0][0] == "澳大利亚集团"


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("Which states mention Syria or Iraq?", 1),
        ("Quels États mentionnent la Syrie ou l'Iraq ?", 1),
        ("哪些国家提到了叙利亚或伊拉克？", 1),
        ("Which respondents name the Nuclear Suppliers Group, the Australia Group or the MTCR?", 1),
        ("Which states mention Syria and Iraq?", 2),
        ("Which states mention export control regimes or sanctions in the Middle East?", 2),  # not the Middle East
        ("Which states mention Syria, Iraq and Jordan?", 3),
    ],
)
def test_phrases_joined_by_or_are_one_phrase_of_alternatives(service: Service, question: str, phrases: int) -> None:
    topic = read(service, question, "A_77_96")
    assert len(topic.variants) == len(topic.shown) == phrases
    if phrases == 1:
        assert len(topic.variants[0]) > 6  # every name's renderings


def test_a_name_is_looked_for_in_every_form_the_corpus_language_gives_it(service: Service) -> None:
    topic = read(service, "اذكر الجهات التي تطرقت إلى سوريا", "wmd_terrorism_2017")
    assert {"阿拉伯叙利亚共和国", "叙利亚", "Syrian Arab Republic"} <= set(topic.variants[0])


def test_a_name_given_in_brackets_is_an_alternative(service: Service) -> None:
    topic = read(service, "2017年的报告中，哪些答复提到了“伊斯兰国”（达伊沙）？", "wmd_terrorism_2017")
    assert topic.shown == ("伊斯兰国/达伊沙",) and set(topic.variants[0]) >= {"伊斯兰国", "达伊沙"}


def test_several_phrases_in_brackets_after_a_name_are_its_aspects(service: Service) -> None:
    question = "Quelles réponses parlent de l'OIAC (travail, financement ou coopération avec elle) ?"
    topic = read(service, question, "wmd_terrorism_2017")
    assert topic.shown == ("OIAC", "travail/financement/coopération")
    kinds = read(
        service, "Which replies mention the regimes (Nuclear Suppliers Group, Australia Group or MTCR)?", "A_77_96"
    )
    assert len(kinds.shown) == 1 and "/" in kinds.shown[0]  # instances of a kind are alternatives to it


@pytest.mark.parametrize(
    "question, numbers",
    [
        # A law's number and the year something happened are what the reply must state.
        ("Which state said it passed law No. 55 against terrorism in 2006?", ("55", "2006")),
        ("أي دولة قالت إنها أصدرت سنة 2006 قانوناً لمنع الإرهاب رقمه 55؟", ("2006", "55")),
        # Not a report's year, a year naming a thing, nor a count of respondents.
        ("In the 2017 replies, who mentions the 2005 amendment to the nuclear material convention?", ()),
        ("Name the 3 states that mention terrorism.", ()),
        ("Which states mention resolution 1540 (2004)?", ()),
        ("哪些国家说自己当过1540委员会主席？", ()),  # a number written against a noun names it
        ("哪个国家说2006年通过了第55号法律？", ("55",)),  # 2006年 alone says no "when"
    ],
)
def test_numbers_a_set_question_gives_are_topic_phrases(
    service: Service, question: str, numbers: tuple[str, ...]
) -> None:
    topic = read(service, question, "wmd_terrorism_2017")
    assert tuple(s for s in topic.shown if s.isdigit()) == numbers


@pytest.mark.parametrize(
    "question",
    [
        "哪些国家对单边制裁提出了批评？",
        "单边制裁——哪些国家对此提出了批评？",
        "Which states criticise unilateral sanctions?",
        "¿Qué países critican las sanciones unilaterales?",
    ],
)
def test_criticising_is_how_replies_speak_of_a_topic_not_the_topic(service: Service, question: str) -> None:
    topic = read(service, question, "A_77_96")
    assert len(topic.variants) == 1 and "单边制裁" in topic.variants[0]


@pytest.mark.parametrize(
    "question",
    [
        "Quels États évoquent le contrôle des exportations dans le cadre de leur coopération ?",
        "Which states mention export controls within the framework of their cooperation?",
        "¿Qué Estados mencionan el control de las exportaciones en el marco de su cooperación?",
        "Какие государства упоминают экспортный контроль в рамках своего сотрудничества?",
    ],
)
def test_a_preposition_made_of_a_noun_is_no_topic(service: Service, question: str) -> None:
    topic = read(service, question, "A_77_96")
    assert not any("框架" in v for variants in topic.variants for v in variants)
    assert any("出口管制" in v for variants in topic.variants for v in variants)


def test_what_states_say_they_lack_is_read_after_the_words_of_lacking_title_words_included(service: Service) -> None:
    retriever = service.retriever
    question = "In the 2017 report on keeping WMD from terrorists, which states say they do not possess WMD?"
    topic = Topics(retriever).lacked(retriever.analyze(question), [retriever.documents["wmd_terrorism_2017"]])
    assert len(topic.variants) == 1 and "大规模毁灭性武器" in topic.variants[0]


@pytest.mark.parametrize(
    "question",
    [
        "Which states mention the 'Sustained Dialogue on Peaceful Uses' initiative?",
        "Кто упоминает инициативу «Устойчивый диалог по мирному использованию»?",
    ],
)
def test_the_word_saying_what_a_quoted_name_is_is_no_phrase_of_its_own(service: Service, question: str) -> None:
    topic = read(service, question, "A_77_96")
    assert len(topic.variants) == 1 and any("持续对话" in v for v in topic.variants[0])


def test_a_word_beside_an_unquoted_title_says_what_it_is_and_beside_a_plain_phrase_stays_a_phrase(
    service: Service,
) -> None:
    # Sweden names the dialogue without the word initiative
    topic = read(service, "Which states mention the Sustained Dialogue on Peaceful Uses initiative?", "A_77_96")
    assert len(topic.variants) == 1
    topic = read(service, "Which states mention the sustained dialogue initiative?", "A_77_96")
    assert len(topic.variants) == 2


def test_a_phrase_joined_by_or_to_a_word_with_no_rendering_is_not_required(service: Service) -> None:
    # "rejoint" has no Chinese rendering: a reply saying it joined the convention, not that it ratified it, qualifies.
    question = (
        "Quels États disent avoir ratifié ou rejoint la Convention internationale pour la répression des actes "
        "de terrorisme nucléaire ?"
    )
    topic = read(service, question, "wmd_terrorism_2017")
    assert len(topic.variants) == 1 and "制止核恐怖主义行为国际公约" in topic.variants[0]


def test_a_general_term_is_met_by_naming_one_of_the_bodies_it_stands_for(service: Service) -> None:
    # "核供应国集团主席" (Belgium) speaks of chairing a multilateral export control regime.
    topic = read(service, "Which states say they chaired a multilateral export control regime?", "A_77_96")
    assert any("多边出口管制制度" in v and "核供应国集团" in v and "导弹技术控制制度" in v for v in topic.variants)


@pytest.mark.parametrize(
    ("question", "zh"),
    [
        ("Which respondents talk about the Gulf of Guinea?", "几内亚湾"),
        ("Qui parle de l'Afrique ?", "非洲"),
        ("哪些答复方提到了拉丁美洲？", "拉丁美洲"),
    ],
)
def test_a_region_the_replies_speak_of_is_the_topic(service: Service, question: str, zh: str) -> None:
    assert any(zh in variants for variants in read(service, question, "A_77_87").variants)


def test_a_region_that_says_which_respondents_is_no_topic(service: Service) -> None:
    assert read(service, "Which Latin American states mention the OAS?", "A_77_87").shown == ("OAS",)
    assert "Amérique" not in " ".join(read(service, "Quels États d'Amérique latine évoquent l'OEA ?", "A_77_87").shown)


def test_a_number_inside_a_name_is_no_detail_and_a_quoted_phrase_has_no_spaces(service: Service) -> None:
    topic = read(service, "Quels États font référence à la pandémie de COVID-19 ?", "A_77_96")
    assert "19" not in topic.shown and len(topic.variants) == 1
    assert "COCOM" in read(service, "Quels pays parlent d'un nouveau « COCOM » ?", "A_77_96").variants[-1]


@pytest.mark.parametrize(
    "question",
    [
        "Besides INTERPOL itself, which respondents say they work with INTERPOL?",
        "بخلاف منظمة الإنتربول نفسها، من من المجيبين يذكر أنه يتعاون مع الإنتربول؟",
        "2017年那份报告里回信的国际组织当中，除了国际刑警组织自己，还有谁在答复里提到了国际刑警组织？",  # no set cue
    ],
)
def test_a_name_set_apart_is_the_topic_where_the_question_asks_about_it(service: Service, question: str) -> None:
    topic = read(service, question, "wmd_terrorism_2017")
    assert len(topic.variants) == 1 and "国际刑警组织" in topic.variants[0]


def test_a_thing_set_apart_is_no_topic_when_something_else_is_asked(service: Service) -> None:
    question = "Además de lo químico, biológico, radiológico y nuclear, ¿quiénes mencionan también los explosivos?"
    topic = read(service, question, "wmd_terrorism_2017")
    assert topic.shown == ("explosivos",)


def test_an_article_of_a_treaty_is_a_phrase_of_its_own(service: Service) -> None:
    topic = read(service, "Статья III ДНЯО: в каких ответах по резолюции 76/234 на неё ссылаются?", "A_77_96")
    assert ("第三条",) in topic.variants and len(topic.variants) == 2
    chinese = read(service, "哪些答复提到了《不扩散条约》第四条？", "A_77_96")
    assert ("第四条",) in chinese.variants  # beside a quoted name, not the kind of thing it is


def test_a_quoted_word_no_text_could_hold_as_written_is_left_untranslated(service: Service) -> None:
    question = "Derechos humanos y «valores» usados como excusa: ¿qué países lo denuncian sobre la resolución 76/234?"
    topic = read(service, question, "A_77_96")
    assert "valores" not in topic.shown and ("valores",) not in topic.variants
    chinese = read(service, "哪些国家提到了“可持续对话”？", "A_77_96")
    assert ("可持续对话",) in chinese.variants  # a Chinese quote is looked for as written


@pytest.mark.parametrize(
    "question",
    [
        "Which states say they mention the Australia Group?",
        "Quels États disent qu'ils mentionnent le Groupe de l'Australie ?",
        "Какие государства говорят, что они упоминают Австралийскую группу?",
    ],
)
def test_a_verb_of_saying_and_its_pronoun_are_how_the_question_asks_not_words_left_untranslated(
    service: Service, question: str
) -> None:
    topic = read(service, question, "A_77_96")
    assert topic.untranslated == () and len(topic.variants) == 1, topic


def test_a_chinese_word_no_passage_holds_is_looked_for_by_a_two_character_word_when_nothing_else_is(
    service: Service,
) -> None:
    # 桌面推演 is not in the reports, 桌面演练 is; beside another phrase, 桌面 alone would be too loose.
    topic = read(service, "2017年那份报告里，有没有哪个答复提到过桌面推演？都是谁？", "wmd_terrorism_2017")
    assert topic.variants == (("桌面",),)
    topic = read(service, "哪些答复提到过国际原子能机构的桌面推演？", "wmd_terrorism_2017")
    assert ("桌面",) not in topic.variants


def test_a_quoted_name_is_met_by_the_other_chinese_forms_the_glossary_gives_it(service: Service) -> None:
    topic = read(service, "哪些答复提到了《渥太华公约》？", "A_77_87")
    assert "关于禁止使用、储存、生产和转让杀伤人员地雷及销毁此种地雷的公约" in topic.variants[0]


@pytest.mark.parametrize(
    "question",
    [
        "Which states want the debate held in the Second Committee rather than in the First Committee?",
        "Quels États veulent ce débat à la Deuxième Commission plutôt qu'à la Première Commission ?",
        "哪些国家主张在第二委员会而不是第一委员会讨论？",
    ],
)
def test_what_a_question_sets_aside_with_rather_than_is_no_phrase_a_reply_must_hold(
    service: Service, question: str
) -> None:
    topic = read(service, question, "A_77_96")
    assert any("第二委员会" in v for v in topic.variants)
    assert not any("第一委员会" in form for v in topic.variants for form in v)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the first sentence sets the scene; what the replies must say is in the question itself
        (
            "Pakistan traces some export-control regimes back to the Cold War. Which other replies in the "
            "peaceful-uses report bring up the Cold War?",
            ("Cold War",),
        ),
        # a question pointing back ("that complaint") asks about what the sentence before it says
        (
            'Several replies complain that blanket end-use ("catch-all") export rules are being abused. Which '
            "countries make that complaint?",
            ("end-use/catch-all", "export", "rules", "abused"),
        ),
    ],
)
def test_a_sentence_before_the_question_sets_the_scene_unless_pointed_back_to(
    service: Service, question: str, expected: tuple[str, ...]
) -> None:
    assert read(service, question, "A_77_96").shown == expected


def test_a_report_quoted_by_its_title_is_no_topic_phrase(service: Service) -> None:
    question = (
        'في تقريرَي "تدابير بناء الثقة في السياق الإقليمي ودون الإقليمي" و"تدابير منع الإرهابيين من حيازة أسلحة الدمار '
        'الشامل"، من يشير إلى معاهدة الحظر الشامل للتجارب النووية؟'
    )
    retriever = service.retriever
    documents = [retriever.documents["A_77_87"], retriever.documents["wmd_terrorism_2017"]]
    topic = Topics(retriever).read(retriever.analyze(question), documents)
    assert len(topic.variants) == 1 and "全面禁止核试验条约" in topic.variants[0]  # the treaty only


def test_a_phrase_read_twice_is_asked_for_once_with_every_rendering(service: Service) -> None:
    question = "哪些答复讲到“实验室”：实验室安全、实验室网络，还是捣毁恐怖分子用的实验室？"
    topic = read(service, question, "wmd_terrorism_2017")
    assert topic.shown == ("实验室",) and {"实验室安全", "实验室网络"} <= set(topic.variants[0])
    # said as the ways it may come up ("不管说的是…"), none of them is required either
    question = "哪些答复讲到“实验室”——不管说的是实验室安全、实验室网络，还是捣毁恐怖分子用的实验室？"
    assert read(service, question, "wmd_terrorism_2017").shown == ("实验室",)


def test_a_reference_code_is_a_phrase_replies_quote_as_written(service: Service) -> None:
    topic = read(service, "Which respondents cite the note verbale ODA/2022-00036/PICIT?", "A_77_96")
    assert ("ODA/2022-00036/PICIT",) in topic.variants
    assert not any("A/77/96" in v for v in topic.shown)  # a report's symbol is none


def test_words_standing_for_the_titles_words_name_the_report(service: Service) -> None:
    """ "من امتلاك" stands where the Arabic title says "من حيازة" (acquiring): the report, not a topic."""
    question = (
        "أيّ الدول العربية أرسلت آراءها حين استطلع الأمين العام في 2017 "
        "تدابير منع الإرهابيين من امتلاك أسلحة الدمار الشامل؟"
    )
    assert read(service, question, "wmd_terrorism_2017").shown == ()
    english = "Which states mention nuclear security in the report on preventing terrorists from obtaining WMD?"
    assert read(service, english, "wmd_terrorism_2017").shown == ("nuclear security",)


def test_a_name_beside_the_reports_resolution_is_what_replies_are_asked_about(service: Service) -> None:
    question = "هل أحال أحدٌ في الردود على القرار 76/234 إلى منظمة التجارة العالمية؟"
    assert read(service, question, "A_77_96").shown == ("منظمة التجارة العالمية",)


def test_a_name_set_apart_after_its_quotation_mark_is_no_topic(service: Service) -> None:
    question = "Кто в ответах по резолюции 76/234 называет Китай (название «Группа 77 и Китай» не в счёт)?"
    assert read(service, question, "A_77_96").shown == ("Китай",)  # nor the 77 of the name


def test_a_statement_before_a_set_question_found_by_its_form_is_no_topic(service: Service) -> None:
    stated = (
        "On entend que les contrôles à l'exportation étouffent le commerce. Qui, dans les réponses sur la résolution "
        "76/234, avance des chiffres sur la part des exportations ?"
    )
    assert "commerce" not in read(service, stated, "A_77_96").shown
    # a question before the one asking which is no statement setting it up
    asked = "回复第71/38号决议的国际组织当中，有几个提到了有名称的联合反恐演习？分别是哪几个？"
    assert read(service, asked, "wmd_terrorism_2017").shown == ("联合反恐演习",)


def test_the_reports_own_resolution_is_the_topic_when_asked_who_cites_it(service: Service) -> None:
    cited = "Which international organizations that replied to the 2017 report cite resolution 71/38 by name?"
    assert read(service, cited, "wmd_terrorism_2017").shown == ("71/38",)
    described = "Which organizations replied to the report on resolution 71/38 and mention the IAEA?"
    assert "71/38" not in read(service, described, "wmd_terrorism_2017").shown


def test_words_of_negating_and_of_among_them_are_no_topic(service: Service) -> None:
    topic = read(service, "区域建立信任措施报告中，哪些答复没有提到美洲国家组织？", "A_77_87")
    assert topic.shown == ("美洲国家组织",)
    topic = read(service, "区域建立信任措施报告中，其中哪些根本没提《武器贸易条约》？", "A_77_87")
    assert topic.shown == ("武器贸易条约",)


def test_the_organ_and_ordinal_before_a_resolutions_number_are_no_topic(service: Service) -> None:
    assert read(service, "哪些国家提到了安理会第1540号决议？", "wmd_terrorism_2017").shown == ("1540",)
    assert read(service, "哪些国家没点名任何一个出口管制制度？", "A_77_96").shown == ("出口管制制度",)


def test_a_two_character_term_inside_a_word_no_passage_holds_is_the_topic(service: Service) -> None:
    # 欧元金额 stands in no passage; 欧元 is a glossary term that does, and 给出 asks, it says nothing
    topic = read(service, "哪些答复给出了以欧元计的具体金额？", "A_77_96")
    assert topic.shown == ("欧元",)
    assert read(service, "哪些答复列出了欧元数额？", "A_77_96").shown == ("欧元",)


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("我想了解北约。哪些北约成员国提到了原子能机构？", ("原子能机构",)),  # 北约 before the group sets the scene
        ("Which NATO members mention NATO?", ("NATO",)),  # after the group, what they speak of
    ],
)
def test_the_group_s_organization_named_before_it_is_no_topic(service: Service, question: str, shown: tuple) -> None:
    assert read(service, question, "A_77_96").shown == shown
