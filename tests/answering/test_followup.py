"""Follow-ups made to stand alone: carried over without a model, rewritten by one when there is one."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest

from rag.answering.followup import FollowUps, Turn, history_text, quotes_before
from rag.answering.records import Run
from rag.answering.standalone import stands_alone
from rag.core.errors import LLMError
from rag.core.settings import Settings
from rag.lang.names import default_names
from rag.llm.client import LLMClient

NORWAY = [Turn("user", "What did Norway say about resolution 76/234 in A/77/96?"), Turn("assistant", "...")]
PROMPTS: Path = Settings().prompts_dir
ZANGGER = [
    Turn("user", "Which states mention the Zangger Committee in A/77/96?"),
    Turn("assistant", "2 states in A/77/96 mention “Zangger Committee”: Canada [1], Spain [2]."),
]


class StubLLM:
    def __init__(self, reply: str | None) -> None:
        self.reply = reply

    def complete(self, messages: Any, **options: Any) -> str:
        if self.reply is None:
            raise LLMError("down", reason="connection")
        return self.reply


def followups(llm: StubLLM | None = None) -> FollowUps:
    return FollowUps(default_names(), cast(LLMClient, llm), PROMPTS)


def test_a_first_question_stands_alone() -> None:
    assert followups().standalone("And Japan?", [Turn("assistant", "hello")], Run("And Japan?", "en")) == "And Japan?"


def test_what_the_follow_up_leaves_out_is_carried_over() -> None:
    run = Run("And Japan?", "en")
    # A follow-up that gives only a state asks the earlier question of it.
    assert followups().standalone("And Japan?", NORWAY, run) == "What did Japan say about resolution 76/234 in A/77/96?"
    assert followups().carried_over("And Canada?", "Did Australia support resolution 76/234?", "en") == (
        "Did Canada support resolution 76/234?"
    )
    assert followups().carried_over("日本呢？", "挪威对第76/234号决议怎么说？", "zh") == "日本对第76/234号决议怎么说？"
    # the resolution named now is where the question is asked: not the earlier one, nor its report (A/77/96)
    assert followups().carried_over("Et la résolution 71/38 ?", NORWAY[0].content, "fr") == (
        "Et la résolution 71/38 ? (What did Norway say about resolution in)"
    )
    # A stance or a reply language the follow-up asks replaces the earlier one; the rest is carried over.
    supported = followups().carried_over("And which ones supported it?", "Which states opposed 76/234?", "en")
    assert "oppos" not in supported and "76/234" in supported
    arabic = followups().carried_over("¿Y en árabe?", "¿Qué Estados respondieron en ruso?", "es")
    assert "ruso" not in arabic and "respondieron" in arabic
    # A follow-up asking for a set of respondents asks about all of them, not about the earlier one.
    assert "Norway" not in followups().carried_over("Which states replied?", NORWAY[0].content, "en")
    # A state after a set question asks the same of that state ("What about Canada?" after "Which states…").
    voted = "Which states say they voted against resolution 76/234?"
    assert followups().carried_over("What about Canada?", voted, "en") == (
        "Canada say they voted against resolution 76/234?"
    )
    assert followups().carried_over("那加拿大呢？", "哪些国家说自己投了反对票？", "zh") == "加拿大说自己投了反对票？"


@pytest.mark.parametrize(
    "question",
    [
        "Which states support export controls?",
        "Who chaired the Advisory Board in 2020?",
        "La France a-t-elle soutenu la résolution ?",  # "a-t-elle" is inversion, not a pronoun
        "Quels États ont-ils mentionné le contrôle des exportations ?",
        "¿Qué medidas de fomento de la confianza aplicó España?",
        "Какие государства упомянули экспортный контроль?",
        "ما هي الدول التي ذكرت ضوابط التصدير؟",  # ما هي: the copula, not "she"
        "日本在出口管制方面提出了哪些建议？",
        "And what does Spain say about the Open Skies Treaty?",  # all it needs after its "and"
    ],
)
def test_a_question_that_stands_alone_is_answered_as_asked(question: str) -> None:
    assert stands_alone(question, default_names())
    # Asked after an unrelated question, it is neither carried over nor sent to the model for a rewrite.
    run = Run(question, "en")
    assert followups(StubLLM("a rewrite nobody asked for")).standalone(question, NORWAY, run) == question


def test_the_model_rewrites_and_a_failed_rewrite_falls_back() -> None:
    run = Run("And Japan?", "en")
    rewritten = followups(StubLLM('"What did Japan say about resolution 76/234?"')).standalone(
        "And Japan?", NORWAY, run
    )
    assert rewritten == "What did Japan say about resolution 76/234?" and not run.warnings
    failed = Run("And Japan?", "en")
    assert followups(StubLLM(None)).standalone("And Japan?", NORWAY, failed).startswith("What did Japan say")
    assert failed.problems == ["llm:rewrite:connection"] and failed.warnings


def test_history_shows_the_latest_turns_only() -> None:
    turns = [Turn("user", f"q{i}") for i in range(8)] + [Turn("assistant", "  ")]
    assert history_text(turns).splitlines() == [f"user: q{i}" for i in range(3, 8)]


def test_which_of_them_asks_among_those_the_answer_before_named() -> None:
    history = [
        Turn("user", "Which states mention the Australia Group?"),
        Turn("assistant", "3 states mention “Australia Group”: Australia [1], Canada [2], Japan [3]."),
    ]
    run = Run("q", "en")
    question = "Which of them also mention the Nuclear Suppliers Group?"
    assert followups().standalone(question, history, run) == question
    assert run.among == ("AUS", "CAN", "JPN")  # not Australia again for the group quoted
    other = Run("q", "en")
    followups().standalone("Which states mention the Zangger Committee?", history, other)
    assert other.among == ()


def test_which_of_them_after_questions_alone_asks_among_those_the_latest_question_gets() -> None:
    asked: list[str] = []

    def listed(question: str) -> tuple[str, ...]:
        asked.append(question)
        return ("ICAO", "IMO")

    same = FollowUps(default_names(), None, PROMPTS, listed=listed)
    history = [Turn("user", "Which organizations replied in 2017?")]  # a history sent as plain strings
    run = Run("q", "en")
    same.standalone("Which of them mention the Beijing Convention?", history, run)
    assert run.among == ("ICAO", "IMO") and asked == ["Which organizations replied in 2017?"]
    answered = [*history, Turn("assistant", "2 organizations replied: Interpol [1], OSCE [2].")]
    other = Run("q", "en")
    same.standalone("Which of them mention the Beijing Convention?", answered, other)
    assert other.among == ("INTERPOL", "OSCE") and len(asked) == 1  # the answer given is read, not asked again


def test_which_of_them_after_a_quote_asks_among_those_it_names_not_its_speaker() -> None:
    history = [
        Turn("user", "Spain has held joint defence committees in Latin America. With which countries?"),
        Turn(
            "assistant",
            "The reports say:\n- Spain (A/77/87): “在拉丁美洲，已经与阿根廷、巴西、哥伦比亚和秘鲁举行了"
            "联合防务委员会会议。” [1]",
        ),
    ]
    run = Run("q", "en")
    followups().standalone("And which of them also replied to the 2017 report?", history, run)
    assert run.among == ("ARG", "BRA", "COL", "PER")  # Spain speaks the quote: it is none of them
    spanish = Run("q", "es")
    question = "¿Cuáles de ellos respondieron al informe de 2017 sobre terrorismo y armas?"
    rewritten = followups().standalone(question, history, spanish)
    assert spanish.among == ("ARG", "BRA", "COL", "PER") and "defence committees" not in rewritten  # "y" is "and"


def test_what_else_sets_aside_what_was_quoted_and_a_chain_of_follow_ups_keeps_its_subject() -> None:
    history = [
        Turn("user", "What did Norway say about resolution 76/234?"),
        Turn("assistant", "The reports say:\n- Norway (A/77/96): “挪威 支持 出口管制。” [1]"),
        Turn("user", "And Japan?"),
        Turn("assistant", "The reports say:\n- Japan (A/77/96): “日本 认为 …” [1]"),
    ]
    run = Run("q", "en")
    rewritten = followups().standalone("What else did it say?", history, run)
    assert "Japan" in rewritten and "76/234" in rewritten  # "it" is Japan, on 76/234, not the first question's Norway
    assert run.quoted_before == ("挪威支持出口管制。", "日本认为…")
    assert Run("q", "en").quoted_before == ()


def test_which_of_them_pointing_at_the_earlier_topic_carries_the_earlier_question() -> None:
    history = ZANGGER
    run = Run("q", "en")
    rewritten = followups().standalone("Which of them say they are members of it?", history, run)
    assert run.among == ("CAN", "ESP") and "Zangger Committee in A/77/96" in rewritten


def test_a_name_alone_after_a_set_question_asks_the_same_of_that_respondent() -> None:
    history = ZANGGER
    run = Run("q", "en")
    asked = followups().standalone("And Japan?", history, run)
    assert asked == "Which states mention the Zangger Committee in A/77/96?"
    assert run.among == ("JPN",)


def test_why_after_an_answer_quotes_something_else() -> None:
    history = [
        Turn("user", "What did Pakistan propose for South Asia?"),
        Turn("assistant", "The reports say:\n- Pakistan (A/77/87): “巴基斯坦提出了战略克制制度。” [1]"),
    ]
    run = Run("q", "en")
    followups().standalone("Why?", history, run)
    assert run.quoted_before == ("巴基斯坦提出了战略克制制度。",)


def test_a_name_alone_after_which_of_them_asks_that_question_of_it() -> None:
    history = [
        *ZANGGER,
        Turn("user", "Which of them mention the Nuclear Suppliers Group?"),
        Turn("assistant", "1 state mentions “Nuclear Suppliers Group”: Spain [1]."),
    ]
    run = Run("q", "en")
    assert followups().standalone("And Canada?", history, run) == "Which of them mention the Nuclear Suppliers Group?"
    assert run.among == ("CAN",)


def test_what_else_after_an_answer_naming_one_respondent_asks_about_it() -> None:
    history = [
        Turn("user", "Which organizations mention an exercise in Armenia?"),
        Turn("assistant", "1 organization mentions “Armenia”: Collective Security Treaty Organization [1]."),
    ]
    asked = followups().standalone("What else did that organization say?", history, Run("q", "en"))
    assert asked.startswith("What else did that organization say? (Collective Security Treaty Organization)")


CONVENTION = [
    Turn("user", "在2017年的报告中，哪些国家提到了《制止核恐怖主义行为国际公约》？"),
    Turn("assistant", "提到“制止核恐怖主义行为国际公约”的国家（3个）：古巴 [1]、挪威 [2]、乌克兰 [3]。"),
]


def test_the_other_kind_of_respondent_asks_the_set_question_of_them() -> None:
    asked = followups().standalone("那么国际组织呢？", CONVENTION, Run("q", "zh"))
    assert asked == "在2017年的报告中，哪些组织提到了《制止核恐怖主义行为国际公约》？"
    french = [Turn("user", "Quels États mentionnent la convention ?"), Turn("assistant", "Cuba [1].")]
    assert followups().standalone("Et les organisations régionales ?", french, Run("q", "fr")).startswith("Quels organ")
    # a question of its own, or a verb beside the word, is not a switch of kind
    for question in ("And organizations that oppose it?", "Which organizations oppose it?"):
        assert followups().standalone(question, ZANGGER, Run("q", "en")).startswith(question)


def test_when_one_of_them_did_something_asks_about_it_not_among_them() -> None:
    run = Run("q", "zh")
    asked = followups().standalone("其中挪威是什么时候正式加入该公约的？", CONVENTION, run)
    assert run.among == () and "哪些国家" not in asked and "制止核恐怖主义行为国际公约" in asked


def test_what_else_a_respondent_said_goes_back_to_where_it_came_up() -> None:
    history = [
        *CONVENTION,
        Turn("user", "顺便问一下，2020年裁军事项咨询委员会的主席是谁？"),
        Turn("assistant", "塞尔玛·阿希帕拉-穆萨夫伊(纳米比亚) [1]"),
    ]
    asked = followups().standalone("回到刚才的话题，乌克兰还说了什么？", history, Run("q", "zh"))
    assert "主席" not in asked and "公约" in asked


EGYPT = [Turn("user", "Что Египет говорит о дополнительном протоколе?"), Turn("assistant", "...")]
NEW_ZEALAND = [Turn("user", "ماذا قالت نيوزيلندا في ردها بشأن القرار 76/234؟"), Turn("assistant", "...")]
SPEAKERS = frozenset({"EGY", "NZL", "KOR"})


def test_something_new_asked_of_the_respondent_talked_about_leaves_the_old_topic() -> None:
    same = FollowUps(default_names(), None, PROMPTS, SPEAKERS)
    # "and what does he say about IAEA funding?": Egypt, not the additional protocol (nor the IAEA, an object)
    asked = "А что он говорит о финансировании МАГАТЭ?"
    assert same.standalone(asked, EGYPT, Run(asked, "ru")) == "А что Египет говорит о финансировании МАГАТЭ?"
    asked = "Pourquoi estime-t-il que la coopération est importante ?"
    assert same.standalone(asked, [Turn("user", "Que dit le Cambodge ?")], Run(asked, "fr")) == (
        "Pourquoi estime Cambodge que la coopération est importante ?"
    )
    # "does [it] mention outer space?": the verb alone says who; the report asked about stays
    asked = "هل تذكر الفضاء الخارجي؟"
    assert same.standalone(asked, NEW_ZEALAND, Run(asked, "ar")) == f"{asked} (نيوزيلندا 76/234)"
    # the DPRK sent no reply: it is what is mentioned, not who mentions it
    asked = "وهل تذكر جمهورية كوريا الشعبية الديمقراطية؟"
    assert same.standalone(asked, NEW_ZEALAND, Run(asked, "ar")) == f"{asked} (نيوزيلندا 76/234)"
    # "which other states speak of cyberspace?": other than New Zealand, in the same report
    asked = "أي دول أخرى تتحدث عن الفضاء الإلكتروني في هذا التقرير؟"
    assert same.standalone(asked, NEW_ZEALAND, Run(asked, "ar")) == f"نيوزيلندا: {asked} (76/234)"


SPAIN_ON_SYRIA = "2017年那份关于防止恐怖分子获取大规模毁灭性武器的报告里，西班牙对叙利亚使用化学武器是什么态度？"
CANADA_ON_REGIMES = "ما هي أنظمة مراقبة الصادرات المتعددة الأطراف التي تدعمها كندا في ردها بشأن القرار 76/234؟"


def test_a_set_question_asking_for_others_sets_apart_whom_the_conversation_is_about_in_its_reports() -> None:
    reports = {SPAIN_ON_SYRIA: "71/38", CANADA_ON_REGIMES: "A/77/96"}
    same = FollowUps(default_names(), None, PROMPTS, frozenset({"ESP", "SYR", "CAN"}), lambda t: reports.get(t, ""))
    spain = [Turn("user", SPAIN_ON_SYRIA), Turn("assistant", "...")]
    # "which other respondents also speak of Syria's chemical weapons?": Spain (its subject, not Syria) set apart, in
    # the report it was asked of, what was asked of Spain not carried
    asked = "还有哪些答复方也谈到了叙利亚的化学武器？"
    assert same.standalone(asked, spain, Run(asked, "zh")) == f"西班牙: {asked} (71/38)"
    # "and who other than Canada mentions the Zangger Committee in this report's replies?": it sets Canada apart itself
    asked = "ومن غير كندا يذكر لجنة زانغر في ردود هذا التقرير؟"
    canada = [Turn("user", CANADA_ON_REGIMES), Turn("assistant", "...")]
    assert same.standalone(asked, canada, Run(asked, "ar")) == f"{asked} (A/77/96)"
    # a set question asking for no others starts anew
    asked = "哪些答复方谈到了叙利亚的化学武器？"
    assert same.standalone(asked, spain, Run(asked, "zh")) == asked


def test_and_written_onto_a_name_asks_the_same_of_it() -> None:
    same = FollowUps(default_names(), None, PROMPTS, frozenset({"NOR", "CAN"}))
    norway = [Turn("user", "ماذا قالت النرويج في ردها بشأن القرار 76/234؟"), Turn("assistant", "...")]
    asked = "وكندا؟"  # "and Canada?", the conjunction written onto the name
    assert same.standalone(asked, norway, Run(asked, "ar")) == "ماذا قالت كندا في ردها بشأن القرار 76/234؟"


def test_a_set_question_whose_subject_is_the_respondent_talked_about_is_asked_of_it() -> None:
    same = FollowUps(default_names(), None, PROMPTS, SPEAKERS)
    # "which countries does it cooperate with?": the states Egypt deals with, not which states cooperate
    for asked, said in [
        ("它跟哪些国家有合作？", "Египет跟哪些国家有合作？"),
        ("Which countries does it cooperate with?", "Which countries does Египет cooperate with?"),
    ]:
        assert same.standalone(asked, EGYPT, Run(asked, "en")).startswith(said)
    # "which states mention it?": a thing is mentioned, the set asked is of all respondents
    asked = "Which states mention it?"
    assert "Египет" not in same.standalone(asked, EGYPT, Run(asked, "en"))


def test_which_things_the_respondent_talked_about_has_is_asked_of_it_without_the_earlier_topic() -> None:
    same = FollowUps(default_names(), None, PROMPTS, SPEAKERS)
    asked = "它是哪些出口管制制度的成员？"  # which regimes is it a member of: Egypt's, not the earlier topic
    assert same.standalone(asked, EGYPT, Run(asked, "zh")).startswith("Египет是哪些出口管制制度的成员？")


def test_a_body_that_sent_no_reply_is_what_is_talked_about_not_who_is_asked() -> None:
    china = FollowUps(default_names(), None, PROMPTS, frozenset({"CHN", "JPN"}))
    earlier = [Turn("user", "What does China say about the Nuclear Suppliers Group in its reply on 76/234?")]
    asked = "And the Wassenaar Arrangement?"
    assert china.standalone(asked, earlier, Run(asked, "en")) == (
        "What does China say about the Wassenaar Arrangement in its reply on 76/234?"
    )
    asked = "And what does it plan to do with the Wassenaar Arrangement and the Australia Group?"
    assert "China" in china.standalone(asked, earlier, Run(asked, "en"))
    # a respondent named instead is who is asked
    asked = "And Japan?"
    assert china.standalone(asked, earlier, Run(asked, "en")) == (
        "What does Japan say about the Nuclear Suppliers Group in its reply on 76/234?"
    )


def test_a_state_that_sent_no_reply_is_still_who_is_asked() -> None:
    china = FollowUps(default_names(), None, PROMPTS, frozenset({"CHN"}))
    earlier = [Turn("user", "What does China say about the Nuclear Suppliers Group in its reply on 76/234?")]
    asked = "And Turkey?"  # the answer then says that Turkey sent no reply
    assert china.standalone(asked, earlier, Run(asked, "en")).startswith("What does Turkey say about")


def test_something_new_asked_of_the_respondent_keeps_the_report_the_conversation_described() -> None:
    # "Cuba's reply to the 2017 report…", then "what does it propose…?": in the same report (its resolution, 71/38)
    def reports(text: str) -> str:
        return "71/38" if "2017" in text else ""

    same = FollowUps(default_names(), None, PROMPTS, frozenset({"CUB"}), reports)
    earlier = [
        Turn("user", "Selon sa réponse au rapport de 2017 sur les terroristes, Cuba possède-t-elle de telles armes ?")
    ]
    asked = "Que propose-t-elle pour renforcer la Convention sur les armes biologiques ?"
    assert same.standalone(asked, earlier, Run(asked, "fr")) == (
        "Que propose Cuba pour renforcer la Convention sur les armes biologiques ? (71/38)"
    )


def test_which_others_sets_apart_everyone_the_conversation_was_about() -> None:
    talked = FollowUps(default_names(), None, PROMPTS, frozenset({"CSTO", "SCO"}))
    earlier = [
        Turn("user", "Какие учения провела ОДКБ в 2016 году?"),
        Turn("assistant", "..."),
        Turn("user", "А ШОС?"),
        Turn("assistant", "..."),
        Turn("user", "Сколько военнослужащих в них участвовало?"),  # "in them": no question of its own
        Turn("assistant", "..."),
    ]
    asked = "Какие ещё организации сообщают об учениях?"
    assert talked.standalone(asked, earlier, Run(asked, "ru")) == f"ОДКБ, ШОС: {asked}"


def test_which_others_after_a_set_answer_sets_apart_those_it_listed() -> None:
    listed = FollowUps(default_names(), None, PROMPTS, frozenset({"BFA", "MEX", "CUB"}), lambda t: "A/77/87")
    earlier = [
        Turn("user", "Quels États, dans le rapport A/77/87, parlent du Traité sur le commerce des armes ?"),
        Turn("assistant", "2 États mentionnent “Traité sur le commerce des armes” : Burkina Faso [1], Mexique [2]."),
    ]
    asked = "Quels autres États de ce rapport parlent des armes légères ?"
    assert listed.standalone(asked, earlier, Run(asked, "fr")) == f"Burkina Faso, Mexique: {asked}"


def test_a_pronoun_after_a_set_question_stands_for_the_respondent_asked_about_before_it() -> None:
    saudi = FollowUps(default_names(), None, PROMPTS, frozenset({"SAU", "KHM", "KEN"}))
    earlier = [
        Turn("user", "Что Саудовская Аравия говорит о резолюции 76/234?"),
        Turn("assistant", "..."),
        Turn("user", "Какие ещё государства поддерживают эту резолюцию?"),
        Turn("assistant", "2 государства поддерживают резолюцию 76/234: Камбоджа [1], Кения [2]."),
    ]
    asked = "А что она говорит о Ближнем Востоке?"
    assert saudi.standalone(asked, earlier, Run(asked, "ru")).startswith("А что Саудовская Аравия говорит")


def test_a_quote_that_quotes_something_itself_is_set_aside_whole() -> None:
    said = "The reports say:\n- China (A/77/96): “滥用出口管制“全面控制”原则，干扰正常进出口；” [1]"
    assert quotes_before([Turn("user", "What does China say?"), Turn("assistant", said)]) == (
        "滥用出口管制“全面控制”原则，干扰正常进出口；",
    )


def test_a_group_of_states_alone_after_a_set_question_asks_it_of_them() -> None:
    asked = "Which states mention the Australia Group in A/77/96?"
    history = [Turn("user", asked), Turn("assistant", "…")]
    for question in (
        "And the EU member states?",
        "那么欧盟成员国呢？",
        "Et les membres permanents du Conseil de sécurité ?",
    ):
        rewritten = followups().standalone(question, history, Run(question, "en"))
        assert rewritten.startswith(asked) and rewritten != asked, question
    # not after a question on one reply, nor when the follow-up asks something of its own
    one = [Turn("user", "What does Spain say about the Australia Group?"), Turn("assistant", "…")]
    question = "And the EU member states?"
    assert "EU member states)" not in followups().standalone(question, one, Run(question, "en"))


def test_what_a_respondent_said_after_a_figure_does_not_ask_the_figure_again() -> None:
    earlier = "¿Qué dijo Cuba sobre el impacto del bloqueo en el sector de la salud? ¿A cuánto ascendió ese impacto?"
    question = "¿Y qué dijo Venezuela sobre el mismo tema?"
    rewritten = followups().carried_over(question, earlier, "es")
    assert "cuánto" not in rewritten and "Venezuela" in rewritten and "impacto" in rewritten
    # a follow-up asking a figure of its own keeps asking it
    assert "cuánto" in followups().carried_over("¿Y Venezuela?", "¿A cuánto ascendió el impacto en Cuba?", "es")


def test_a_follow_up_saying_it_changes_the_subject_inherits_nothing() -> None:
    run = Run("q", "ru")
    question = "Сменим тему. В докладе о Совете есть член совета из Каира. Как его зовут?"
    assert (
        followups().standalone(question, NORWAY, run) == "В докладе о Совете есть член совета из Каира. Как его зовут?"
    )
    fresh = followups().standalone("Otra cosa que no tiene nada que ver: ¿qué dice Cuba?", NORWAY, Run("q", "es"))
    assert fresh == "¿qué dice Cuba?"


def test_names_after_a_pronoun_standing_for_the_respondent_talked_about_are_what_is_asked_about() -> None:
    earlier = "How does the Philippines take part in the IAEA's technical cooperation programme in A/77/96?"
    carried = followups().carried_over("and its institute is an IAEA collaborating centre for what?", earlier, "en")
    assert "Philippines" in carried and "IAEA's technical" in carried
    # a name before the pronoun is who is asked
    assert "Norway" not in followups().carried_over("And Japan, what did its reply say?", NORWAY[0].content, "en")


def test_who_else_mentions_that_thing_asks_of_the_thing_the_question_before_named() -> None:
    same = FollowUps(default_names(), None, PROMPTS, frozenset({"ESP"}), lambda t: "A/77/96" if "76/234" in t else "")
    spain = [
        Turn(
            "user",
            "Dans les réponses sur la résolution 76/234, depuis quand l'Espagne fait-elle partie du Comité Zangger ?",
        ),
        Turn("assistant", "..."),
    ]
    asked = "Qui d'autre mentionne ce comité ?"
    assert (
        same.standalone(asked, spain, Run(asked, "fr")) == "Espagne: Qui d'autre mentionne Comité Zangger ? (A/77/96)"
    )
