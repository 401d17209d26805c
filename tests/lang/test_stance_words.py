"""Stance words in the UN languages: the stance a question asks about, endorsing a reply, stance cues in replies."""

from __future__ import annotations

import pytest

from rag.lang import stance_words
from rag.lang.names import default_names
from rag.lang.stance_words import question_stance, stance_cues


@pytest.mark.parametrize(
    "question, stance",
    [
        ("Which states oppose resolution 76/234?", "oppose"),
        ("哪些国家不支持该决议？", "oppose"),
        ("Quels États s'opposent à la résolution ?", "oppose"),
        # one state asked about: the verb in the singular
        ("¿Se opone Pakistán a la resolución 76/234?", "oppose"),
        ("Le Pakistan s'oppose-t-il à la résolution 76/234 ?", "oppose"),
        ("هل يعارض باكستان القرار 76/234؟", "oppose"),
        # Jordan (الأردن) holds the letters of "reply" (رد): not a stance said of a reply
        ("هل يعارض الأردن القرار 76/234؟", "oppose"),
        ("¿Qué Estados votaron en contra?", "oppose"),
        ("Which states support resolution 76/234?", "support"),
        ("哪些国家支持第76/234号决议？", "support"),
        ("¿Qué Estados dicen haber presentado o copatrocinado la resolución 76/234?", "sponsor"),
        ("Which states replied in Russian?", None),
        # "Against" is a stance when the resolution, a word for it or nothing follows it, not before another noun.
        ("Who voted against?", "oppose"),
        ("Which countries think resolution 76/234 is a bad idea?", "oppose"),
        ("哪些国家认为第76/234号决议是个馊主意？", "oppose"),
        ("Combien d'États ont voté contre la résolution 76/234 ?", "oppose"),
        ("هل صوتت أستراليا ضد القرار 76/234؟", "oppose"),
        ("Which states are against it?", "oppose"),
        ("Кто упоминает Гаагский кодекс поведения против распространения баллистических ракет?", None),
        ("¿Quiénes condenan la agresión rusa contra Ucrania?", None),
        ("Which replies mention the convention against nuclear terrorism?", None),
        # Support said of a reply is not support of the resolution; said in a reply, it is.
        ("On 76/234, which countries back or associate themselves with the EU's joint reply?", None),
        ("من قالت إنها تؤيد الرد المشترك للاتحاد الأوروبي بشأن القرار 76/234؟", None),
        ("Which states support, in their replies, resolution 76/234?", "support"),
        ("Какие государства в своих ответах поддерживают резолюцию 76/234?", "support"),
        # criticism of the resolution is opposition; a vote for it, support
        ("哪些国家对第76/234号决议持批评态度？", "oppose"),
        ("¿Qué Estados critican la resolución 76/234?", "oppose"),
        ("Which states are critical of resolution 76/234?", "oppose"),
        ("Which states say they voted for resolution 76/234?", "support"),
        ("¿Qué Estados apoyan la resolución 76/234?", "support"),
        ("¿Qué respuestas sobre la resolución 76/234 se apoyan en el examen amplio?", None),  # rely on
        # an agreement, or control "agreed" among states, is no agreeing with the resolution
        ("In which replies on resolution 76/234 does a regional cooperation agreement come up?", None),
        ("Кто из ответивших по резолюции 76/234 говорит, что нужен согласованный экспортный контроль?", None),
        ("Which states agree with resolution 76/234?", "support"),
        ("Какие государства согласны с резолюцией 76/234?", "support"),
        ("أيّ الدول تقف في صف القرار 76/234؟", "support"),  # in its ranks
        ("Which governments push back on resolution 76/234?", "oppose"),  # no backing
        ("Which states stand with resolution 76/234?", "support"),
    ],
)
def test_question_stance(question: str, stance: str | None) -> None:
    assert question_stance(question) == stance


@pytest.mark.parametrize(
    "question, stance",
    [
        (
            "الجهات المجيبة على القرار 76/234 التي تحدثت عن دعم مركز الكيمياء التابع لمنظمة حظر الأسلحة الكيميائية",
            None,
        ),
        ("哪些国家支持禁化武组织的化学和技术中心？", None),  # support said of the OPCW's centre
        ("Which states, like the European Union, support resolution 76/234?", "support"),  # the EU before the word
        ("哪些国家支持第76/234号决议？", "support"),
        ("Which states oppose resolution 76/234 as the United States does?", "oppose"),  # the resolution first
        # A stance word ending the question is said of the last thing named before it.
        ("Какие организации по резолюции 71/38 сообщают о сотрудничестве с ОЗХО или о её поддержке?", None),
        ("Which organizations replying on resolution 71/38 work with the OPCW or support it?", None),
        ("Which organizations replying to the OPCW's survey on resolution 71/38 support it?", "support"),
    ],
)
def test_a_stance_said_of_a_named_state_or_organization_is_none_on_the_resolution(
    question: str, stance: str | None
) -> None:
    objects = [(m.start, m.end) for m in default_names().find_mentions(question)]
    assert question_stance(question, objects=objects) == stance


def test_negated_support_is_opposition_not_support() -> None:
    cues = stance_cues("挪威同大多数会员国一样，无法支持第 76/234 号决议。")
    assert [(c.stance, c.strength) for c in cues] == [("oppose", 3.0)]
    english = stance_cues("Norway cannot support resolution 76/234.")
    assert [c.stance for c in english] == ["oppose"]


def test_verdicts_outrank_concern_and_effects() -> None:
    strengths = {c.strength for c in stance_cues("该决议的前提是不正确的，我们对此感到关切，它会削弱出口管制。")}
    assert strengths == {2.0, 1.5, 1.0}


def test_the_resolutions_own_wording_is_not_a_stance() -> None:
    assert stance_cues("㈤ 关切地注意到向发展中国家出口仍然遭到过度限制；") == []
    assert stance_cues("Noting with concern that undue restrictions persist") == []


def test_sponsorship_and_support() -> None:
    assert {c.stance for c in stance_cues("柬埔寨作为该决议的共同提案国，希望提出以下意见")} == {"sponsor"}
    assert {c.stance for c in stance_cues("沙特阿拉伯王国支持题为“在国际安全领域促进和平利用国际合作”的决议。")} == {
        "support"
    }


@pytest.mark.parametrize(
    "question, endorses",
    [
        ("Which states align themselves with the joint reply of the European Union?", True),
        ("哪些国家表示赞同欧盟的联合答复？", True),
        ("哪些国家赞同欧盟关于第76/234号决议的答复？", True),  # the reply on the resolution
        ("哪些国家支持第76/234号决议？", False),
        ("Quels États se rallient à la réponse commune de l'Union ?", True),
        ("¿Qué gobiernos hacen suya la respuesta de la Unión Europea?", True),
        ("Which states support resolution 76/234?", False),
        ("Which states support, in their replies, resolution 76/234?", False),  # where, not what
        ("Which states back the EU's joint reply?", True),
        ("Which EU member states said they go along with the EU's joint reply?", True),
        # "back to" is no backing
        ("Pakistan traces some regimes back to the Cold War. Which other replies bring it up?", False),
    ],
)
def test_endorses_a_reply(question: str, endorses: bool) -> None:
    assert (stance_words.endorses_a_reply(question) is not None) is endorses


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("埃及是否同意把附加议定书作为合作的条件？", "埃及坚决反对将缔结附加议定书作为合作条件的呼吁。", True),
        ("Does Egypt agree to making the additional protocol a condition?", "Egypt firmly rejects such calls.", True),
        ("¿Está Egipto de acuerdo con esa condición?", "Egipto rechaza firmemente esos llamamientos.", True),
        ("埃及是否同意把附加议定书作为合作的条件？", "埃及支持加强保障监督。", False),  # no opposing word
        ("埃及是否反对这项条件？", "埃及坚决反对这项条件。", False),  # the question asks about opposing
    ],
)
def test_an_opposing_word_says_no_to_a_question_on_agreeing(question: str, sentence: str, expected: bool) -> None:
    assert stance_words.contradicts(question, sentence) is expected


@pytest.mark.parametrize(
    "question, stance",
    [
        # criticised: export controls, not the resolution the replies answer
        ("关于第76/234号决议的答复中，哪些国家批评出口管制被拿来当工具？", None),
        ("哪些国家批评第76/234号决议？", "oppose"),
        # the term describes the resolution the stance is on
        ("Did Australia vote in favour of the peaceful uses resolution 76/234?", "support"),
    ],
)
def test_a_stance_word_followed_by_a_term_is_said_of_that_term(question: str, stance: str | None) -> None:
    terms = [(question.index(t), question.index(t) + len(t)) for t in ("出口管制", "peaceful uses") if t in question]
    assert question_stance(question, things=terms) == stance


def test_what_most_states_did_is_a_claim_not_the_respondents_stance() -> None:
    assert question_stance("Which respondent claims most UN members didn't back the resolution?") is None
    assert question_stance("Which respondents did not back the resolution?") == "support"


@pytest.mark.parametrize(
    "question",
    [
        "Who among the respondents on resolution 76/234 says they fund or back that initiative?",
        "Dans les réponses sur la résolution 76/234, qui s'appuie explicitement sur l'article III du TNP ?",
        "Which states support the idea of a new UN agency?",
        "哪些国家支持出口管制？",
        # a stance word in the background sentence or in brackets is not what is asked
        "Defenders of the regimes say nothing passes without everyone agreeing. Who says they work by consensus?",
        "In the replies on resolution 76/234, who says the regimes decide by consensus (new members agreed by all)?",
    ],
)
def test_a_stance_word_said_of_something_else_asks_no_stance(question: str) -> None:
    assert stance_words.question_stance(question) is None


@pytest.mark.parametrize(
    ("question", "stance"),
    [
        ("Which states oppose the adoption of resolution 76/234?", "oppose"),
        ("Which of them support it in their replies?", "support"),
        ("And who opposes?", "oppose"),
        ("反对的国家有哪些？", "oppose"),
        ("哪些国家对该决议表示支持？", "support"),
        ("澳大利亚当时是不是投票支持了关于在国际安全领域促进和平利用国际合作的那项决议？", "support"),
        ("Какие государства поддерживают резолюцию 76/234?", "support"),
        ("Which states (if any) oppose resolution 76/234?", "oppose"),
    ],
)
def test_a_stance_word_said_of_the_resolution_or_of_nothing_asks_it(question: str, stance: str) -> None:
    assert stance_words.question_stance(question) == stance


@pytest.mark.parametrize(
    "question",
    [
        "Which states reject the idea that export controls impose excessive restrictions?",
        "Lesquels rejettent l'idée que les contrôles imposent des « restrictions excessives » ?",
        "¿Qué Estados niegan que los controles a la exportación impongan restricciones excesivas?",
        "Какие государства отвергают мысль о том, что экспортный контроль создаёт чрезмерные ограничения?",
        "ما الدول التي ترفض فكرة أن ضوابط التصدير تفرض قيوداً مفرطة؟",
        "哪些国家否认出口管制造成了过度限制？",
    ],
)
def test_rejecting_the_restrictions_a_resolution_complains_of_opposes_its_premise(question: str) -> None:
    assert stance_words.question_stance(question) == "oppose"


def test_rejecting_something_else_is_no_stance() -> None:
    assert stance_words.question_stance("Which states reject the idea of a new treaty on outer space?") is None


@pytest.mark.parametrize(
    "question",
    [
        "Which states criticise unilateral coercive measures?",  # the restrictions themselves: complained of
        "¿Qué países critican las medidas coercitivas unilaterales en sus respuestas sobre usos pacíficos?",
    ],
)
def test_criticising_the_restrictions_is_no_stance_on_the_premise(question: str) -> None:
    assert stance_words.question_stance(question) is None and not stance_words.on_premise(question)


def test_a_claim_denied_is_the_premise() -> None:
    assert stance_words.on_premise("Quels États nient que les contrôles soient des restrictions excessives ?")
    assert stance_words.on_premise("哪些国家否认出口管制造成了过度限制？")


@pytest.mark.parametrize(
    "question",
    [
        "Of the permanent members, which ones line up behind the resolution rather than against it?",
        "哪些国家支持而不是反对该决议？",
        "Какие страны за резолюцию, а не против неё?",
        "Quels États soutiennent la résolution plutôt que de s'y opposer ?",
    ],
)
def test_a_stance_set_aside_by_rather_than_is_not_asked(question: str) -> None:
    assert question_stance(question) == "support"


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("特别是要解决发展中国家长期以来的关切，革除不合理的限制。", "support"),
        ("我们呼吁取消单方面强制性措施和其他限制。", "support"),
        ("We call for lifting unilateral coercive measures.", "support"),
        ("大会第 76/234 号决议序言部分提到的所谓妨碍和平利用的“过度限制”毫无事实证据。", "oppose"),
        ("菲律宾不认为多边出口管制制度是对和平利用的过度限制。", "oppose"),
        ("The review found no excessive restrictions on exports.", "oppose"),
        ("Sweden is concerned by the premise that export controls impose “excessive restrictions”.", "oppose"),
        ("La Suède ne considère pas que ces contrôles soient des restrictions excessives.", "oppose"),
        # the resolution's own words, quoted
        ("㈤ 关切地注意到向发展中国家出口用于和平目的的材料、设备和技术仍然遭到过度限制；", None),
        ("这些制度的加入资格是基于透明、客观和非歧视性的标准。", None),
        ("国际出口管制制度并不妨碍和平利用技术方面的国际发展或合作。", "oppose"),  # controls said not to impede
        ("不扩散关切绝不应借助出口管制制度的概念，来阻碍所有会员国获得和平利用各种技术的机会。", "support"),
        ("然而与此同时也查明了阻碍非洲充分优化和平利用核能和核技术的一些挑战。", None),  # no restriction impedes
    ],
)
def test_a_restriction_complained_of_or_denied(sentence: str, stance: str | None) -> None:
    cue = stance_words.premise_cue(sentence)
    assert (cue.stance if cue else None) == stance


@pytest.mark.parametrize(
    "sentence",
    [
        "大会在决议中：㈠ 重申联合国全体会员国必须履行义务，还重申支持旨在促进实现这些目标的各项多边条约；",
        "该决议要求所有国家不向非国家行为体提供任何形式的支持；",
        "The resolution calls upon all States to support multilateral treaties.",
        "La résolution demande à tous les États de soutenir les traités multilatéraux.",
    ],
)
def test_what_the_resolution_says_is_not_the_replys_stance(sentence: str) -> None:
    assert stance_cues(sentence) == []
    assert stance_cues("肯尼亚支持该决议。") != []


@pytest.mark.parametrize(
    "sentence",
    [
        "对技术出口的管制，如果是单方面进行，并且是出于胁迫性政治目的，可能构成过度限制。",
        "Export controls, if applied unilaterally for coercive purposes, may constitute excessive restrictions.",
    ],
)
def test_a_restriction_complained_of_on_a_condition_only_is_no_stance(sentence: str) -> None:
    assert stance_words.premise_cue(sentence) is None


@pytest.mark.parametrize(
    ("question", "cannot"),
    [
        ("Which countries say they cannot support resolution 76/234?", True),
        ("Quels pays disent qu'ils ne peuvent pas l'appuyer ?", True),
        ("¿Qué países dicen que no pueden apoyar la resolución 76/234?", True),
        ("哪些国家表示无法支持第76/234号决议？", True),
        ("Which countries support resolution 76/234?", False),
        ("Quels pays ne soutiennent pas la résolution 76/234 ?", False),
    ],
)
def test_cannot_support_is_opposition_said_outright(question: str, cannot: bool) -> None:
    assert stance_words.cannot_support(question) is cannot


def test_a_reply_made_on_the_resolution_is_what_is_endorsed() -> None:
    assert stance_words.endorses_a_reply("哪些国家表示赞同欧洲联盟就第76/234号决议所作的答复？") is not None
    assert stance_words.endorses_a_reply("哪些国家赞同第76/234号决议？") is None


def test_whether_someone_thinks_is_no_denial() -> None:
    # 是否认为: 是否 (whether) + 认为 (thinks), not 否认 (denies)
    assert stance_words.question_stance("日本是否认为出口管制制度妨碍了发展中国家获得和平利用技术？") is None
    assert stance_words.question_stance("哪些国家否认第76/234号决议的前提？") == "oppose"
