"""Person names: extraction from Chinese report text, and lookup from a name in Latin or Cyrillic letters."""

from __future__ import annotations

import pytest

from rag.lang.names import default_names
from rag.lang.persons import DATA_PATH, PersonIndex, person_names

# Report prose in the style of the Advisory Board report: names next to 、·, honorifics, State names, ordinary words.
REPORT = (
    "43. 委员会听取了关心的科学家联盟全球安全方案主任莎伦·斯夸索尼和俄罗斯科学院美国和加拿大研究所科学主任"
    "谢尔盖·罗戈夫的简报。44. 斯夸索尼女士强调，核裁军需要政治决心。45. 罗戈夫先生回顾了《中程核力量条约》的历史，"
    "并提到欧洲的安全局势。46. 史汀生中心联合创始人、前主席迈克尔·克雷彭在简报中进一步探讨了军备控制的未来。"
    "47. 委员会成员安东·赫洛普科夫在发言中，对哈萨克斯坦和巴基斯坦的立场作了说明。巴西大使也发了言。"
    "48. 委员会主席塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚)主持了会议，安全理事会和大会的代表出席了会议。"
)
INDEX = PersonIndex.from_texts([REPORT])


def test_names_in_report() -> None:
    assert person_names([REPORT]) == [
        "莎伦·斯夸索尼",
        "莎伦",
        "斯夸索尼",
        "谢尔盖·罗戈夫",
        "谢尔盖",
        "罗戈夫",
        "迈克尔·克雷彭",
        "迈克尔",
        "克雷彭",
        "安东·赫洛普科夫",
        "安东",
        "赫洛普科夫",
        "塞尔玛·阿希帕拉-穆萨夫伊",
        "塞尔玛",
        "阿希帕拉-穆萨夫伊",
        "阿希帕拉",
        "穆萨夫伊",
    ]
    assert len(INDEX) == 17


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A dotted name, ended by characters outside the transliteration set.
        ("委员会成员安东·赫洛普科夫在发言中", ["安东·赫洛普科夫", "安东", "赫洛普科夫"]),
        ("5月19日，安东・赫洛普科夫说", ["安东・赫洛普科夫", "安东", "赫洛普科夫"]),  # katakana middle dot
        # Hyphens stay inside a name; each hyphenated piece is a part too.
        (
            "塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚)",
            ["塞尔玛·阿希帕拉-穆萨夫伊", "塞尔玛", "阿希帕拉-穆萨夫伊", "阿希帕拉", "穆萨夫伊"],
        ),
        # Honorifics.
        ("罗戈夫先生回顾了", ["罗戈夫"]),
        ("斯夸索尼女士强调", ["斯夸索尼"]),
        ("克雷彭博士指出", ["克雷彭"]),  # 博 is a transliteration character, but 博士 is the honorific
        ("赫洛普科夫教授和罗戈夫阁下", ["赫洛普科夫", "罗戈夫"]),
        ("迈克尔·克雷彭博士指出", ["迈克尔·克雷彭", "迈克尔", "克雷彭"]),
        # A word ending or starting in a transliteration character is not part of the name.
        ("前主席迈克尔·克雷彭在简报中", ["迈克尔·克雷彭", "迈克尔", "克雷彭"]),
        ("主席感谢罗戈夫先生的发言", ["罗戈夫"]),
        ("谢尔盖·罗戈夫希望各方克制", ["谢尔盖·罗戈夫", "谢尔盖", "罗戈夫"]),
        (
            "卡瑟姆-若马尔特·托卡耶夫在大会上",
            ["卡瑟姆-若马尔特·托卡耶夫", "卡瑟姆-若马尔特", "卡瑟姆", "若马尔特", "托卡耶夫"],
        ),
        ("特·托卡耶夫在大会上", ["托卡耶夫"]),  # only one side of the dot is a name part of 2+ characters
        ("裁研所的约翰·博里在委员会的简报中", ["约翰·博里", "约翰", "博里"]),  # 翰 (John)
        # A member list whose lines were joined: the name ends where a state or a city starts.
        ("副教授露西娅·达默特美利坚合众国弗吉尼亚州", ["露西娅·达默特", "露西娅", "达默特"]),
        ("玛丽娜·卡尤兰德莫斯科能源和安全研究中心", ["玛丽娜·卡尤兰德", "玛丽娜", "卡尤兰德"]),
        # Not people: States, one character before an honorific, names without a dot or honorific.
        ("巴西大使和苏丹大使发言", []),
        ("主席先生，女士们、先生们", []),
        ("哈萨克斯坦和巴基斯坦", []),
        ("罗戈夫回顾了历史", []),
    ],
)
def test_person_names(text: str, names: list[str]) -> None:
    assert person_names([text]) == names


def test_person_names_dedupe_in_order_over_texts() -> None:
    assert person_names(["罗戈夫先生发言。", "谢尔盖·罗戈夫和罗戈夫先生"]) == ["罗戈夫", "谢尔盖·罗戈夫", "谢尔盖"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Krepon", "克雷彭"),
        ("Rogov", "罗戈夫"),
        ("Рогов", "罗戈夫"),
        ("Роговым", "罗戈夫"),  # Russian instrumental
        ("Squassoni", "斯夸索尼"),
        ("Khlopkov", "赫洛普科夫"),
        ("Хлопков", "赫洛普科夫"),
        ("KHLOPKOV", "赫洛普科夫"),
        ("Michael", "迈克尔"),
        ("Anton", "安东"),
        ("Антон", "安东"),
        ("Sergueï", "谢尔盖"),
        ("Sergei", "谢尔盖"),
        ("Сергей", "谢尔盖"),
        ("Sharon", "莎伦"),
        ("Selma", "塞尔玛"),
        ("Ashipala", "阿希帕拉"),
        ("Musavyi", "穆萨夫伊"),
    ],
)
def test_find(word: str, expected: str) -> None:
    assert INDEX.find(word) == (expected,)


@pytest.mark.parametrize(
    ("names", "word", "expected"),
    [
        (["沙龙"], "Sharon", ("沙龙",)),
        (["格罗西", "格罗斯"], "Grossi", ("格罗斯", "格罗西")),  # s is S; 西 (xi) S or K: the sure match first
        (["谢尔盖", "海利奇"], "Helić", ("海利奇",)),  # ć is ch; l before a vowel is 利, not 尔
        (["赫洛普科夫", "戈尔贝格"], "Khlopkov", ("赫洛普科夫",)),  # one edit more than the best: left out
        (["瓦尔斯特伦"], "Wallström", ("瓦尔斯特伦",)),  # five consonants and more allow one edit (m/n)
        (["玛戈特", "达默特", "扎赫兰"], "Margot", ("玛戈特",)),  # r before a consonant may go
        (["扎赫兰"], "Zahran", ("扎赫兰",)),  # h inside a word may be rendered
        (["威廉姆斯"], "Williams", ("威廉姆斯",)),  # a nasal final before m is not a sound of its own
        (["古特雷斯"], "Guterres", ("古特雷斯",)),
        (["埃尔南德斯"], "Hernández", ("埃尔南德斯",)),  # a silent h
        (["布吕斯特兰"], "Brazilian", ()),  # one edit, but a consonant that the Latin word lacks
        (["克雷彭"], "Group", ()),  # four consonants or fewer: no edit
    ],
)
def test_find_rules(names: list[str], word: str, expected: tuple[str, ...]) -> None:
    assert PersonIndex(names).find(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "What",
        "Which",
        "According",
        "Board",
        "Council",
        "Treaty",
        "Europe",
        "Conseil",
        "Según",
        "Что",
        "Kazakhstan",
        "Pakistan",
        "Argentina",  # a State, by rag.names
        "Армении",
        "Li",  # too short to tell
        "",
    ],
)
def test_no_match(word: str) -> None:
    assert INDEX.find(word) == ()


def test_no_match_for_a_state_or_a_near_sound() -> None:
    index = PersonIndex(["哈萨克斯坦", "巴拉迪"])
    assert index.find("Kazakhstan") == ()  # the name of a State is never a person's, even if the index has it
    assert index.find("Board") == ()  # r before a consonant ends a syllable (尔) or goes; 拉 starts one


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("What did Michael Krepon recommend about the Treaty?", [("Michael", "迈克尔"), ("Krepon", "克雷彭")]),
        ("Michael Krepon said what?", [("Michael", "迈克尔"), ("Krepon", "克雷彭")]),
        ("Que propose Sergueï Rogov ?", [("Sergueï", "谢尔盖"), ("Rogov", "罗戈夫")]),
        ("Según Sharon Squassoni, ¿qué hace falta?", [("Sharon", "莎伦"), ("Squassoni", "斯夸索尼")]),
        ("Selon Sharon Squassoni, que faut-il ?", [("Sharon", "莎伦"), ("Squassoni", "斯夸索尼")]),
        ("Что предложил Антон Хлопков?", [("Антон", "安东"), ("Хлопков", "赫洛普科夫")]),
        ("Did the NPT Review Conference hear Rogov?", [("Rogov", "罗戈夫")]),
        ("What did Ambassador Ashipala-Musavyi say?", [("Ashipala", "阿希帕拉"), ("Musavyi", "穆萨夫伊")]),
        ("Rogov said what? Krepon agreed.", []),  # a sentence's first word, before a lower-case one
        ("What did the Board and the Council of Europe decide?", []),
        ("罗戈夫先生说了什么？", []),
    ],
)
def test_find_in(question: str, found: list[tuple[str, str]]) -> None:
    expected = [(question.index(w), question.index(w) + len(w), (zh,)) for w, zh in found]
    assert INDEX.find_in(question) == expected


def test_cyrillic_dzh_is_j() -> None:
    index = PersonIndex(["约翰逊", "詹姆斯"])
    assert index.find("Джонсон") == index.find("Johnson") == ("约翰逊",)
    assert index.find("Джеймс") == ("詹姆斯",)


def test_transliteration_data() -> None:
    rows = [line.split("\t") for line in DATA_PATH.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    assert len(rows) >= 300
    assert all(len(char) == 1 and "\u4e00" <= char <= "\u9fff" and py.isascii() and py.isalpha() for char, py in rows)
    assert len({char for char, _ in rows}) == len(rows)


def test_a_person_is_named_by_a_given_name_then_a_family_name_the_index_holds() -> None:
    people = PersonIndex.from_texts(["成员：琳娜·哈迪德。谢尔盖·罗戈夫的简报。莫塔兹·扎赫兰。"], default_names())
    assert [r for _, _, r in people.full_names_in("What did Lina Hadid propose?")] == [("哈迪德",)]
    assert [r for _, _, r in people.full_names_in("Что предлагал Сергей Рогов?")] == [("罗戈夫",)]
    # a word sounding like a given name (莫塔兹) after a capitalised word is no one
    assert people.full_names_in("The Advisory Board on Disarmament Matters said so.") == []


def test_a_chinese_question_names_a_person_as_the_reports_write_them() -> None:
    persons = PersonIndex(["刘易斯·邓恩", "迈克尔·埃尔曼"])
    question = "咨询委员会成员刘易斯·邓恩本人对超高音速武器发表了什么看法？"
    assert persons.whole_names_in(question) == [(7, 13, ("邓恩",))]
    assert persons.whole_names_in("埃尔曼说了什么？") == []  # a family name alone is not a whole name


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("ماذا قال سيرغي روغوف في إحاطته أمام المجلس الاستشاري؟", "罗戈夫"),
        ("ماذا اقترح مايكل كريبون على المجلس؟", "克雷彭"),
    ],
)
def test_a_full_name_in_arabic_letters(text: str, family: str) -> None:
    assert [f for _, _, fs in INDEX.full_names_in(text) for f in fs] == [family]


@pytest.mark.parametrize(
    "text",
    [
        "هل يرى المجلس أن هناك نهجاً واحداً لبناء إطار جديد للحد من الأسلحة؟",
        "يقول الاتحاد الأوروبي إنه انضم إلى فريق الاتصال المعني بالأمن النووي",
    ],
)
def test_common_arabic_words_are_no_full_name(text: str) -> None:
    assert INDEX.full_names_in(text) == []
