"""Extractive evidence selection: question words, constraints on numbers and years, choosing sentences."""

from __future__ import annotations

from dataclasses import replace

from rag.answering.constraints import sentence_constraint
from rag.answering.evidence import (
    Checks,
    Evidence,
    rank_sentences,
    rows,
    select_evidence,
    unmet_constraint,
)
from rag.core.types import Document, Hit, Passage, Respondent
from rag.indexing.lexical import add_words, tokenize
from rag.lang.names import default_names
from rag.lang.persons import PersonIndex
from rag.retrieval.query import Concept, word_concepts

DOC = Document(id="d", file="d.txt", language="zh", symbol="A/1/1")


def hit(text: str, respondent: str = "", rid: str | None = None, pid: str = "p") -> Hit:
    passage = Passage(
        id=pid, doc_id="d", text=text, start=0, end=len(text), respondent=Respondent(respondent, "state", rid)
    )
    return Hit(passage, 1.0, DOC)


def test_question_words_do_not_count() -> None:
    hits = [hit("挪威提出了建议。", pid="a"), hit("哪些国家？", pid="b")]
    ranked = rank_sentences(hits, word_concepts("挪威提出了哪些建议？"), lambda t: 1.0, tokenize)
    assert ranked[0].hit.passage.id == "a" and ranked[0].coverage == 1.0
    assert [e.coverage for e in ranked if e.hit.passage.id == "b"] == [0.0]


def test_a_long_name_counts_as_one_thing_the_question_names() -> None:
    # The Board's nine-character name (a glossary term the segmenter is taught, as the index does) cuts into
    # many tokens; it must not outweigh the word asked about.
    name = "裁军事项咨询委员会"
    add_words([name])
    hits = [hit(f"{name}举行了会议。", pid="name"), hit("主席主持了咨询委员会的会议。", pid="chair")]
    ranked = rank_sentences(hits, word_concepts(f"{name}的会议由谁主持？"), lambda t: 1.0, tokenize)
    assert ranked[0].hit.passage.id == "chair"


def test_one_form_of_a_concept_is_enough() -> None:
    # A term with three renderings: a sentence using one of them is not short of the other two.
    term = Concept((tuple(tokenize("双重标准")), tuple(tokenize("选择性")), tuple(tokenize("政治化"))), (1.0, 0.5, 0.5))
    example = Concept((tuple(tokenize("例子")),), (1.0,))
    hits = [hit("双重标准和政治化。", pid="both"), hit("这是双重标准的例子。", pid="example")]
    ranked = rank_sentences(hits, [term, example], lambda t: 1.0, tokenize)
    assert ranked[0].hit.passage.id == "example" and ranked[0].coverage == 1.0


def test_sentence_coverage_ranks_the_answering_sentence_first() -> None:
    hits = [hit("挪威支持不扩散。挪威无法支持第 76/234 号决议。", "挪威", "NOR")]
    ranked = rank_sentences(hits, word_concepts("挪威 无法支持 76/234 决议"), lambda t: 1.0, tokenize, speakers=["NOR"])
    assert ranked[0].sentence == "挪威无法支持第 76/234 号决议。"
    assert 0 < ranked[0].coverage <= 1


def test_a_named_speakers_reply_counts_its_name() -> None:
    hits = [hit("本国无法支持该决议。", "挪威", "NOR")]
    tokens = word_concepts("挪威 无法支持")
    with_speaker = rank_sentences(hits, tokens, lambda t: 1.0, tokenize, speakers=["NOR"])[0].coverage
    without = rank_sentences(hits, tokens, lambda t: 1.0, tokenize)[0].coverage
    assert with_speaker > without


def test_select_evidence_prefers_named_speakers_and_constraints() -> None:
    norway = hit("挪威无法支持该决议。", "挪威", "NOR", "a")
    japan = hit("日本无法支持该决议。", "日本", "JPN", "b")
    ranked = [
        Evidence(japan, 1, (0, 10), 0.9, 1.0),
        Evidence(norway, 2, (0, 10), 0.8, 0.9),
    ]
    assert select_evidence(ranked, {"NOR"})[0].hit is norway
    assert select_evidence(ranked)[0].hit is japan
    amount = hit("欧盟提供了 500 万欧元。", pid="c")
    ranked = [Evidence(japan, 1, (0, 10), 0.9, 1.0), Evidence(amount, 2, (0, 13), 0.8, 0.8)]
    assert select_evidence(ranked, question="欧盟提供了多少资金？")[0].hit is amount


def test_a_question_asking_when_looks_further_for_a_date_but_not_for_a_number() -> None:
    opening = hit("大会请秘书长征求会员国对防止恐怖分子获取大规模毁灭性武器的措施的意见。", pid="opening")
    dated = hit("秘书长于 2017 年 2 月 17 日发出普通照会。", pid="dated")
    ranked = [Evidence(opening, 1, (0, 36), 0.9, 1.0), Evidence(dated, 2, (0, 24), 0.5, 0.6)]
    assert select_evidence(ranked, question="秘书长是什么时候征求各国意见的？")[0].hit is dated
    counted = hit("共有 62 个伙伴国。", pid="counted")
    ranked = [Evidence(opening, 1, (0, 36), 0.9, 1.0), Evidence(counted, 2, (0, 10), 0.5, 0.6)]
    assert select_evidence(ranked, question="秘书长征求了多少个国家的意见？")[0].hit is opening  # then declined
    far = [Evidence(opening, 1, (0, 36), 0.9, 1.0), Evidence(dated, 2, (0, 24), 0.3, 0.4)]
    assert select_evidence(far, question="秘书长是什么时候征求各国意见的？")[0].hit is opening


def test_a_figure_about_a_named_body_is_looked_for_further_in_a_passage_naming_it() -> None:
    checks = Checks(names=default_names())
    regimes = hit("现有的多边出口管制制度建立了前所未有的多边合作。", "美国", "USA", "regimes")
    mtcr = hit("导弹技术管制制度：该制度在两伊战争后形成。今天，该制度由 35 个伙伴国家组成。", "美国", "USA", "mtcr")
    question = "How many partner countries does the Missile Technology Control Regime have today?"
    ranked = [Evidence(regimes, 1, (0, 24), 0.6, 0.8), Evidence(mtcr, 2, (22, 41), 0.4, 0.5)]
    assert select_evidence(ranked, question=question, checks=checks)[0].hit is mtcr
    far = [Evidence(regimes, 1, (0, 24), 0.6, 0.8), Evidence(mtcr, 2, (22, 41), 0.2, 0.3)]
    assert select_evidence(far, question=question, checks=checks)[0].hit is regimes  # then declined


def test_an_organization_named_is_no_speaker_when_another_reply_covers_the_question_far_better() -> None:
    checks = Checks(names=default_names())
    agency = hit("原子能机构继续实施其核保安计划。", "国际原子能机构", "IAEA", "iaea")
    institute = hit("菲律宾核研究所是原子能机构的有害藻华协作中心。", "菲律宾", "PHL", "phl")
    ranked = [Evidence(institute, 1, (0, 24), 0.8, 0.8), Evidence(agency, 2, (0, 16), 0.3, 0.4)]
    assert select_evidence(ranked, {"IAEA"}, "What is the institute an IAEA centre for?", checks)[0].hit is institute
    close = [Evidence(institute, 1, (0, 24), 0.8, 0.8), Evidence(agency, 2, (0, 16), 0.5, 0.5)]
    assert select_evidence(close, {"IAEA"}, "What did the IAEA say?", checks)[0].hit is agency
    states = [
        Evidence(institute, 1, (0, 24), 0.8, 0.8),
        Evidence(hit("挪威支持。", "挪威", "NOR", "n"), 2, (0, 5), 0.2, 0.2),
    ]
    assert select_evidence(states, {"NOR"}, "What did Norway say?", checks)[0].hit.passage.id == "n"


def test_a_date_asked_of_a_named_treaty_needs_a_passage_naming_it() -> None:
    treaties = (("Convention on Cluster Munitions", ("集束弹药公约", "《集束弹药公约》")),)
    checks = Checks(names=default_names(), treaties=treaties)
    law = hit("布基纳法索于 2021 年 5 月通过了一项法律，其中考虑到《武器贸易条约》的规定。", "布基纳法索", "BFA", "law")
    ranked = [Evidence(law, 1, (0, 38), 0.6, 0.8)]
    question = "When did Burkina Faso ratify the Convention on Cluster Munitions?"
    assert unmet_constraint(question, ranked, checks) is not None
    ratified = hit("布基纳法索于 2010 年批准了《集束弹药公约》。", "布基纳法索", "BFA", "ccm")
    assert unmet_constraint(question, [Evidence(ratified, 1, (0, 26), 0.6, 0.8)], checks) is None
    # asks neither a fact nor what was said of it
    assert unmet_constraint("How is the Convention on Cluster Munitions implemented?", ranked, checks) is None
    # a reply asked about, whatever is asked, names the treaty where it is quoted
    assert unmet_constraint("What does Burkina Faso say about the Convention on Cluster Munitions?", ranked, checks)


def test_a_sentence_quoted_for_the_figure_the_best_lacks_must_cover_enough_of_the_question() -> None:
    team = hit("已经建立打击核恐怖主义小组，并确保小组所有培训和任务的安全。", pid="team")
    law = hit("约旦 2006 年依第 55 号《防止恐怖主义法》成立了国家委员会。", pid="law")
    question = "约旦的反恐小组是什么时候成立的？"
    ranked = [Evidence(team, 1, (0, 30), 0.4, 1.0), Evidence(law, 2, (0, 34), 0.35, 0.9)]
    assert select_evidence(ranked, question=question)[0].hit is law
    weak = [Evidence(team, 1, (0, 30), 0.2, 1.0), Evidence(law, 2, (0, 34), 0.2, 0.9)]
    assert select_evidence(weak, question=question)[0].hit is team  # then declined: it gives no date


def test_a_figure_is_of_what_its_own_sentence_names_unless_it_follows_the_sentence_naming_what_is_asked() -> None:
    """ "How much does Italy give the nuclear security school?": not its euros to the cooperation fund."""
    text = "意大利继续资助国际核保安学校。意大利将在 2022 年向技术合作基金捐款 300 万欧元。"
    reply = hit(text, "意大利", "ITA", pid="ita")
    school, fund = (0, 15), (15, len(text))
    question = "Combien l'Italie verse-t-elle pour financer l'École internationale de sécurité nucléaire ?"
    best = Evidence(reply, 1, school, 0.55, 0.8, own_coverage=0.55)
    elsewhere = hit(text[15:], "意大利", "ITA", pid="other")
    ranked = [best, Evidence(elsewhere, 1, (0, len(text) - 15), 0.45, 0.7, own_coverage=0.13)]
    assert select_evidence(ranked, question=question)[0] is best  # then declined: it gives no amount
    following = Evidence(reply, 1, fund, 0.45, 0.7, own_coverage=0.13)
    assert select_evidence([best, following], question=question)[0] is following
    # a sentence holding nearly as much of the question on its own gives its figure
    close = Evidence(elsewhere, 1, (0, len(text) - 15), 0.45, 0.7, own_coverage=0.3)
    assert select_evidence([best, close], question=question)[0] is close


def test_a_figure_about_another_organization_does_not_answer() -> None:
    programme = hit("比利时也是国际原子能机构技术合作方案的重要捐助国，并增加自愿捐款。", "比利时", "BEL", "tc")
    opcw = hit(
        "由于 200 万欧元的自愿捐款，比利时成为禁止化学武器组织化学和技术中心的主要捐助者之一。", "比利时", "BEL", "opcw"
    )
    ranked = [Evidence(programme, 1, (0, 34), 1.0, 1.0), Evidence(opcw, 1, (0, 44), 0.75, 0.9)]
    checks = Checks(names=default_names())
    question = "Combien la Belgique verse-t-elle au programme de coopération technique de l'AIEA ?"
    assert select_evidence(ranked, question=question, checks=checks)[0].hit is programme  # then declined
    other = "Combien la Belgique verse-t-elle à l'OIAC ?"
    assert select_evidence(ranked, question=other, checks=checks)[0].hit is opcw


def test_a_date_of_another_organization_does_not_answer_when() -> None:
    chairs = hit(
        "大韩民国担任了核供应国集团主席(2003-2004 年和 2016-2017 年)和导弹技术控制制度主席(2004-2005 年)。",
        "大韩民国",
        "KOR",
        "chairs",
    )
    ranked = [Evidence(chairs, 1, (0, 50), 1.0, 1.0)]
    checks = Checks(names=default_names())
    australia_group = "В какие годы Республика Корея председательствовала в Австралийской группе?"
    unmet = unmet_constraint(australia_group, ranked, checks)
    assert unmet is not None and unmet.kind == "when"
    nsg = "In which years did the Republic of Korea chair the Nuclear Suppliers Group?"
    assert unmet_constraint(nsg, ranked, checks) is None


def test_a_fact_asked_of_an_organization_needs_a_passage_that_names_it() -> None:
    cuba = hit("2020 年 4 月至 12 月，这种情况对卫生部门的影响达到 1.983 亿美元。", "古巴", "CUB", "cuba")
    checks = Checks(names=default_names())
    budget = "¿Cuál fue el presupuesto total del UNIDIR para 2020?"
    unmet = unmet_constraint(budget, [Evidence(cuba, 1, (0, 35), 1.0, 1.0)], checks)
    assert unmet is not None and unmet.kind == "missing" and unmet.missing == "UNIDIR"
    # named in the passage, by another of its names, or by the section the passage is in: it may answer
    institute = hit("2020 年，裁研所的预算为 1 000 万美元。", pid="unidir")
    assert unmet_constraint(budget, [Evidence(institute, 1, (0, 24), 1.0, 1.0)], checks) is None
    sectioned = Passage(
        id="s",
        doc_id="d",
        text="2020 年预算为 1 000 万美元。",
        start=0,
        end=20,
        respondent=Respondent("", "state"),
        section=("联合国裁军研究所董事会",),
    )
    evidence = Evidence(Hit(sectioned, 1.0, DOC), 1, (0, 20), 1.0, 1.0)
    assert unmet_constraint(budget, [evidence], checks) is None
    # a question asking what an organization does is not held to it (its reply may not repeat its name)
    assert (
        unmet_constraint("¿Qué dice el UNIDIR del presupuesto?", [Evidence(cuba, 1, (0, 35), 1.0, 1.0)], checks) is None
    )


def test_a_fact_asked_of_a_state_needs_a_passage_that_names_every_state_asked() -> None:
    spain = hit("自 2021 年 9 月以来，有助于建立信任和安全的双边关系重新真切显现。", "西班牙", "ESP", "esp")
    checks = Checks(names=default_names())
    when = "Quand l'Espagne et l'Inde ont-elles créé leur comité mixte de défense ?"
    unmet = unmet_constraint(when, [Evidence(spain, 1, (0, 33), 1.0, 1.0)], checks)
    assert unmet is not None and unmet.kind == "missing" and unmet.missing == "Inde"
    # the speaker is named by speaking; a state the passage names is named
    india = hit("西班牙与印度于 2021 年 9 月设立了联合国防委员会。", "西班牙", "ESP", "ind")
    assert unmet_constraint(when, [Evidence(india, 1, (0, 27), 1.0, 1.0)], checks) is None
    alone = "Quand l'Espagne a-t-elle renoué ?"
    assert unmet_constraint(alone, [Evidence(spain, 1, (0, 33), 1.0, 1.0)], checks) is None


def test_a_date_asked_of_a_state_needs_it_named_beside_the_date() -> None:
    """Spain's reply names Senegal, but the year it gives is of its committees with Tunisia and Mauritania."""
    text = "2021 年与突尼斯和 2022 年与毛里塔尼亚建立联合防务委员会。西班牙还与塞内加尔开展合作。"
    reply = hit(text, "西班牙", "ESP", "esp")
    checks = Checks(names=default_names())
    asked = "In what year did Spain set up its joint defence committee with Senegal?"
    unmet = unmet_constraint(asked, [Evidence(reply, 1, (0, 33), 1.0, 1.0)], checks)
    assert unmet is not None and unmet.missing == "Senegal"
    tunisia = "In what year did Spain set up its joint defence committee with Tunisia?"
    assert unmet_constraint(tunisia, [Evidence(reply, 1, (0, 33), 1.0, 1.0)], checks) is None


def test_what_was_said_of_a_named_treaty_needs_a_passage_naming_it() -> None:
    treaties = (("Arms Trade Treaty", ("武器贸易条约", "《武器贸易条约》")),)
    checks = Checks(names=default_names(), treaties=treaties)
    letter = hit("2020 年 2 月，委员会向秘书长提交了一封信。", pid="letter")
    asked = "What did the Advisory Board recommend about the Arms Trade Treaty in 2020?"
    assert unmet_constraint(asked, [Evidence(letter, 1, (0, 22), 0.6, 0.8)], checks) is not None
    att = hit("2020 年，委员会建议各国加入《武器贸易条约》。", pid="att")
    assert unmet_constraint(asked, [Evidence(att, 1, (0, 25), 0.6, 0.8)], checks) is None


def test_a_narrower_term_is_not_answered_by_its_head() -> None:
    """ "Who was the vice-chair" (副主席) is not answered by the sentence naming the chair (主席)."""
    checks = Checks(names=default_names(), terms=(("vice-chair", ("副主席",)),))
    chair = hit("塞尔玛·阿希帕拉-穆萨夫伊以主席身份主持了咨询委员会 2020 年的两届会议。", pid="chair")
    asked = "Who was the vice-chair of the Advisory Board in 2020?"
    unmet = unmet_constraint(asked, [Evidence(chair, 1, (0, 36), 0.6, 0.8)], checks)
    assert unmet is not None and unmet.missing == "vice-chair"
    vice = hit("2020 年，琳娜·哈迪德担任副主席。", pid="vice")
    assert unmet_constraint(asked, [Evidence(vice, 1, (0, 19), 0.6, 0.8)], checks) is None
    # a question asking for no fact is not held to it
    assert unmet_constraint("What did the vice-chair say?", [Evidence(chair, 1, (0, 36), 0.6, 0.8)], checks) is None


def test_a_year_needs_no_mention_only_in_its_own_reports_passages() -> None:
    figures = "2019 年有 603 项出口未获准，占欧盟外出口总额的 0.02%。"
    reply = Passage(
        id="r", doc_id="d", text=figures, start=0, end=27, respondent=Respondent("欧洲联盟", "organization")
    )
    question = "¿Cuántas solicitudes de exportación denegó la Unión Europea en 2020?"
    checks = Checks(document_years=(2020, 2022))  # another report of the corpus is from 2020
    of_2022 = Document(id="d", file="d.txt", language="zh", symbol="A/77/96", session=77)
    unmet = unmet_constraint(question, [Evidence(Hit(reply, 1.0, of_2022), 1, (0, 27), 1.0, 1.0)], checks)
    assert unmet is not None and unmet.missing == "2020"
    of_2019 = replace(of_2022, session=74)  # a report issued in 2019 need not say its own year
    asked = question.replace("2020", "2019")
    assert unmet_constraint(asked, [Evidence(Hit(reply, 1.0, of_2019), 1, (0, 27), 1.0, 1.0)], checks) is None


def test_list_items_are_read_in_the_context_of_their_lead_in() -> None:
    lead_in = hit("2021 年 1 月至 7 月，封锁给化学工业造成的损失包括：", "古巴", "CUB", "lead")
    item = hit("– 损失的收入达 4 206 740 美元。", "古巴", "CUB", "item").passage
    tokens = word_concepts("2021年 化学工业 损失 收入 多少 美元")
    question = "2021年化学工业少收入了多少钱？"
    alone = rank_sentences([lead_in], tokens, lambda t: 1.0, tokenize)
    assert sentence_constraint(question, alone[0].sentence, alone[0].context) is not None  # no amount
    ranked = rank_sentences([lead_in], tokens, lambda t: 1.0, tokenize, continuations={"lead": [item]})
    chosen = select_evidence(ranked, None, question)[0]
    assert chosen.hit.passage.id == "item" and chosen.rank == 1
    assert "4 206 740" in chosen.sentence and chosen.lead_in == lead_in.passage.text
    assert sentence_constraint(question, chosen.sentence, chosen.context) is None  # the year is in the lead-in


def test_a_why_question_prefers_a_sentence_that_gives_a_reason() -> None:
    dates = hit("委员会于 6 月 24 日举行了线上会议。", pid="dates")
    reason = hit("由于疫情，委员会无法在纽约开会，只能举行线上会议。", pid="reason")
    ranked = [Evidence(dates, 1, (0, 18), 0.9, 1.0), Evidence(reason, 2, (0, 25), 0.85, 0.99)]
    for question in ("委员会为什么举行线上会议？", "Why did the Board meet online?", "¿Por qué se reunió en línea?"):
        assert [e.hit.passage.id for e in select_evidence(ranked, question=question)] == ["reason"]
    assert select_evidence(ranked, question="委员会何时举行线上会议？")[0].hit is dates
    # A reason is often given without a causal word: no such sentence is no reason to quote nothing.
    assert select_evidence(ranked[:1], question="Why did the Board meet online?")[0].hit is dates


def test_a_question_asking_who_prefers_the_sentence_naming_the_person() -> None:
    text = "委员会审议了超高音速能力问题。为此，方案主任迈克尔·埃尔曼向委员会成员介绍了超高音速武器的发展。"
    topic, person = hit(text, pid="p"), hit(text, pid="p")
    ranked = [Evidence(topic, 1, (0, 15), 0.5, 0.5), Evidence(person, 1, (15, len(text)), 0.4, 0.4)]
    checks = Checks(persons=PersonIndex(["迈克尔·埃尔曼"]), names=default_names())
    question = "是谁专门给委员们讲超高音速武器的发展情况的？"
    assert "埃尔曼" in select_evidence(ranked, question=question, checks=checks)[0].sentence
    assert "埃尔曼" not in select_evidence(ranked, question="委员会审议了什么问题？", checks=checks)[0].sentence


def test_this_resolution_states_the_resolution_it_refers_to() -> None:
    report = Document(id="r", file="r.txt", language="zh", symbol="A/77/96", resolution="76/234")
    vote = Hit(Passage(id="v", doc_id="r", text="因此，本国对该决议投了反对票。", start=0, end=15), 1.0, report)
    elsewhere = Hit(Passage(id="e", doc_id="d", text="本国对该决议投了反对票。", start=0, end=12), 1.0, DOC)
    earlier = Hit(
        Passage(id="s", doc_id="r", text="关于第 1540(2004)号决议，本国对该决议投了赞成票。", start=0, end=27),
        1.0,
        report,
    )
    concepts = word_concepts("76/234 反对票")
    coverage = {
        e.hit.passage.id: e.coverage
        for e in rank_sentences([vote, elsewhere, earlier], concepts, lambda t: 1.0, tokenize)
    }
    assert coverage["v"] == 1.0  # the report answers resolution 76/234
    assert coverage["e"] < 1.0  # a report answering no resolution
    assert coverage["s"] < coverage["v"]  # the resolution named just before is the one referred to


def test_what_a_document_states_of_itself_counts_as_said_in_its_passages() -> None:
    # "In its 2017 reply on terrorists, has Mexico joined the Australia Group?": the report's title and year are
    # not repeated in the reply's sentences, and the sentence naming the group is not short of them.
    report = Document(id="t", file="t.txt", language="zh", title="防止恐怖分子获取武器的措施", session=72)
    other = Document(id="o", file="o.txt", language="zh", title="和平利用", session=77)
    joined = Hit(Passage(id="j", doc_id="t", text="墨西哥加入了澳大利亚集团。", start=0, end=13), 1.0, report)
    elsewhere = Hit(Passage(id="e", doc_id="o", text="墨西哥加入了澳大利亚集团。", start=0, end=13), 1.0, other)
    concepts = word_concepts("2017 恐怖分子 墨西哥 澳大利亚集团")
    coverage = {
        e.hit.passage.id: e.coverage for e in rank_sentences([elsewhere, joined], concepts, lambda t: 1.0, tokenize)
    }
    assert coverage["j"] > coverage["e"]  # the 2017 report on terrorists says both, the other neither
    assert coverage["j"] < 1.0  # stated by the document around it, not by the sentence: at a discount


def test_a_number_form_is_there_only_with_its_number() -> None:
    june = Concept((("junio",), tuple(tokenize("6月"))), (0.3, 1.0))
    hits = [hit("条约于 7 月 7 日通过。", pid="july"), hit("议会于 6 月 27 日通过了修正案。", pid="june")]
    coverage = {e.hit.passage.id: e.coverage for e in rank_sentences(hits, [june], lambda t: 1.0, tokenize)}
    assert coverage == {"july": 0.0, "june": 1.0}


def test_a_treaty_is_looked_for_in_every_language_the_passages_may_be_in() -> None:
    treaties = (("la Convention sur les armes à sous-munitions", ("集束弹药公约", "Convention on Cluster Munitions")),)
    checks = Checks(names=default_names(), treaties=treaties)
    english = hit("Burkina Faso ratified the Convention on Cluster Munitions in 2010.", "Burkina Faso", "BFA", "en")
    question = "Quand le Burkina Faso a-t-il ratifié la Convention sur les armes à sous-munitions ?"
    assert unmet_constraint(question, [Evidence(english, 1, (0, 66), 0.6, 0.8)], checks) is None


def test_what_a_person_said_needs_a_passage_reporting_what_they_said() -> None:
    people = PersonIndex.from_texts(["成员：琳娜·哈迪德。谢尔盖·罗戈夫的简报。莫塔兹·扎赫兰。"], default_names())
    checks = Checks(persons=people, names=default_names())
    members = hit("维也纳 约旦常驻维也纳联合国代表大使 琳娜·哈迪德", pid="members")
    said = hit("45. 罗戈夫先生回顾了双边军控制度。他强调，任何成功的核军控都需要政治解决。", pid="said")
    question = "What did Lina Hadid propose about hypersonic weapons?"
    assert unmet_constraint(question, [Evidence(members, 1, (0, 25), 0.6, 0.8)], checks) is not None
    asked = "What did Sergey Rogov say to the Board?"
    assert unmet_constraint(asked, [Evidence(said, 1, (0, 20), 0.6, 0.8)], checks) is None
    assert unmet_constraint(asked, [Evidence(members, 1, (0, 25), 0.6, 0.8)], checks) is not None
    # "Matters" sounds like a given name of the index, 莫塔兹: no one is asked about
    board = "What did the Advisory Board on Disarmament Matters say about treaties?"
    assert unmet_constraint(board, [Evidence(members, 1, (0, 25), 0.6, 0.8)], checks) is None


def test_what_a_person_said_of_a_thing_needs_the_passage_to_name_it() -> None:
    people = PersonIndex.from_texts(["谢尔盖·罗戈夫的简报。"], default_names())
    said = hit("46. 罗戈夫先生特别强调了任何中程陆基巡航导弹在欧洲部署的问题。", pid="said")
    missiles = ("intermediate-range missiles", ("中程导弹", "中程陆基导弹"))
    asia = Checks(persons=people, names=default_names(), terms=(missiles, ("Asia", ("亚洲",))))
    asked = "Did Sergey Rogov suggest anything about intermediate-range missiles in Asia?"
    unmet = unmet_constraint(asked, [Evidence(said, 1, (0, 31), 0.6, 0.8)], asia)
    assert unmet is not None and unmet.missing == "Asia"
    # a Chinese form is held with words between its two-character words (中程陆基巡航导弹)
    europe = Checks(persons=people, names=default_names(), terms=(missiles, ("Europe", ("欧洲",))))
    asked = "What did Sergey Rogov say about intermediate-range missiles in Europe?"
    assert unmet_constraint(asked, [Evidence(said, 1, (0, 31), 0.6, 0.8)], europe) is None


def test_a_proposal_asked_of_a_person_needs_words_of_proposing() -> None:
    people = PersonIndex.from_texts(["谢尔盖·罗戈夫的简报。"], default_names())
    checks = Checks(persons=people, names=default_names())
    briefed = hit("43. 委员会听取了谢尔盖·罗戈夫的简报。他认为战略不可预测性源于多极化。", pid="briefed")
    asked = "What did Sergey Rogov recommend the Board do?"
    assert unmet_constraint(asked, [Evidence(briefed, 1, (0, 20), 0.6, 0.8)], checks) is not None
    assert unmet_constraint("What did Sergey Rogov say?", [Evidence(briefed, 1, (0, 20), 0.6, 0.8)], checks) is None


def test_a_vote_asked_of_a_state_needs_a_passage_by_it_or_naming_it() -> None:
    others = hit("大多数国家对该决议投了反对票或弃权。", "大不列颠及北爱尔兰联合王国", "GBR", "gbr")
    ranked = [Evidence(others, 1, (0, 18), 0.6, 0.8)]
    checks = Checks(names=default_names())
    unmet = unmet_constraint("How did India vote on resolution 76/234?", ranked, checks)
    assert unmet is not None and "India" in unmet.missing
    own = hit("联合王国对该决议投了反对票。", "大不列颠及北爱尔兰联合王国", "GBR", "own")
    assert unmet_constraint("How did India vote on resolution 76/234?", [Evidence(own, 1, (0, 14), 0.6, 0.8)], checks)
    voted = [Evidence(own, 1, (0, 14), 0.6, 0.8)]
    assert unmet_constraint("How did the United Kingdom vote on resolution 76/234?", voted, checks) is None


def test_a_list_of_members_without_sentences_is_read_one_row_per_person() -> None:
    people = PersonIndex.from_texts(["成员：阿尔明卡·海利奇、玛丽娜·卡尤兰德、雷纳塔·德万。"], default_names())
    text = "伦敦上议院议员阿尔明卡·海利奇布鲁塞尔欧洲议会议员玛丽娜·卡尤兰德日内瓦裁研所主任雷纳塔·德万(当然成员)"
    assert [text[a:b] for a, b in rows(text, people)] == [
        "伦敦上议院议员阿尔明卡·海利奇",
        "布鲁塞尔欧洲议会议员玛丽娜·卡尤兰德",
        "日内瓦裁研所主任雷纳塔·德万(当然成员)",
    ]
    assert len(rows("委员会举行了会议。主席主持了会议。", people)) == 2  # sentences stay sentences
