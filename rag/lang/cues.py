"""Cue words of the six UN languages, kept as data: rag/lang/data/cues/<lang>.yaml, one key per cue family.

A family's value is a list of regular-expression fragments in that language. `pattern(family)` joins the
fragments of every language into one alternation, so code keeps only the structure around the words
(anchors, the digits before a currency) and a language gains a cue by adding a line of data."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data" / "cues"

# The order the languages' fragments are tried in. Fragments of different scripts cannot match at the same
# place, so only the order among English, French and Spanish could decide which of two matches is taken.
LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")

FAMILIES: dict[str, str] = {
    "set_organization": "a question asks for a set of organizations (one pattern per language)",
    "set_state": "a question asks for a set of States (one pattern per language)",
    "set_any": "a question asks for a set of respondents of any kind (one pattern per language)",
    "noun_state": "a word for States in a question (countries, governments, delegations)",
    "state_idiom": "a word for State that is no State in an idiom (« fait état de »: mentions): no kind of respondent",
    "noun_organization": "a word for organizations in a question (bodies, agencies, entities)",
    "noun_respondent": "a word for respondents of any kind or their replies in a question",
    "question_sponsor": "a question asks who sponsored a resolution",
    "question_oppose": "a question asks who opposed",
    "question_against": "the preposition 'against': a stance only when the resolution (or nothing) follows it",
    "question_support": "a question asks who supported",
    "contrast": "words setting aside what follows them: rather than, plutôt que, en lugar de, а не, بدلاً من, 而不是",
    "resolution_formula": "a resolution's own wording quoted by a reply, which is not the reply's stance",
    "reply_sponsor": "a reply says its author sponsored the resolution",
    "reply_oppose_explicit": "a reply states opposition outright (voted against, cannot support)",
    "reply_oppose_verdict": "a reply calls the resolution wrong or unfounded",
    "reply_oppose_concern": "a reply voices concern, regret or disappointment",
    "reply_oppose_effect": "a reply fears an effect of the resolution (undermine, politicise)",
    "stated_outright": "a question asks for support stated outright ('explicitly', прямо, 明确支持)",
    "resolution_speaks": "a reply's sentence says what the resolution or the Assembly says (大会在决议中：…重申…)",
    "reply_grievance": "a reply complains of a restriction: excessive, discriminatory or unilateral ones (过度限制)",
    "claim_opening": "words opening a claim a stance is taken on (the idea that, que, мысль о том, что, 造成)",
    "reply_denial": "a reply denies such a restriction exists or matters (found no, so-called, the premise; 所谓)",
    "reply_support": "a reply supports or welcomes the resolution",
    "resolution_anaphora": "a resolution named earlier in the same reply (this resolution)",
    "resolution_word": "the word for resolution",
    "subject_marker": "a word after a set question's cue that makes the name after it the question's subject",
    "set_object": "a preposition just before a set question's cue: the set is an object, not who speaks",
    "language_frame": "words saying what language a reply is in (written, originally, rédigées, 原文, بلغة)",
    "stance_no_object": "right after a stance word, what is not its object (支持的国家, 反对态度)",
    "regardless": "opens the ways a topic may come up, none required (whether it is…, 不管是, ya sea, будь то, سواء)",
    "asks_dated": "a set question asks who gives a date or year (say in what year, the date, 通过日期, السنة التي)",
    "besides_after": "right after a name, words setting it apart (China's own submission aside, mis à part, 除外)",
    "said_about": "right before a name, words asking what was said about it (say about, dit de, говорит о, قالت … عن)",
    "other_resolutions": "a set question asks who cites resolutions other than its own (a different resolution)",
    "organ_assembly": "the General Assembly as a question names it (联大, Генеральной Ассамблеи)",
    "organ_council": "the Security Council as a question names it (安理会, Совета Безопасности)",
    "besides": "a word just before a name that sets it apart from those asked about (besides Mexico, 除了墨西哥)",
    "date_in": "right before a date, the word placing something in it ('in April 2022', 'в апреле', 'في أبريل')",
    "included_before": "a word just before a name that counts it among those asked for (including Norway, 包括挪威)",
    "included_after": "right after a name, words counting it among those asked for (Norway included, Noruega incluida)",
    "reply_on": "a word for a reply and the word before the subject of its report (reply on, réponse sur, 关于…的答复)",
    "every_report": "a set question asks for respondents found in each of the reports it names (both…and)",
    "several_reports": "a set question asks for respondents found in two of the reports or more (more than one)",
    "all_reports": "a question looks across every report (all three reports, все три доклада), not in each",
    "reply_verb": "a question speaks of replying to a report (replied, sent, submitted)",
    "speech": "a question asks what a respondent said, proposed or thought",
    "says_that": "a verb of saying opening what was said (say that, cuentan que, сообщают, что, تقول إن, 说)",
    "report_word": "the word for a report",
    "quantity": "a question asks how much or how many",
    "money": "a question is about money",
    "amount_unit": "a word after a figure that makes it an amount of money",
    "amount_magnitude": "a magnitude word between a figure and its unit (10 万 美元)",
    "counted_number": "a number written in words with its counter (三票)",
    "asks_else": "a follow-up asks what else was said ('what else did it say?'): not the quotes given already",
    "among_them": "a follow-up asks among the respondents the answer before named ('which of them')",
    "among_named": "asks among those a reply named, as a statement before says ('of the countries it names there')",
    "negative_word": "a yes/no question asks of something negative ('is wrong', 不正确): a negation answers no 'no'",
    "reply_first": "asks which of the respondents asked about replied first (earliest dated reply; 最早答复)",
    "reply_last": "asks which of the respondents asked about replied last (latest dated reply; 最晚答复)",
    "same_report": "points to the report a statement before named ('replied to the same request', 同一份报告)",
    "group_opener": "opens a clause naming the group a set question asks which of (Among the countries that…, 在…中)",
    "group_ask": "right after a group's clause, the word asking which of it, where asks_which has none (أيها)",
    "group_closer": "ends a clause naming the group a set question asks which of (…的国家中)",
    "number_label": "a word a number after it labels, not counts ('附件 17', 'Annex 17', 'resolution 1540')",
    "asks_amount": "a question asks what a budget, cost or price is (an amount, without 'how much')",
    "asks_when": "a question asks when (a date or a year)",
    "asks_since": 'a question asks since when (a start: "从哪一年起", "depuis quand"), not any date',
    "since_marker": "a sentence says when something began (since, joined, appointed, 自, 以来, 当选)",
    "year_when": "a word before a year that makes it when something happened (in 2006, en 2006, سنة 2006, 于2006年)",
    "year_point": "words right after a year that make it a point in time, not a report's year (2016年底, 2016年6月)",
    "asks_date": "a question asks for a date down to the day (what date, 哪一天, какого числа)",
    "asks_change": "a figure asked is a change (rise, 增加, augmenter): a multiplier or a percentage gives it too",
    "multiplier": "a sentence gives a change as a multiple or a share (times, fois, 倍, %)",
    "asks_language": "a question asks in which language something was written (what language, 什么语言, بأي لغة)",
    "about_self": "a set question asks what respondents say of themselves (themselves, eux-mêmes, 自己, نفسها)",
    "each_language": "replies written in each of the languages named (both in English and French, 既用英文又用法文)",
    "conditional": "a claim made only on a condition (if, si, если, إذا, 如果): no stance on a resolution's premise",
    "outside_region": "words right before a place: the states asked about are outside it (non-, hors de, من خارج, 非)",
    "outside_region_after": "words right after a place saying the states asked about are outside it (excluded, 以外)",
    "cannot": "words right before a word of supporting saying one cannot (cannot, ne peuvent pas, no pueden, 无法)",
    "restatement": "words after a phrase that only explain it (that is, es decir, c'est-à-dire, то есть, أي, 即)",
    "member_word": "the members a body's list names ('the Board's members', 委员), not its member states",
    "former_post": "a post held before ('former ambassador', 前外交部长): read in a list of members and in a question",
    "serving_post": "a post held at the time ('serving officials', 在职官员), not a former one",
    "own_reply": "which reply a respondent sent (their own reply, leur propre réponse, 自己的答复), no about_self",
    "lacks": "its subject has none of something: does not possess, has no, ne possède pas, 不拥有, 是无…国家, لا تملك",
    "asks_affected": "a set question asks who says it is itself hit by something (victims of, 受害, жертвы)",
    "affected_before": "words right before a respondent's name that make it the target (against, 对, 使, ضد)",
    "affected_after": "words right after a respondent's name that make it the one hit (is a victim, 受害者, ضحية)",
    "asks_identity": "a set question asks who presents itself as something (a developing country, 自称, se présente)",
    "identity_before": "words right before what a reply says its author is (作为, as a, en tant que, بصفتها)",
    "asks_speaker": "a question asks which one state or organization said something (which country, 哪个国家)",
    "in_replies": "where respondents say something: in their replies, 在答复中, dans leurs réponses (not who replied)",
    "endorse": "endorsing another respondent's reply or statement (align with, se rallier à, hacen suya, 赞同)",
    "participation": "taking part in a body or regime, which a count of respondents does not ask (participent, 参加)",
    "asks_where": "a question asks where (a place)",
    "reply_dated": "words saying when a reply was dated, sent or received (dated, reçue, получен, مؤرخة, 日期)",
    "date_before": "before a date (before, avant, antes de, до, قبل; Chinese after it: 之前)",
    "date_after": "after a date (after, après, después de, после, بعد; Chinese after it: 之后)",
    "date_by": "on or before a date (by, au plus tard, hasta, не позднее, بحلول, 截至)",
    "topic_switch": "words opening a question that change the subject (different topic, rien à voir, 换个话题)",
    "date_pointer": "words pointing back to a day given before (that day, ce jour-là, ese día, тот день, 当天)",
    "asks_city": "a question asks which city or town, which a state does not answer (which city, 哪个城市)",
    "venue": "a sentence says where something was held (held in Geneva, 在日内瓦举行)",
    "and_word": "the word that joins two things (and, et, y, и, و, 和)",
    "asks_within_year": "a question asks a figure of one year alone (only in 2016, 仅2016年一年, solo durante 2016)",
    "running_total": "a sentence gives a running total to a date (截至…共, as of … a total of, en total)",
    "treaty_anaphora": "a sentence points back to a treaty named before it (该条约, the Treaty, ledit traité)",
    "or_word": "the word that joins alternatives (or, ou, o, или, أو, 或)",
    "nor_word": "the word that joins alternatives none of which holds (nor, ni, ни, ولا, 也没)",
    "none_after": "after a list, says none of its items holds (核能、核武器一概没提)",
    "relative_word": "a word opening a relative clause (that, qui, que, который, التي), not what 'which' asks",
    "example_marker": "a bracket's words are examples of what precedes it (etc., e.g., например, إلخ, 等)",
    "asks_person": "a question asks which person (who chaired, briefed, led, 由谁主持)",
    "asks_companion": "a question asks who did something with one it names (with whom, who accompanied, 和谁)",
    "asks_which": "a question asks which ones, a list (which, quels, cuáles, какие, أي, 哪些)",
    "yes_no": "a question asks yes or no (did…?, est-ce que, ли, هل, 吗, 是否)",
    "entity_noun": "a word for states, organizations or groupings a question asks to be listed (regimes, partners)",
    "asks_count": "a question asks how many things, a count a percentage does not give (how many, combien de, كم عدد)",
    "asks_share": "a question asks for a share or proportion, which a percentage answers (what share, 多大比例, доля)",
    "asks_number": "a question asks for the number a thing is known by (what is the law's number, ما رقم, 编号是多少)",
    "asks_nationality": "a question asks which state a person is from (nationality, 国籍, جنسية)",
    "asks_resolution_number": "a question asks for the numbers of resolutions it speaks of (под какими номерами)",
    "own_resolution": "the resolution the replies answer, asked by its number ('the resolution they respond to')",
    "asks_resolution": "a question asks which resolution (under which resolution…, en virtud de qué, 哪项决议)",
    "money_word": "a word naming money as the kind of figure asked (money, argent, dinero, денежн, 金额, مالية)",
    "also_replied": "a set question says those it asks for replied too (also replied, autres répondants, 也交了答复)",
    "share_word": "a word naming a share as the kind of figure asked (percentages, pourcentages, процент, 百分比)",
    "percent_unit": "a percentage as written: a figure with %, per cent, pour cent, процент; 百分之五",
    "asks_several": "a question asks for several things: a list item comes with its siblings (which, 哪些)",
    "others_asked": "a set question asks for others than a respondent named before it (which other, 还有谁)",
    "negation": "a word that negates what a sentence states (not, ne … pas, no, не, لا, 尚未, 不 but not 不扩散)",
    "only_word": "'only' after a negation, which then negates nothing (not only, non seulement, не только)",
    "says_verb": "a verb of saying or believing: what follows it is what is said (say, dicen, считают, 说, تقول أن)",
    "look_in": "words right before 'all the reports' that make them where to look (check all, посмотрите все, 查看)",
    "date_edge": "a word right before a date that sets where in it (fin mai, end of May, конце мая, أواخر مايو)",
    "in_report": "a report or its replies named as where something is ('in the report', 'in the replies', 报告里): "
    "no word of saying",
    "national_report": "a state's own report (national report, 国家报告, rapport national): no report of the corpus",
    "asks_people": "a question asks which persons (which experts, qué personas, 哪些专家): no respondents",
    "all_treaties": "all, or the main, treaties or regimes of a kind (all the treaties, tous les régimes, 所有…条约)",
    "asks_law": "a question asks for replies naming a specific law of their own ('their own laws', 具体法律, قوانينها)",
    "law_word": "a word for laws or legislation, inside a phrase (leyes nacionales, 法律来, законодательство)",
    "law_named": "a sentence names a specific law, by title or number (《…法》, 第…号法律, Act No., ley 36/2015)",
    "briefing": "a word of briefing or presenting (briefed, exposé, 简报, 听取): a passage saying someone briefed",
    "regime_word": "a word for regimes (export control regimes), as against treaties (régimes, режимы, 制度)",
    "party_to": "being party to a treaty or member of a regime, or joining it (ratified, member, 缔约国, 成员)",
    "asks_name": "a question asks what something is called (叫什么名字, cómo se llama, what is it called)",
    "name_intro": "a word introducing a name (即, 名为, called, intitulé, denominado, под названием, المسمى)",
    "adopted_word": "a resolution's adoption (adopted, aprobada, принята, 通过, اعتمد)",
    "asks_day": "a question asks for a day, not only a year (what date, la date exacte, какого числа, 哪天, تاريخ)",
    "report_before": "words right before a phrase that make it the description of a report (report on, доклад о)",
    "report_after": "words right after a phrase that make it the description of a report (… report, …那份报告)",
    "report_verb": "a word for report used as a verb ('did the EU report for 2019'): it names no report",
    "announces_list": "a sentence announcing what follows it (the following, as follows, 以下, 如下, ci-après)",
    "front_matter": "words of a document's front matter, never quoted as evidence (provisional agenda, 临时议程)",
    "vote": "voting on a resolution, in a question or a reply (vote, voted, 投票, голосовала, صوتت)",
    "voted": "a reply says how it voted: for, against or abstaining (投了反对票, voted against, s'est abstenu)",
    "asks_figure": "a question asks for a figure: a number, a percentage, statistics (put a number on, 百分比)",
    "person_title": "a title that goes with a person's name (Mr., Ambassador, 先生, 大使)",
    "asks_proposal": "a question asks what someone proposed, suggested or recommended",
    "proposal": "a sentence proposes, suggests or recommends something",
    "reason": "a question asks why",
    "cause": "a sentence gives a reason",
    "consequence": "a sentence opens with a consequence (因此, therefore, c'est pourquoi): its reason came before",
    "part_organization": "the heading of a report part whose replies come from organizations",
    "part_state": "the heading of a report part whose replies come from governments",
    "organization_name": "a word that makes an unknown respondent's name an organization's",
    "others_subject": "a sentence's subject is other states or most states (what others did, not the speaker)",
    "region_verb": "a verb saying where the respondents asked about are, right before a place (are located in, 位于)",
    "region_link": "the word joining a region to the respondents it qualifies ('states from Africa', 'países de …')",
    "region_origin": "right before a region, a word saying the respondents come from it (来自): who is asked about",
    "region_latin_america": "a question names Latin America and the Caribbean (rag/lang/data/regions.yaml)",
    "region_europe": "a question names Europe",
    "region_africa": "a question names Africa",
    "region_asia": "a question names Asia",
    "region_americas": "a question names the Americas, North and South (南北美洲, les Amériques)",
    "region_north_america": "a question names North America",
    "region_former_soviet": "a question names the former Soviet Union or its successor states (ex-URSS, 前苏联)",
    "region_oceania": "a question names Oceania",
    "region_middle_east": "a question names the Middle East (Moyen-Orient, 中东, الشرق الأوسط)",
    "region_asia_pacific_group": "a question names the UN's Asia-Pacific Group of states (亚太集团)",
    "region_weog": "a question names the UN's Western European and Others Group (西欧和其他国家集团)",
    "region_eastern_european_group": "a question names the UN's Eastern European Group (东欧国家集团)",
    "region_south_east_asia": "a question names South-East Asia",
    "region_central_asia": "a question names Central Asia",
    "region_south_asia": "a question names South Asia",
    "region_east_asia": "a question names East Asia",
    "region_west_africa": "a question names West Africa",
    "region_nordic": "a question names the Nordic countries (Scandinavia, 北欧)",
    "region_baltic": "a question names the Baltic states (the Baltics, прибалтийские страны)",
    "region_benelux": "a question names the Benelux countries (比荷卢)",
    "region_un_system": "a question names the organizations of the UN system (specialized agencies, 联合国系统)",
    "region_regional_organizations": "a question names regional organizations (as the respondents it asks about)",
    "region_global_organizations": "a question names organizations of worldwide membership (IAEA, ICAO, INTERPOL…)",
    "region_non_regional_organizations": "a question names organizations that are not regional ones",
    "region_asia_pacific": "a question names Asia and the Pacific (Asia-Pacific, 亚太)",
    "region_permanent_members": "a question names the five permanent members of the Security Council",
    "region_eu_members": "a question names the member states of the European Union",
    "region_outside_eu": "a question names the states outside the European Union ('non-EU', 'вне ЕС', 非欧盟)",
    "region_arab_states": "a question names the Arab States (阿拉伯国家, الدول العربية), not a state named 'Arab …'",
    "region_south_america": "a question names South America (América del Sur, 南美)",
    "region_central_america": "a question names Central America (Amérique centrale, 中美洲)",
    "region_caribbean": "a question names the Caribbean (el Caribe, 加勒比)",
    "region_g20_members": "a question names the Group of Twenty (G20, 二十国集团, مجموعة العشرين)",
    "region_commonwealth_members": "a question names the Commonwealth of Nations (英联邦), not the CIS",
    "region_g7_members": "words for the Group of Seven its names in the names table lack ('Большая семёрка')",
    "region_brics_members": "a question names the BRICS group (БРИКС, 金砖国家)",
    "region_five_eyes": "a question names the Five Eyes intelligence alliance (五眼联盟, العيون الخمس)",
    "region_eu_founders": "a question names the six founding members of the European Communities ('the founding six')",
    "region_francophonie_members": "a question names the Francophonie or French-speaking countries (法语国家)",
    "region_nam_members": "a question names the Non-Aligned Movement (不结盟运动, حركة عدم الانحياز)",
    "region_nuclear_armed": "a question names the states that have nuclear weapons ('nuclear-armed states', 拥核国家)",
    "member_after": "right after an organization's name, a word for its member states ('NATO countries', 北约成员国): "
    "the group of its members (rag/lang/data/regions.yaml, of:)",
    "its_members": "a word for the member states of an organization named before ('its member states', 其成员国, "
    "'её государства-члены', 'الدول الأعضاء فيها')",
    "member_before": "right before an organization's name, a word for its member states ('members of the CSTO', "
    "'государства — члены ОДКБ', 'الدول الأعضاء في')",
    "reply_from": "the heading of one reply, naming its respondent in the group named after the language",
    "its_reply": "a question speaks of one respondent's own reply (according to its reply, selon sa réponse)",
    "mention_verb": "a verb of mentioning or referring to something (mention, cite, évoquer, упоминать, يذكر, 提到)",
    "who_subject": "'who' as the subject of what was done or said (Who stresses…, 谁强调), not 'who is'",
    "article_word": "the word for an article of a treaty before its number (Article IV, статья III; 第 of 第四条)",
    "treaty_noun": "the word ending a treaty's name in the glossary's Chinese pivot (…条约, …公约)",
    "among_word": "'among' before the respondents a count is taken of ('Parmi les organisations…, combien…')",
    "rather_than": "'rather than' before what a question sets aside ('in the Second Committee rather than the First')",
    "framing_phrase": "a preposition made of a noun ('dans le cadre de', 'within the framework of', 'в рамках'): where "
    "something happens, never what a set question asks about",
}

# Families that only some languages have a use for: Chinese writes 10 万 and 三票, the others do not.
ONLY_IN: dict[str, tuple[str, ...]] = {
    "stance_no_object": ("zh",),  # the others put the stance word's object after a preposition or nothing
    "relative_word": ("en", "fr", "es", "ru", "ar"),  # a Chinese relative clause comes before its noun (…的国家)
    "amount_magnitude": ("zh",),
    "counted_number": ("zh",),
    "subject_marker": ("en", "fr", "es"),  # the others say it by word order or the verb's form
    "question_against": ("en", "fr", "es", "ru", "ar"),  # Chinese says 反对, a verb
    "report_after": ("en", "zh"),  # the others name the report first: rapport sur…, доклад о…
    "report_verb": ("en",),  # the others' verb and noun differ (rapporter, informar, сообщить, أبلغ, 报告了)
    "year_point": ("zh",),  # the others put a date's words before the year (by end-2016, à la fin de 2016)
    "who_subject": ("en", "fr", "es", "ru", "zh"),  # Arabic من is also "from", "of": its verbs are in set_any
    "treaty_noun": ("zh",),  # the glossary's pivot is Chinese: its treaties are told apart by it
    "article_word": ("en", "fr", "es", "ru", "zh"),  # Arabic numbers it by a word (المادة الرابعة): the glossary's
    "state_idiom": ("fr",),  # « faire état de »; the others' idioms do not use their word for States
    "included_after": ("en", "fr", "es", "ru", "zh"),  # Arabic says it before the name (بما في ذلك)
    "member_after": ("en", "zh"),  # the others name the members first: membres de l'OTAN, члены ОДКБ, أعضاء الناتو
    "member_before": ("en", "fr", "es", "ru", "ar"),  # Chinese puts 成员国 after the name
    "none_after": ("zh",),  # the others say it before the list or between its items (none of, ni…ni, ولا)
}


@cache
def table(language: str) -> dict[str, tuple[str, ...]]:
    """The cue families of one language, as its data file writes them; a family it lacks is absent."""
    path = DATA_DIR / f"{language}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(raw) - set(FAMILIES)
    if unknown:
        raise ValueError(f"{path}: unknown cue families {sorted(unknown)}")
    out: dict[str, tuple[str, ...]] = {}
    for family, fragments in raw.items():
        if not isinstance(fragments, list) or not all(isinstance(f, str) and f for f in fragments):
            raise ValueError(f"{path}: {family} must be a list of non-empty strings")
        out[family] = tuple(fragments)
    return out


def fragments(family: str, languages: tuple[str, ...] = LANGUAGES) -> tuple[str, ...]:
    if family not in FAMILIES:
        raise KeyError(family)
    return tuple(f for language in languages for f in table(language).get(family, ()))


def alternation(family: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """The family's fragments in all `languages`, as the body of one regex alternation."""
    return "|".join(fragments(family, languages))


def pattern(family: str, flags: re.RegexFlag = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(alternation(family), flags)


def gaps() -> dict[str, tuple[str, ...]]:
    """For each language, the cue families its data lacks (families of ONLY_IN aside where they do not apply)."""
    return {
        language: tuple(f for f in FAMILIES if f not in table(language) and language in ONLY_IN.get(f, LANGUAGES))
        for language in LANGUAGES
    }
