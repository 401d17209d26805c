"""Tests for rag.names: the names table of States and organizations, and matching names in text."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from rag.lang.names import DATA_PATH, LANGS, Entity, NameTable, default_names, normalize_name

ROOT = Path(__file__).resolve().parents[2]

MEMBER_STATES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU
EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND
IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS
MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK
PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE
GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()


@pytest.fixture(scope="module")
def names() -> NameTable:
    return default_names()


def ids(table: NameTable, text: str) -> list[str]:
    return [m.entity.id for m in table.find_mentions(text)]


def respondents() -> list[tuple[str, str]]:
    """(file, name) for each respondent heading: the line before "[原件：英文]" in the Chinese reports."""
    found = []
    for path in sorted((ROOT / "corpus").glob("*.zh.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for prev, line in itertools.pairwise(lines):
            if line.startswith("[原件"):
                name = re.sub(r"^(?:[一二三四五六七八九十]+|[A-Z])\.\s*", "", prev)  # "三. ", "B. "
                name = re.sub(r"^从(.+)收到的答复$", r"\1", name)  # "从欧洲联盟收到的答复"
                found.append((path.name, name))
    return found


def test_respondents_parsed_from_the_corpus() -> None:
    found = respondents()
    assert len(found) >= 60
    assert ("wmd_terrorism_2017.zh.txt", "集体安全条约组织") in found
    assert ("A_77_87.zh.txt", "欧洲联盟") in found


@pytest.mark.parametrize(("file", "name"), respondents())
def test_every_respondent_resolves(names: NameTable, file: str, name: str) -> None:
    entity = names.resolve(name)
    assert entity is not None, f"{file}: {name}"
    assert ids(names, name) == [entity.id]


def test_respondents_resolve_to_the_right_entities(names: NameTable) -> None:
    got = {names.resolve(name).id for _, name in respondents()}  # type: ignore[union-attr]
    expected = {
        "AUS",
        "BLR",
        "GBR",
        "USA",
        "VEN",
        "SYR",
        "KOR",
        "RUS",
        "IRN",
        "BRN",
        "CHN",
        "NLD",
        "BFA",
        "SAU",
        "CSTO",
        "CIS",
        "EAC",
        "EU",
        "IAEA",
        "ICAO",
        "IMO",
        "INTERPOL",
        "NATO",
        "OSCE",
        "SCO",
    }
    assert expected <= got
    assert {e.kind for e in map(names.get, got) if e} == {"state", "organization"}


def test_all_member_states_in_six_languages(names: NameTable) -> None:
    assert len(MEMBER_STATES) == len(set(MEMBER_STATES)) == 193
    states = {e.id for e in names if e.kind == "state"}
    assert states == set(MEMBER_STATES) | {"VAT", "PSE"}
    for e in names:
        for lang in LANGS:
            assert e.names.get(lang), (e.id, lang)
            assert all(n.strip() == n and n for n in e.names[lang]), (e.id, lang)
    assert sum(e.kind == "organization" for e in names) >= 40


def test_json_shape() -> None:
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    assert "CLDR" in data["source"] and "Babel" in data["source"] and "UNTERM" in data["source"]
    assert [e["id"] for e in data["entities"]] == sorted(e["id"] for e in data["entities"])
    for e in data["entities"]:
        assert set(e) == {"id", "kind", "names"} and e["kind"] in ("state", "organization")
        assert re.fullmatch(r"[A-Z0-9]+", e["id"])
        assert list(e["names"]) == list(LANGS)


def test_no_name_denotes_two_entities(names: NameTable) -> None:
    owner: dict[str, str] = {}
    for e in names:
        for group in e.names.values():
            for n in group:
                assert owner.setdefault(normalize_name(n), e.id) == e.id, n


def test_table_refuses_a_name_shared_by_two_entities() -> None:
    a = Entity("AAA", "state", {"en": ("Atlantis",)})
    b = Entity("BBB", "state", {"en": ("Lemuria", "ATLANTIS")})
    with pytest.raises(ValueError, match=r"Atlantis|ATLANTIS"):
        NameTable([a, b])


def test_every_name_resolves_to_its_entity(names: NameTable) -> None:
    wrong = [(e.id, n) for e in names for ns in e.names.values() for n in ns if names.resolve(n) is not e]
    assert wrong == []


@pytest.mark.parametrize(
    "name",
    [
        "Royaume-Uni",
        "Reino Unido",
        "Великобритания",
        "المملكة المتحدة",
        "UK",
        "United Kingdom",
        "United Kingdom of Great Britain and Northern Ireland",
        "the United Kingdom",
        "英国",
        "联合王国",
        "大不列颠及北爱尔兰联合王国",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "GBR",
        "ＵＫ",
        "Соединенное Королевство Великобритании и Северной Ирландии",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ],
)
def test_cross_language_resolution(names: NameTable, name: str) -> None:
    entity = names.resolve(name)
    assert entity is not None and entity.id == "GBR"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Iran (Islamic Republic of)", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("伊朗伊斯兰共和国", "IRN"),
        ("伊朗（伊斯兰共和国）", "IRN"),
        ("Iran (République islamique d')", "IRN"),
        ("Иран", "IRN"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("República Bolivariana de Venezuela", "VEN"),
        ("多民族玻利维亚国", "BOL"),
        ("Bolivia", "BOL"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turquie", "TUR"),
        ("土耳其", "TUR"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("捷克", "CZE"),
        ("捷克共和国", "CZE"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("The Netherlands", "NLD"),
        ("荷兰", "NLD"),
        ("荷兰王国", "NLD"),
        ("Russian Federation", "RUS"),
        ("Fédération de Russie", "RUS"),
        ("Российская Федерация", "RUS"),
        ("Republic of Korea", "KOR"),
        ("République de Corée", "KOR"),
        ("大韩民国", "KOR"),
        ("朝鲜民主主义人民共和国", "PRK"),
        ("États-Unis", "USA"),
        ("Etats-Unis d'Amerique", "USA"),
        ("EE. UU.", "USA"),
        ("Estados Unidos de América", "USA"),
        ("США", "USA"),
        ("U.S.", "USA"),
        ("美国", "USA"),
        ("People's Republic of China", "CHN"),
        ("中华人民共和国", "CHN"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Соединённые Штаты", "USA"),
        ("Австралии", "AUS"),
        ("Египту", "EGY"),  # a fleeting vowel drops: Египет, Египта, Египту
        ("Египтом", "EGY"),
        ("Bahamas (the)", "BHS"),
        ("El Salvador", "SLV"),
        ("the Gambia", "GMB"),
        ("AUS", "AUS"),
        ("eu", "EU"),
        ("European Union", "EU"),
        ("Евросоюз", "EU"),
        ("欧盟", "EU"),
        ("International Atomic Energy Agency", "IAEA"),
        ("OIEA", "IAEA"),
        ("МАГАТЭ", "IAEA"),
        ("国际原子能机构", "IAEA"),
        ("الوكالة الدولية للطاقة الذرية", "IAEA"),
        ("OTAN", "NATO"),
        ("北约", "NATO"),
        ("Interpol", "INTERPOL"),
        ("World Customs Organization", "WCO"),
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
    ],
)
def test_resolve(names: NameTable, name: str, expected: str) -> None:
    entity = names.resolve(name)
    assert entity is not None and entity.id == expected


@pytest.mark.parametrize("name", ["Korea", "Corée", "Корея", "Atlantis", "", "Northern Ireland", "the"])
def test_resolve_refuses(names: NameTable, name: str) -> None:
    assert names.resolve(name) is None


def test_display(names: NameTable) -> None:
    gbr = names.get("GBR")
    assert gbr is not None
    assert gbr.display("zh") == "大不列颠及北爱尔兰联合王国"
    assert gbr.display("en") == gbr.name_en == "United Kingdom of Great Britain and Northern Ireland"
    assert gbr.display("fr") == "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"
    assert gbr.display("ru") == "Соединенное Королевство Великобритании и Северной Ирландии"
    assert gbr.display("de") == gbr.name_en
    irn = names.get("IRN")
    assert irn is not None
    assert irn.display("en") == "Iran (Islamic Republic of)"
    assert irn.display("fr") == "Iran (République islamique d')"
    assert irn.display("zh") == "伊朗伊斯兰共和国"
    assert names.get("USA").display("es") == "Estados Unidos de América"  # type: ignore[union-attr]
    assert names.get("TUR").display("en") == "Türkiye"  # type: ignore[union-attr]
    assert names.get("EU").display("zh") == "欧洲联盟"  # type: ignore[union-attr]
    assert names.get("XXX") is None


def test_mentions_english(names: NameTable) -> None:
    text = "Australia, the United Kingdom and the US met in Romania; Oman did not. Tell us more."
    ms = names.find_mentions(text)
    assert [m.entity.id for m in ms] == ["AUS", "GBR", "USA", "ROU", "OMN"]
    assert all(text[m.start : m.end] == m.text for m in ms)
    assert [m.text for m in ms][:3] == ["Australia", "United Kingdom", "US"]
    assert ids(names, "Democratic People's Republic of Korea and the Republic of Korea") == ["PRK", "KOR"]
    assert ids(names, "Niger, Nigeria, Guinea-Bissau, Guinea, Dominica, Dominican Republic") == [
        "NER",
        "NGA",
        "GNB",
        "GIN",
        "DMA",
        "DOM",
    ]
    text = "Sudan and South Sudan; Indian Ocean; Iranian; Korea; Northern Ireland"
    assert ids(names, text) == ["SDN", "SSD"]


def test_mentions_acronyms_are_upper_case_only(names: NameTable) -> None:
    assert ids(names, "the EU and the US") == ["EU", "USA"]
    assert ids(names, "tell us about the eu, the who and nato") == []
    assert ids(names, "IAEA, OPCW, NATO, OSCE, WHO") == ["IAEA", "OPCW", "NATO", "OSCE", "WHO"]


def test_mentions_chinese(names: NameTable) -> None:
    text = "发展中国家和美国、中国以及欧美国家在印度尼西亚与印度会谈，尼日利亚与尼日尔，其中国际原子能机构也参加。"
    assert ids(names, text) == ["USA", "CHN", "IDN", "IND", "NGA", "NER", "IAEA"]
    assert ids(names, "朝鲜半岛、印度洋、沿海地区、北爱尔兰、几内亚湾、内蒙古") == []
    assert ids(names, "白俄罗斯和俄罗斯联邦以及索马里和马里") == ["BLR", "RUS", "SOM", "MLI"]
    wrapped = "大不列颠及北\n\n爱尔兰联合王国和安全理事会第 1540(2004)号决\n议所设委员会"
    ms = names.find_mentions(wrapped)
    assert [m.entity.id for m in ms] == ["GBR", "UNSC1540"]
    assert ms[0].text == "大不列颠及北\n\n爱尔兰联合王国"


def test_mentions_russian_case_forms(names: NameTable) -> None:
    text = "Делегации Австралии, Японии и Китая, а также Соединенных Штатов встретились с Китаем и Австралией"
    assert ids(names, text) == ["AUS", "JPN", "CHN", "USA", "CHN", "AUS"]
    for form in ("Австралия", "Австралию", "Япония", "Китай", "Соединенные Штаты", "Российской Федерацией"):
        assert len(ids(names, f"вместе с {form} сегодня")) == 1, form
    assert ids(names, "после того как Того же мнения") == []
    assert ids(names, "в Беларуси и Республике Корея") == ["BLR", "KOR"]


def test_mentions_french_and_spanish(names: NameTable) -> None:
    fr = "La délégation du Japon et de la Chine, ainsi que l'Inde et les États-Unis d'Amérique."
    assert ids(names, fr) == ["JPN", "CHN", "IND", "USA"]
    assert ids(names, "les Etats-Unis et la Federation de Russie") == ["USA", "RUS"]
    es = "El representante de Mexico y de la República Bolivariana de Venezuela, y EE. UU."
    assert ids(names, es) == ["MEX", "VEN", "USA"]


def test_mentions_arabic(names: NameTable) -> None:
    ms = names.find_mentions("وقالت الولايات المتحدة والصين وللصين ومصر")
    assert [m.entity.id for m in ms] == ["USA", "CHN", "CHN", "EGY"]
    assert [m.text for m in ms][:2] == ["الولايات المتحدة", "الصين"]


def test_mentions_full_width(names: NameTable) -> None:
    assert ids(names, "（ＵＳ）と（ＥＵ）") == ["USA", "EU"]


def test_find_mentions_is_fast(names: NameTable) -> None:
    queries = [
        "What did the Russian Federation and China say about IAEA safeguards in the peaceful uses report?",
        "俄罗斯联邦和中国在2022年关于和平利用的报告中就国际原子能机构保障监督说了什么？"
        "请列出发展中国家的观点和欧洲联盟的立场。",
        "Какую позицию заняли Соединенные Штаты и Европейский союз в отношении МАГАТЭ в докладе 2022 года?",
    ]
    for q in queries:
        names.find_mentions(q)
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        for q in queries:
            names.find_mentions(q)
    per_query = (time.perf_counter() - start) / (runs * len(queries))
    assert per_query < 1e-3, f"{per_query * 1e6:.0f} µs per query"


def test_load_path_and_default(names: NameTable) -> None:
    assert NameTable.load() is names
    again = NameTable.load(DATA_PATH)
    assert again is not names and [e.id for e in again] == [e.id for e in names]


def test_json_is_what_the_script_builds() -> None:
    babel = pytest.importorskip("babel")
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    if f"Babel {babel.__version__}." not in data["source"]:
        pytest.skip("names.json was built with another Babel version")
    spec = importlib.util.spec_from_file_location("build_names", ROOT / "scripts" / "build_names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render(module.build()) == DATA_PATH.read_text(encoding="utf-8")


def _build_names_script() -> Any:
    spec = importlib.util.spec_from_file_location("build_names", ROOT / "scripts" / "build_names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_json_entities_are_what_the_script_builds_from_its_table() -> None:
    # Whatever the Babel version: only the "source" line names it (CLDR 47 and 49 give the same names).
    pytest.importorskip("babel")
    module = _build_names_script()
    built = json.loads(module.render(module.build()))
    assert built["entities"] == json.loads(DATA_PATH.read_text(encoding="utf-8"))["entities"]
    assert len(module.STATES) == 195 and len(module.ORGANIZATIONS) == 59


def test_the_name_table_refuses_a_short_row(tmp_path: Path) -> None:
    pytest.importorskip("babel")
    module = _build_names_script()
    table = tmp_path / "names.tsv"
    table.write_text("# comment\nkind\tid\tiso2\tzh\ten\tfr\tes\tru\tar\nstate\tAFG\tAF\t阿富汗\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="row 2 has 4 fields"):
        module.read_table(table)


def test_an_acronym_written_as_a_name_is_found_too() -> None:
    # INTERPOL is found upper-case; "Interpol", as a French or English question writes it, too
    names = default_names()
    for text in ("qui coopère avec Interpol ?", "who works with INTERPOL?", "¿quién coopera con Interpol?"):
        assert [m.entity.id for m in names.find_mentions(text)] == ["INTERPOL"], text
    assert not names.find_mentions("the us and them")  # an acronym is not found lower-case
