"""The answer stage without a language model, on the bundled corpus: extractive answers, set questions,
abstention, follow-ups, and the records it returns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from rag.answering.pipeline import Answerer, Turn
from rag.answering.records import Run
from rag.core.settings import Settings
from rag.core.text import cjk_ratio
from rag.core.types import Answer, SearchFilters
from rag.indexing.store import build_index
from rag.retrieval.scope import QuestionScope, question_scope
from rag.retrieval.service import Service
from tests.support.samples import PARALLEL_SAMPLES


@pytest.fixture(scope="module")
def answerer(real_lexical_index: Settings) -> Answerer:
    return Answerer(Service.load(real_lexical_index))


def assert_well_formed(answer: Answer) -> None:
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    if answer.answerable:
        assert markers == {c.n for c in answer.citations}
    for citation in answer.citations:
        assert citation.passage.text[citation.quote_start : citation.quote_end] == citation.quote
        assert citation.quote.strip()
    assert answer.timings_ms["total"] > 0


def test_extractive_answer_quotes_the_named_speaker(answerer: Answerer) -> None:
    answer = answerer.ask("What did Norway say about resolution 76/234?")
    assert_well_formed(answer)
    assert answer.answerable and answer.mode == "extractive" and answer.items is None
    assert answer.answer.startswith("The reports say:")
    assert answer.citations[0].passage.respondent.id == "NOR"
    assert answer.citations[0].document.symbol == "A/77/96"


@pytest.mark.parametrize(
    "question, intro",
    [
        ("挪威对第76/234号决议说了什么？", "报告中的相关内容"),
        ("Qu'a dit la Norvège sur la résolution 76/234 ?", "Les rapports"),
        ("¿Qué dijo Noruega sobre la resolución 76/234?", "Los informes"),
    ],
)
def test_answers_are_introduced_in_the_questions_language(answerer: Answerer, question: str, intro: str) -> None:
    answer = answerer.ask(question)
    assert answer.answer.startswith(intro)
    assert answer.citations[0].passage.respondent.id == "NOR"


def test_list_answer_has_one_cited_item_per_state(answerer: Answerer) -> None:
    answer = answerer.ask("哪些国家反对第76/234号决议？")
    assert_well_formed(answer)
    assert answer.items is not None and len(answer.items) >= 12
    assert cjk_ratio(answer.answer) > 0.3 and "挪威" in answer.answer
    for item in answer.items:
        assert item.citations
        cited = answer.citations[item.citations[0] - 1]
        assert cited.passage.respondent.id == item.respondent
    assert answer.grounded == 1.0


@pytest.mark.parametrize(
    "question, says",
    [
        ("What position did India take on resolution 76/234?", "India"),
        ("法国对第76/234号决议提出了哪些意见和建议？", "法国"),
        (
            "Qu'a répondu l'Allemagne au Secrétaire général au sujet des mesures de confiance régionales "
            "(résolution 76/43) ?",
            "Allemagne",
        ),
    ],
)
def test_no_reply_from_a_named_state_is_an_abstention(answerer: Answerer, question: str, says: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answerable
    assert says in answer.answer
    assert answer.citations  # the closest passages, for the user to check


@pytest.mark.parametrize(
    "question", ["Quel pays dit avoir voté contre la résolution 76/234 ?", "哪个国家说自己对第76/234号决议投了反对票？"]
)
def test_a_question_asking_who_said_it_quotes_a_speakers_own_claim(answerer: Answerer, question: str) -> None:
    # Not the United Kingdom's "虽然这项决议获得通过，但大多数国家不是投了反对票就是弃权" (what most states did).
    answer = answerer.ask(question)
    assert answer.citations and answer.citations[0].passage.respondent.id == "AUS"


def test_quantity_without_an_amount_is_an_abstention(answerer: Answerer) -> None:
    answer = answerer.ask("第76/234号决议在大会表决时有多少票赞成、多少票反对？")
    assert not answer.answerable and answer.answer.startswith("文件中没有说明")
    closest = [c.passage.id for c in answer.citations]
    assert closest and len(closest) == len(set(closest))  # the passage that fell short is not offered twice


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("裁军事项咨询委员会2021年的会议由谁主持？", "最接近的段落没有提到2021。"),
        ("Quel budget annuel l'Espagne consacre-t-elle à l'Initiative 5+5 Défense ?", "ne donnent aucun montant"),
    ],
)
def test_an_abstention_says_what_the_passages_lack_in_the_questions_language(
    answerer: Answerer, question: str, reason: str
) -> None:
    answer = answerer.ask(question)
    assert not answer.answerable and reason in answer.answer
    assert any(w.startswith("not answered: the question") for w in answer.warnings)


def test_an_answerable_quantity_is_answered(answerer: Answerer) -> None:
    answer = answerer.ask("欧盟为2020-2023年支持禁核试条约组织筹备委员会拨了多少钱？")
    assert answer.answerable and re.search(r"\d", answer.citations[0].quote)


@pytest.mark.parametrize(
    "question",
    [
        "Which country says the dual-use export applications it turned down in 2020 came to just 0.0206% of its "
        "exports outside the European Union?",
        "Quel pays affirme que ses refus d'exportation de 2020 ne représentaient que 0,0206 % de ses exportations "
        "hors de l'Union européenne ?",
    ],
)
def test_which_country_said_a_figure_is_answered_from_the_reply_holding_it(answerer: Answerer, question: str) -> None:
    # The EU is named as where the exports went, not as who speaks; the figure is the one thing a paraphrase keeps.
    answer = answerer.ask(question)
    assert answer.answerable and "0.0206" in answer.citations[0].quote
    assert answer.citations[0].passage.respondent.id == "ESP"


def test_unrelated_question_abstains(answerer: Answerer) -> None:
    answer = answerer.ask("What is the recipe for chocolate cake?")
    assert not answer.answerable and answer.answer.startswith("The documents do not say")


def test_follow_up_carries_the_resolution_over(answerer: Answerer) -> None:
    history = [Turn("user", "What did Norway say about resolution 76/234?"), Turn("assistant", "...")]
    assert "76/234" in answerer.followups.standalone("And Japan?", history, _run())
    assert "76/234" in answerer.rewrite("And Japan?", history)  # what `rag eval retrieval` searches
    assert (
        answerer.rewrite("What did Cuba say about export controls?", history)
        == "What did Cuba say about export controls?"
    )
    answer = answerer.ask("And Japan?", history=history)
    assert answer.citations[0].passage.respondent.id == "JPN"


def test_something_new_asked_of_the_same_respondent_is_answered_from_its_reply(answerer: Answerer) -> None:
    history = [Turn("user", "Что Египет говорит о дополнительном протоколе?"), Turn("assistant", "...")]
    answer = answerer.ask("А что он говорит о финансировании МАГАТЭ?", history=history)  # he: Egypt
    assert answer.answerable and answer.citations[0].passage.respondent.id == "EGY"
    assert "资金" in answer.citations[0].quote  # its funding concern, not the additional protocol again


def test_a_follow_up_asking_a_figure_of_its_own_is_held_to_it(answerer: Answerer) -> None:
    history = [
        Turn("user", "西班牙在对A/77/96的答复中说，它驳回的两用物项出口申请占多大比例？"),
        Turn("assistant", "..."),
    ]
    # how many applications: the share the question before asked is no count of them
    answer = answerer.ask("那西班牙具体驳回了多少份申请？", history=history)
    assert not answer.answerable and "没有给出数字" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "When did Kenya ratify the Treaty on the Prohibition of Nuclear Weapons?",
        "肯尼亚什么时候批准了《佩林达巴条约》？",
    ],
)
def test_a_date_of_another_treaty_in_the_same_passage_does_not_answer_when(answerer: Answerer, question: str) -> None:
    # Kenya's passage names the TPNW and the Pelindaba Treaty, but its only years date the NPT (《不扩散核武器条约》…
    # 自 1970 年以来即是该条约的缔约国) and its nuclear regulatory act.
    assert not answerer.ask(question).answerable
    npt = answerer.ask("Since when has Kenya been party to the Non-Proliferation Treaty?")
    assert npt.answerable and "1970" in npt.citations[0].quote


def test_the_short_title_of_a_treaty_named_before_points_back_to_it(answerer: Answerer) -> None:
    # "欧洲联盟还为《条约》执行支助方案提供了略高于 800 万欧元的资助": 《条约》 is the Arms Trade Treaty of the passage
    answer = answerer.ask("How much did the EU give to the Arms Trade Treaty's implementation support programme?")
    assert answer.answerable and "800" in answer.citations[0].quote


def test_a_reply_asked_about_a_treaty_it_never_names_is_declined(answerer: Answerer) -> None:
    absent = answerer.ask("What is China's position on the Treaty on the Prohibition of Nuclear Weapons?")
    assert not absent.answerable  # China's reply names the NPT, the BWC and the CWC, never that treaty
    named = answerer.ask("What does Kenya say about the Treaty on the Prohibition of Nuclear Weapons?")
    assert named.answerable and named.citations[0].passage.respondent.id == "KEN"


def test_a_short_follow_up_is_answered_in_the_conversations_language(answerer: Answerer) -> None:
    history = [Turn("user", "Qu'a dit la Norvège sur la résolution 76/234 ?"), Turn("assistant", "...")]
    answer = answerer.ask("Et Japon ?", history=history)
    assert answer.language == "fr" and answer.citations[0].passage.respondent.id == "JPN"
    assert answerer.ask("And Japan?", history=history).language == "fr"  # too short to tell: the conversation's


def test_a_topic_most_replies_of_a_report_name_beside_unread_words_lists_the_closest(answerer: Answerer) -> None:
    # "technology" is named by nearly every reply to A/77/96; "decoupling" has no rendering: not 30 states, but the
    # closest in meaning (none with this lexical index)
    answer = answerer.ask("Besides China, which states complain about technology decoupling?")
    assert answer.items is None or len(answer.items) <= 3
    # in Chinese, Pakistan's 技术脱钩 is China's 科技脱钩 in other words
    zh = answerer.ask("除中国外，还有哪些国家在答复中谈到科技脱钩？")
    assert zh.items is not None and {i.respondent for i in zh.items} == {"PAK"}


def test_lesquels_after_a_list_asks_among_those_listed_in_their_report(answerer: Answerer) -> None:
    first = "Quels États ont répondu au rapport sur les mesures de confiance à l'échelon régional et sous-régional ?"
    listed = answerer.ask(first)
    history = [Turn("user", first), Turn("assistant", listed.answer)]
    spanish = answerer.ask("Lesquels ont répondu en espagnol ?", history=history)
    assert spanish.items is not None and {i.respondent for i in spanish.items} == {"CUB", "HND", "MEX", "ESP"}
    assert {c.passage.doc_id for c in spanish.citations} == {"A_77_87"}  # not Cuba's replies to the other reports


def test_which_of_them_is_asked_among_the_respondents_the_answer_before_listed(answerer: Answerer) -> None:
    first = "Which states oppose resolution 76/234?"
    listed = answerer.ask(first)
    assert listed.items is not None and len(listed.items) > 2
    history = [Turn("user", first), Turn("assistant", listed.answer)]
    among = answerer.ask("Which of them mention export controls?", history=history)
    named = {i.respondent for i in listed.items}
    assert among.items is not None and among.items and {i.respondent for i in among.items} <= named


def test_which_of_them_are_in_a_region_lists_those_of_the_answer_before(answerer: Answerer) -> None:
    first = "Which states replied to A/77/87?"
    history = [Turn("user", first), Turn("assistant", answerer.ask(first).answer)]
    answer = answerer.ask("Which of them are in Latin America?", history=history)
    assert answer.items is not None and {i.respondent for i in answer.items} == {"CUB", "HND", "MEX"}


def test_which_of_a_group_oppose_asks_the_stance_of_those_the_answer_before_listed(answerer: Answerer) -> None:
    first = "安理会常任理事国中有哪些对第76/234号决议的报告作了答复？"
    listed = answerer.ask(first)
    assert listed.items is not None and {i.respondent for i in listed.items} == {"CHN", "RUS", "GBR", "USA"}
    history = [Turn("user", first), Turn("assistant", listed.answer)]
    answer = answerer.ask("其中哪些反对该决议？", history=history)
    assert answer.items is not None and {i.respondent for i in answer.items} == {"GBR", "USA"}


def test_what_else_quotes_what_the_answers_before_did_not(answerer: Answerer) -> None:
    first = "What does China say about export controls?"
    history = [Turn("user", first), Turn("assistant", answerer.ask(first).answer)]
    second = answerer.ask("What else did it say?", history=history)
    assert second.answerable and second.citations[0].passage.respondent.id == "CHN"
    history += [Turn("user", "What else did it say?"), Turn("assistant", second.answer)]
    third = answerer.ask("What else did it say?", history=history)
    quoted = [c.quote for a in (second, third) for c in a.citations]
    assert third.citations and len(set(quoted)) == len(quoted)  # nothing quoted twice


def test_a_set_question_after_a_question_about_one_state_asks_about_all(answerer: Answerer) -> None:
    history = [Turn("user", "What did Norway say about export controls?"), Turn("assistant", "...")]
    assert "Norway" not in answerer.followups.standalone("Which states oppose resolution 76/234?", history, _run())
    answer = answerer.ask("Which states oppose resolution 76/234?", history=history)
    assert answer.items is not None and len(answer.items) > 5


def test_filters_restrict_the_answer(answerer: Answerer) -> None:
    answer = answerer.ask("export controls", filters=SearchFilters(respondent=("Japan",)))
    assert answer.citations  # else the check below holds of nothing
    assert all(c.passage.respondent.id == "JPN" for c in answer.citations)


def test_scope_named_by_symbol_or_resolution(answerer: Answerer) -> None:
    documents = list(answerer.retriever.documents.values())
    for question, expected in [("A/77/87 里有什么？", "A_77_87"), ("resolution 71/38", "wmd_terrorism_2017")]:
        result = answerer.retriever.search(question, 20)
        scope = question_scope(result.analysis, result.hits, documents)
        assert scope.explicit and [d.id for d in scope.documents] == [expected]


def test_a_set_question_whose_inferred_report_has_no_replies_is_asked_of_every_report(answerer: Answerer) -> None:
    # "Commission" matches the title of the Advisory Board's report (裁军事项咨询委员会的工作), which has no replies
    question = "Quels États estiment que le débat devrait se tenir à la Deuxième Commission ?"
    board = answerer.retriever.documents["advisory_board_2020"]
    described = QuestionScope((board,), explicit=False, described=True)
    plan = answerer._plan(Run(question, "fr"), answerer.retriever.analyze(question), described, None)
    assert plan is not None and {s.key for s in plan.sections} >= {"AUS", "NLD"}
    named = QuestionScope((board,), explicit=True)  # a report the question names is kept, replies or not
    assert answerer._plan(Run(question, "fr"), answerer.retriever.analyze(question), named, None) is None


def test_a_set_question_repeating_a_word_of_a_report_without_replies_is_asked_of_every_report(
    answerer: Answerer,
) -> None:
    # "Juntando" shares its stem with la Junta of the Board's Spanish title: the Board's report has no replies
    question = "Juntando los tres informes, ¿qué gobiernos mencionan a la Oficina de Asuntos de Desarme?"
    answer = answerer.ask(question)
    assert {item.respondent for item in answer.items} >= {"JPN", "NOR"}


def test_the_secretary_generals_request_is_what_every_reply_answers(answerer: Answerer) -> None:
    answer = answerer.ask("Which states replied to the Secretary-General's request for views on confidence-building?")
    assert answer.items is not None and len(answer.items) == 6  # every state in A/77/87, not those naming a request


def _run() -> Run:
    return Run("q", "en")


@pytest.mark.parametrize(
    "question, history",
    [
        ("What did Norway say about resolution 76/234?", ()),
        ("And Japan?", (Turn("user", "What did Norway say about resolution 76/234?"), Turn("assistant", "..."))),
    ],
)
def test_a_question_is_read_once(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch, question: str, history: tuple[Turn, ...]
) -> None:
    import sys

    from rag.retrieval import query

    calls = {"analyze": 0, "detect_language": 0}
    for name in calls:
        original = getattr(query, name)

        def counting(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _original(*args, **kwargs)

        # Wherever the function was imported, so a second reading anywhere in the stages is counted.
        for module in [m for n, m in sys.modules.items() if n.startswith("rag.")]:
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, counting)
    answer = answerer.ask(question, history=history)
    assert answer.answerable and answer.citations
    # The question is read once; a follow-up's earlier question is read for its language once more.
    assert calls == {"analyze": 1, "detect_language": 1 + bool(history)}


# --- language versions: the parallel samples (A/77/96 in Chinese, English and French, tests/data/parallel) ---------

VOTE = "Why did Australia vote against resolution 76/234?"


@pytest.fixture(scope="module")
def parallel(parallel_index: Settings) -> Answerer:
    return Answerer(Service.load(parallel_index))


@pytest.mark.parametrize(
    ("question", "language", "quoted", "label"),
    [
        (VOTE, "en", "voted against the resolution", "A/77/96, Australia"),
        ("澳大利亚为什么对第76/234号决议投了反对票？", "zh", "投了反对票", "A/77/96, 澳大利亚"),
        ("Pourquoi l'Australie a-t-elle voté contre la résolution 76/234 ?", "fr", "voté contre", "A/77/96, Australie"),
    ],
)
def test_the_quote_is_in_the_askers_language_with_the_other_versions(
    parallel: Answerer, question: str, language: str, quoted: str, label: str
) -> None:
    answer = parallel.ask(question)
    assert_well_formed(answer)
    assert answer.answerable and answer.language == language
    quoting = [c for c in answer.citations if quoted in c.passage.text]
    assert quoting, answer.answer
    for citation in answer.citations:
        # quoted from the asker's version, checked against it; the other two versions a click away
        assert citation.document.language == language and citation.label == label
        assert {c.document.language for c in citation.counterparts} == {"en", "zh", "fr"} - {language}
        assert all(c.passage.respondent.id == citation.passage.respondent.id for c in citation.counterparts)
    assert all(h.document.language == language for h in answer.retrieved if h.counterparts)


def test_without_a_version_in_the_askers_language_the_quote_is_the_found_one_labelled_in_it(parallel: Answerer) -> None:
    answer = parallel.ask("Почему Австралия голосовала против резолюции 76/234?")
    assert_well_formed(answer)
    citation = answer.citations[0]
    assert citation.document.language != "ru" and citation.label == "A/77/96, Австралия"
    assert answer.answer.startswith("В докладах говорится") and "Австралия (A/77/96)" in answer.answer
    assert len(citation.counterparts) == 2


def test_a_set_question_lists_each_respondent_once_from_the_askers_version(parallel: Answerer) -> None:
    for question, language in (("Which states replied?", "en"), ("哪些国家提交了答复？", "zh")):
        answer = parallel.ask(question)
        assert answer.items is not None, question
        assert sorted(i.respondent or "" for i in answer.items) == ["AUS", "CHN"], question
        assert {c.document.language for c in answer.citations} == {language}, question


def test_the_scope_counts_every_version_of_a_document_once(parallel: Answerer) -> None:
    retriever = parallel.retriever
    analysis = retriever.analyze("What does China think of international cooperation?")
    hits = retriever.search(analysis, 10).hits  # as found: the versions that scored best, in any language
    assert {h.document.language for h in hits} - {"en"}
    scope = question_scope(analysis, hits, retriever.documents_in("en"))
    assert [d.id for d in scope.documents] == ["A_77_96.en"] and not scope.explicit


def test_a_partial_version_lists_no_fewer_respondents_than_the_others(tmp_path: Path) -> None:
    """An English version that stops before China's reply: an English set question still lists China, from the
    versions that hold its reply."""
    corpus = tmp_path / "corpus"
    shutil.copytree(PARALLEL_SAMPLES, corpus)
    english = corpus / "A_77_96.en.txt"
    lines = english.read_text(encoding="utf-8").splitlines(keepends=True)
    english.write_text("".join(lines[: next(i for i, line in enumerate(lines) if line.strip() == "China")]))
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index" / "current", embedding_model="")
    build_index(settings, progress=False)
    answer = Answerer(Service.load(settings)).ask("Which states replied?")
    assert answer.items is not None and sorted(i.respondent or "" for i in answer.items) == ["AUS", "CHN"]
    by_state = {c.passage.respondent.id: c.document.language for c in answer.citations}
    assert by_state == {"AUS": "en", "CHN": "zh"}  # the asker's version where it has the reply


def test_a_topic_that_lost_what_the_question_asks_lists_no_one(answerer: Answerer) -> None:
    # export controls, which nearly every reply names, are all that is read of "strict controls attract investment"
    question = (
        "¿Hay algún país que defienda, en el debate sobre usos pacíficos y controles de exportación, que unos "
        "controles estrictos ayudan a atraer capitales foráneos? ¿Cuáles?"
    )
    answer = answerer.ask(question)
    assert answer.items is None and any("no rendering" in w and "atraer" in w for w in answer.warnings)
    assert not answer.answer.startswith("No")  # it asks which, not whether


def test_a_quoted_word_with_no_rendering_leaves_no_broad_list(answerer: Answerer) -> None:
    # the word quoted is what is asked; export controls alone are named by far more than a third of the replies
    question = 'Which replies on resolution 76/234 call export control arrangements "zorblats"?'
    answer = answerer.ask(question)
    assert answer.items is None and any("no rendering" in w and "zorblats" in w for w in answer.warnings)


def test_a_group_that_replied_in_a_language_other_than_one(answerer: Answerer) -> None:
    answer = answerer.ask("Which Arab states replied in a language other than Arabic?")
    assert {item.respondent for item in answer.items} == {"EGY", "IRQ"}  # Egypt in English, Iraq in English
    assert "other than Arabic" in answer.answer


def test_a_reply_naming_none_of_a_list_is_what_never_mentions_it(answerer: Answerer) -> None:
    # 核能、核武器、核技术一概没提: a reply naming any of them names something nuclear
    answer = answerer.ask("第76/234号决议的答复里，哪些答复方核能、核武器、核技术、原子能机构一概没提？")
    assert answer.items and {"KHM", "NIC"} <= {item.respondent for item in answer.items}
    assert len(answer.items) < 8


@pytest.mark.parametrize(
    "question",
    [
        "Which states deny that export controls impose excessive restrictions?",  # no resolution named
        "哪些国家否认出口管制造成了过度限制？",
    ],
)
def test_denying_the_restrictions_a_report_asks_about_opposes_its_resolution(answerer: Answerer, question: str) -> None:
    found = {item.respondent for item in answerer.ask(question).items}
    assert {"CHE", "USA"} <= found and not found & {"CHN", "CUB", "SYR"}  # those complaining of them support it


def test_replies_mentioning_neither_of_two_things(answerer: Answerer) -> None:
    answer = answerer.ask("Which replies on 76/234 mention neither the IAEA nor the Nuclear Suppliers Group?")
    found = {item.respondent for item in answer.items}
    assert "KHM" in found and not found & {"EGY", "KEN"}  # Egypt and Kenya name the IAEA


def test_a_chinese_negated_reply_language_is_no_topic(answerer: Answerer) -> None:
    answer = answerer.ask("阿拉伯国家中哪些不是用阿拉伯文答复的？")
    assert {item.respondent for item in answer.items} == {"EGY", "IRQ"}


def test_those_a_statement_names_asked_in_the_report_it_points_to_and_those_named_besides(answerer: Answerer) -> None:
    answer = answerer.ask(
        "Iran's 2017 reply names two countries where foreign terrorist fighters operate. Which of those countries "
        "replied, in that report or in the 2022 ones?"
    )
    assert {item.respondent for item in answer.items or ()} == {"IRQ", "SYR"}  # Syria replied in 2022 only


def test_also_after_a_statement_is_besides_being_named_not_to_every_report(answerer: Answerer) -> None:
    answer = answerer.ask(
        "西班牙在关于建立信任措施的答复里抱怨欧安组织的机制因一场军事侵略陷入困境，点了三个国家的名。"
        "这三个国家当中，哪些也给这几份报告交过答复？"
    )
    assert {item.respondent for item in answer.items or ()} == {"RUS", "BLR", "UKR"}  # none replied to all three


def test_which_of_the_bodies_a_general_term_stands_for_needs_a_passage_naming_one(answerer: Answerer) -> None:
    vague = answerer.ask(
        "New Zealand says it applies the guidelines of the multilateral export control regimes. Which regimes, exactly?"
    )
    assert not vague.answerable  # its reply names none of them
    named = answerer.ask("Which multilateral export control regimes has Mexico joined?")
    assert named.answerable and "核供应国集团" in named.citations[0].quote
