"""Regions named in set questions, in the six languages, and not inside a state's or organization's name."""

from __future__ import annotations

import pytest

from rag.lang import regions
from rag.lang.names import default_names


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Which Latin American states replied?", "latin_america"),
        ("Quels pays d'Amérique latine ont répondu ?", "latin_america"),
        ("¿Qué países latinoamericanos enviaron sus opiniones?", "latin_america"),
        ("Какие латиноамериканские государства ответили?", "latin_america"),
        ("ما دول أمريكا اللاتينية التي ردت؟", "latin_america"),
        ("哪些拉丁美洲国家作了答复？", "latin_america"),
        ("Which European governments fund the IAEA?", "europe"),
        ("哪些欧洲国家支持该决议？", "europe"),
        ("Какие европейские страны упоминают Венский документ?", "europe"),
        ("ما الدول الأفريقية التي ردت؟", "africa"),
        ("Which Asian states replied?", "asia"),
        ("ما هي الدول العربية التي ردت على التقرير؟", "arab_states"),
        ("Which Arab states replied?", "arab_states"),
        ("哪些阿拉伯国家提交了答复？", "arab_states"),
        ("¿Qué países árabes respondieron?", "arab_states"),
        ("Which of the five permanent members of the Security Council replied?", "permanent_members"),
        ("Кто из пяти постоянных членов Совета Безопасности ответил?", "permanent_members"),
        ("安理会常任理事国中有哪些作了答复？", "permanent_members"),
        ("أي من الدول دائمة العضوية في مجلس الأمن ردت؟", "permanent_members"),
        ("Which EU member states replied on their own?", "eu_members"),
        ("哪些欧盟成员国单独提交了答复？", "eu_members"),
        ("¿Qué Estados miembros de la Unión Europea respondieron?", "eu_members"),
        ("Какие государства-члены ЕС ответили?", "eu_members"),
        ("Среди государств — членов ЕС кто ответил?", "eu_members"),  # with a dash, as Russian prints it
        ("Of the big five on the Security Council, which back it?", "permanent_members"),
        ("¿Cuáles de los cinco grandes respondieron?", "permanent_members"),
        ("Which states from the Americas replied?", "americas"),
        ("来自南北美洲的答复国有哪些？", "americas"),
        ("Parmi les pays des Amériques, lesquels ont répondu ?", "americas"),  # the plural is the Americas
        ("¿Qué países de las Américas respondieron?", "americas"),
        ("¿Qué países norteamericanos respondieron?", "north_america"),
        ("Which former Soviet republics replied?", "former_soviet"),
        ("Какие государства бывшего СССР ответили?", "former_soviet"),
        ("ما الدول التي كانت جزءاً من الاتحاد السوفيتي السابق؟", "former_soviet"),
        ("哪些前苏联国家作了答复？", "former_soviet"),
        # subregions of the UN geoscheme, whose words hold a region's ("Asia") that they do not name
        ("¿Qué gobiernos del Sudeste Asiático respondieron?", "south_east_asia"),
        ("哪些东南亚国家提交了答复？", "south_east_asia"),
        ("Какие страны Юго-Восточной Азии ответили?", "south_east_asia"),
        ("أي دول جنوب شرق آسيا ردت؟", "south_east_asia"),
        ("Quels pays d'Asie centrale ont répondu ?", "central_asia"),
        ("Which South Asian states replied?", "south_asia"),
        ("哪些东亚国家提到了朝鲜？", "east_asia"),
        ("Which West African states replied?", "west_africa"),
        ("Quels pays du Moyen-Orient ont répondu ?", "middle_east"),
        ("哪些中东国家提交了答复？", "middle_east"),
        ("ما الدول في الشرق الأوسط التي ردت؟", "middle_east"),
        # the UN's regional groups, whose words hold a place's ("Asia-Pacific") that they do not name
        ("Which members of the Asia-Pacific Group replied?", "asia_pacific_group"),
        ("联合国亚太集团里哪些国家答复了？", "asia_pacific_group"),
        ("¿Qué miembros del Grupo de los Estados de Asia y el Pacífico respondieron?", "asia_pacific_group"),
        ("Кто из Группы государств Восточной Европы ответил?", "eastern_european_group"),
        ("¿Qué Estados del Grupo de Europa Oriental respondieron?", "eastern_european_group"),
        ("Which states of the Western European and Others Group replied?", "weog"),
    ],
)
def test_a_region_a_question_names(text: str, region: str) -> None:
    found = regions.find(text, default_names())
    assert [r.region for r in found] == [region]
    members = found[0].members
    assert members and all(len(m) == 3 and m.isupper() for m in members)


def test_a_region_word_inside_a_name_is_not_a_region() -> None:
    names = default_names()
    for text in (
        "Which states agree with the European Union?",
        "Did South Africa reply?",
        "哪些国家提到欧洲联盟？",
        "What did the Syrian Arab Republic say?",
        "ماذا قالت الجمهورية العربية السورية؟",
    ):
        assert regions.find(text, names) == [], text


def test_every_member_is_in_the_names_table() -> None:
    names = default_names()
    for region in regions._regions():
        assert region.members and all(names.get(m) is not None for m in region.members), region.name


@pytest.mark.parametrize(
    ("question", "regions_of_respondents"),
    [
        ("¿Qué países de América Latina y el Caribe contestaron?", ["América Latina", "Caribe"]),
        ("哪些拉丁美洲和加勒比国家答复了？", ["拉丁美洲", "加勒比"]),
        ("Which African or Asian states replied?", ["African", "Asian"]),
        ("Which respondents mention Latin America and the Caribbean?", []),
        # the states that were part of it, and those that come from it (来自), are who is asked about
        ("من بين الدول التي كانت جزءاً من الاتحاد السوفيتي السابق، من ردّ؟", ["الاتحاد السوفيتي السابق"]),
        ("Which states that were part of the Soviet Union replied?", ["Soviet Union"]),
        ("答复国里，来自南北美洲的有哪几个？", ["南北美洲"]),
        ("哪些答复方提到了美洲？", []),
        ("哪些答复方提到了非洲？", []),
        # the region first, then which of its states
        ("亚洲哪些国家提到叙利亚？", ["亚洲"]),
        # a word for the states inside the region's words: "republics"
        ("Which former Soviet republics sent replies?", ["former Soviet republics"]),
        ("Какие бывшие советские республики ответили?", ["бывшие советские"]),
        ("Quels pays nordiques ont répondu ?", ["nordiques"]),
        ("哪些北欧国家作了答复？", ["北欧"]),
        ("ما دول الشمال الأوروبي التي ردت؟", ["دول الشمال الأوروبي"]),
        ("Which replies mention Scandinavia?", []),
        ("Which replies to A/77/96 from Latin America were in Spanish?", ["Latin America"]),  # the report between
        ("Which replies to A/77/96 mention Latin America?", []),
        ("作出答复的国家中，哪些属于中东地区？", ["中东"]),  # 属于: where they belong
        ("拉丁美洲地区的国家有哪些提到核武器？", ["拉丁美洲"]),
        ("哪些国家提到了非洲地区的安全局势？", []),
        # a region in brackets right after one says which states that one takes in
        (
            "Какие азиатские государства (включая Ближний Восток) ссылаются на резолюцию 1540?",
            ["азиатские", "Ближний Восток"],
        ),
        ("Which Asian states (including the Middle East) replied?", ["Asian", "Middle East"]),
        ("أيّ حكومات أمريكا اللاتينية تتحدث عن الحماية المادية؟", ["أمريكا اللاتينية"]),  # حكومات: governments
        ("Which Asian states mention the Middle East (the region)?", ["Asian"]),
    ],
)
def test_regions_of_the_respondents_and_those_joined_to_them(question: str, regions_of_respondents: list[str]) -> None:
    found = regions.of_respondents(question, default_names())
    assert [question[r.start : r.end] for r in found] == regions_of_respondents


@pytest.mark.parametrize(
    "question",
    [
        "Parmi les membres permanents du Conseil de sécurité, lesquels mentionnent l'Arrangement de Wassenaar ?",
        "哪些欧盟成员国提到了瓦森纳安排？",
    ],
)
def test_a_group_by_membership_always_says_which_respondents(question: str) -> None:
    found = regions.of_respondents(question, default_names())
    assert [r.membership for r in found] == [True], question


@pytest.mark.parametrize(
    ("question", "europe"),
    [
        ("Which non-EU European states replied?", True),
        ("Which European states that are not members of the EU replied?", True),
        ("Quels États européens qui ne font pas partie de l'Union européenne ont répondu ?", True),
        ("¿Qué países europeos que no pertenecen a la UE respondieron?", True),
        ("Какие европейские государства, не входящие в Евросоюз, ответили?", True),
        ("哪些非欧盟欧洲国家提交了答复？", True),
        ("ما الدول الأوروبية من خارج الاتحاد الأوروبي التي ردت؟", True),
        ("Which non-EU member states replied?", False),
        ("哪些不属于欧盟的国家提到了瓦森纳安排？", False),
    ],
)
def test_states_outside_a_group(question: str, europe: bool) -> None:
    names = default_names()
    found = regions.of_respondents(question, names)
    assert [r.region for r in found if r.outside] == ["outside_eu"], question
    asked = regions.states_asked(found, names)
    assert not asked & {"DEU", "FRA", "ESP"}
    assert {"NOR", "CHE", "GBR"} <= asked
    assert ("CHN" in asked) is not europe


def test_states_asked_of_regions_and_groups() -> None:
    names = default_names()
    found = regions.of_respondents("Which EU member states or African states replied?", names)
    assert {"DEU", "KEN"} <= regions.states_asked(found, names)
    assert "NOR" not in regions.states_asked(found, names)


@pytest.mark.parametrize(
    "question",
    [
        "On 76/234, which Asia-Pacific governments push back on the idea that export controls are excessive?",
        "Какие государства Азиатско-Тихоокеанского региона упоминают Сирию?",
        "哪些亚太国家提到叙利亚？",
        "Quels gouvernements de la région Asie-Pacifique ont répondu sur les mesures de confiance ?",
    ],
)
def test_asia_pacific_is_asia_and_oceania(question: str) -> None:
    names = default_names()
    asked = regions.states_asked(regions.of_respondents(question, names), names)
    assert {"JPN", "KOR", "AUS", "NZL"} <= asked and not asked & {"DEU", "USA"}


def test_a_destination_outside_a_group_says_nothing_of_the_respondents() -> None:
    names = default_names()
    for question in (
        "有个国家说被驳回的申请金额连它对欧盟以外出口的万分之三都不到。这是哪个国家？",
        "Which state says its exports outside the EU were rarely refused?",
    ):
        assert [r for r in regions.find(question, names) if r.outside] == [], question


@pytest.mark.parametrize(
    ("question", "group"),
    [
        ("Which regional organizations replied to the 2017 report?", "regional_organizations"),
        ("Quelles organisations régionales ont répondu ?", "regional_organizations"),
        ("¿Qué organizaciones regionales respondieron?", "regional_organizations"),
        ("Какие региональные организации ответили?", "regional_organizations"),
        ("ما المنظمات الإقليمية التي ردت؟", "regional_organizations"),
        ("哪些区域组织提交了答复？", "regional_organizations"),
        ("Which organizations of worldwide membership replied?", "global_organizations"),
        ("¿Qué organizaciones de alcance mundial respondieron?", "global_organizations"),
        ("Какие всемирные организации ответили?", "global_organizations"),
        ("أيّ المنظمات ذات العضوية العالمية كانت بين من أرسلوا ردودهم؟", "global_organizations"),
        ("哪些全球性组织提交了答复？", "global_organizations"),
        ("哪些具有全球性成员的组织作了答复？", "global_organizations"),
        ("Which organizations that are not regional replied?", "non_regional_organizations"),
        ("¿Qué organizaciones que no son regionales respondieron?", "non_regional_organizations"),
        ("Какие организации, не являющиеся региональными, прислали ответы?", "non_regional_organizations"),
        ("哪些非区域组织作了答复？", "non_regional_organizations"),
        ("Which UN specialized agencies replied?", "un_system"),
        ("Quelles réponses viennent d'institutions du système des Nations Unies ?", "un_system"),
        ("¿Qué organismos del sistema de las Naciones Unidas respondieron?", "un_system"),
        ("Какие специализированные учреждения ООН ответили?", "un_system"),
        ("ما وكالات الأمم المتحدة التي ردت؟", "un_system"),
        ("哪些联合国系统组织作了答复？", "un_system"),
    ],
)
def test_a_group_of_organizations_says_which_respondents(question: str, group: str) -> None:
    names = default_names()
    found = regions.of_respondents(question, names)
    assert [r.region for r in found] == [group]
    assert found[0].organizations and all(names.get(m).kind == "organization" for m in found[0].members)
    asked = regions.states_asked(found, names)
    assert (
        asked
        and ("IAEA" in asked) == (group != "regional_organizations")
        and ("EU" in asked) == (group == "regional_organizations")
        and ("INTERPOL" in asked) == (group in ("global_organizations", "non_regional_organizations"))
    )


def test_organizations_states_speak_of_are_no_respondents() -> None:
    """ "Which states work with regional organizations" asks about states: the organizations are what they say."""
    names = default_names()
    assert regions.of_respondents("Which states work with regional organizations?", names) == []
    assert regions.of_respondents("哪些国家提到与区域组织合作？", names) == []
    # the names of organizations hold no group: the World Health Organization is not "world organizations"
    assert regions.find("哪些国家提到世界卫生组织？", names) == []


@pytest.mark.parametrize(
    ("text", "region", "words"),
    [
        ("Which NATO countries replied?", "nato_members", "NATO countries"),
        ("Which members of the CSTO sent views?", "csto_members", "members of the CSTO"),
        ("哪些上合组织成员国作了答复？", "sco_members", "上合组织成员国"),
        ("Quels États membres de l'ASEAN ont répondu ?", "asean_members", "États membres de l'ASEAN"),
        ("¿Qué miembros del Consejo de Cooperación del Golfo respondieron?", "gcc_members", None),
        ("Какие государства — члены СНГ ответили?", "cis_members", "государства — члены СНГ"),
        ("ما الدول الأعضاء في منظمة معاهدة الأمن الجماعي التي ردت؟", "csto_members", None),
        ("Кто из участников «Группы двадцати» ответил?", "g20_members", "участников «Группы двадцати»"),
        ("Which G20 members replied?", "g20_members", "G20 members"),
        ("Which Commonwealth countries replied?", "commonwealth_members", None),
        ("Какие страны «Большой семёрки» ответили?", "g7_members", None),
        ("Which South American states replied?", "south_america", None),
        ("ما الدول الأعضاء في جامعة الدول العربية التي ردت؟", "las_members", None),
        ("¿Qué países centroamericanos respondieron?", "central_america", None),
        ("من بين دول أمريكا الجنوبية، من رد؟", "south_america", None),
    ],
)
def test_groups_of_states_by_membership_and_parts_of_latin_america(text: str, region: str, words: str | None) -> None:
    found = regions.of_respondents(text, default_names())
    assert [r.region for r in found] == [region]
    if words is not None:
        assert text[found[0].start : found[0].end] == words


@pytest.mark.parametrize(
    "text",
    [
        "Which replies mention NATO?",  # the organization, not its members
        "Which states of the Commonwealth of Independent States replied?",  # the CIS, not the Commonwealth
    ],
)
def test_an_organization_named_without_a_word_for_its_members_is_no_group(text: str) -> None:
    assert "nato_members" not in [r.region for r in regions.find(text, default_names())]
    assert "commonwealth_members" not in [r.region for r in regions.find(text, default_names())]


@pytest.mark.parametrize(
    "text",
    [
        "The CSTO replied as an organization. Which of its member states replied on their own?",
        "ОДКБ ответила как организация. А какие её государства-члены ответили сами?",
        "ردّت منظمة معاهدة الأمن الجماعي بصفتها منظمة. فأي الدول الأعضاء فيها ردت بنفسها؟",
    ],
)
def test_its_member_states_point_back_to_the_organization_named_before(text: str) -> None:
    (group,) = regions.of_respondents(text, default_names())
    assert group.region == "csto_members" and group.pointed_to is not None
    organization = next(m for m in default_names().find_mentions(text) if m.entity.id == "CSTO")
    assert group.holds(organization.start, organization.end)  # no topic of the question


def test_a_member_that_joined_later_is_not_counted_in_an_earlier_year() -> None:
    (group,) = regions.of_respondents("Which SCO member states replied?", default_names())
    joined = regions.joined_after([group])
    assert "BLR" in group.members and joined["BLR"] == 2024
    assert "CHN" not in joined  # a founding member


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Did any of the BRICS countries send their views? Which ones?", "brics_members"),
        ("Кто из стран БРИКС прислал свои соображения?", "brics_members"),
        ("哪些金砖国家提交了答复？", "brics_members"),
        ("هل أرسلت دول تحالف «العيون الخمس» آراءها؟", "five_eyes"),
        ("Which of the Five Eyes replied?", "five_eyes"),
        ("Which of the six founding members of the European Communities replied on their own?", "eu_founders"),
        ("من بين الدول الست المؤسِّسة للجماعة الأوروبية، أيّها أرسل رداً؟", "eu_founders"),
        ("Lesquels sont membres de plein droit de la Francophonie ?", "francophonie_members"),
        ("¿Cuáles pertenecen al Movimiento de Países No Alineados?", "nam_members"),
        ("哪些不结盟运动成员国作了答复？", "nam_members"),
        ("Какие государства — участники ОБСЕ ответили сами?", "osce_participants"),
        ("Which OSCE participating States replied?", "osce_participants"),
        ("Which of the countries that have nuclear weapons sent their views?", "nuclear_armed"),
        ("哪些拥有核武器的国家提交了答复？", "nuclear_armed"),
        ("Quels pays du Benelux ont envoyé leur propre réponse ?", "benelux"),
        ("Which Baltic states replied?", "baltic"),
        ("Какие прибалтийские страны ответили?", "baltic"),
        ("ما الدول الأعضاء في منظمة التعاون الإسلامي التي أرسلت آراءها؟", "oic_members"),
        ("哪些伊斯兰合作组织成员国提交了答复？", "oic_members"),
        ("¿Qué Estados de las Américas respondieron?", "americas"),  # de las: a link in the plural
        ("¿Qué miembros de la Unión Europea respondieron?", "eu_members"),
        ("Which members of the EU replied?", "eu_members"),
        ("Какие члены Евросоюза ответили?", "eu_members"),
    ],
)
def test_groups_the_reports_do_not_list_the_members_of(text: str, region: str) -> None:
    assert region in [r.region for r in regions.of_respondents(text, default_names())]


@pytest.mark.parametrize(
    "text",
    [
        "Which respondents mention the Non-Aligned Movement?",  # the movement, not its members
        "¿Qué respuestas citan la Francofonía?",
        "Which replies mention BRICS?",
        "¿Cuáles hacen referencia al Movimiento de Países No Alineados?",  # the Movement's name holds "países"
        "Quels pays citent le Mouvement des pays non alignés ?",
    ],
)
def test_a_group_named_without_a_word_for_its_members_is_what_replies_speak_of(text: str) -> None:
    assert regions.groups(text, default_names()) == []


def test_states_with_nuclear_weapons_spoken_of_are_no_respondents() -> None:
    text = "Which states call on the countries that have nuclear weapons to disarm?"
    assert regions.of_respondents(text, default_names()) == []
    (group,) = regions.of_respondents("Which of the nuclear-armed states replied?", default_names())
    assert group.members >= {"IND", "PAK", "CHN"}


def test_brics_counts_its_later_members_only_from_the_year_they_joined() -> None:
    (group,) = regions.of_respondents("Which BRICS countries replied?", default_names())
    assert regions.joined_after([group])["EGY"] == 2024 and "CHN" not in regions.joined_after([group])


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Which non-European states opposed resolution 76/234?", "non-European"),
        ("ما الدول التي عارضت القرار 76/234 من خارج أوروبا؟", "من خارج أوروبا"),
        ("除了欧洲国家以外，哪些国家反对第76/234号决议？", "除了欧洲"),
        ("欧洲以外的哪些国家反对第76/234号决议？", "欧洲以外"),
        ("Quels États hors d'Europe s'opposent à la résolution 76/234 ?", "hors d'Europe"),
    ],
)
def test_states_outside_a_region_are_those_asked_about(question: str, words: str) -> None:
    names = default_names()
    found = regions.of_respondents(question, names)
    assert [(question[r.start : r.end].strip(), r.outside) for r in found] == [(words, True)]
    asked = regions.states_asked(found, names)
    assert "JPN" in asked and "DEU" not in asked


def test_a_place_outside_which_replies_speak_is_no_group_asked_about() -> None:
    assert regions.of_respondents("Which states mention countries outside Europe?", default_names()) == []


def test_a_group_joined_to_one_with_a_word_for_members_is_asked_about_too() -> None:
    names = default_names()
    for question in ("Какие государства СНГ или ОДКБ ответили?", "Which CIS or CSTO states replied?"):
        found = regions.of_respondents(question, names)
        assert sorted(r.region for r in found) == ["cis_members", "csto_members"], question
    # Sweden joined NATO in 2024, but was in the EU from the start: "NATO or EU members" asks about it in 2022
    found = regions.of_respondents("Which NATO or EU member states replied?", names)
    assert "SWE" not in regions.joined_after(found)


def test_a_region_the_respondents_are_located_in() -> None:
    found = regions.of_respondents("А какие из них находятся в Азии?", default_names())
    assert [r.region for r in found] == ["asia"]


@pytest.mark.parametrize(
    "question",
    [
        "Which states that are not in NATO criticised resolution 76/234?",
        "¿Qué Estados que no son miembros de la OTAN criticaron la resolución 76/234?",
        "Which states that are not members of NATO replied?",
    ],
)
def test_states_outside_a_group_named_by_its_organization(question: str) -> None:
    names = default_names()
    found = regions.of_respondents(question, names)
    assert [(r.region, r.outside) for r in found] == [("nato_members", True)]
    assert "JPN" in regions.states_asked(found, names) and "DEU" not in regions.states_asked(found, names)
    assert regions.outside_until(found)["SWE"] == 2024  # outside NATO in a report of 2022


@pytest.mark.parametrize(
    "question",
    [
        "In the peaceful-uses report, which respondents outside the European Union still bring the EU up?",
        "Which states that are not members of the European Union mention it?",
        "Какие государства, не входящие в Евросоюз, упоминают его?",
    ],
)
def test_states_outside_the_european_union_named_by_its_name(question: str) -> None:
    names = default_names()
    found = regions.of_respondents(question, names)
    assert [r.outside for r in found] == [True], question
    assert "NOR" in regions.states_asked(found, names) and "DEU" not in regions.states_asked(found, names)


def test_eu_member_states_are_one_group_however_named() -> None:
    found = regions.of_respondents("Which EU member states mention terrorism?", default_names())
    assert [(r.region, r.outside) for r in found] == [("eu_members", False)]


@pytest.mark.parametrize(
    "question",
    [
        "Which states that replied to the confidence-building report are in Latin America?",
        "¿Cuáles de los países que respondieron al informe están en América Latina?",
    ],
)
def test_a_verb_saying_where_the_respondents_are_qualifies_them_however_far_the_noun(question: str) -> None:
    assert [r.region for r in regions.of_respondents(question, default_names())] == ["latin_america"]
    assert regions.of_respondents("Which states mention Latin America?", default_names()) == []
