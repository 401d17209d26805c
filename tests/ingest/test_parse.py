"""Parser: structure of UN reports in Chinese, English and French samples, PDFs, and the four real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.core.types import Document, Passage
from rag.indexing.store import name_resolver
from rag.ingest.corpus import load_corpus
from rag.ingest.parse import classify_lines, normalize_span, parse_report
from tests.support.pdf_sample import write_pdf
from tests.support.samples import AR_SAMPLE, EN_SAMPLE, ES_SAMPLE, RU_SAMPLE, ZH_SAMPLE

REPO = Path(__file__).resolve().parents[2]


FR_SAMPLE = """  I. Introduction

1. Dans sa résolution 76/234, l'Assemblée générale a prié le Secrétaire général de solliciter les vues des
États Membres.

 II. Réponses reçues des gouvernements

  Japon

[Original : anglais]

[31 mai 2022]

 Le Japon estime que les contrôles à l'exportation sont indispensables. Ils ne consti-
tuent pas une restriction excessive.

 III. Réponse reçue de l'Union européenne

[Original : anglais]

[30 mai 2022]

 L'Union européenne appuie les régimes multilatéraux de contrôle.
"""


def doc(doc_id: str, language: str) -> Document:
    return Document(id=doc_id, file=f"{doc_id}.txt", language=language)


def by_start(passages: list[Passage], fragment: str) -> Passage:
    return next(p for p in passages if fragment in p.text)


def assert_spans_round_trip(source: str, passages: list[Passage]) -> None:
    for passage in passages:
        assert normalize_span(source[passage.start : passage.end]) == passage.text, passage.id


def test_chinese_lines_join_without_spaces_and_noise_is_dropped() -> None:
    passages = parse_report(ZH_SAMPLE, doc("zh", "zh"))
    first = by_start(passages, "大会在第")
    assert "第七十七届会议" in first.text  # wrapped line joined with no space
    assert first.paragraph == "1"
    assert first.section == ("一. 导言",)
    for passage in passages:
        assert "undocs" not in passage.text and "22-08575" not in passage.text and "A/77/96" not in passage.text
    assert_spans_round_trip(ZH_SAMPLE, passages)


def test_chinese_respondent_with_language_date_and_footnote() -> None:
    passages = parse_report(ZH_SAMPLE, doc("zh", "zh"))
    proposal = by_start(passages, "非正式会议")
    assert proposal.respondent.name == "澳大利亚"
    assert proposal.respondent.kind == "state"
    assert proposal.respondent.original_language == "en"
    assert proposal.respondent.date == "2022-05-19"
    assert proposal.section == ("二. 答复", "A. 各国政府", "澳大利亚")
    assert [f.number for f in proposal.footnotes] == ["1"]
    assert proposal.footnotes[0].text.endswith("荷兰、新西兰、英国、美国。")
    assert "卢森堡" not in proposal.text  # footnote text stays out of the running text
    after_note = by_start(passages, "合法贸易")
    assert after_note.respondent.name == "澳大利亚" and not after_note.footnotes


def test_inner_lettered_sections_of_a_reply_and_outer_part_that_names_a_respondent() -> None:
    passages = parse_report(ZH_SAMPLE, doc("zh", "zh"))
    overview = by_start(passages, "一贯支持")
    assert overview.respondent.name == "中国" and overview.respondent.original_language == "zh"
    assert overview.section[-2:] == ("中国", "A. 概述")
    principle = by_start(passages, "践行真正的多边主义")
    assert principle.section[-2:] == ("中国", "B. 基本原则")
    # "4 月举行" continues the sentence: a number at a line start is not a new paragraph
    assert "2021 年4 月举行" in principle.text or "2021 年 4 月举行" in principle.text.replace("年4", "年 4")
    assert by_start(passages, "平衡处理").paragraph == "2"
    assert by_start(passages, "第一项措施").paragraph == "2 (a)"
    eu = by_start(passages, "欧洲联盟支持")
    assert eu.respondent.name == "欧洲联盟"
    assert eu.respondent.kind == "organization"
    assert eu.respondent.date == "2022-05-31"
    assert eu.section == ("二. 答复", "B. 欧洲联盟")


def test_headings_are_not_passages() -> None:
    passages = parse_report(ZH_SAMPLE, doc("zh", "zh"))
    texts = {p.text for p in passages}
    for heading in (
        "一. 导言",
        "二. 答复",
        "A. 各国政府",
        "澳大利亚",
        "A. 概述",
        "[原件：英文]",
        "[2022 年 5 月 19 日]",
    ):
        assert heading not in texts


def test_english_report_dehyphenates_and_finds_structure() -> None:
    passages = parse_report(EN_SAMPLE, doc("en", "en"))
    intro = by_start(passages, "General Assembly")
    assert "international cooperation for peaceful purposes." in intro.text
    assert intro.paragraph == "1" and intro.section == ("I. Introduction",)
    australia = by_start(passages, "national capacity")
    assert "Export controls do not impede" in australia.text
    assert "Non-proliferation is essential." in australia.text  # a real hyphen stays
    assert australia.respondent.name == "Australia"
    assert australia.respondent.original_language == "en"
    assert australia.respondent.date == "2022-05-19"
    assert australia.section == ("II. Replies received", "A. Governments", "Australia")
    assert australia.footnotes and "control lists" in australia.footnotes[0].text
    assert "australiagroup" not in australia.text
    cuba = by_start(passages, "Cuba rejects")
    assert (cuba.respondent.name, cuba.respondent.original_language) == ("Cuba", "es")
    eu = by_start(passages, "European Union supports")
    assert eu.respondent.name == "European Union" and eu.respondent.kind == "organization"
    assert all("22-09134" not in p.text and "undocs" not in p.text for p in passages)
    assert_spans_round_trip(EN_SAMPLE, passages)


def test_french_report() -> None:
    passages = parse_report(FR_SAMPLE, doc("fr", "fr"))
    intro = by_start(passages, "Assemblée générale")
    assert "vues des États Membres." in intro.text  # Latin lines joined with a space
    japan = by_start(passages, "Japon estime")
    assert japan.respondent.name == "Japon"
    assert japan.respondent.kind == "state"
    assert japan.respondent.original_language == "en"
    assert japan.respondent.date == "2022-05-31"
    assert "constituent pas" in japan.text
    eu = by_start(passages, "appuie")
    assert eu.respondent.name == "Union européenne"
    assert eu.respondent.kind == "organization"
    assert_spans_round_trip(FR_SAMPLE, passages)


@pytest.mark.parametrize(
    ("sample", "language", "intro", "cuba", "item"),
    [
        (RU_SAMPLE, "ru", "I. Введение", "Куба отвергает", "b) вторая мера."),
        (ES_SAMPLE, "es", "I. Introducción", "Cuba rechaza", "b) la segunda medida."),
        (AR_SAMPLE, "ar", "أولا - مقدمة", "ترفض كوبا", "(ب) التدبير الثاني."),
    ],
)
def test_russian_spanish_and_arabic_layouts(sample: str, language: str, intro: str, cuba: str, item: str) -> None:
    passages = parse_report(sample, doc(language, language), name_resolver())
    first = passages[0]
    assert first.paragraph == "1" and first.section == (intro,) and first.respondent.kind == "none"
    australia = passages[1]
    assert australia.respondent.id == "AUS" and australia.respondent.original_language == "en"
    assert australia.respondent.date == "2022-05-19"
    assert len(australia.section) == 2  # the part heading, then the reply's name line
    lead_in = by_start(passages, cuba)
    assert lead_in.respondent.id == "CUB" and lead_in.respondent.original_language == "es"
    assert lead_in.respondent.date == "2022-05-31"
    second = next(p for p in passages if p.text == item)
    assert second.respondent.id == "CUB" and second.paragraph and second.paragraph.endswith(")")
    if language != "es":  # the Spanish sample has no part of its own for the European Union
        eu = passages[-1]
        assert eu.respondent.id == "EU" and eu.respondent.kind == "organization"
        assert eu.respondent.date == "2022-05-30"
    assert all("[" not in p.text for p in passages)  # "[Original: …]" and date lines are structure
    assert_spans_round_trip(sample, passages)


def test_cyrillic_letters_continue_the_outer_sequence() -> None:
    text = (
        "  II. Ответы\n\n А. Правительства\n\n  Куба\n\n[Подлинный текст: испанский]\n\n[31 мая 2022 года]\n\n"
        " Текст ответа Кубы.\n\n Б. Организации\n\n  Европейский союз\n\n[Подлинный текст на английском языке]\n\n"
        "[30 мая 2022 года]\n\n Текст ответа союза.\n"
    )
    cuba, eu = parse_report(text, doc("ru", "ru"), name_resolver())
    assert cuba.section == ("II. Ответы", "А. Правительства", "Куба") and cuba.respondent.original_language == "es"
    assert eu.section == ("II. Ответы", "Б. Организации", "Европейский союз")
    assert eu.respondent.id == "EU" and eu.respondent.kind == "organization"


def test_names_table_gives_canonical_ids() -> None:
    passages = parse_report(FR_SAMPLE, doc("fr", "fr"), name_resolver())
    japan = by_start(passages, "Japon estime")
    assert japan.respondent.id == "JPN" and japan.respondent.name_en == "Japan"
    eu = by_start(passages, "appuie")
    assert eu.respondent.id == "EU" and eu.respondent.kind == "organization"


def test_long_paragraphs_split_on_sentences_with_exact_spans() -> None:
    sentence = "各国应当加强出口管制方面的国际合作并提高透明度，以便促进和平利用。"
    lines = [" " + sentence * 3] + [sentence * 3 for _ in range(9)]
    source = "  一. 导言 \n\n" + "\n\n".join(lines) + "\n"
    passages = parse_report(source, doc("long", "zh"), max_units=400)
    assert len(passages) > 1
    assert [p.part for p in passages] == list(range(len(passages)))
    assert all(p.text.endswith("。") for p in passages)
    assert "".join(p.text for p in passages) == sentence * 30
    assert_spans_round_trip(source, passages)


def test_url_header_footer_and_footnote_lines_are_classified() -> None:
    kinds = {line.content: line.kind for line in classify_lines(EN_SAMPLE)}
    assert kinds["https://undocs.org/en/A/RES/76/234"] == "noise"
    assert kinds["A/77/96"] == "noise"
    assert kinds["2/68 22-09134"] == "noise"
    assert kinds["__________________"] == "footnote_rule"
    assert kinds["1 See www.australiagroup.net for the"] == "footnote"
    assert kinds["control lists."] == "footnote"
    assert kinds["The Australia Group was established in 1985."] == "content"


def test_pdf_files_go_through_the_same_parser(tmp_path: Path) -> None:
    write_pdf(
        tmp_path / "A_77_99.en.pdf",
        [
            [
                (20, "I. Introduction"),
                (0, "1. The General Assembly, in its resolution 76/234, requested the Secretary-"),
                (0, "General to seek the views of Member States."),
                (20, "II. Replies received from Governments"),
                (30, "Japan"),
                (0, "[Original: English]"),
                (0, "[31 May 2022]"),
                (10, "Japan considers export controls indispensable for international"),
                (0, "security and for trade."),
            ]
        ],
    )
    (source,) = load_corpus(tmp_path)
    assert source.document.id == "A_77_99" and source.document.language == "en"
    passages = parse_report(source.text, source.document)
    japan = by_start(passages, "Japan considers")
    assert japan.text == "Japan considers export controls indispensable for international security and for trade."
    assert japan.respondent.name == "Japan" and japan.respondent.original_language == "en"
    assert by_start(passages, "General Assembly").paragraph == "1"
    assert_spans_round_trip(source.text, passages)


# --- the four real reports -------------------------------------------------------------------------

EXPECTED_RESPONDENTS = {
    "A_77_87": ["布基纳法索", "古巴", "洪都拉斯", "墨西哥", "巴基斯坦", "西班牙", "欧洲联盟"],
    "advisory_board_2020": [],
}
EXPECTED_COUNTS = {"A_77_87": 7, "A_77_96": 33, "advisory_board_2020": 0, "wmd_terrorism_2017": 24}


@pytest.fixture(scope="module")
def real() -> dict[str, tuple[str, list[Passage]]]:
    resolve = name_resolver()
    return {
        source.document.id: (source.text, parse_report(source.text, source.document, resolve))
        for source in load_corpus(REPO / "corpus")
    }


def respondents_in_order(passages: list[Passage]) -> list[str]:
    return list(dict.fromkeys(p.respondent.name for p in passages if p.respondent.name))


def test_real_respondent_counts_and_names(real: dict[str, tuple[str, list[Passage]]]) -> None:
    for doc_id, count in EXPECTED_COUNTS.items():
        assert len(respondents_in_order(real[doc_id][1])) == count, doc_id
    for doc_id, names in EXPECTED_RESPONDENTS.items():
        assert respondents_in_order(real[doc_id][1]) == names
    a96 = respondents_in_order(real["A_77_96"][1])
    assert a96[0] == "澳大利亚" and a96[-1] == "欧洲联盟" and "大不列颠及北爱尔兰联合王国" in a96
    wmd = real["wmd_terrorism_2017"][1]
    kinds = {p.respondent.name: p.respondent.kind for p in wmd if p.respondent.name}
    assert sum(kind == "organization" for kind in kinds.values()) == 11
    assert kinds["乌克兰"] == "state" and kinds["国际原子能机构"] == "organization"


def test_real_respondents_every_name_line_is_found(real: dict[str, tuple[str, list[Passage]]]) -> None:
    """Independent check: the line before each "[原件：…]" line names a respondent the parser found."""
    for doc_id, (source, passages) in real.items():
        lines = [line.strip() for line in source.splitlines() if line.strip() and not line.startswith("http")]
        written = {lines[i - 1] for i, line in enumerate(lines) if line.startswith("[原件")}
        found = set(respondents_in_order(passages))
        for name in written:
            assert name in found or any(r in name for r in found), (doc_id, name)


def test_real_respondents_resolve_to_canonical_ids(real: dict[str, tuple[str, list[Passage]]]) -> None:
    for _, passages in real.values():
        for passage in passages:
            if passage.respondent.name:
                assert passage.respondent.id, passage.respondent.name
                assert passage.respondent.original_language in {"ar", "zh", "en", "fr", "ru", "es"}
                assert re.fullmatch(r"20\d\d-\d\d-\d\d", passage.respondent.date or ""), passage.respondent


def test_real_passages_are_clean_and_spans_exact(real: dict[str, tuple[str, list[Passage]]]) -> None:
    # URLs inside a sentence are content; URL-only lines, page headers/footers and footnote rules are not.
    noise = re.compile(r"undocs\.org|\d+/\d+\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d+/\d+|_{5,}")
    for doc_id, (source, passages) in real.items():
        artefacts = {line.strip() for line in source.splitlines() if re.fullmatch(r"\s*https?://\S+\s*", line)}
        joined = "\n".join(p.text for p in passages)
        assert not [a for a in artefacts if a in joined], doc_id
        assert passages, doc_id
        ids = [p.id for p in passages]
        assert len(ids) == len(set(ids))
        for passage in passages:
            assert passage.text.strip() == passage.text and passage.text
            assert not noise.search(passage.text), (doc_id, passage.text[:80])
            assert not re.fullmatch(r"[A-Z]/\d+/\d+", passage.text)
            assert normalize_span(source[passage.start : passage.end]) == passage.text
            assert len(passage.text) <= 1000


def test_real_paragraph_numbers_follow_the_text(real: dict[str, tuple[str, list[Passage]]]) -> None:
    board = [p for p in real["advisory_board_2020"][1] if p.paragraph and p.paragraph.isdigit()]
    numbers = [int(p.paragraph or 0) for p in board if p.part == 0]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == 65
    assert len(set(numbers)) >= 60
    intro = real["A_77_96"][1]
    assert next(p for p in intro if "第 76/234 号决议中" in p.text).paragraph == "1"


def test_real_list_items_are_labelled_by_their_own_letter(real: dict[str, tuple[str, list[Passage]]]) -> None:
    cuba = [p for p in real["A_77_87"][1] if p.respondent.name == "古巴" and p.paragraph]
    labels = {p.text[:3]: p.paragraph for p in cuba if p.text.startswith("(")}
    assert labels["(b)"] == "(b)" and labels["(g)"] == "(g)"


def test_real_paragraphs_do_not_break_mid_sentence_at_indented_wraps(
    real: dict[str, tuple[str, list[Passage]]],
) -> None:
    # PDF extraction indents some wrapped lines; a full line without closing punctuation still continues.
    swedish = next(p for p in real["A_77_96"][1] if "持续对话”就是一个很好的" in p.text)
    assert "很好的例子，说明如何改善和平利用核技术的机会。" in swedish.text
    west_africa = [p for p in real["A_77_87"][1] if "圣多美和普" in p.text]
    assert west_africa and all("圣多美和普林西比" in p.text for p in west_africa)


NUMBERED_THEN_NOT = """ II. Réponses reçues des gouvernements

  Japon

[Original : anglais]

[31 mai 2022]

1. Le Japon a fixé les objectifs suivants :

 • renforcer les contrôles;

 • former les douaniers.

 Le Japon coopère aussi avec ses voisins.
"""


def test_an_unnumbered_paragraph_has_no_number_unless_it_continues_a_list() -> None:
    passages = parse_report(NUMBERED_THEN_NOT, doc("fr", "fr"))
    assert by_start(passages, "1. Le Japon").paragraph == "1"
    assert by_start(passages, "• renforcer").paragraph == "1" and by_start(passages, "• former").paragraph == "1"
    assert by_start(passages, "Le Japon coopère").paragraph is None  # not the paragraph numbered before it
