"""What a "how many" question counts and whether a sentence counts it (rag/answering/counting.py)."""

from __future__ import annotations

from rag.answering.counting import counts, counts_something, measure_asked


def test_years_dates_ordinals_and_names_count_nothing() -> None:
    assert not counts_something("2021 年 10 月，西班牙牵头进行检查。")
    assert not counts_something("第 17 次会议")
    assert not counts_something("5+5 防御倡议")
    assert counts_something("该倡议汇集了 10 个国家")
    # "the next meeting" counts nothing; "one meeting" does
    assert not counts_something("下一次年度会议将于 2017 年 5 月在赫尔辛基举行。")
    assert counts_something("委员会举行了一次会议。")


def test_a_chinese_count_is_read_by_its_measure_word() -> None:
    assert measure_asked("该决议有多少票赞成？") == "票"
    assert measure_asked("有多少个国家？") == "个"
    assert measure_asked("What is it?") is None
    assert counts("以 120 票赞成获得通过", "票") and not counts("第 17 次会议", "票")
