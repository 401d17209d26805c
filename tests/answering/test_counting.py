"""What a "how many" question counts and whether a sentence counts it (rag/answering/counting.py)."""

from __future__ import annotations

import pytest

from rag.answering.counting import counts, counts_another_thing, counts_something, measure_asked


def test_years_dates_ordinals_and_names_count_nothing() -> None:
    assert not counts_something("2021 年 10 月，西班牙牵头进行检查。")
    assert not counts_something("第 17 次会议")
    assert not counts_something("为裁研所成立 40 周年举办纪念活动", anniversaries=False)  # its 40th anniversary
    assert counts_something("为裁研所成立 40 周年举办纪念活动")  # "多少周年": the anniversary is what is counted
    assert not counts_something("5+5 防御倡议")
    assert counts_something("该倡议汇集了 10 个国家")
    # a number in a name: "COVID-19", "P5"
    assert not counts_something("许多人怀疑2019 冠状病毒病(COVID-19)病毒是人造的。")
    assert not counts_something("the P5 process")
    assert counts_something("共有 19 个实验室")
    # "the next meeting" counts nothing; "one meeting" does
    assert not counts_something("下一次年度会议将于 2017 年 5 月在赫尔辛基举行。")
    assert not counts_something("最近一次这样的磋商是在 2017 年 4 月进行的。")  # the latest one, not one
    assert counts_something("最近一年举行了一次磋商。")
    assert counts_something("委员会举行了一次会议。")


def test_a_chinese_count_is_read_by_its_measure_word() -> None:
    assert measure_asked("该决议有多少票赞成？") == "票"
    assert measure_asked("有多少个国家？") == "个"
    assert measure_asked("What is it?") is None
    assert counts("以 120 票赞成获得通过", "票") and not counts("第 17 次会议", "票")


def test_what_a_question_in_another_language_counts_is_read_by_the_measure_word_that_counts_it() -> None:
    # rag/lang/data/lexicon/<lang>.yaml, `counted`: the noun after "how many", as Chinese documents count it.
    assert measure_asked("How many people work in INTERPOL's CBRNE unit?") == "名"
    assert measure_asked("¿Cuántas personas asistieron a la conferencia?") == "名"
    assert measure_asked("Combien de voix la résolution a-t-elle obtenues ?") == "票"
    assert measure_asked("كم عدد الأشخاص الذين حضروا؟") == "名"
    assert measure_asked("How many research publications did UNIDIR produce?") == "份"
    assert counts("研究出版物从 2018 年的 22 份增加到 2019 年的 42 份", "份")
    assert not counts("委员会就两个工作流程进行了讨论。", "份")
    assert measure_asked("How many states replied?") == "个"
    # What is counted may come after an adjective, and what is named first is what is counted.
    assert measure_asked("How many Spanish soldiers are in Mali?") == "名"
    assert measure_asked("How many states sent experts?") == "个"
    assert measure_asked("Сколько государств направили экспертов?") == "个"
    attended = "来自 139 个国家的 2 100 多名与会者参加了会议。"
    assert counts(attended, "名") and counts("共有 500 人参加。", "名")  # 名 and 人 count people alike
    assert not counts("国际刑警组织为 190 个成员国提供支持。", "名")
    # doses are counted with 剂: "11 种研究工具" gives no count of them
    assert measure_asked("كم عدد جرعات لقاح كوفيد-19 التي قدمتها الولايات المتحدة؟") == "剂"
    assert measure_asked("How many vaccine doses did it share?") == "剂"
    assert not counts("已经将 11 种 COVID-19 研究工具许可给了药品专利池。", "剂")
    assert counts("共捐赠了 5 亿剂疫苗。", "剂")


@pytest.mark.parametrize(
    "sentence",
    [
        "通过制定和审查《国际民用航空公约》附件 17 中的安全标准。",
        "under resolution 1540 the committee met",
        "según el anexo 2",
    ],
)
def test_a_number_after_the_word_it_labels_counts_nothing(sentence: str) -> None:
    assert not counts_something(sentence)
    assert counts_something(sentence + " 71 个国家批准。")


def test_a_chinese_numeral_before_its_measure_word_counts() -> None:
    # "八种双重用途前体化学品" (eight kinds of precursor chemicals), "三项措施": counts written in Chinese numerals.
    assert counts_something("澳大利亚于 1984 年 8 月对八种双重用途前体化学品实行出口管制。")
    assert counts_something("委员会提出了三项措施。")
    assert not counts_something("澳大利亚于 1984 年对前体化学品实行出口管制。")


def test_states_and_donors_are_not_counted_by_a_measure_word_of_things() -> None:
    # 个 counts states, bodies, members, donors: any number but one written with 项, 次, 份… (measures_of_things)
    assert measure_asked("Combien de nouveaux bailleurs de fonds l'UNIDIR a-t-il attirés ?") == "个"
    assert measure_asked("¿Cuántos donantes aportaron fondos?") == "个"
    assert not counts("墨西哥充分履行其根据这两项公约承担的义务。", "个")
    assert not counts("委员会于 2020 年举行了两次会议。", "个")
    assert counts("该倡议汇集了 10 个国家。", "个") and counts("委员会由 15 名成员组成。", "个")
    assert counts("已有 62个伙伴国参加。", "个") and counts("27 国签署了声明。", "个")
    assert counts("该决议以 120 票赞成获得通过。", "个")  # a state casts a vote


def test_a_number_counting_another_thing_than_asked_is_no_count_of_it() -> None:
    licences = "Combien de licences d'exportation le bureau a-t-il refusées ?"
    regimes = "菲律宾的国家战略物资清单得益于四项多边出口管制制度。"
    assert counts_another_thing(licences, regimes, "fr")
    assert not counts_another_thing(licences, "该办公室共签发了 1 200 份出口许可证。", "fr")
    meeting = "2021 年 9 月，欧洲联盟参加了一年两次举行的促进《全面禁止核试验条约》生效高级别会议。"
    assert counts_another_thing("How many dual-use export requests did the EU turn down in 2021?", meeting, "en")
    # a thing the glossary does not know, or one the question names, may be what is asked
    assert not counts_another_thing("How many applications were denied?", "共驳回 12 份申请。", "en")
    assert not counts_another_thing("How many export licence refusals did it report?", "有 603 项出口未获准。", "en")
    # states, bodies and people are counted by their measure words; a Chinese question by its own; a pronoun by none
    assert not counts_another_thing("How many partner countries does it name?", regimes, "en")
    assert not counts_another_thing("该办公室拒绝了多少份许可证？", regimes, "zh")
    assert not counts_another_thing("Combien en a-t-elle reçu ?", "数额将近 300 万欧元。", "fr")
