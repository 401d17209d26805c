"""Question intent in the UN languages: sets of respondents, stance words, stance cues in replies."""

from __future__ import annotations

import pytest

from rag.lang import intent, regions
from rag.lang.intent import (
    BESIDES,
    about_others,
    asks_which_entities,
    has_figure,
    respondent_kind,
    set_kind,
)
from rag.lang.names import default_names


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Which states oppose resolution 76/234?", "state"),
        ("Which countries replied in Spanish?", "state"),
        ("What international organizations sent replies?", "organization"),
        ("Which respondents mention the Australia Group?", "any"),
        ("哪些国家反对第76/234号决议？", "state"),
        ("哪些国际组织提交了答复？", "organization"),
        ("哪些答复对原子能机构一概没提？", "any"),  # 机构 of the IAEA's name, after 哪些答复: replies of any kind
        ("Quels États s'opposent à la résolution 76/234 ?", "state"),
        ("Quelles organisations ont répondu en russe ?", "organization"),
        ("¿Qué Estados se oponen a la resolución 76/234?", "state"),
        ("¿Qué organizaciones respondieron?", "organization"),
        ("Какие государства выступают против резолюции 76/234?", "state"),
        ("Какие международные организации ответили?", "organization"),
        ("ما هي الدول التي تعارض القرار 76/234؟", "state"),
        ("What did Norway say about resolution 76/234?", None),
        ("挪威支持第76/234号决议吗？", None),
        # Words between the question word and the noun, replies as the noun, and "who sent…"
        ("Which Latin American countries describe arms registers?", "state"),
        ("Which of the states mention the Australia Group?", "state"),
        ("Which replies talk about nuclear forensics?", "any"),
        ("Who submitted a reply on confidence-building?", "any"),
        ("Which report states the date of the meeting?", None),  # "states" the verb
        ("Quels autres pays évoquent le Document de Vienne ?", "state"),
        ("Quelles réponses évoquent le Groupe d'Australie ?", "any"),
        ("¿Qué otros países mencionan el Registro de Armas?", "state"),
        ("¿Qué respuestas hablan de ciberseguridad?", "any"),
        ("Какие европейские страны упоминают Венский документ?", "state"),
        ("Какие ответы касаются ядерной безопасности?", "any"),
        ("Кто прислал ответ на русском языке?", "any"),
        ("أي الدول ذكرت مجموعة أستراليا؟", "state"),
        ("ما الردود التي تذكر الأمن النووي؟", "any"),
        ("كم عدد الدول المشاركة في مجموعة أستراليا؟", None),  # how many states: a number, not a set
        ("哪些欧洲国家提到了维也纳文件？", "state"),
        ("哪些答复提到了核安保？", "any"),
        # the set named first, then "who" or "which ones" among it
        ("提交意见的国家中，谁把制裁斥为非法？", "state"),
        ("作答的国际组织中，哪几个与禁化武组织有合作？", "organization"),
        ("那份报告里，哪几份答复原文是用西班牙语写的？", "any"),
        ("متى طلب الأمين العام من الدول الأعضاء آراءها؟", None),  # when he asked the States, not which
        ("When was it adopted? Which states voted against it?", "state"),
        ("Parmi les réponses au rapport, lesquelles ont été rédigées en espagnol ?", "any"),
        ("¿Quiénes, entre los que respondieron, mencionan la enmienda?", "any"),
        ("¿Qué respondentes aportan cifras?", "any"),
        ("Кто из ответивших упоминает Сирию?", "any"),
        ("Есть ли среди ответов такие, где упомянута Сирия? Чьи это ответы?", "any"),  # are there replies that…
        ("اذكر الجهات التي تطرقت إلى سوريا.", "any"),
        ("¿Quién preside la Junta?", None),  # one person
        # "How many" respondents did something: a set, counted; a figure otherwise.
        ("How many states replied to the report on resolution 76/234?", "state"),
        ("有多少个国家对该报告作出了答复？", "state"),
        ("Combien d'organisations mentionnent l'AIEA ?", "organization"),
        ("¿Cuántas respuestas mencionan los drones?", "any"),
        ("Сколько государств упоминают МАГАТЭ в своих ответах?", "state"),
        ("كم عدد الدول التي ردت على التقرير؟", "state"),
        ("How many States are parties to the BWC?", None),
        ("How many member states voted in favour of resolution 76/234?", None),  # a vote, not a reply
        ("Combien d'États participent au Comité Zangger ?", None),  # taking part in a body
        ("كم عدد الدول المشاركة في لجنة زانغر بحسب الردود؟", None),  # the replies are the source
        ("How much money did Japan give to the fund?", None),
        ("几个国家的人员参加了培训？", None),
        # who among the respondents; is there any…? which are they?
        ("اتفاقية الذخائر العنقودية: من من المجيبين في التقرير ذكرها؟", "any"),
        ("هل هناك من تحدّث في ردود 2017 عن المبادرة الأمنية لمكافحة الانتشار؟ ومن هم؟", "any"),
        ("في تقرير 2017، من هم المجيبون الذين يذكرون العراق وسوريا؟", "any"),  # who are the respondents that…
        ("في الردود على القرار 76/234، من استشهد بقرار آخر؟", "any"),  # who cited
        ("Qui, parmi les réponses de 2022, évoque le Traité sur le commerce des armes ?", "any"),
        ("Qui défend cette idée dans le rapport ?", "any"),
        ("有没有答复方拿出具体数字来说明出口许可被拒的比例很低？是哪些？", "any"),
        ("裁研所有没有发布新的出版物？是哪些？", None),  # publications, no respondents
        ("Besides Spain, who else among the respondents to the 2017 report refers to resolution 2325?", "any"),
        ("ذكر العراق تنظيم داعش؛ فمن غير العراق تحدّث عن هذا التنظيم؟", "any"),  # who besides Iraq, with a shadda
        ("Есть ли в докладе государства, которые выступают за такую зону? Какие?", "state"),  # is there any…? which
        ("Есть ли в докладе организации, которые сотрудничают с ОЗХО? Кто именно?", "organization"),
        ("Есть ли у России закон об экспортном контроле? Какой?", None),
        ("Is there any country that argues strict controls attract investment? Which?", "state"),
        ("Does any state say it chaired a regime? Which ones?", "state"),
        ("¿Hay algún país que defienda que los controles atraen inversiones? ¿Cuáles?", "state"),
        ("Y a-t-il des États qui disent avoir présidé un régime ? Lesquels ?", "state"),
        ("Is there any country that argues strict controls attract investment?", None),  # yes or no, no "which"
        ("¿Hay algún país u organización que hable del Tratado? ¿Cuáles?", None),  # not states alone
        ("Есть ли кто-нибудь, кто упоминает Организацию американских государств? Кто именно?", "any"),  # its name
        ("2017年的报告里，有几家答复提到了叙利亚？", "any"),  # 几家: how many replies
        ("日本在报告中介绍了哪些国内措施？", None),  # domestic measures, not states
        ("Of the European countries outside the EU that replied, which ones came out against it?", "state"),
        ("原文用西班牙文写的答复中，哪几份没提国际原子能机构？", "any"),  # 哪几份: which replies
        ("建立信任措施那份报告里有没有西非国家的答复？是哪个国家？", "any"),  # is there one, and which
        ("من يربط في ردّه الاستخدام السلمي للطاقة النووية بتلبية احتياجات الطاقة؟", "any"),  # who links…
        ("من يستند إلى «العولمة» في حجّته؟", "any"),  # who relies on…
        ("那份报告里，非洲的答复国有哪些？", "state"),  # 答复国有哪些, not 国有 (state-owned)
        ("和平利用那份报告的答复方都有谁？", "any"),
    ],
)
def test_set_kind(question: str, kind: str | None) -> None:
    assert set_kind(question) == kind


@pytest.mark.parametrize(
    "question",
    ["How much will it cost?", "Combien coûte-t-il ?", "¿Cuánto cuesta?", "Во сколько обойдётся?", "需要多少费用？"],
)
def test_a_question_about_cost_asks_for_an_amount(question: str) -> None:
    from rag.lang.intent import MONEY, QUANTITY

    assert QUANTITY.search(question) and MONEY.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "What is the strength of the CSTO's rapid reaction forces?",
        "Какова численность Коллективных сил оперативного реагирования?",
        "Quel est l'effectif des forces de réaction rapide ?",
        "¿Cuál es el número de efectivos de esas fuerzas?",
        "ما هو عدد أفراد هذه القوات؟",
        "这支部队的人数是多少？",
    ],
)
def test_how_many_said_as_a_noun_asks_how_many(question: str) -> None:
    assert intent.asks_figure(question)


@pytest.mark.parametrize(
    "question",
    [
        "بأي نسبة تقترح مصر زيادة الميزانية؟",  # by what share
        "بأيّ مبلغ تقترح مصر زيادة الميزانية؟",  # by what amount
        "By what percentage does Egypt propose raising the budget?",
        "埃及建议将预算增加多少比例？",
    ],
)
def test_by_what_share_or_amount_asks_a_figure(question: str) -> None:
    assert intent.asks_figure(question)


def test_how_many_joined_to_and_asks_how_many() -> None:
    from rag.lang.intent import QUANTITY

    assert QUANTITY.search("وكم عدد أفراد هذه القوات؟") and QUANTITY.search("كم عدد الدول؟")  # (and) how many
    assert not QUANTITY.search("ما هو الحكم؟")  # كم inside a word


def test_a_cue_of_one_language_is_not_a_common_word_of_another() -> None:
    from rag.lang.intent import MONEY

    # English "pay" is not French "pays" (countries): a count of countries is not an amount of money.
    assert MONEY.search("Combien de pays partenaires compte le réseau ?") is None
    assert MONEY.search("How much did Japan pay?")


@pytest.mark.parametrize(
    "question", ["Combien la Norvège a-t-elle versé au Bureau ?", "Сколько денег Норвегия внесла в фонд?"]
)
def test_paying_and_money_in_their_inflected_forms_ask_for_an_amount(question: str) -> None:
    from rag.lang.intent import MONEY

    assert MONEY.search(question)


@pytest.mark.parametrize(
    ("sentence", "voted"),
    [
        ("澳大利亚因此在大会第七十六届会议全体会议上对该决议投了反对票。", True),
        ("挪威赞同欧洲联盟在第一委员会对投票所作的解释性发言。", False),  # an explanation of vote is no vote
        ("Australia voted against the resolution.", True),
        ("La France s'est abstenue lors du vote.", True),
        ("México votó a favor de la resolución.", True),
        ("Россия голосовала против.", True),
        ("صوتت الحكومة ضد القرار.", True),
    ],
)
def test_a_sentence_saying_how_its_author_voted(sentence: str, voted: bool) -> None:
    from rag.lang.intent import VOTED

    assert (VOTED.search(sentence) is not None) is voted


@pytest.mark.parametrize(
    ("sentence", "others"),
    [
        ("Most States voted in favour of the resolution.", True),
        ("In 2021, many countries voted against it.", True),
        ("Like most other States, Norway supports the resolution.", False),
        ("We call on other States to join the consensus.", False),
        ("此外，许多国家支持该决议。", True),
        ("我国支持该决议。", False),
        ("La plupart des États ont voté pour.", True),
        ("La France appuie la résolution.", False),
        ("Muchos Estados apoyan la resolución.", True),
        ("Большинство государств поддержали резолюцию.", True),
        ("أيدت معظم الدول القرار.", True),
        ("تؤيد الحكومة القرار.", False),
        ("虽然这项决议获得通过，但大多数国家不是投了反对票就是弃权。", True),  # after a contrast
        ("Although it was adopted, but most States abstained.", True),
        ("与其他国家合作。", False),
    ],
)
def test_a_sentence_about_what_other_states_did(sentence: str, others: bool) -> None:
    assert about_others(sentence) is others


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Enumerate the bodies that gave input on outer space.", "organization"),
        ("Перечислите страны, упомянувшие экспортный контроль.", "state"),
        ("提到出口管制的国家有哪些？", "state"),
        ("Dites-moi quels organismes ont envoyé des observations.", "organization"),
        ("Which states and organizations took part?", "any"),
        ("من الذين ردوا على المذكرة؟", "any"),
        ("Whose replies speak of drones?", "any"),
        ("How many people attended the meeting?", None),
    ],
)
def test_respondent_kind(question: str, kind: str | None) -> None:
    assert respondent_kind(question) == kind


@pytest.mark.parametrize(
    "text, apart",
    [
        ("Besides ", True),
        ("Which states, apart from ", True),
        ("区域报告里，除了", True),
        ("Кто, кроме ", True),
        ("Qui, à part la ", True),
        ("Aparte de la propia ", True),  # "the EU itself"
        ("Помимо самого ", True),
        ("بالإضافة إلى ", True),  # "in addition to China, which states…"
        ("En plus de la ", True),
        ("A excepción de ", True),
        ("Наряду с ", True),
        # the reply of a respondent set aside: "…, dejando aparte la respuesta de la propia OTAN, ¿quiénes…?"
        ("En los dos informes, dejando aparte la respuesta de la propia ", True),
        ("Hormis la réponse de l'", True),
        ("Leaving aside the reply of ", True),
        ("Кто, кроме ответа самой ", True),
        # "… ? I don't mean the EU, only states": a name the asker says is not meant
        ("Which European governments replied? I don't mean the ", True),
        ("ما الحكومات الأوروبية التي ردت؟ لا أقصد ", True),
        ("¿Qué países europeos respondieron? No me refiero a la ", True),
        ("哪些欧洲国家答复了？不包括", True),
        ("Which states mention ", False),
        ("What does the reply of ", False),
    ],
)
def test_besides_sets_the_next_name_apart(text: str, apart: bool) -> None:
    assert (BESIDES.search(text) is not None) == apart


@pytest.mark.parametrize(
    "text",
    [
        "Which countries got it, according to its reply?",
        "Quels pays la Chine cite-t-elle selon sa réponse ?",
        "¿Qué países menciona Cuba en su respuesta?",
        "Какие страны Россия называет в своём ответе?",
        "ما الدول التي تذكرها مصر في ردها؟",
        "根据其答复，日本提到了哪些国家？",
    ],
)
def test_its_reply_is_one_respondents_own_reply(text: str) -> None:
    assert intent.ITS_REPLY.search(text)


def test_other_countries_as_an_object_sets_no_one_apart() -> None:
    given = "How much has Russia given other countries, and which got it?"
    assert not intent.set_apart(given, given.index("Russia"), given.index("Russia") + 6)
    asked = "Mexico mentions ISIL. Do other countries mention it?"
    assert intent.set_apart(asked, asked.index("Mexico"), asked.index("Mexico") + 6)


def test_a_figure_is_a_number_other_than_a_year_or_a_symbol() -> None:
    assert has_figure("拒绝了 603 项出口申请") and has_figure("less than 1% of exports")
    assert not has_figure("第 76/234 号决议于 2021 年通过") and not has_figure("A/77/96, in 2022")
    assert not has_figure("2016 年 10 月 14 日决定批准的战略")  # a date is no count
    assert has_figure("为期 10 个月") and has_figure("6 月有 5 次会议")


@pytest.mark.parametrize(
    "question, entities",
    [
        ("Which export control regimes does Spain say it belongs to?", True),
        ("¿Con qué países latinoamericanos ha celebrado España comisiones mixtas?", True),
        ("挪威说它加入了哪些出口管制制度？", True),
        ("Какие страны упоминает Куба?", True),
        ("Selon l'Espagne, quelles activités le Document de Vienne impose-t-il aux États participants ?", False),
        ("Which measures did Japan take?", False),
        # past a copula, an article and a number: which eight states
        ("Quels sont les huit États de l'annexe 2 dont parle l'Union européenne ?", True),
        ("¿Cuáles son los diez países de la Iniciativa 5+5?", True),
        ("欧盟在哪八个国家开展活动？", True),
        ("Quelles sont les trois mesures prises par le Japon ?", False),
        # one of them, as "which state" in English
        ("独联体说几乎所有成员国都加入了该公约，那到底是哪个成员国还没加入？", True),
        ("哪个城市举办了演习？", False),
        ("Australia habla de la explosión nuclear de un país. ¿De qué país se trataba?", True),
        ("De quel pays s'agissait-il ?", True),
        ("Quelles mesures font état de la coopération ?", False),  # « fait état de »: mentions
    ],
)
def test_asks_which_entities(question: str, entities: bool) -> None:
    assert asks_which_entities(question) == entities


@pytest.mark.parametrize(
    "question, yes_no",
    [
        ("Est-ce que le Japon a répondu ?", True),
        ("Qu'est-ce que le Japon a répondu sur les mesures de confiance ?", False),
        ("墨西哥是不是两份报告都交了意见？", True),
        ("¿Irán llegó a mandar respuesta para el informe de 2017?", True),
        ("¿Qué respondió Irán?", False),
        ("Беларусь вообще отвечала на запрос генсека? Если да, на каком языке?", True),  # no question word first
        ("Кто ответил на запрос генсека?", False),
        ("Ответила ли Куба?", True),
        ("¿En qué idioma respondió Canadá al informe A/77/96?", False),  # a question word before the verb
        ("La Suède accepte-t-elle que les sanctions soient unilatérales ?", True),  # « que » after the verb
        ("Que propose-t-elle ?", False),
        ("Lesquels nomme-t-il ?", False),
    ],
)
def test_yes_no_questions(question: str, yes_no: bool) -> None:
    assert (intent.YES_NO.search(question) is not None) is yes_no


def test_a_word_for_organizations_inside_a_name_says_nothing_of_who_is_asked_for() -> None:
    question = "Is there any respondent that points to the World Trade Organization?"
    name = question.index("World Trade Organization")
    assert respondent_kind(question) == "organization"
    assert respondent_kind(question, ignore=[(name, name + len("World Trade Organization"))]) == "any"


@pytest.mark.parametrize(
    "question",
    [
        "Además de Noruega, ¿quién más menciona la Iniciativa Mundial?",
        "Outre la Norvège, qui d'autre mentionne l'Initiative mondiale ?",
        "بالإضافة إلى النرويج، من غيرها يذكر المبادرة العالمية؟",
        "Кроме Норвегии, кто ещё упоминает Глобальную инициативу?",
    ],
)
def test_who_else_asks_for_a_set(question: str) -> None:
    assert intent.set_kind(question) == "any"


@pytest.mark.parametrize(
    "question",
    [
        "In the 2017 replies, who explicitly talks about protecting critical infrastructure?",
        "Who also mentions the Global Initiative?",
    ],
)
def test_who_with_an_adverb_before_its_verb_asks_for_a_set(question: str) -> None:
    assert intent.set_kind(question) == "any"


def test_itself_after_a_name_set_apart_belongs_to_the_name() -> None:
    for question in ("Which replies mention China, other than China itself?", "Besides the EU itself, who cites it?"):
        found = intent.ABOUT_SELF.search(question)
        assert found is not None and intent.after_set_apart(question, found.start()), question
    claim = "Which states say they themselves were victims?"
    found = intent.ABOUT_SELF.search(claim)
    assert found is not None and not intent.after_set_apart(claim, found.start())


def test_a_name_set_apart_after_its_closing_quotation_mark() -> None:
    question = "Кто называет Китай (название «Группа 77 и Китай» не в счёт)?"
    start = question.index("Группа")
    assert intent.set_aside_around(question, start, question.index("»"))
    assert not intent.set_aside_around(question, question.index("Китай"), question.index("Китай") + 5)


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Кто из государств рассказывает о своей работе в Совете Безопасности?", "state"),
        ("Кто из ответивших государств упоминает МАГАТЭ?", "state"),
        ("Кто из ответивших организаций упоминает МАГАТЭ?", "organization"),
        ("Кто из стран и организаций упоминает МАГАТЭ?", "any"),
        ("Кто из ответивших упоминает МАГАТЭ?", "any"),
    ],
)
def test_who_among_the_states_asks_for_states(question: str, kind: str) -> None:
    assert intent.set_kind(question) == kind


def test_a_verb_of_saying_opening_what_was_said() -> None:
    for question in (
        "¿Qué respuestas cuentan que recibieron material donado?",
        "Which replies say that they received equipment?",
        "Какие ответы сообщают, что получили оборудование?",
        "ما الردود التي تقول إنها تلقت معدات؟",
        "哪些答复说自己收到了捐赠的设备？",
    ):
        assert intent.SAYS_THAT.search(question), question
    assert not intent.SAYS_THAT.search("¿Qué organismos aportaron información al informe?")


def test_words_after_a_name_set_it_apart() -> None:
    for question, name in (
        ("Leaving China's own submission aside, which respondents bring China up?", "China"),
        ("中国自己的答复不算，哪些答复方提到了中国？", "中国"),
        ("La Chine mise à part, quels répondants mentionnent la Chine ?", "Chine"),
        ("Dejando a China aparte, ¿quién menciona a China?", "China"),
    ):
        start = question.index(name)
        assert intent.set_apart(question, start, start + len(name)), question
        later = question.rindex(name)
        assert not intent.set_apart(question, later, later + len(name)), question
    assert intent.set_apart("Which respondents mention China aside from export controls?", 26, 31) is None


def test_a_name_before_which_other_is_set_apart() -> None:
    besides = "باستثناء رد الإنتربول نفسه، من يذكر التعاون مع الإنتربول؟"  # "except INTERPOL's own reply, who…"
    assert intent.set_apart(besides, besides.index("الإنتربول"), besides.index("الإنتربول") + 9)
    other = "ومن غير كندا يذكر لجنة زانغر؟"  # "and who other than Canada mentions…"
    assert intent.set_apart(other, other.index("كندا"), other.index("كندا") + 4) and intent.set_kind(other) is not None
    assert intent.set_kind("ومن غيرها من الدول يذكر كوريا الشمالية؟")  # "and which other states mention…"
    assert intent.set_kind("ومن غيرها يتكلم عن المطارات تحديداً؟")  # "and who else talks of airports?"
    question = "Germany says it endorses the EU's joint reply. Which other countries back the EU's reply too?"
    assert intent.set_apart(question, question.index("Germany"), question.index("Germany") + 7)
    assert not intent.set_apart("Which states does Germany say back the EU's reply?", 17, 24)
    question = "ذكر العراق تنظيم داعش؛ فمن غير العراق تحدّث عنه؟"  # who other than Iraq
    assert intent.set_apart(question, question.rindex("العراق"), question.rindex("العراق") + 6)
    assert not intent.set_apart(question, question.index("العراق"), question.index("العراق") + 6)
    zh = "德国赞同欧盟的联合答复，还有哪些国家也赞同？"
    assert intent.set_apart(zh, 0, 2)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("该公约尚未生效。", True),
        ("菲律宾不认为多边出口管制制度是过度限制。", True),
        ("加强《不扩散核武器条约》。", False),  # 不扩散 is non-proliferation, no negation
        ("是不是同意让裁研所付房租？", False),  # 是不是 asks, it does not negate
        ("Does Cuba think they cannot replace disarmament?", True),
        ("Le Mexique ne fait pas partie du Groupe.", True),
        ("¿No ha respondido México?", True),
        ("Россия не поддерживает резолюцию.", True),
        ("لم توافق الهيئة على البرنامج", True),
        ("Is the Beijing Convention in force?", False),
        # "without mentioning": a negation only before a word of mentioning or citing
        ("Which replies manage without mentioning the IAEA?", True),
        ("Lesquels répondent sans jamais citer l'AIEA ?", True),
        ("¿Cuáles responden sin mencionar al OIEA?", True),
        ("Чьи ответы обходятся без упоминания МАГАТЭ?", True),
        ("أيها يرد دون ذكر الوكالة؟", True),
        ("Which states without nuclear weapons replied?", False),
        ("¿Qué países sin armas nucleares respondieron?", False),
    ],
)
def test_negation(text: str, negated: bool) -> None:
    assert intent.negated(text) is negated


@pytest.mark.parametrize(
    ("text", "phrase", "describes"),
    [
        ("Is anyone in the 2017 WMD-terrorism report talking about the Global Initiative?", "WMD-terrorism", True),
        ("Is anyone in the 2017 WMD-terrorism report talking about the Global Initiative?", "Global Initiative", False),
        ("Какие организации ответили на доклад 2017 года о терроризме?", "терроризме", True),
        ("2017 年防恐获取大杀器那份报告里，哪些答复方提到 GICNT？", "防恐", True),
        ("2017 年防恐获取大杀器那份报告里，哪些答复方提到 GICNT？", "GICNT", False),
        (
            "Which states mention the Arms Trade Treaty in the report on confidence-building?",
            "Arms Trade Treaty",
            False,
        ),
        ("哪些国家提到武器贸易条约的报告义务？", "武器贸易条约", False),
        # the replies' subject, and a second phrase joined to it
        ("Who brought up the pandemic in their submissions on peaceful uses and export controls?", "export", True),
        ("Which replies on peaceful uses mention the Sustained Dialogue?", "Sustained Dialogue", False),
        ("Dans les réponses sur les utilisations pacifiques et le contrôle des exportations, qui…", "contrôle", True),
        ("En las respuestas sobre usos pacíficos y controles de exportación, ¿quién…?", "controles", True),
        ("Кто в ответах по мирному использованию и экспортному контролю…?", "экспортному", True),
        ("وفي تقرير 2017 عن الإرهاب وأسلحة الدمار الشامل: كم عدد الدول…", "الإرهاب", True),  # the year between
        ("وفي تقرير 2017 عن الإرهاب وأسلحة الدمار الشامل: كم عدد الدول…", "وأسلحة الدمار", True),
        # a second report named by a pronoun: "and in the one of 2022 on confidence-building measures"
        ("dans le rapport de 2017 sur les ADM et dans celui de 2022 sur les mesures de confiance…", "mesures", True),
        ("en el informe de 2017 y en el de 2022 sobre las medidas de confianza, ¿quién…?", "medidas", True),
        ("in the 2017 report and the 2022 one on confidence-building, who…?", "confidence", True),
    ],
)
def test_a_phrase_describing_the_report(text: str, phrase: str, describes: bool) -> None:
    start = text.index(phrase)
    assert intent.describes_report(text, start, start + len(phrase)) is describes


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Dans le rapport sur la résolution 76/234, quels pays ou organisations en parlent ?", "any"),
        ("Which states and organizations mention the OPCW?", "any"),
        ("哪些国家或组织提到了禁化武组织？", "any"),
        ("¿Qué países u organizaciones mencionan la OPAQ?", "any"),
        ("Which states mention the OPCW?", "state"),
        ("Which organizations mention the states of Africa?", "organization"),
        ("哪些国际和区域组织作了答复？", "organization"),  # 国际 is no 国
        ("发来答复的国际机构都有谁？", "organization"),
        ("提到出口管制的国家都有谁？", "state"),
        ("هل هناك دول تذكر تنظيم داعش؟ ما هي؟", "state"),  # a yes/no question, then which
        # "how many replies" counts respondents whatever the verb, however far it stands
        ("Combien de réponses au rapport de 2017 sur le terrorisme parlent de l'OIAC, et lesquelles ?", "any"),
        ("¿Cuántas respuestas sobre la resolución 76/234 se apoyan en el examen amplio?", "any"),
        ("有几个答复方担心相关国际组织钱不够用？分别是谁？", "any"),
        ("区域建立信任措施报告：谁的答复提到了西非国家经济共同体？", "any"),
        ("Whose replies mention ECOWAS?", "any"),
        ("سمِّ الردود في تقرير 2017 التي تذكر اللجنة", "any"),  # "name", with its marks
        ("سم الدول التي تذكر اللجنة", "state"),
        # a pronoun for the thing named before the verb
        ("Protocole additionnel : qui en parle, tous rapports confondus ?", "any"),
        ("¿Quién lo menciona?", "any"),
    ],
)
def test_a_set_of_states_or_organizations_is_a_set_of_any_respondents(question: str, kind: str) -> None:
    found = intent.set_cue(question)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    "question",
    [
        "Seven EU member states sent replies on resolution 76/234. Which of them mention the Australia Group?",
        "Sept États membres de l'UE ont répondu. Lesquels citent le Groupe de l'Australie ?",
        "Siete países de la UE respondieron. ¿Cuáles de ellos citan al Grupo de Australia?",
        "Семь государств ЕС прислали ответы. Какие из них упоминают Австралийскую группу?",
        "七个欧盟成员国提交了答复。其中哪些提到了澳大利亚集团？",
        "أرسلت سبع دول أعضاء في الاتحاد الأوروبي ردوداً. فأيّها يذكر مجموعة أستراليا؟",
        # states of two regions joined by "or" or "and" before the word for states
        "Which Central American or Caribbean governments replied?",
        "Which Nordic and Baltic states mention the Wassenaar Arrangement?",
        "Какие центральноамериканские или карибские государства ответили?",
        "哪些中美洲或加勒比国家提交了答复？",
    ],
)
def test_which_of_the_states_named_in_the_sentence_before_or_of_regions_asks_for_states(question: str) -> None:
    found = intent.set_cue(question)
    assert found is not None and found[0] == "state"


def test_which_of_them_without_states_named_before_is_no_set_cue() -> None:
    assert intent.set_cue("Spain replied in May. Which of them is the longest paragraph?") is None


@pytest.mark.parametrize(
    "question",
    [
        "How many states are parties to the BWC?",
        "Combien d'États participent au Comité Zangger ?",
        "Combien de participants compte la conférence ?",  # participants are no replies
        "ما اسم الدولة التي حصلت على الإعفاء؟",  # "the name of" is no "name them"
    ],
)
def test_how_many_states_without_a_verb_of_saying_asks_for_a_figure(question: str) -> None:
    assert intent.set_cue(question) is None


@pytest.mark.parametrize(
    ("question", "several"),
    [
        ("What principles does Cuba say confidence-building measures rest on?", True),
        ("Which goals did Spain's plan set?", True),
        ("古巴认为建立信任措施应该建立在哪些原则之上？", True),
        ("Quelles opérations INTERPOL a-t-il menées ?", True),
        ("What did Cuba say about the blockade?", False),
        ("When did Spain adopt its plan?", False),
    ],
)
def test_a_question_asking_for_several_things(question: str, several: bool) -> None:
    assert (intent.ASKS_SEVERAL.search(question) is not None) is several


@pytest.mark.parametrize(
    "question, cue",
    [
        ("区域和次区域建立信任措施的报告，答复原件是西班牙文的有几个，分别是谁？", True),
        ("Which replies were originally in Russian?", True),
        ("Combien de réponses ont été soumises en espagnol ?", True),
        ("هل أرسل العراق ردّه على تقرير عام 2017 باللغة العربية؟", False),  # asks yes or no
        ("Did any state reply in French, and which?", True),
    ],
)
def test_a_reply_language_question_asking_which_or_how_many_is_a_set(question: str, cue: bool) -> None:
    assert (intent.language_set_cue(question) is not None) == cue


@pytest.mark.parametrize(
    "text, reply",
    [("ردّت الحكومة", True), ("في ردها", True), ("الردود", True), ("أرسلت", True), ("الأردن", False), ("مورد", False)],
)
def test_an_arabic_word_for_replying_is_a_whole_word(text: str, reply: bool) -> None:
    assert (intent.REPLY_VERB.search(text) is not None) == reply


@pytest.mark.parametrize(
    "question, amount",
    [
        ("¿Qué valor tuvo el equipo donado a México en 2013?", True),
        ("Quelle valeur avait le matériel donné au Mexique ?", True),
        ("What value did the donated equipment have?", True),
        ("Which values does Cuba uphold?", False),
    ],
)
def test_a_question_asking_what_value_asks_for_an_amount(question: str, amount: bool) -> None:
    assert (intent.ASKS_AMOUNT.search(question) is not None) == amount


@pytest.mark.parametrize(
    ("text", "lacks"),
    [
        ("黎巴嫩不拥有大规模毁灭性武器", True),
        ("古巴没有也不打算拥有大规模毁灭性武器", True),
        ("约旦是无大规模毁灭性武器国家", True),
        ("都有谁表示自己手里根本没有这类武器？", True),
        ("Lebanon does not possess weapons of mass destruction.", True),
        ("which countries say they don't have any WMD", True),
        ("Quels États affirment ne pas posséder d'armes ?", True),
        ("¿Qué Estados afirman no poseer armas de destrucción masiva?", True),
        ("Какие государства заявляют, что не обладают оружием?", True),
        ("تقول إنها لا تملك أسلحة دمار شامل", True),
        # Never having had it says so too.
        ("Which countries say they have never possessed weapons of mass destruction?", True),
        ("Quels pays affirment n'avoir jamais possédé d'armes de destruction massive ?", True),
        ("¿Qué países dicen que nunca han poseído armas de destrucción en masa?", True),
        ("Какие страны заявляют, что никогда не обладали оружием?", True),
        ("ما الدول التي تقول إنها لم تمتلك أسلحة دمار شامل؟", True),
        # Not having replied, and a zone free of weapons, say nothing of what a state has.
        ("哪些国家没有答复？", False),
        ("Which states did not reply?", False),
        ("建立中东无大规模毁灭性武器区", False),
        ("إقامة منطقة خالية من أسلحة الدمار الشامل", False),
    ],
)
def test_saying_one_has_none(text: str, lacks: bool) -> None:
    assert (intent.LACKS.search(text) is not None) is lacks


@pytest.mark.parametrize(
    ("sentence", "name", "hit"),
    [
        ("美利坚合众国政府对古巴实施的经济、商业和金融封锁阻碍为和平目的开展国际合作", "古巴", True),
        ("然而，单方面的限制和制裁使阿拉伯叙利亚共和国无法获得基本材料", "阿拉伯叙利亚共和国", True),
        ("作为最大的发展中国家，中国也是个别国家错误做法的受害者。", "中国", True),
        ("Cuba has been subjected to an economic blockade.", "Cuba", True),
        ("The sanctions against Syria prevent access to equipment.", "Syria", True),
        ("Le Venezuela est victime de mesures coercitives.", "Venezuela", True),
        ("白俄罗斯反对单方面制裁。", "白俄罗斯", False),
        ("Russia rejects unilateral sanctions.", "Russia", False),
    ],
)
def test_a_name_said_to_be_hit_by_something(sentence: str, name: str, hit: bool) -> None:
    start = sentence.rindex(name)
    end = start + len(name)
    found = intent.AFFECTED_AFTER.match(sentence, end) or intent.AFFECTED_BEFORE.search(sentence[:start])
    assert (found is not None) is hit


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which states present themselves as victims of sanctions?", True),
        ("哪些国家说自己正在挨单边制裁？", True),
        ("有没有国家说自己正被别国的单边制裁、封锁卡脖子？", True),  # 被 … 制裁, words apart
        ("¿Qué países dicen sufrir bloqueos?", True),
        ("Какие государства называют себя жертвами санкций?", True),
        ("ما الدول التي تقول إنها ضحية للعقوبات؟", True),
        ("Which states mention unilateral sanctions?", False),
    ],
)
def test_a_question_asking_who_is_hit_by_something(question: str, asks: bool) -> None:
    assert (intent.ASKS_AFFECTED.search(question) is not None) is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("哪些国家在答复中把自己定位为发展中国家？", True),
        ("Which states present themselves as developing countries?", True),
        ("Quels États se présentent comme des pays en développement ?", True),
        ("¿Qué Estados se presentan como países en desarrollo?", True),
        ("Какие государства называют себя развивающимися странами?", True),
        ("ما الدول التي تصف نفسها بأنها دول نامية؟", True),
        ("Which states mention developing countries?", False),
    ],
)
def test_a_question_asking_who_says_what_it_is(question: str, asks: bool) -> None:
    assert (intent.ASKS_IDENTITY.search(question) is not None) is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("¿Qué país asegura que … fuera de la Unión Europea?", True),
        ("Which country says its refusals were 0.02% of its exports?", True),
        ("哪个国家说自己2019年出台了一部法律？", True),
        ("Какая страна привела эту цифру?", True),
        ("What did Cuba say about the blockade?", False),
        ("Which states oppose resolution 76/234?", False),  # a set of them: set questions are read apart
    ],
)
def test_a_question_asking_which_one_said_it(question: str, asks: bool) -> None:
    assert (intent.ASKS_SPEAKER.search(question) is not None) is asks


@pytest.mark.parametrize(
    ("question", "replying"),
    [
        ("有哪些国家提交了答复？", True),
        ("Which states replied on resolution 76/234?", True),
        ("有哪些国家在答复中说自己投了弃权票？", False),  # where they say it, not who replied
        ("Which states say in their replies that they abstained?", False),
        ("Quels États disent dans leurs réponses qu'ils se sont abstenus ?", False),
    ],
)
def test_speaking_of_replying_is_not_saying_something_in_a_reply(question: str, replying: bool) -> None:
    assert intent.speaks_of_replying(question) is replying


@pytest.mark.parametrize(
    ("question", "qualifies"),
    [
        ("Which Latin American states replied?", True),
        ("Quels États d'Amérique latine parlent de désarmement ?", True),
        ("哪些拉丁美洲国家答复了？", True),
        ("来自非洲的答复方有哪些？", True),
        ("Какие государства Латинской Америки ответили?", True),
        ("أي الدول الأفريقية ردت؟", True),
        ("Which Arab states replied?", True),  # the region's own name holds the noun
        ("ما هي الدول العربية التي ردت؟", True),
        ("Which of them are in Latin America?", True),
        ("أي منها من أمريكا اللاتينية؟", True),
        ("Which respondents mention Latin America?", False),
        ("哪些答复方提到了拉丁美洲？", False),
        ("Кто упоминает Африку?", False),
        ("¿Quién menciona África?", False),
    ],
)
def test_a_region_qualifies_the_respondents_or_is_what_they_speak_of(question: str, qualifies: bool) -> None:
    found = regions.find(question, default_names())
    assert len(found) == 1 and regions.qualifies_respondents(question, found[0].start, found[0].end) is qualifies


@pytest.mark.parametrize(
    "question",
    [
        "How many respondents warn that resolution 76/234 will politicise export controls, and who are they?",
        "Combien d'États mettent en garde contre la politisation ?",
        "Сколько государств предупреждают о политизации?",
        "Nombra a quienes, en el informe sobre medidas de confianza, hablan de la CEDEAO.",
        # Arabic "who demands / warns / comes to mention"
        "في تقرير 2017، من يطالب بتدمير الأسلحة الكيميائية؟",
        "من يحذّر من الإرهاب النووي في الردود؟",
        "في الردود الواردة في التقرير، من يأتي على ذكر قرار مجلس الأمن 1540 (2004)؟",
    ],
)
def test_how_many_warn_and_name_those_who_are_set_questions(question: str) -> None:
    assert intent.set_cue(question) is not None


@pytest.mark.parametrize(
    "question",
    [
        "Which states put a figure on their contribution?",
        "كم عدد الدول التي تذكر مبلغاً محدداً لمساهمتها في صندوق التعاون التقني؟",
        "Какие государства называют сумму своего взноса?",
    ],
)
def test_a_question_asking_for_a_specific_amount_asks_for_a_figure(question: str) -> None:
    assert intent.ASKS_FIGURE.search(question) is not None


def test_the_three_reports_are_every_report_only_when_said_of_each() -> None:
    # "de los tres informes" says where to look; "en los tres informes", "三份报告都" say in each of them.
    assert not intent.every_report("Revisando las respuestas de los tres informes, ¿quiénes mencionan la OTAN?")
    assert intent.every_report("¿Quiénes mencionan la OTAN en los tres informes?")
    assert not intent.every_report("三份报告的答复中，谁提到了北约？")
    assert intent.every_report("哪些国家在三份报告中都提到了北约？")
    assert intent.every_report('في تقريرَي "تدابير بناء الثقة" و"تدابير منع الإرهابيين"، من يشير إلى…؟')  # the dual


def test_which_reply_in_the_singular_is_a_set_question() -> None:
    assert intent.set_kind("有没有哪个答复提到过桌面推演？都是谁？") == "any"
    assert intent.set_kind("在哪个方面合作？") is None


def test_replying_to_two_named_reports_at_once_is_each_report() -> None:
    assert intent.every_report("哪些国家同时对A/77/87和A/77/96两份报告作出了答复？")
    assert intent.every_report("哪些国家两份报告均有答复？")
    assert not intent.every_report("哪些国家对A/77/96作出了答复，同时提到了北约？")


@pytest.mark.parametrize(
    "question",
    [
        "Кто и когда создал рабочую группу по мониторингу границ?",
        "Who and when set up the border monitoring group?",
        "Qui et quand a créé le groupe ?",
        "¿Quién y cuándo creó el grupo?",
        "من ومتى أنشأ الفريق العامل؟",
        # since what year: when it began
        "Depuis quelle année le Japon organise-t-il ce séminaire ?",
        "Since which year has Japan hosted the seminar?",
        "منذ أي عام تنظم اليابان الحلقة الدراسية؟",
        "¿Desde qué año organiza Japón el seminario?",
        "С какого года Япония проводит семинар?",
        # in which years: when, of several terms
        "В какие годы Республика Корея председательствовала в группе?",
        "In which years did the Republic of Korea chair the group?",
        "En quelles années la République de Corée a-t-elle présidé le groupe ?",
        "¿En qué años presidió la República de Corea el grupo?",
        "في أي سنوات ترأست جمهورية كوريا المجموعة؟",
        "大韩民国哪几年担任过该集团主席？",
    ],
)
def test_who_and_when_asks_when(question: str) -> None:
    assert intent.ASKS_WHEN.search(question)


def test_non_proliferation_is_no_negation() -> None:
    assert not intent.negated("¿Pueden los códigos de conducta reemplazar los tratados de no proliferación?")
    assert intent.negated("No pueden reemplazar los tratados.")


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué Estados que respondieron en 2017 respondieron también en 2022?",
        "Quels États ayant répondu en 2017 ont répondu aussi en 2022 ?",
        "Какие государства, ответившие в 2017 году, ответили также в 2022 году?",
        "أي الدول ردت أيضًا على التقريرين؟",
    ],
)
def test_replying_also_to_another_report_is_each_report(question: str) -> None:
    assert intent.every_report(question)


def test_which_states_that_replied_is_a_set_question_and_which_bodies_state_that_of_organizations() -> None:
    assert intent.set_kind("Which states that replied in 2017 also replied in 2022?") == "state"
    assert intent.set_kind("Which organizations state that the resolution is flawed?") == "organization"


@pytest.mark.parametrize(
    "question",
    [
        "What triggered the creation of the Nuclear Suppliers Group?",
        "Qu'est-ce qui a déclenché la création du Groupe des fournisseurs nucléaires ?",
        "¿Qué motivó la creación del Grupo de Suministradores Nucleares?",
        "Что послужило причиной создания Группы ядерных поставщиков?",
        "ما الذي دفع إلى إنشاء مجموعة الموردين النوويين؟",
        "核供应国集团成立的起因是什么？",
    ],
)
def test_a_question_asking_what_caused_something_asks_why(question: str) -> None:
    assert intent.REASON.search(question) and not intent.REASON.search("What did Norway say about the group?")


@pytest.mark.parametrize(
    "question",
    [
        "Which respondents point to their own term on the Security Council?",
        "¿Cuáles dicen en qué años fueron miembros del Consejo de Seguridad?",
        "Quels États évoquent leur propre mandat au Conseil de sécurité ?",
        "Quels États disent qu'ils ont été membres du Conseil ?",
        "¿Hay algún Estado que destaque que es miembro del Organismo? ¿Cuáles?",  # in the singular
    ],
)
def test_what_respondents_say_of_themselves(question: str) -> None:
    assert intent.ABOUT_SELF.search(question)


@pytest.mark.parametrize(
    ("question", "when"),
    [
        ("When weighing non-proliferation against development, does Canada say it comes first?", False),
        ("And when, according to Spain, was it signed?", True),
        ("When did Norway join the NSG, and why?", True),
        ("Quand il parle de développement, le Canada dit-il que la non-prolifération prime ?", False),
        ("Quand a eu lieu la session, et où ?", True),
        ("Cuando habla de desarrollo, ¿dice Canadá que la no proliferación es lo primero?", False),
        ("¿cuando se reunio la junta?", True),  # the accent left out
        ("Когда речь идёт о развитии, говорит ли Канада, что нераспространение важнее?", False),
        ("Когда состоялась сессия?", True),
    ],
)
def test_a_when_clause_before_the_question_asks_no_date(question: str, when: bool) -> None:
    assert (intent.ASKS_WHEN.search(question) is not None) is when


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Among the international organizations that replied, which ones mention the convention?", "organization"),
        ("Among the states that replied, who mentions the BWC?", "state"),
        (
            "Et parmi les organisations internationales qui ont répondu, lesquelles parlent de cette convention ?",
            "organization",
        ),
        (
            "Entre las organizaciones internacionales que respondieron, ¿cuáles hablan de esa convención?",
            "organization",
        ),
        ("Среди международных организаций, которые ответили, какие упоминают эту конвенцию?", "organization"),
        ("من بين المنظمات الدولية التي ردت، أيها يذكر الاتفاقية؟", "organization"),
        ("Among the measures Spain lists, which concern the OSCE?", None),  # measures, not respondents
    ],
)
def test_among_the_respondents_of_a_kind_which_asks_a_set_of_that_kind(question: str, kind: str | None) -> None:
    assert intent.set_kind(question) == kind


def test_a_money_stem_opens_a_word() -> None:
    # "how many staff work at the Philippine Strategic Trade Management Office?": «стратегической» is no spending
    assert not intent.MONEY.search("Сколько сотрудников работает в Управлении по стратегической торговле Филиппин?")
    assert intent.MONEY.search("Сколько денег потратила Италия?")
    assert intent.MONEY.search("Каковы затраты на программу?")


@pytest.mark.parametrize(
    ("question", "of_themselves"),
    [
        ("Which of them are members of the Nuclear Suppliers Group?", True),
        ("Lesquels d'entre eux sont membres du Groupe des fournisseurs nucléaires ?", True),
        ("Какие из них являются членами Группы ядерных поставщиков?", True),
        ("Which states mention the members of the NSG?", False),  # members named, not claimed
    ],
)
def test_asking_which_are_members_asks_what_replies_say_of_themselves(question: str, of_themselves: bool) -> None:
    assert (intent.ABOUT_SELF.search(question) is not None) is of_themselves


def test_the_states_in_a_relative_clause_are_not_what_which_asks() -> None:
    # "which convention, that ICAO encourages the states to ratify…": a convention is asked for
    assert not intent.asks_which_entities("ما الاتفاقية التي تشجع المنظمة الدول على التصديق عليها؟")
    assert intent.asks_which_entities("Which of the states that replied mention the Hague Code?")


def test_an_indefinite_any_asks_for_no_entities() -> None:
    assert not intent.asks_which_entities("Допускает ли Куба, что какое-либо государство может получить преимущество?")
    assert intent.asks_which_entities("Какие государства поддерживают резолюцию?")


@pytest.mark.parametrize(
    ("question", "dated"),
    [
        ("Which replies say in what year the Australia Group was founded?", True),
        ("Which replies say when the Australia Group was founded?", True),
        ("Quels pays précisent depuis quand ils participent aux régimes ?", True),
        ("哪些国家在答复中写明了这项决议的通过日期？", True),
        ("من الذي يذكر السنة التي أُنشئ فيها ترتيب واسنار؟", True),
        ("Which states mention the Australia Group when discussing export controls?", False),
        ("Кто вспоминает ирано-иракскую войну, когда рассказывает о режимах?", False),
    ],
)
def test_a_set_question_asking_who_gives_a_date(question: str, dated: bool) -> None:
    assert (intent.ASKS_DATED.search(question) is not None) is dated


def test_how_large_asks_for_a_figure_but_to_what_extent_does_not() -> None:
    assert intent.asks_figure("How large was the impact of the blockade on Cuba's health sector in 2020?")
    assert intent.asks_figure("古巴说封锁对卫生部门造成了多大影响？")
    assert not intent.asks_figure("各国在多大程度上支持该决议？")
    assert not intent.asks_figure("How large a role do export controls play?")


def test_lesquels_opening_a_follow_up_asks_among_those_listed() -> None:
    assert intent.AMONG_THEM.search("Lesquels ont répondu en espagnol ?")
    assert not intent.AMONG_THEM.search("Lesquels nomme-t-il ?")  # which ones it names: an object
    assert not intent.AMONG_THEM.search("Lesquels des États ont répondu ?")  # which of the states: a set question


@pytest.mark.parametrize(
    "question",
    [
        "Who was the vice-chair of the Board in 2020?",
        "¿Quién fue vicepresidente de la Junta Consultiva en 2020?",
        "Qui était vice-président du Conseil en 2020 ?",
        "Кто был вице-председателем совета в 2020 году?",
        "من كان نائب رئيس المجلس في 2020؟",
        "谁是2020年咨询委员会的副主席？",
    ],
)
def test_a_question_asking_who_held_a_deputy_role_asks_for_a_person(question: str) -> None:
    assert intent.ASKS_PERSON.search(question) is not None


@pytest.mark.parametrize(
    "question",
    [
        "Что Лоуренс Фридман рекомендовал Совету?",
        "Qu'a suggéré Lawrence Freedman au Conseil ?",
        "¿Qué sugirió Lawrence Freedman a la Junta?",
    ],
)
def test_recommending_and_suggesting_are_words_said(question: str) -> None:
    assert intent.SPEECH.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "Lots of replies back the IAEA, but who actually puts a money figure on their contribution?",
        "Beaucoup citent l'AIEA, mais qui donne un chiffre ?",
        "Muchos citan al OIEA, pero ¿quién da una cifra?",
        "Многие упоминают МАГАТЭ, но кто приводит сумму?",
    ],
)
def test_who_after_but_is_who_did_or_said_it(question: str) -> None:
    assert intent.WHO_SUBJECT.search(question)
    assert not intent.WHO_SUBJECT.search("Many cite the IAEA, but who is its director?")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Кто из правительств, приславших ответ, ссылается на резолюцию 1540?", "state"),
        ("Кто из ответивших ссылается на резолюцию 1540?", "any"),
        ("Dans les réponses, qui fait état d'exercices conjoints ?", "any"),  # « faire état de »: to mention
    ],
)
def test_a_cue_for_any_respondent_naming_one_kind_asks_for_that_kind(question: str, kind: str) -> None:
    assert intent.set_kind(question) == kind


def test_a_russian_plural_noun_after_how_many_asks_a_count_not_a_share() -> None:
    from rag.lang.intent import ASKS_COUNT

    assert ASKS_COUNT.search("Сколько именно заявок Испания отклонила в 2020 году?")
    assert ASKS_COUNT.search("Сколько государств ответили?")
    assert not ASKS_COUNT.search("Сколько процентов составили отказы?")  # a share
    assert not ASKS_COUNT.search("Сколько Испания потратила?")  # an amount


def test_which_report_and_what_it_says_of_states_is_no_set_cue() -> None:
    assert intent.set_cue("Which report and paragraph say that states must report transfers?") is None


@pytest.mark.parametrize(
    ("question", "every"),
    [
        ("Какие государства ответили на все три доклада?", True),
        ("Кто упоминает Сирию в каждом из докладов?", True),
        ("Если взять все ответы во всех докладах, в каких из них упоминается КХО?", False),  # where to look
        ("Quels États ont répondu à tous les rapports ?", True),
        ("Dans tous les rapports, quelles réponses citent l'OIAC ?", False),
    ],
)
def test_all_the_reports_as_where_to_look_asks_nothing_of_each(question: str, every: bool) -> None:
    assert (intent.every_report(question) is not None) is every


def test_all_the_treaties_are_said_within_one_clause() -> None:
    assert intent.ALL_TREATIES.search("Кто присоединился ко всем основным договорам?") is not None
    assert intent.ALL_TREATIES.search("Во всех докладах, — в каких упоминается Конвенция?") is None
    assert intent.ALL_TREATIES.search("In all the reports, which mention the conventions?") is None
    # a comma inside what is said of the treaties is no clause's end
    assert intent.ALL_TREATIES.search("Who signed up to all, or all the main, treaties against such weapons?")


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Which governments point to an actual national law in their replies?", True),
        ("¿Qué gobiernos citan leyes nacionales concretas con las que controlan las armas?", True),
        ("Какие государства называют конкретный национальный закон?", True),
        ("أيّ الحكومات تذكر قوانينها الوطنية الخاصة بالأسلحة؟", True),
        ("哪些国家拿本国的具体法律来说明自己怎么管武器？", True),
        ("Which states mention national legislation?", False),  # any mention of legislation, no law named
    ],
)
def test_a_question_asking_for_a_law_of_their_own(question: str, asks: bool) -> None:
    assert (intent.ASKS_LAW.search(question) is not None) is asks


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("随后通过了 2019 年 4 月 30 日第 014-2019/AN 号法律，在布基纳法索实施《武器贸易条约》。", True),
        ("根据《联邦火器和爆炸物法》，国防部…控制武器和弹药的销售。", True),
        ("布基纳法索于 2021 年 5 月通过了一项关于民用武器和弹药制度的法律", True),
        ("《武器贸易条约》是一项具有里程碑意义的文书。", False),  # a treaty
        ("根据第 1540(2004)号决议", False),  # a resolution
        ("Under Law No. 36/2015 on national security, the Council oversees the plan.", True),
        ("The Nuclear Regulatory Act 2019 created an authority.", True),
    ],
)
def test_a_sentence_naming_a_law(sentence: str, names: bool) -> None:
    assert (intent.LAW_NAMED.search(sentence) is not None) is names


def test_states_of_a_region_named_before_that_are_a_set_cue() -> None:
    found = intent.set_cue("Which Asia-Pacific states that oppose resolution 76/234 mention the IAEA?")
    assert found is not None and found[0] == "state"
    assert intent.set_cue("Which organization states that it opposes the resolution?") is None


def test_a_spanish_group_asked_which_one() -> None:
    question = "De los Estados miembros de la UE que respondieron, ¿cuál es el único que no cita la resolución 1540?"
    found = intent.set_cue(question)
    assert found is not None and found[0] == "state"


def test_both_said_of_two_languages_is_not_of_the_reports() -> None:
    assert intent.every_report("Which replies were written both in English and in French?") is None
    assert intent.every_report("哪些答复既用英文又用法文？") is None
    assert intent.every_report("Which states replied to both A/77/87 and A/77/96?") is not None


@pytest.mark.parametrize(
    "question",
    [
        "Who did the Secretary-General name as his envoy for disarmament?",
        "Qui a été nommé envoyé pour le désarmement ?",
        "¿Quién fue nombrado enviado para el desarme?",
        "Кого генеральный секретарь назначил посланником?",
        "من الذي عُيّن مبعوثاً لنزع السلاح؟",
        "秘书长任命了谁担任特使？",
    ],
)
def test_who_was_appointed_asks_for_a_person(question: str) -> None:
    assert intent.ASKS_PERSON.search(question) is not None


@pytest.mark.parametrize(
    "question",
    ["What is the population of Burkina Faso?", "Quelle est la population du Kenya ?", "布基纳法索有多少人口？"],
)
def test_a_population_is_a_figure_asked(question: str) -> None:
    assert intent.asks_figure(question)


@pytest.mark.parametrize(
    "question",
    [
        "Lesquels de ces pays ont répondu ?",
        "除了英国自己，这几个国家里有哪些也交了答复？",
        "Which of those four countries replied?",
    ],
)
def test_which_of_those_asks_among_them(question: str) -> None:
    assert intent.AMONG_THEM.search(question) is not None


@pytest.mark.parametrize(
    ("question", "quantity"),
    [
        ("¿Pidió la OACI a los Estados que firmaran cuanto antes el Convenio?", False),  # as soon as possible
        ("En cuanto a Italia, ¿qué dijo?", False),
        ("¿En cuántos países tiene España agregados de defensa?", True),
        ("en cuantos paises tiene agregados", True),  # unaccented, plural
        ("¿Cuánto aportó Italia?", True),
    ],
)
def test_spanish_cuanto_asks_a_quantity_only_as_a_question_word(question: str, quantity: bool) -> None:
    assert (intent.QUANTITY.search(question) is not None) is quantity


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("When the Advisory Board discussed arms control in 2020, did anyone on it point to the treaty?", True),
        ("In its reply, does Spain mention drones?", True),
        ("عندما ناقش المجلس الحد من الأسلحة، هل أشار أحد إلى المعاهدة؟", True),
        ("When it met, what did the Board do?", False),
        ("Which states, the reports say, did not reply?", False),
        ("Which states mention the ATT, which has been in force since 2014?", False),
    ],
)
def test_a_yes_no_question_after_a_leading_clause(question: str, yes_no: bool) -> None:
    assert (intent.YES_NO.search(question) is not None) is yes_no


def test_either_or_is_no_negation() -> None:
    assert not intent.negated("大多数国家不是投了反对票就是弃权。")
    assert intent.negated("这不是问题。") and intent.negated("该公约尚未生效")


def test_what_was_the_original_language_asks_the_language() -> None:
    assert intent.ASKS_LANGUAGE.search("When did Iran reply, and what was the original language?")
    assert intent.ASKS_PROPOSAL.search("What did UNIDIR's John Borrie recommend the Board do?")


@pytest.mark.parametrize(
    "sentence",
    [
        "重申在最大可能范围内参加以和平利用为目的的交流是会员国不可剥夺的权利。",  # inalienable
        "国际合作是不可或缺的。",  # indispensable
        "我们将不遗余力地推动这一进程。",  # spare no effort
    ],
)
def test_fixed_expressions_with_bu_are_no_negation(sentence: str) -> None:
    assert not intent.negated(sentence)
    assert intent.negated("该公约尚未生效。") and intent.negated("我们不支持该决议。")
