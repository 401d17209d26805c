"""Tests for the UN terminology glossary (rag/data/glossary.tsv) and its matcher (rag/glossary.py)."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from rag.lang.glossary import DEFAULT_PATH, Glossary, GlossaryMatch, default_glossary

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SOURCES = {"UNTERM", "treaty text", "GA resolution", "corpus"}
# Share of rows with a zh variant found in the four Chinese reports: 0.89 when written; a small margin.
MIN_CORPUS_COVERAGE = 0.85


@pytest.fixture(scope="module")
def g() -> Glossary:
    return Glossary.load()


def zh_of(matches: list[GlossaryMatch]) -> list[str]:
    return [m.term.zh[0] for m in matches]


def corpus_text() -> str:
    """All Chinese reports, URL lines dropped and all whitespace removed (the PDF text wraps lines)."""
    parts = []
    for path in sorted(CORPUS.glob("*.zh.txt")):
        text = re.sub(r"^\s*https?://\S+\s*$", "", path.read_text(encoding="utf-8"), flags=re.M)
        parts.append(re.sub(r"\s+", "", text))
    return unicodedata.normalize("NFKC", "".join(parts))


# --- the file


def test_file_format() -> None:
    lines = DEFAULT_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    comments = " ".join(line for line in lines if line.startswith("#"))
    assert "UNTERM" in comments and "by hand" in comments
    data = [line for line in lines if line.strip() and not line.startswith("#")]
    assert data[0] == "zh\ten\tfr\tes\tru\tar\tsource"
    for line in data[1:]:
        cells = line.split("\t")
        assert len(cells) == 7, line
        assert cells[6] in SOURCES, line
        assert cells[5], f"no Arabic: {line}"
        for cell in cells[:6]:
            if cell:
                assert all(v == v.strip() and v for v in cell.split(" | ")), line


def test_loads_with_enough_rows(g: Glossary) -> None:
    assert len(g) >= 500
    assert set(g.langs) >= {"en", "fr", "es", "ru"}
    assert len(default_glossary()) == len(g)
    assert default_glossary() is default_glossary()


def test_every_row_has_zh_and_en(g: Glossary) -> None:
    for term in g.terms:
        assert term.zh and re.search(r"[\u4e00-\u9fff]", term.zh[0]), term
        assert term.forms.get("en"), term


def test_no_duplicate_rows(g: Glossary) -> None:
    pairs = Counter((term.zh[0], term.forms["en"][0]) for term in g.terms)
    assert [pair for pair, n in pairs.items() if n > 1] == []
    # Nor two rows sharing a zh variant and an English form.
    seen = Counter(pair for t in g.terms for pair in {(z, e.casefold()) for z in t.zh for e in t.forms["en"]})
    assert [pair for pair, n in seen.items() if n > 1] == []


def test_every_form_matches_its_own_row(g: Glossary) -> None:
    """Each variant, matched in its own language, is one match spanning all of it, found in its row.

    This catches forms that two rows share after folding and stemming (the earlier row would win).
    """
    bad = []
    for term in g.terms:
        for lang, variants in term.forms.items():
            for variant in variants:
                ms = g.match(variant, lang)
                words = re.findall(r"\w+", variant)
                ok = len(ms) == 1 and ms[0].term is term
                ok = ok and ms[0].text.startswith(words[0]) and ms[0].text.endswith(words[-1])
                if not ok:
                    bad.append((lang, variant, term.zh[0], [(m.text, m.term.zh[0]) for m in ms]))
    assert bad == []


def test_corpus_coverage(g: Glossary) -> None:
    text = corpus_text()
    assert len(text) > 100_000
    covered = [t for t in g.terms if any(unicodedata.normalize("NFKC", z) in text for z in t.zh)]
    assert len(covered) / len(g) >= MIN_CORPUS_COVERAGE
    # The key terms of these reports are all there.
    for zh in ("大规模毁灭性武器", "出口管制", "和平利用", "建立信任措施", "非国家行为体", "单方面强制性措施"):
        assert zh in text and any(zh in t.zh for t in g.terms), zh


# --- matching, per language


def test_english(g: Glossary) -> None:
    ms = g.match("Which States require end-user certificates for dual-use goods and WMDs?", "en")
    assert zh_of(ms) == ["国家", "最终用户证书", "两用物项", "大规模毁灭性武器"]
    assert [m.text for m in ms][1] == "end-user certificates"
    assert zh_of(g.match("export licences and export licenses", "en")) == ["出口许可证", "出口许可证"]
    assert zh_of(g.match("the defence policies of developing countries", "en")) == ["国防", "政策", "发展中国家"]
    spellings = g.match("Nonproliferation, non proliferation and non-proliferation", "en")
    assert len(spellings) == 3 and all("不扩散" in m.term.zh for m in spellings)


def test_a_head_of_a_name_also_matches_in_the_other_english_order(g: Glossary) -> None:
    assert zh_of(g.match("the Pelindaba Treaty", "en")) == zh_of(g.match("the Treaty of Pelindaba", "en"))
    assert zh_of(g.match("the Tlatelolco Treaty", "en")) == ["特拉特洛尔科条约"]


def test_french(g: Glossary) -> None:
    ms = g.match("Les contrôles à l'exportation des armes nucléaires et des biens à double usage", "fr")
    assert zh_of(ms) == ["出口管制", "核武器", "两用物项"]
    # Singular, no accents, curly apostrophe, capitals.
    assert zh_of(g.match("l’ARME NUCLEAIRE", "fr")) == ["核武器"]
    assert zh_of(g.match("une mesure coercitive unilatérale", "fr")) == ["单方面强制性措施"]
    assert zh_of(g.match("régimes multilatéraux de contrôle des exportations", "fr")) == ["多边出口管制制度"]
    assert zh_of(g.match("le régime multilatéral de contrôle des exportations", "fr")) == ["多边出口管制制度"]
    assert zh_of(g.match("mise en oeuvre et mise en œuvre", "fr")) == ["执行", "执行"]
    # a body named whole, not as "technology" beside the OPCW
    assert zh_of(g.match("le Centre de chimie et de technologie de l'OIAC", "fr")) == ["禁化武组织化学和技术中心"]


def test_spanish(g: Glossary) -> None:
    ms = g.match("¿Qué medidas de fomento de la confianza adoptaron los Estados Miembros?", "es")
    assert zh_of(ms) == ["建立信任措施", "会员国"]
    assert zh_of(g.match("un arma quimica", "es")) == ["化学武器"]
    assert zh_of(g.match("misil balístico y misiles balisticos", "es")) == ["弹道导弹", "弹道导弹"]
    assert zh_of(g.match("regímenes de control de las exportaciones", "es")) == ["出口管制制度"]
    assert zh_of(g.match("armas de destrucción masiva", "es")) == ["大规模毁灭性武器"]
    assert zh_of(g.match("ARMAS PEQUENAS Y ARMAS LIGERAS", "es")) == ["小武器和轻武器"]  # ñ = n
    assert zh_of(g.match("se define como país en desarrollo", "es")) == ["发展中国家"]  # singular of países


def test_russian(g: Glossary) -> None:
    ms = g.match("меры экспортного контроля и нераспространения оружия массового уничтожения", "ru")
    assert zh_of(ms) == ["出口管制措施", "不扩散", "大规模毁灭性武器"]
    assert zh_of(g.match("экспортный контроль", "ru")) == zh_of(g.match("экспортного контроля", "ru"))
    assert zh_of(g.match("государствами-членами", "ru")) == ["会员国"]
    assert zh_of(g.match("развивающихся стран", "ru")) == ["发展中国家"]
    assert zh_of(g.match("подотчётности", "ru")) == ["问责"]  # ё = е
    assert zh_of(g.match("ДНЯО и ОМУ", "ru")) == ["不扩散核武器条约", "大规模毁灭性武器"]


def test_lang_none_tries_every_language(g: Glossary) -> None:
    text = "armes chimiques, armas químicas, chemical weapons, химическое оружие"
    ms = g.match(text)
    assert zh_of(ms) == ["化学武器"] * 4
    assert [m.lang for m in ms] == ["fr", "es", "en", "ru"]
    assert zh_of(g.match(text, "en")) == ["化学武器"]
    # A lone function word of one language is not taken for a term of another ("for" vs Spanish "foro").
    assert g.match("training for customs") and "论坛" not in zh_of(g.match("training for customs"))
    assert zh_of(g.match("foro", "es")) == ["论坛"]
    # the question's own language first where languages tie: "país" is a country in Spanish, a stem of "paix" in French
    assert zh_of(g.match("¿Qué país asegura?", None, prefer="es"))[0] == "国家"


# --- boundaries and overlaps


def test_longest_match_wins(g: Glossary) -> None:
    assert zh_of(g.match("a nuclear weapon free zone", "en")) == ["无核武器区"]
    assert zh_of(g.match("nuclear weapons", "en")) == ["核武器"]
    ms = g.match("Treaty on the Non-Proliferation of Nuclear Weapons", "en")
    assert zh_of(ms) == ["不扩散核武器条约"] and ms[0].start == 0
    # a negated term is a term of its own, not its positive one with a word before it
    assert zh_of(g.match("regimes that are legally non-binding", "en")) == ["制度", "不具有法律约束力"]
    assert zh_of(g.match("юридически необязывающими", "ru")) == ["不具有法律约束力"]
    assert zh_of(g.match("не направлены против какого-либо государства", "ru")) == ["不针对任何国家"]


def test_no_match_inside_a_longer_word(g: Glossary) -> None:
    assert g.match("thermonuclear denuclearization", "en") == []
    assert g.match("WMDX", "en") == []
    assert g.match("омут дня", "ru") == []  # neither ОМУ nor ДНЯО
    assert zh_of(g.match("militarism and military", "en")) == ["军事"]


def test_words_between_are_not_skipped(g: Glossary) -> None:
    ms = g.match("chemical toxic weapons", "en")  # "chemical and toxic weapons" shares them (test_ellipsis.py)
    assert "化学武器" not in zh_of(ms)
    assert all(m.text in ("chemical", "toxic", "weapons") for m in ms)


def test_match_offsets_and_order(g: Glossary) -> None:
    text = "  Export controls (brokering, transit) and the ATT."
    ms = g.match(text)
    assert [m.text for m in ms] == ["Export controls", "brokering", "transit", "ATT"]
    for m in ms:
        assert text[m.start : m.end] == m.text
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    assert len({hash(m) for m in ms}) == len(ms)  # matches (and their terms) are hashable


def test_chinese_and_unknown_languages(g: Glossary) -> None:
    assert zh_of(g.match("关于两用物项的出口管制制度", "zh")) == ["两用物项", "出口管制制度"]
    assert g.match("Exportkontrollen", "de") == []


def test_zh_synonyms_are_the_other_chinese_forms_of_a_term(g: Glossary) -> None:
    assert set(g.zh_synonyms("不结盟运动")) >= {"不结盟运动", "不结盟国家运动"}
    assert g.zh_synonyms("不结盟运动")[0] == "不结盟运动"
    assert g.zh_synonyms("没有这个术语") == ("没有这个术语",)


def test_match_is_fast(g: Glossary) -> None:
    queries = [
        "What measures have Member States taken on export controls of dual-use goods, brokering and "
        "end-user certificates to prevent non-State actors and terrorists from acquiring WMDs? "
        "Mention the Australia Group.",
        "Quelles mesures les États ont-ils prises contre le trafic illicite des armes légères et de petit "
        "calibre, et que pensent-ils des mesures coercitives unilatérales et des régimes de contrôle ?",
        "Какие меры экспортного контроля и укрепления доверия приняли государства-члены в отношении "
        "оружия массового уничтожения и средств его доставки, и какова роль Совета Безопасности?",
    ]
    for q in queries:
        g.match(q)
    n = 60
    start = time.perf_counter()
    for _ in range(n):
        for q in queries:
            g.match(q)
    per_call = (time.perf_counter() - start) / (n * len(queries))
    assert per_call < 0.002


def test_arabic_keywords_reach_the_chinese_terms(g: Glossary) -> None:
    found = {m.term.zh[0] for m in g.match("تدابير بناء الثقة", "ar")}
    assert "建立信任措施" in found, found
    assert any("大规模毁灭性武器" in m.term.zh[0] for m in g.match("أسلحة الدمار الشامل", "ar"))


def test_an_arabic_particle_is_never_a_term_on_its_own(g: Glossary) -> None:
    question = "اذكر الجهات التي تطرقت إلى سوريا في ردودها على التقرير"
    for language in (None, "ar"):
        assert "إلى" not in {m.text for m in g.match(question, language)}
    assert zh_of(g.match("آلية", "ar")) == ["机制"]  # the term itself still matches


def test_arabic_proclitics_and_particles(g: Glossary) -> None:
    # "with the Treaty of Tlatelolco": the preposition written onto the word
    assert [m.term.zh[0] for m in g.match("تستشهد بمعاهدة تلاتيلولكو", "ar")] == ["特拉特洛尔科条约"]
    # "to the Secretary-General" is not "the Secretary-General's mechanism"
    assert [m.text for m in g.match("قالته الدول إلى الأمين العام", "ar")][-1] == "الأمين العام"
    # "and the 2030 Agenda": و written onto a word of three letters
    agenda = g.match("الاستخدامات السلمية وخطة التنمية المستدامة لعام 2030", "ar")[-1]
    assert agenda.term.zh[0] == "2030年可持续发展议程"


def test_the_arabic_indefinite_accusative_is_the_word_itself(g: Glossary) -> None:
    # "تذكر قانوناً وطنياً" (mentions a national law): the alif the accusative's mark sits on is no letter of the word;
    # without the mark, a final alif is the word's own (روسيا, Russia, is no Russian, روسي).
    assert "国家立法" in {m.term.zh[0] for m in g.match("أي الدول تذكر قانوناً وطنياً", "ar")}
    assert "国家立法" not in {m.term.zh[0] for m in g.match("أي الدول تذكر قانونا", "ar")}
    assert not {m.term.zh[0] for m in g.match("روسيا", "ar")} & {"俄文", "俄语"}


def test_an_arabic_pronoun_written_onto_a_noun_is_not_part_of_it(g: Glossary) -> None:
    # قوانينها الوطنية, "its national laws": the noun is قوانين, as in القوانين الوطنية; a word with the article
    # carries no such pronoun, and هنا (here) is no noun with one.
    assert "国家立法" in {m.term.zh[0] for m in g.match("أي الحكومات تذكر قوانينها الوطنية", "ar")}
    assert "立法" in {m.term.zh[0] for m in g.match("تذكر قوانينهم", "ar")}
    assert not g.match("هنا", "ar")


def test_the_short_chinese_form_a_report_uses_is_a_form_of_the_term() -> None:
    # the 2017 report writes 高浓缩铀 and 高浓铀 for highly enriched uranium
    assert "高浓铀" in default_glossary().zh_synonyms("高浓缩铀")


@pytest.mark.parametrize(
    "question, lang",
    [
        ("¿Posee Cuba armas de destrucción en masa?", "es"),
        ("Does Cuba possess weapons of mass destruction?", "en"),
        ("Quels États possèdent des armes nucléaires ?", "fr"),
        ("Какие государства обладают ядерным оружием?", "ru"),
    ],
)
def test_possessing_is_rendered_as_the_reports_write_it(g: Glossary, question: str, lang: str) -> None:
    assert "拥有" in zh_of(g.match(question, lang))


def test_politicizing_is_its_own_term_and_evidence_is_rendered(g: Glossary) -> None:
    assert zh_of(g.match("It would politicize export controls.", "en")) == ["政治化", "出口管制"]
    assert "双重标准" not in zh_of(g.match("la politisation des contrôles", "fr"))
    assert "证据" in zh_of(g.match("нет доказательств того, что экспортный контроль ограничивает", "ru"))


def test_heading_a_committee_in_russian_is_chairing_it(g: Glossary) -> None:
    assert "主席" in zh_of(g.match("Кто сам возглавлял Комитет 1540?", "ru"))


def test_a_tabletop_exercise_is_a_term_of_its_own(g: Glossary) -> None:
    assert zh_of(g.match("Which replies mention tabletop exercises?", "en"))[-1] == "桌面演习"
    assert "桌面演习" in zh_of(g.match("تمارين المحاكاة المكتبية (تمارين الطاولة)", "ar"))
    assert zh_of(g.match("Which states held exercises?", "en"))[-1] == "演习"


def test_a_chinese_word_opening_or_ending_with_a_term_takes_its_other_forms() -> None:
    glossary = default_glossary()
    assert "技术脱钩" in glossary.zh_compound_synonyms("科技脱钩")  # Pakistan's words for China's 科技脱钩
    assert "出口控制措施" in glossary.zh_compound_synonyms("出口管制措施")
    assert glossary.zh_compound_synonyms("脱钩") == ("脱钩",)  # no term in it: itself


def test_a_word_whose_stem_is_another_words_is_matched_only_whole(g: Glossary) -> None:
    # "si junto las respuestas" (if I put the replies together): no board (junta), whose plural still is one.
    assert zh_of(g.match("si junto las respuestas", "es")) == ["答复"]
    assert zh_of(g.match("las juntas", "es")) == ["委员会"]


def test_an_arabic_word_whose_stem_is_another_words_matches_whole(g: Glossary) -> None:
    # دور (role) stems like الدورة (session): the unstemmed list keeps them apart
    assert zh_of(g.match("دور الجمارك", "ar"))[0] == "作用"
    assert zh_of(g.match("الدورة الرابعة والسبعين", "ar")) == ["届会"]
