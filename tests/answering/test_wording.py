"""The wording of set questions: report titles and frame words."""

from __future__ import annotations

from rag.answering.wording import in_title, zh_words


def test_in_title_allows_particles() -> None:
    assert in_title("区域和次区域建立信任措施", ["区域和次区域的建立信任措施"])
    assert not in_title("瓦森纳安排", ["区域和次区域的建立信任措施"])


def test_frame_words_and_title_words_are_not_topic_words() -> None:
    titles = ["在国际安全领域促进和平利用国际合作"]
    assert "人工智能" in zh_words("哪些国家提到了人工智能", titles)
    assert not {"国家", "和平利用"} & set(zh_words("哪些国家提到了和平利用", titles))
