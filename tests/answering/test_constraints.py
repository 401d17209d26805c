"""Tests for what a question asks for and a sentence must give (rag/answering/constraints.py)."""

from __future__ import annotations

from typing import Any

import pytest

from rag.answering.constraints import gives_a_name, gives_what_is_asked, items_asked, sentence_constraint
from rag.lang.names import default_names
from rag.lang.persons import PersonIndex


def assert_needs(asked: str, lacking: str, giving: str, kind: str) -> None:
    """A question is not answered by a passage lacking what it asks (the constraint `kind`), and is by one giving it."""
    unmet = sentence_constraint(asked, lacking, lacking)
    assert unmet is not None and unmet.kind == kind
    assert sentence_constraint(asked, giving, giving) is None


def test_constraints() -> None:
    assert sentence_constraint("How much money did the EU give?", "The EU supports it.", "") is not None
    assert sentence_constraint("How much money did the EU give?", "The EU gave 3 million euros.", "") is None
    assert sentence_constraint("多少票赞成？", "该决议获得通过。", "") is not None
    assert sentence_constraint("多少票赞成？", "该决议以 120 票赞成获得通过。", "") is None
    assert (
        sentence_constraint("Where did it meet in 2021?", "It met in Geneva.", "It met in Geneva in 2020.") is not None
    )
    assert sentence_constraint("Where did it meet in 2021?", "It met in Geneva.", "In 2021 it met in Geneva.") is None
    assert sentence_constraint("What did the 2017 report say?", "x", "x", document_years=[2017]) is None


@pytest.mark.parametrize(
    "question",
    [
        "What is the number of Lebanon's counter-terrorism law?",
        "Quel est le numéro de la loi libanaise ?",
        "ما رقم قانون مكافحة الإرهاب اللبناني؟",
        "黎巴嫩反恐法的编号是多少？",
    ],
)
def test_asking_for_the_number_a_thing_is_known_by_needs_one(question: str) -> None:
    vague = "黎巴嫩已经制定了关于控制、监视和起诉恐怖分子的严厉的威慑性法律。"
    assert sentence_constraint(question, vague, vague) is not None
    assert sentence_constraint(question, "黎巴嫩于 2015 年通过了第 44 号法律。", "") is None  # its number, not its year


def test_a_chinese_count_needs_a_figure_of_what_is_counted() -> None:
    voted = "澳大利亚在第 17 次全体会议上对该决议投了反对票。"
    assert sentence_constraint("该决议有多少票赞成？", voted, voted) is not None  # 17 counts meetings, not votes
    assert sentence_constraint("该决议有多少票赞成？", "该决议以 120 票赞成获得通过。", "") is None
    assert sentence_constraint("该网络有多少伙伴国？", "该倡议网络由62个伙伴国组成。", "") is None
    assert sentence_constraint("委员会举行了几次会议？", "委员会举行了两次会议。", "") is None
    # 起 and 次 both count occurrences; 票 does not
    reports = "数据库共收录有 3 073 次确认事故报告。"
    assert sentence_constraint("数据库收到多少起经过确认的报告？", reports, reports) is None
    assert sentence_constraint("数据库收到多少票？", reports, reports) is not None
    # a verb after 多少 counts nothing in particular: any figure answers
    grew = "出版物数量从 2018 年的 22 份增加到 2019 年的 42 份。"
    assert sentence_constraint("出版物数量是从多少涨到多少的？", grew, grew) is None


def test_a_number_the_question_names_must_be_in_the_passage() -> None:
    held = "委员会于 2020 年 1 月在日内瓦举行第七十三届会议，并在线上举行第七十四届会议。"
    assert sentence_constraint("第七十五届会议在哪里开的？", held, held, language="zh") is not None
    assert sentence_constraint("第七十三届会议在哪里开的？", held, held, language="zh") is None
    # A number in words is looked for in the forms a Chinese report writes it in; a symbol is not a number.
    assert sentence_constraint("Where was the seventy-fourth session held?", held, held, language="en") is None
    assert sentence_constraint("Where was the seventy-fifth session held?", held, held, language="en") is not None
    assert sentence_constraint("What did A/77/96 say on S/RES/1540?", held, held, language="en") is None
    assert sentence_constraint("Did 2,100 participants attend?", "约 2 100 名与会者", "约 2 100 名与会者") is None


def needs(questions: tuple[str, ...], lacking: str, having: str, **tables: Any) -> None:
    """Each question is not answered by the passage `lacking` and is by the passage `having`."""
    for question in questions:
        assert sentence_constraint(question, lacking, lacking, **tables) is not None, question
        assert sentence_constraint(question, having, having, **tables) is None, question


def test_a_question_asking_when_where_or_what_it_costs_needs_a_passage_that_says_it() -> None:
    names = default_names()
    plan = "委员会审议并核准了拟议工作方案。"
    held = "委员会于 2020 年 1 月在日内瓦举行了会议。"
    where = ("会议在哪里举行？", "Where did the Board meet?", "¿Dónde se reunió la Junta?", "أين اجتمع المجلس؟")
    needs(where, lacking=plan, having=held, names=names)
    japan = "日本代表团出席了会议。"
    assert sentence_constraint("Где прошла встреча?", japan, japan, names=names) is None  # a state is a place
    for question in ("会议是什么时候举行的？", "When did the Board meet?", "Quand le Conseil s'est-il réuni ?"):
        assert sentence_constraint(question, plan, plan) is not None, question
        assert sentence_constraint(question, held, held) is None, question
    for question in (
        "What is the annual budget of UNIDIR?",
        "ما الميزانية السنوية للمعهد؟",
        "ما إجمالي ميزانية المعهد؟",  # the total budget
        "Quel est le budget ?",
    ):
        assert sentence_constraint(question, "裁研所的经常预算补助金保持不变。", "") is not None, question
        assert sentence_constraint(question, "预算为 300 万美元。", "") is None, question
    # "in which country" asks where as "in which city" does
    countries = (
        "¿En qué país se celebró el ejercicio?",
        "In which country was the exercise held?",
        "Dans quel pays l'exercice a-t-il eu lieu ?",
        "演习在哪个国家举行？",
        "演习是在哪个国家搞的？",
        "В какой стране прошли учения?",
        "في أي دولة أجريت المناورات؟",
    )
    needs(countries, lacking=plan, having=japan, names=names)
    # the state the question itself names is not where: "Où se tiendra la réunion pendant la présidence suisse ?"
    swiss = "作为该制度的候任主席，瑞士将继续支持外联活动。"
    for question in ("Où se tiendra la réunion pendant la présidence suisse ?", "Where will Switzerland hold it?"):
        assert sentence_constraint(question, swiss, swiss, names=names) is not None, question
    assert sentence_constraint("Where will Japan hold it?", swiss, swiss, names=names) is None
    forum = "瑞士认为，这些限制可在世贸组织等适当的多边机构中讨论。"  # in which body: a where
    assert sentence_constraint("Où la Suisse propose-t-elle d'en discuter ?", forum, forum, names=names) is None
    # "which city" is answered by a city, not by a state nor by the meeting something was said at
    cities = (
        "In which city was the 2020 meeting held?",
        "Which city hosted the meeting?",
        "Dans quelle ville la réunion s'est-elle tenue ?",
        "¿Qué ciudad acogió la reunión?",
        "В каком городе прошла встреча?",
        "في أي مدينة عقد الاجتماع؟",
        "会议是在哪个城市召开的？",
    )
    needs(cities, lacking=japan, having=held, names=names)
    session = "总统在大会第七十五届会议上提议设立一个国际生物安全机构。"
    needs(("¿En qué ciudad tendría su sede el organismo?",), lacking=session, having=held, names=names)
    # a place or a date named in a relative clause is not what the question asks for
    assert sentence_constraint("Quels pays où le terrorisme sévit ont répondu ?", plan, plan, names=names) is None


def test_a_question_asking_who_chaired_needs_a_passage_that_names_someone() -> None:
    persons = PersonIndex(["塞尔玛·阿希帕拉-穆萨夫伊"])
    chaired = "塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚)以主席身份主持了咨询委员会的两届会议。"
    met = "委员会于 2020 年举行了两次会议。"
    who = (
        "会议由谁主持？",
        "Who chaired the Board's sessions?",
        "Qui a présidé les sessions du Conseil ?",
        "¿Quién presidió las sesiones?",
        "Кто председательствовал на сессиях?",
        "من ترأس دورتي المجلس؟",
        "开的那两次会，是谁当的主席？",  # in everyday words
        "委员会开会的时候，是谁坐主席位子的？",
    )
    needs(who, lacking=met, having=chaired, persons=persons)
    state = "自该集团成立以来，澳大利亚一直担任这一职务。"  # a state chairs a regime
    assert sentence_constraint("Who chairs the Group?", state, state, names=default_names(), persons=persons) is None
    body = "裁研所于 2020 年举行了两次会议。"  # an organization named is not who chaired
    assert sentence_constraint("Who chaired it?", body, body, names=default_names(), persons=persons) is not None
    titled = "会议由大使主持。"
    assert sentence_constraint("会议由谁主持？", titled, titled, persons=persons) is None
    english = "The sessions were chaired by the Board's member from Namibia."  # no names known in Latin letters
    assert sentence_constraint("Who chaired the sessions?", english, english, persons=persons) is None
    # asking a member's name asks for a person: "one member circulated a paper" names no one
    circulated = "一名委员会成员分发了一份文件。"
    name = (
        "分发文件的这位委员叫什么名字？",
        "What is the name of the member who circulated the paper?",
        "Comment s'appelle le membre qui a diffusé le document ?",
        "¿Cómo se llama el miembro que distribuyó el documento?",
        "Как зовут члена совета, который распространил документ?",
        "ما اسم العضو الذي عمّم الورقة؟",
    )
    needs(name, lacking=circulated, having=chaired, persons=persons)
    # a treaty's name asked is no person asked; the sentence gives no name of any kind
    unmet = sentence_constraint("这个条约叫什么名字？", circulated, circulated, persons=persons)
    assert unmet is not None and unmet.kind == "name"
    # "who is the … coordinator": a post, whatever words describe it
    posts = (
        "Who is the regional coordinator for Asia and the Pacific?",
        "Qui est le coordonnateur régional pour l'Asie ?",
        "¿Quién es el coordinador regional para Asia?",
        "Кто является региональным координатором по Азии?",
        "من هو المنسق الإقليمي لآسيا؟",
        "亚太区域协调员是谁？",
    )
    needs(posts, lacking=circulated, having=chaired, persons=persons)
    assert sentence_constraint("Who is the largest donor?", met, met, persons=persons) is None  # no post
    # "who" asking which respondents, or what someone proposed, asks for no person
    for question in ("谁提到了人工智能？", "Who replied to the report?", "Who proposed a new treaty?"):
        assert sentence_constraint(question, met, met, persons=persons) is None, question


def test_a_question_asking_who_went_with_someone_needs_another_named() -> None:
    names, persons = default_names(), PersonIndex(["塞尔玛·阿希帕拉-穆萨夫伊"])
    alone = "2021 年 10 月，西班牙根据《1999 年维也纳文件》牵头在塞浦路斯进行检查。"
    joined = "2021 年 10 月，西班牙与葡萄牙一起在塞浦路斯进行检查。"
    companions = (
        "Who accompanied Spain on its inspection in Cyprus?",
        "¿Con quién hizo España la inspección en Chipre?",
        "Qui a accompagné l'Espagne lors de son inspection à Chypre ?",
        "С кем Испания проводила инспекцию на Кипре?",
        "من رافق إسبانيا في عملية التفتيش في قبرص؟",
        "西班牙和哪个国家一起在塞浦路斯进行了检查？",
        "With which countries did Spain inspect Cyprus?",
        "مع أي دول أجرت إسبانيا التفتيش في قبرص؟",
    )
    for question in companions:
        unmet = sentence_constraint(question, alone, alone, names=names, persons=persons)
        assert unmet is not None and unmet.kind == "who", question
        assert sentence_constraint(question, joined, joined, names=names, persons=persons) is None, question
    # "who led it" is answered by Spain, which the question does not name
    assert sentence_constraint("Who led the inspection in Cyprus?", alone, alone, names=names, persons=persons) is None


def test_a_number_in_a_groupings_name_is_not_a_count() -> None:
    forum = "西班牙参加了其他促进互信的论坛，如 5+5 防御倡议。"
    assert sentence_constraint("¿Cuántos agregados de defensa tiene España en el extranjero?", forum, forum) is not None
    assert sentence_constraint("How many attachés does Spain have?", "Spain has 12 attachés.", "") is None


def test_an_ordinal_is_not_a_count() -> None:
    meeting = "澳大利亚在 2021 年第一委员会第 17 次全体会议上对该决议投了反对票。"
    for question in ("How many states voted against resolution 76/234?", "Combien d'États ont voté contre ?"):
        assert sentence_constraint(question, meeting, meeting) is not None, question
        assert sentence_constraint(question, "该决议以 120 票赞成获得通过。", "") is None, question
    assert sentence_constraint("How many meetings were held?", "It met at its 17th meeting.", "") is not None
    law = "菲律宾于 2010 年通过了第 10697 号共和国法。"  # a number that names is a number asked for
    assert sentence_constraint("法律编号是多少？", law, law) is None
    assert sentence_constraint("What is the amount UNIDIR received?", "裁研所的补助金保持不变。", "") is not None
    period = "委员会核准了裁研所 2019 年 1 月至 12 月期间活动的报告。"  # months and days are dates, not counts
    assert sentence_constraint("How many publications did UNIDIR issue in 2019?", period, period) is not None
    assert sentence_constraint("How many months did it last?", "为期 3 个月。", "为期 3 个月。") is None
    numbered = "11. 欧洲联盟化学、生物、放射和核风险化解英才中心倡议由欧洲联盟供资。"  # the paragraph's number
    assert sentence_constraint("How many partner countries?", numbered, numbered) is not None
    assert sentence_constraint("How many?", "11. 该网络由 62 个伙伴国组成。", "") is None
    article = "在大会框架内建立一个平行的制度不会有什么好处。"  # 一个 is "a", not a count
    assert sentence_constraint("How many voted in favour?", article, article) is not None
    assert sentence_constraint("How many meetings were held?", "委员会举行了一次会议。", "") is None
    for question in ("Quel budget annuel l'Espagne y consacre-t-elle ?", "¿A cuánto ascienden, en dólares?"):
        assert sentence_constraint(question, "西班牙参加了 5+5 防御倡议。", "") is not None, question
        assert sentence_constraint(question, "预算为 300 万美元。", "") is None, question


def test_how_much_was_spent_asks_for_an_amount() -> None:
    rotated = "其他制度的主席每年更换一次。"
    asked = "How much did Australia spend on running the Australia Group secretariat?"
    assert sentence_constraint(asked, rotated, rotated) is not None
    assert sentence_constraint(asked, "秘书处每年花费 50 万美元。", "") is None


def test_a_figure_asked_for_a_year_must_be_given_for_that_year() -> None:
    sentence = "2019 年有 603 项出口未获准，占欧盟外出口总额的 0.02%。"
    passage = f"欧盟在 2020 年继续执行其条例。{sentence}"
    asked = "How many exports did the EU deny in 2020?"
    assert sentence_constraint(asked, sentence, passage, near=sentence) is not None
    assert sentence_constraint(asked, sentence, passage) is None  # without a sentence to look near, the passage
    named = "Selon le Canada, combien d'examens de la résolution 1540 (2004) ont été menés ?"
    reviews = "对安理会该项决议进行的三次全面审查没有发现过度限制。"
    assert sentence_constraint(named, reviews, f"第 1540(2004)号决议。{reviews}", near=reviews) is None


@pytest.mark.parametrize(
    "asked",
    [
        "How many advisory missions did the agency carry out in 2017?",
        "该机构2017年一共执行了几次咨询服务任务？",
        "¿Cuántas misiones de asesoramiento realizó el Organismo en 2017?",
    ],
)
def test_the_year_of_the_report_dating_a_figure_must_be_the_figures(asked: str) -> None:
    counted = "该机构在 2016 年共开展了六次咨询服务任务。"
    assert sentence_constraint(asked, counted, counted, document_years=(2017,), near=counted) is not None
    undated = "该机构共开展了六次咨询服务任务。"  # a count with no year is of its report's year
    assert sentence_constraint(asked, undated, undated, document_years=(2017,), near=undated) is None
    in_report = "In the 2017 report, how many advisory missions did the agency say it carried out?"
    assert sentence_constraint(in_report, counted, counted, document_years=(2017,), near=counted) is None


def test_a_number_inside_a_document_symbol_is_not_the_number_asked_about() -> None:
    sessions = "委员会举行第七十三届会议和第七十四届会议，并批准了裁研所主任的报告(见 A/75/134)。"
    question = "What did the Advisory Board conclude at its 75th session?"
    assert sentence_constraint(question, sessions, sessions) is not None
    assert sentence_constraint(question, "委员会举行第七十五届会议。", "委员会举行第七十五届会议。") is None
    committee = "西班牙曾担任第 1540(2004)号决议所设委员会主席。"
    assert sentence_constraint("Who chaired the 1540 Committee?", committee, committee) is None


def test_a_question_asking_how_many_things_is_not_answered_by_a_percentage() -> None:
    denied = "2020 年，一些出口申请被驳回，但其价值仅占出口物品的 0.0206%。"
    for question in (
        "How many export applications did Spain deny in 2020?",
        "كم عدد طلبات التصدير التي رفضتها إسبانيا في عام 2020؟",
        "Combien de demandes l'Espagne a-t-elle refusées en 2020 ?",
        "西班牙2020年驳回了多少份申请？",
    ):
        assert sentence_constraint(question, denied, denied, [2022]) is not None, question
    assert sentence_constraint("How much of its exports did Spain deny in 2020?", denied, denied, [2022]) is None
    assert sentence_constraint("How many applications were denied?", "共驳回 12 份申请。", "") is None
    # the rent asked for is an amount, which a count of publications is not
    published = "出版物数量从 22 份增加到 42 份。"
    assert (
        sentence_constraint("À combien s'élève le loyer que l'UNIDIR devrait payer ?", published, published) is not None
    )


def test_an_amount_in_a_table_carries_its_currency_in_the_head() -> None:
    table = "年份 设备类型 总额(美元) 2011 200 台便携设备 212 000 共计 798 798"
    asked = "What was the total value of the equipment Mexico received, in dollars?"
    assert sentence_constraint(asked, "共计 798 798", table) is None
    assert sentence_constraint(asked, "共计 798 798", "年份 设备类型 2011 200 台便携设备 共计 798 798") is not None


def test_a_question_asking_for_a_share_is_answered_by_a_percentage() -> None:
    share = "驳回申请的价值仅占西班牙向欧洲联盟以外目的地出口物品的 0.0206%。"
    amount = "驳回申请的价值为 300 万欧元。"
    for question in (
        "按金额算，只占它向欧盟以外出口的多大比例？",
        "What share of its exports outside the EU did the denials represent?",
        "¿Qué porcentaje de sus exportaciones supusieron?",
        "Quelle part de ses exportations cela représente-t-il ?",
        "Какую долю экспорта составили отказы?",
        "ما نسبة الصادرات التي رُفضت؟",
    ):
        assert sentence_constraint(question, share, share) is None, question
        assert sentence_constraint(question, amount, amount) is not None, question
    # a decimal comma names the same number as the documents' decimal point
    asked = "¿Qué país denegó licencias por solo un 0,0206 % de lo exportado?"
    assert sentence_constraint(asked, share, share) is None
    assert sentence_constraint(asked, amount, amount) is not None


def test_how_many_things_given_is_a_count_and_how_many_euros_an_amount() -> None:
    sentence = "欧洲联盟正在八个地区的 56 个国家实施倡议。"
    assert sentence_constraint("How many partner countries does the EU give?", sentence, sentence) is None
    unmet = sentence_constraint("How many euros did the EU give?", sentence, sentence)
    assert unmet is not None and unmet.kind == "amount"


def test_a_question_asking_for_the_date_needs_a_day_not_a_year() -> None:
    asked = "On what date did the General Assembly adopt resolution 76/43?"
    assert sentence_constraint(asked, "x", "大会在 1993 年会议报告中重申……") is not None
    assert sentence_constraint(asked, "x", "大会于 2021 年 12 月 6 日通过第 76/43 号决议。") is None
    assert sentence_constraint("¿En qué fecha se aprobó?", "x", "aprobada el 6 de diciembre de 2021") is None
    assert sentence_constraint("When was it adopted?", "x", "adopted in 2021") is None  # "when": a year will do


def test_a_question_asking_when_needs_the_year_beside_its_sentence() -> None:
    asked = "¿Cuándo ratificó Kenia el Tratado?"
    passage = "肯尼亚自 1970 年以来即是该条约的缔约国。肯尼亚最近投票赞成通过该条约。"
    quoted = "肯尼亚最近投票赞成通过该条约。"
    unmet = sentence_constraint(asked, quoted, passage, near=f"\n{quoted}")
    assert unmet is not None and unmet.kind == "when"
    assert sentence_constraint(asked, quoted, passage, near=f"2021 年:\n{quoted}") is None  # a dated lead-in
    assert sentence_constraint(asked, quoted, passage) is None  # no sentence told apart: the passage's year


def test_the_year_of_a_resolution_named_is_no_date() -> None:
    asked = "متى أُنشئ فريق أصدقاء القرار 1540؟"  # when was the Group of Friends of resolution 1540 set up?
    quoted = "乌克兰支持例如最近设立第 1540(2004)号决议之友小组的举措。"
    assert_needs(asked, quoted, "第 1540(2004)号决议之友小组于 2015 年设立。", "when")


def test_a_question_asking_which_state_asks_for_no_figure() -> None:
    sentence = "2020 年，一些申请被驳回，但其价值仅占西班牙向欧洲联盟以外出口的 0.0206%。"
    described = "有个国家说被驳回的申请金额连它对欧盟以外出口的万分之三都不到。这是哪个国家？"
    assert sentence_constraint(described, sentence, sentence) is None
    asked = "被驳回的申请金额是多少？"
    unmet = sentence_constraint(asked, "一些申请被驳回。", "一些申请被驳回。")
    assert unmet is not None and unmet.kind == "amount"


def test_a_number_may_be_written_in_chinese_numerals() -> None:
    asked = "What did the Board discuss at its 73rd session?"
    assert sentence_constraint(asked, "x", "委员会第七十三届会议讨论了……") is None
    assert sentence_constraint(asked, "x", "委员会第七十四届会议讨论了……") is not None


@pytest.mark.parametrize(
    "question",
    [
        "¿En virtud de qué resolución de la Asamblea General se presenta el informe de 2020?",
        "Under which General Assembly resolution is the Board's report submitted?",
        "该报告是根据哪项决议提交的？",
    ],
)
def test_a_question_asking_which_resolution_prefers_a_sentence_naming_one(question: str) -> None:
    assert gives_what_is_asked(question, "本报告是根据大会第 38/183 (O)号决议提交的。")
    assert not gives_what_is_asked(
        question, "委员会审议并核准了 2020 年至 2021 年拟议工作方案和财务计划(见 A/75/134)。"
    )
    assert gives_what_is_asked("What did the Board approve?", "委员会审议并核准了拟议工作方案(见 A/75/134)。")


def test_the_year_of_a_resolutions_symbol_is_met_by_the_passage_naming_the_resolution() -> None:
    question = "¿Cuántos gobiernos apoyaron la resolución 2616 (2021) del Consejo de Seguridad?"
    assert sentence_constraint(question, "第 2616 号决议获得 15 票赞成。", "第 2616 号决议获得 15 票赞成。") is None
    assert sentence_constraint(question, "该决议获得 15 票赞成。", "该决议获得 15 票赞成。") is not None


def test_a_question_asking_what_was_proposed_prefers_a_sentence_that_proposes() -> None:
    opening = "墨西哥根据大会第 76/43 号决议提交本文件。"
    proposing = "墨西哥建议在美洲组织框架内加强网络空间建立信任措施。"
    for question in (
        "What did Mexico propose about regional CBMs?",
        "¿Qué propone México sobre las medidas de confianza?",
        "墨西哥提出了什么建议？",
        "ماذا تقترح المكسيك؟",
    ):
        assert not gives_what_is_asked(question, opening), question
        assert gives_what_is_asked(question, proposing), question
    assert gives_what_is_asked("What did Mexico say about regional CBMs?", opening)


def test_an_ordinal_the_question_names_is_a_whole_number_of_the_passage() -> None:
    third = (
        "2013 年，伊拉克提交了关于第 1540(2004)号决议规定义务履行情况的第三次国家报告。2014 年 2 月，伊拉克提交了报告。"
    )
    for question, language in (
        ("When did Iraq submit its fourth national report?", "en"),
        ("Quand l'Iraq a-t-il remis son quatrième rapport national ?", "fr"),
        ("Когда Ирак представил свой четвёртый национальный доклад?", "ru"),
        ("When did Iraq submit its second national report?", "en"),  # not the 2 of 2014 年 2 月
    ):
        unmet = sentence_constraint(question, third, third, language=language)
        assert unmet is not None and unmet.kind == "missing", question  # not the 4 of 2014, nor of 1540(2004)
    assert sentence_constraint("When did Iraq submit its third national report?", third, third, language="en") is None
    anniversary = "委员会核可了为裁研所成立 40 周年举办纪念活动。"
    endorse = "Did the Board endorse UNIDIR's 40th anniversary plan?"
    assert sentence_constraint(endorse, anniversary, anniversary, language="en") is None
    fortieth = "第四十次会议于 2020 年举行。"
    assert sentence_constraint("What did the fourth meeting decide?", fortieth, fortieth, language="en") is not None
    # "first" is rarely written as a number (首次, 率先): it asks for no number
    first = "欧洲联盟首次与东盟建立了伙伴关系。"
    assert (
        sentence_constraint("With whom did the EU build a partnership for the first time?", first, first, language="en")
        is None
    )


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("西班牙通过海军部署在几内亚湾的船只，参加了几内亚湾的海上协调存在。", False),
        ("哈萨克斯坦总统提议设立一个专门机构，即国际生物安全机构。", True),  # 即 introduces the name
        ("该法也被称为《战略贸易管理法》。", True),
        ("Spain deployed a ship to the Gulf of Guinea.", True),  # Latin letters: names are not set off
    ],
)
def test_a_sentence_gives_a_name(sentence: str, named: bool) -> None:
    assert gives_a_name(sentence) is named


def test_what_something_is_called_is_not_answered_without_a_name() -> None:
    question = "¿Cómo se llama el buque que la Armada española tiene desplegado en el golfo de Guinea?"
    sentence = "西班牙通过海军部署在几内亚湾的船只，参加了几内亚湾的海上协调存在。"
    unmet = sentence_constraint(question, sentence, sentence)
    assert unmet is not None and unmet.kind == "name"
    assert sentence_constraint("西班牙的船只在几内亚湾做什么？", sentence, sentence) is None


def test_what_was_said_about_a_state_needs_a_passage_naming_it() -> None:
    names = default_names()
    for question in (
        "What did Pakistan say about India?",
        "ماذا قالت باكستان عن الهند في ردها؟",
        "¿Qué dice Pakistán sobre la India?",
        "Что Пакистан говорит об Индии?",
        # what it says about a thing of the one named
        "What does Pakistan say about the nuclear programme of India?",
        "Что Пакистан говорит о ядерной программе Индии?",
    ):
        unmet = sentence_constraint(question, "建立信任措施应同时进行。", "建立信任措施应同时进行。", names=names)
        assert unmet is not None and unmet.kind == "missing", question
        said = "巴基斯坦指出，印度拒绝了这项提议。"
        assert sentence_constraint(question, said, said, names=names) is None, question


def test_a_year_asked_is_not_met_by_its_reports_year_where_the_passage_gives_others() -> None:
    question = "Кто в 2022 году председательствует в неофициальной рабочей группе Структурированного диалога?"
    other = "西班牙担任 2020 年和 2021 年结构性对话非正式工作组主席。"
    unmet = sentence_constraint(question, other, other, document_years=[2022])
    assert unmet is not None and unmet.missing == "2022"
    undated = "西班牙担任结构性对话非正式工作组主席。"  # the report's own year, unsaid: taken as meant
    assert sentence_constraint(question, undated, undated, document_years=[2022]) is None
    said = "西班牙担任 2021 年和 2022 年结构性对话非正式工作组主席。"
    assert sentence_constraint(question, said, said, document_years=[2022]) is None


def test_a_question_asking_how_someone_voted_needs_a_passage_on_a_vote() -> None:
    concern = "为此，爱尔兰感到关切的是，大会第 76/234 号决议可能会导致出口管制不必要地政治化。"
    unmet = sentence_constraint("Как Ирландия проголосовала по резолюции 76/234?", concern, concern)
    assert unmet is not None and unmet.missing == "проголосовала"
    unmet = sentence_constraint("Голосовала ли Беларусь за резолюцию 76/234?", concern, concern)
    assert unmet is not None and unmet.missing == "голосовала"  # not capitalised inside the sentence
    voted = "爱尔兰对第 76/234 号决议投了反对票。"
    assert sentence_constraint("How did Ireland vote on resolution 76/234?", voted, voted) is None
    # a vote on another text is not the vote asked about; "the resolution" points to the one asked
    treaty = "肯尼亚投票赞成《禁止核武器条约》。"
    assert sentence_constraint("How did Kenya vote on resolution 76/234?", treaty, treaty) is not None
    pointed = "澳大利亚在第一委员会对该决议投了反对票。"
    assert sentence_constraint("How did Australia vote on resolution 76/234?", pointed, pointed) is None


def test_a_count_of_a_thing_needs_a_passage_naming_it() -> None:
    regimes = "菲律宾的国家战略物资清单得益于四项多边出口管制制度。"
    asked = "Combien de licences d'exportation les Philippines ont-elles refusées ?"
    unmet = sentence_constraint(asked, regimes, regimes, language="fr")
    assert unmet is not None and unmet.kind == "number"
    refused = "菲律宾共拒绝了 12 份出口许可证申请。"
    asked = "Combien de licences d'exportation les Philippines ont-elles refusées ?"
    assert sentence_constraint(asked, refused, refused, language="fr") is None


@pytest.mark.parametrize(
    "asked",
    [
        "When did Ecuador ratify the Treaty on the Prohibition of Nuclear Weapons?",
        "Когда Эквадор ратифицировал Договор о запрещении ядерного оружия?",
        "متى صادقت إكوادور على معاهدة حظر الأسلحة النووية؟",
        "厄瓜多尔是哪一年成为《禁止核武器条约》缔约国的？",  # 批准 is both approving and ratifying: either will do
    ],
)
def test_a_question_asking_when_something_happened_needs_a_year_of_that_event(asked: str) -> None:
    adopted = "2017 年 7 月 7 日《禁止核武器条约》的通过填补了这一空白。"
    unmet = sentence_constraint(asked, adopted, adopted)
    assert unmet is not None and unmet.kind == "event"  # the year the treaty was adopted, not ratified
    ratified = "厄瓜多尔于 2019 年 9 月 25 日批准了《禁止核武器条约》。"
    assert sentence_constraint(asked, ratified, f"{adopted}{ratified}") is None


def test_a_question_asking_when_with_no_event_word_needs_only_a_year() -> None:
    assert sentence_constraint("When did the Board meet?", "x", "委员会于 2020 年举行会议。") is None
    assert sentence_constraint("When was the 5+5 initiative launched?", "x", "2021 年建立联合防务委员会。") is not None


@pytest.mark.parametrize(
    "asked",
    [
        "What is the title of the guidance ICAO is preparing?",
        "Quel est le titre du guide que prépare l'OACI ?",
        "¿Cuál es el título de la guía que prepara la OACI?",
        "Каково название руководства, которое готовит ИКАО?",
        "ما عنوان وثيقة الإرشادات التي تعدّها منظمة الطيران المدني الدولي؟",
        "国际民航组织在编的指导材料标题是什么？",
    ],
)
def test_a_question_asking_for_a_title_needs_a_name(asked: str) -> None:
    preparing = "目前正在编制关于减轻生物、化学或核攻击的影响的指导材料，预计将于 2018年推出。"
    assert_needs(asked, preparing, "国际民航组织正在编制题为《减轻生物、化学或核攻击影响指南》的材料。", "name")


def test_an_ordinal_asked_of_a_session_is_not_met_by_an_anniversary() -> None:
    asked = "Когда пройдёт 75-я сессия Консультативного совета?"
    anniversary = "2020 年是联合国成立 75 周年，委员会举行了会议。"
    unmet = sentence_constraint(asked, anniversary, anniversary, language="ru")
    assert unmet is not None and "75-я" in unmet.missing
    for session in ("委员会第七十五届会议将于 2021 年举行。", "委员会第 75 届会议将于 2021 年举行。"):
        assert sentence_constraint(asked, session, session, language="ru") is None
    fortieth = "2020 年裁研所成立 40 周年的纪念活动因疫情取消。"
    assert sentence_constraint("When was the 40th anniversary of UNIDIR?", fortieth, fortieth) is None


@pytest.mark.parametrize(
    "question",
    [
        "仅2016年一年，事故与非法贩运数据库新增了多少起确认事故？",
        "¿Cuántos incidentes se notificaron a la base de datos solo durante 2016?",
        "How many incidents were reported to the database in 2016 alone?",
    ],
)
def test_a_count_of_one_year_is_not_a_running_total(question: str) -> None:
    total = "截至 2016 年12 月 31 日，事故与非法贩运数据库共收录有来自参与国的 3 073 次确认事故报告。"
    unmet = sentence_constraint(question, total, total)
    assert unmet is not None and unmet.kind == "total"
    of_the_year = "2016 年，事故与非法贩运数据库收到 189 次确认事故报告。"
    assert sentence_constraint(question, of_the_year, of_the_year) is None


def test_a_date_asked_of_an_ordinal_session_is_that_sessions() -> None:
    question = "When and where will the Advisory Board hold its 76th session?"
    other = "裁军事项咨询委员会于 2020 年 1 月 29 日至 1 月 31 日在日内瓦举行第七十三届会议。"
    passage = other + "委员会将在第七十六届会议后，向秘书长提出更正式的建议。"
    assert sentence_constraint(question, other, passage) is not None  # another session's dates
    held = "委员会第七十六届会议将于 2021 年 1 月在纽约举行。"
    assert sentence_constraint(question, held, held) is None


def test_a_question_asking_a_persons_nationality_needs_a_state_beside_them() -> None:
    names = default_names()
    persons = PersonIndex.from_texts(["塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚)主持。琳娜·哈迪德发言。"], names)
    beside = "约旦常驻维也纳联合国代表琳娜·哈迪德大使。"
    other = "琳娜·哈迪德在会上发言。塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚)主持了会议。"  # the state is another's
    nationality = (
        "Quelle est la nationalité de Lina Hadid ?",
        "What is Lina Hadid's nationality?",
        "¿De qué nacionalidad es Lina Hadid?",
        "Lina Hadid: какое у неё гражданство?",
        "琳娜·哈迪德是哪国人？",
    )
    needs(nationality, lacking=other, having=beside, names=names, persons=persons)
    # a question asking no nationality, or of no one the index knows, is not held to it
    assert sentence_constraint("Who is Lina Hadid?", other, other, names=names, persons=persons) is None
    asked = "What is John Smith's nationality?"
    assert sentence_constraint(asked, other, other, names=names, persons=persons) is None


def test_a_question_asking_the_numbers_of_resolutions_needs_a_symbol() -> None:
    vague = "国际民航组织第三十九届大会(2016 年 9 月 27 日至 10 月 7 日)通过了各类决议，鼓励各国批准《北京公约》。"
    numbered = "大会第 71/38 号决议鼓励各国批准该公约。"
    numbers = (
        "Под какими номерами значатся эти резолюции?",
        "What are the numbers of the resolutions the Assembly adopted?",
        "Quels sont les numéros des résolutions adoptées ?",
        "¿Cuáles son los números de esas resoluciones?",
        "ما أرقام القرارات التي اتخذتها الجمعية؟",
        "这些决议的编号是什么？",
    )
    needs(numbers, lacking=vague, having=numbered)


def test_a_change_asked_is_given_by_a_multiplier_or_a_share() -> None:
    tripled = "委员会对租金表示关切，预计未来五年租金将增加两倍。"
    concerned = "委员会对租金表示关切。"
    rise = (
        "How much is the rent expected to rise?",
        "De combien le loyer doit-il augmenter ?",
        "¿Cuánto aumentará el alquiler?",
        "На сколько процентов вырастет арендная плата?",
        "租金预计会增加多少？",
    )
    needs(rise, lacking=concerned, having=tripled)
    # a sum asked is still an amount: "how much is the rent?" is not answered by a multiplier
    assert sentence_constraint("How much is the rent?", tripled, tripled) is not None
    share = "被驳回的出口仅占其出口物品的 0.0206%。"  # "double usage" (dual-use) is no change asked
    assert sentence_constraint("À combien d'euros se montaient les exportations à double usage ?", share, share)


def test_a_name_the_question_gives_itself_is_not_the_name_it_asks() -> None:
    sentence = "肯尼亚还颁布了《2019 年核监管法》，在实施原子能机构保障措施方面取得长足进展。"
    asked = "肯尼亚说颁布了《2019年核监管法》。这部法律设立的核监管机构叫什么名字？"
    assert not gives_a_name(sentence, asked)
    assert gives_a_name(sentence, "肯尼亚颁布的法律叫什么名字？")
    unmet = sentence_constraint(asked, sentence, sentence, names=default_names())
    assert unmet is not None and unmet.kind == "name"


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Quelles sont les 18 conventions internationales que Cuba dit avoir ratifiées ?", 3),
        ("古巴说批准了18项公约，其余17项分别是哪些？", 3),
        ("Which 2 regimes does Norway name?", 0),  # a pair is asked of as a pair
        ("Which states replied to resolution 76/234 in 2022?", 0),  # a symbol and a year count nothing
        ("How many of the 42 participating States replied?", 0),  # no word asking which beside it
    ],
)
def test_a_question_counting_the_things_it_asks_which_of(question: str, count: int) -> None:
    assert items_asked(question) == count


def test_things_counted_and_asked_which_need_a_list() -> None:
    question = "Quelles sont les 18 conventions internationales liées au terrorisme que Cuba dit avoir ratifiées ?"
    one = (
        "古巴批准了 18 项与恐怖主义有关的国际公约，包括《制止核恐怖主义行为国际公约》，大会决议中明确提到了该《公约》。"
    )
    unmet = sentence_constraint(question, one, one, names=default_names())
    assert unmet is not None and unmet.kind == "items"
    listed = (
        "古巴批准的 18 项公约包括《制止恐怖主义爆炸的国际公约》、《制止向恐怖主义提供资助的国际公约》"
        "和《制止核恐怖主义行为国际公约》。"
    )
    assert sentence_constraint(question, listed, listed, names=default_names()) is None


def test_since_when_needs_a_start() -> None:
    chaired = "塞尔玛·阿希帕拉-穆萨夫伊以主席身份主持了咨询委员会 2020年的两届会议。"
    started = "自 2013 年起，她一直担任咨询委员会主席。"
    joined = "墨西哥于 2013 年 8 月加入澳大利亚集团。"
    questions = ("她是从哪一年起当上主席的？", "Since when has she chaired the Board?", "¿Desde cuándo preside?")
    for question in questions:
        assert sentence_constraint(question, chaired, chaired) is not None, question  # a year, but no start
        assert sentence_constraint(question, started, started) is None, question
    assert sentence_constraint("Depuis quand le Mexique est-il membre du Groupe ?", joined, joined) is None
    law = "约旦 1998 年通过了第 20 号《海关法》，给予海关干事以司法警察的地位。"  # a law's number and year: its start
    assert sentence_constraint("Quelle loi le prévoit, et depuis quand ?", law, law) is None
