"""What a question asks for, in any UN language: a set of respondents, a stance, a quantity; pure regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SetKind = Literal["state", "organization", "any"]
Stance = Literal["oppose", "support", "sponsor"]

_STATE_WORDS = r"(?:member\s+)?(?:states?|countries|governments?|nations)"
_ORG_WORDS = r"(?:international\s+|regional\s+)?(?:organi[sz]ations?|bodies|agencies|entities)"
SET_PATTERNS: tuple[tuple[SetKind, re.Pattern[str]], ...] = (
    ("organization", re.compile(rf"\b(?:which|what)\s+{_ORG_WORDS}\b|\blist\s+(?:the\s+|all\s+)?{_ORG_WORDS}", re.I)),
    ("state", re.compile(rf"\b(?:which|what)\s+{_STATE_WORDS}\b|\blist\s+(?:the\s+|all\s+)?{_STATE_WORDS}", re.I)),
    ("any", re.compile(r"\b(?:which|what)\s+respondents\b|\bwho\s+(?:replied|responded)\b", re.I)),
    ("organization", re.compile(r"(?:哪些|哪几个|哪个|有什么)(?:国际|区域)?(?:组织|机构)")),
    ("state", re.compile(r"(?:哪些|哪几个|哪些个)(?:会员国|成员国|国家|国|政府)")),
    ("any", re.compile(r"(?:哪些|哪几个)(?:答复方|方面|实体)|谁(?:作出|提交)了?答复")),
    ("organization", re.compile(r"\bquel(?:le)?s\s+(?:organisations|organismes|entités)\b", re.I)),
    ("state", re.compile(r"\bquels\s+(?:États|Etats|pays|gouvernements)\b", re.I)),
    ("organization", re.compile(r"\b(?:qué|que|cuáles|cuales)\s+(?:organizaciones|organismos|entidades)\b", re.I)),
    ("state", re.compile(r"\b(?:qué|que|cuáles|cuales)\s+(?:Estados|países|paises|gobiernos)\b", re.I)),
    ("organization", re.compile(r"какие\s+(?:международные\s+|региональные\s+)?организации", re.I)),
    ("state", re.compile(r"какие\s+(?:государства|страны|правительства)", re.I)),
    ("organization", re.compile(r"(?:أي|ما|ما هي)\s+(?:ال)?منظمات")),
    ("state", re.compile(r"(?:أي|ما|ما هي)\s+(?:ال)?(?:دول|بلدان|حكومات)")),
)


def set_kind(question: str) -> SetKind | None:
    """The kind of respondent a question asks a set of ("Which states…", "哪些国际组织…"), or None."""
    for kind, pattern in SET_PATTERNS:
        if pattern.search(question):
            return kind
    return None


# Stance words in questions. Sponsorship is checked first: "presented or co-sponsored" is not support.
_QUESTION_STANCE: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    (
        "sponsor",
        re.compile(
            r"sponsor|提案国|提出了?该?决议|coparrain|coauteur|auteurs?\s+de|copatrocin|patrocin|соавтор|авторами",
            re.I,
        ),
    ),
    (
        "oppose",
        re.compile(
            r"\boppos|\bagainst\b|\breject|\bobject|反对|不支持|不赞成|否定|s['’]opposent|\bopposés?\b|\bcontre\b|rejett|"
            r"\boponen|en\s+contra|rechaz|против|возража|отверга|تعارض|ضد",
            re.I,
        ),
    ),
    (
        "support",
        re.compile(
            r"\bsupport|\bfavou?r|\bback(?:ed|s)?\b|\bendors|支持|赞成|赞同|appui|soutien|\bapoy|respald|"
            r"поддерж|تؤيد|تدعم",
            re.I,
        ),
    ),
)


def question_stance(question: str) -> Stance | None:
    for stance, pattern in _QUESTION_STANCE:
        if pattern.search(question):
            return stance
    return None


# --- stance cues inside passages (a reply speaking of a resolution) ---------------------------------------

# The resolution's own wording quoted by a reply ("notes with concern…") is not the reply's stance.
_RESOLUTION_FORMULA = re.compile(
    r"关切地注意到|表示关切地注意到|noting\s+with\s+concern|notes\s+with\s+concern|notant\s+avec\s+préoccupation|"
    r"observando\s+con\s+preocupación|отмечая\s+с\s+озабоченностью",
    re.I,
)
_OPPOSE_STRONG = re.compile(
    r"反对票|不能支持|无法支持|不支持|不赞成|不同意|不能接受|无法接受|反对|"
    r"voted?\s+against|vote\s+no\b|\boppos(?:e|es|ed|ing)\b|cannot\s+support|could\s+not\s+support|"
    r"unable\s+to\s+support|(?:do|does|did)\s+not\s+support|disagree|\breject|cannot\s+accept|"
    r"voté\s+contre|s['’]oppos|ne\s+(?:peut|peuvent|pouvons)\s+(?:pas\s+)?(?:appuyer|soutenir|accepter)|"
    r"n['’](?:appuie|appuyons|appuient)\s+pas|ne\s+soutien\w*\s+pas|rejet|désappro|"
    r"vot(?:ó|aron)\s+en\s+contra|se\s+opone|no\s+(?:puede|pueden|podemos)\s+(?:apoyar|aceptar)|"
    r"no\s+apoy|rechaz|no\s+est(?:á|amos)\s+de\s+acuerdo|"
    r"голосова\w*\s+против|не\s+(?:может|можем|могут)\s+поддержать|не\s+поддержива|отверга|не\s+соглас",
    re.I,
)
# An evaluation of the resolution ("incorrect", "unfounded") says more than concern, and concern more than
# a feared effect ("could undermine"): the strongest cue is the one quoted.
_OPPOSE_VERDICT = re.compile(
    r"错误|不正确|没有道理|毫无(?:事实)?(?:证据|根据)|没有根据|不存在的问题|"
    r"flawed|incorrect|erroneous|\bwrong|unfounded|no\s+evidence|baseless|false\s+dichotomy|"
    r"erroné|infondé|sans\s+fondement|erróne|incorrect|infundad|sin\s+fundamento|ошибочн|неверн|необоснован",
    re.I,
)
_OPPOSE_CONCERN = re.compile(
    r"关切|遗憾|失望|\bconcern|\bregret|disappoint|préoccup|regrett|déçu|décevant|preocup|lament|decepcion|"
    r"обеспокоен|озабоч|сожале|разочаров",
    re.I,
)
_OPPOSE_EFFECT = re.compile(
    r"质疑|破坏|削弱|损害|政治化|undermin|weaken|\bdamag|politici[sz]|\bsaper|affaibl|nuire|politis|"
    r"socava|debilit|perjudic|politiz|подрыв|ослаб|политизац",
    re.I,
)
_SPONSOR = re.compile(
    r"共同提案国|提案国|\bco-?sponsor|\bsponsor|coauteur|coparrain|\bauteur\s+de|copatrocin|patrocin|соавтор",
    re.I,
)
_SUPPORT = re.compile(
    r"支持|赞成票|赞同|欢迎|赞赏|致力于实现|合乎时宜|"
    r"\bsupport|\bwelcome|voted?\s+in\s+favou?r|\bendors|\btimely\b|"
    r"\bappui|\bsoutien|accueille\s+(?:avec\s+satisfaction|favorablement)|se\s+félicit|voté\s+pour|"
    r"\bapoy|respald|acoge\s+con\s+beneplácito|vot(?:ó|aron)\s+a\s+favor|"
    r"поддерж|приветству|голосова\w*\s+за\b",
    re.I,
)


@dataclass(frozen=True)
class StanceCue:
    stance: Stance
    strength: float  # 3: an explicit position ("voted against", "co-sponsor"); 2 to 1: an evaluation
    start: int
    end: int


def stance_cues(sentence: str) -> list[StanceCue]:
    """Stance words in one sentence that speaks of a resolution. A negated support word ("cannot support")
    is opposition, and is not counted again as support."""
    text = _RESOLUTION_FORMULA.sub(lambda m: " " * len(m.group(0)), sentence)
    cues: list[StanceCue] = []
    taken = [False] * len(text)
    for stance, strength, pattern in (
        ("sponsor", 3.0, _SPONSOR),
        ("oppose", 3.0, _OPPOSE_STRONG),
        ("oppose", 2.0, _OPPOSE_VERDICT),
        ("oppose", 1.5, _OPPOSE_CONCERN),
        ("oppose", 1.0, _OPPOSE_EFFECT),
        ("support", 1.0, _SUPPORT),
    ):
        for match in pattern.finditer(text):
            if any(taken[match.start() : match.end()]):
                continue
            taken[match.start() : match.end()] = [True] * (match.end() - match.start())
            cues.append(StanceCue(stance, strength, match.start(), match.end()))  # type: ignore[arg-type]
    return cues


# "该决议", "this resolution", "cette résolution": a resolution named earlier in the same reply.
RESOLUTION_ANAPHORA = re.compile(
    r"该决议|这项决议|此项决议|本决议|上述决议|这一决议|决议草案|该项决议|"
    r"\b(?:this|that|the)\s+(?:draft\s+)?resolution\b|\b(?:cette|la|ladite|ce\s+projet\s+de)\s+résolution\b|"
    r"\b(?:esta|la|dicha|este\s+proyecto\s+de)\s+resolución\b|\b(?:эт|данн|указанн)\w*\s+резолюци",
    re.I,
)
RESOLUTION_WORD = re.compile(r"决议|resolution|résolution|resolución|резолюци|قرار", re.I)

# Questions about what a respondent said or did in its reply ("What did X say…", "X 提出了哪些…").
SPEECH = re.compile(
    r"\b(?:say|says|said|state[sd]?|repl(?:y|ied|ies)|respond|answer|position|view|propos|suggest|recommend|"
    r"think|believe|consider|submit|report(?:ed|s)?|describe|mention|argue|tell)\w*|"
    r"说|称|表示|认为|提出|答复|立场|意见|建议|提交|介绍|报告|主张|看法|"
    r"\b(?:dit|dire|répondu|réponse|position|propos|estime|considère|pense|indique|soumis|présenté|décrit)\w*|"
    r"\b(?:dice|dijo|respondió|respuesta|posición|propon|propus|considera|opina|indica|present|describ|inform)\w*|"
    r"сообщ|заяв|ответ|позици|мнени|предлаг|считает|полагает|представил|описал",
    re.I,
)

REPORT_WORD = re.compile(r"报告|\breport|\brapport|\binforme|доклад", re.I)
QUANTITY = re.compile(
    r"\bhow\s+(?:much|many)\b|多少|几个|几次|几票|数额|金额|总额|\bcombien\b|\bcu[aá]nt[oa]s?\b|\bсколько\b|\bكم\b|"
    r"\btotal\b|\bmontant\b|\bimporte\b|\bсумм",
    re.I,
)
MONEY = re.compile(
    r"\bmoney|\bfund(?:s|ing)\b|\bbudget|\bcontribut|\bpaid|\bpay|\bgive|\bgave|\bamount|钱|资金|预算|捐款|捐助|金额|"
    r"\bverse|\bbudget|\bmontant|\bfinanc|\bpresupuesto|\bdinero|\bfondos|\baport|\bimporte|бюджет|деньг|взнос|сумм",
    re.I,
)
AMOUNT = re.compile(
    r"\d[\d,.\s]*\s*(?:万|亿|千)?\s*(?:美元|欧元|英镑|瑞士法郎|日元|元|dollars?|euros?|francs?|yen|pounds?|"
    r"millions?|billions?|dólares|евро|долл)|[$€£¥]\s*\d|\b(?:USD|EUR|CHF|GBP)\s*\d",
    re.I,
)
# Questions asking why, and the words a sentence gives a reason with.
REASON = re.compile(
    r"为什么|为何|何故|什么原因|\bwhy\b|\bfor\s+what\s+reason|\bpourquoi\b|\bpour\s+quelle\s+raison|"
    r"\bpor\s+qu[eé]\b(?!\s+(?:medios?|v[ií]as?)\b)|\bпочему\b|\bзачем\b|\bпо\s+какой\s+причине|لماذا",
    re.I,
)
CAUSE = re.compile(
    r"由于|因为|鉴于|出于|原因|所以|因此|以免|为了|\bbecause\b|\bowing\s+to\b|\bdue\s+to\b|\bas\s+a\s+result\s+of\b|"
    r"\bin\s+view\s+of\b|\bgiven\s+(?:that|the)\b|\ben\s+raison\s+d|\bparce\s+que?\b|\bà\s+cause\s+d|\bdu\s+fait\s+d|"
    r"\bcompte\s+tenu\s+d|\bdebido\s+a\b|\bporque\b|\ba\s+causa\s+d|\bdado\s+que\b|\bhabida\s+cuenta\b|"
    r"из-за|потому\s+что|вследствие|в\s+связи\s+с|поскольку|ввиду|بسبب|لأن",
    re.I,
)
NUMBER = re.compile(r"(?<![\d/.])\d+(?:[.,]\d+)?(?![\d/])|[一二三四五六七八九十百千万两]+(?:票|个|次|名|人|国)")
YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
