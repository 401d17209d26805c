"""Tests for rag.retrieval.scope: which documents a question is about."""

from __future__ import annotations

from typing import Any

from rag.retrieval.scope import SCOPE_TITLE_WEIGHT, QuestionScope, document_year, question_scope, ranking_tokens


def scope_of(service: Any, question: str) -> QuestionScope:
    retriever = service.retriever
    result = retriever.search(question, 20)
    return question_scope(result.analysis, result.hits, list(retriever.documents.values()))


def asked(service: Any, question: str) -> list[str]:
    """The ids of the documents a question is asked of, in order."""
    return [d.id for d in scope_of(service, question).or_every(list(service.retriever.documents.values()))]


def test_a_question_naming_a_report_or_its_resolution_is_about_that_report(service: Any) -> None:
    documents = list(service.retriever.documents.values())
    for question in ("Which states replied in A/77/96?", "哪些国家支持第76/234号决议？"):
        scope = scope_of(service, question)
        assert scope.explicit and [d.id for d in scope.documents] == ["A_77_96"], question
        assert scope.or_every(documents) == scope.documents


def test_an_inferred_scope_asks_every_document_unless_the_question_describes_one(service: Any) -> None:
    documents = tuple(service.retriever.documents.values())
    inferred = QuestionScope(documents[:1], explicit=False)
    assert inferred.or_every(documents) == tuple(documents)
    assert QuestionScope(documents[:1], explicit=False, described=True).or_every(documents) == documents[:1]


def test_a_report_year_follows_its_session() -> None:
    from rag.core.types import Document

    assert document_year(Document(id="x", file="x.txt", language="zh", session=77)) == 2022
    assert document_year(Document(id="y", file="y.txt", language="zh")) is None


def test_a_report_named_by_resolution_is_not_joined_by_one_whose_title_holds_the_topic(service: Any) -> None:
    # Weapons of mass destruction are the topic (and most of the 2017 report's title): only the report named counts.
    question = (
        "أسلحة الدمار الشامل في تقرير «تدابير بناء الثقة في السياق الإقليمي ودون الإقليمي» (القرار 76/43): من يذكرها؟"
    )
    assert asked(service, question) == ["A_77_87"]
    # A report described in a clause of its own, or by its year, is asked about beside the one named.
    assert sorted(asked(service, "Who mentions Syria in A/77/96 and in the 2017 report?")) == [
        "A_77_96",
        "wmd_terrorism_2017",
    ]


def test_a_report_described_by_words_of_its_title_only_is_the_scope(service: Any) -> None:
    for question in (
        "Which states replied in Arabic to the report on peaceful uses?",
        "ما هي الدول التي ردّت باللغة العربية على تقرير الاستخدامات السلمية؟",
        "Quels États ont répondu au rapport sur les utilisations pacifiques ?",
        # "من" (of) is in the Arabic titles the catalogue gives of two reports: a particle is no title's word.
        "أي الدول في تقرير الاستخدامات السلمية تستشهد بمعاهدة تلاتيلولكو لإخلاء أمريكا اللاتينية من الأسلحة النووية؟",
        # The clause naming the report describes it, whatever the rest asks (the 2017 report's title holds WMD).
        "In the report on peaceful uses, which states say they have no weapons of mass destruction?",
        "在关于和平利用的报告中，哪些国家说自己不拥有大规模毁灭性武器？",
    ):
        assert asked(service, question) == ["A_77_96"], question
    # Without "report", or without words that one title alone has, every report is asked.
    assert len(asked(service, "Which states mention export controls?")) == len(service.retriever.documents)


def test_the_replies_of_a_year_are_that_years_report(service: Any) -> None:
    for question in (
        "En las respuestas de 2017, ¿qué gobiernos mencionan el terrorismo nuclear?",
        "In the 2017 replies, which governments mention nuclear terrorism?",
        "في ردود عام 2017، من يذكر تعاونا مع الولايات المتحدة الأمريكية؟",  # whatever the passages retrieved
        "Кто из ответивших в 2017 году упоминает Сирию?",
    ):
        assert asked(service, question) == ["wmd_terrorism_2017"], question


def test_the_year_and_the_title_together_pick_the_report(service: Any) -> None:
    assert asked(service, "Which states mention Japan in the 2022 report on peaceful uses?") == ["A_77_96"]


def test_both_reports_described_one_by_its_title_the_other_by_its_own_words(service: Any) -> None:
    # "medidas de fomento de la confianza" is most of A/77/87's title; "usos pacíficos" are words only A/77/96's has.
    question = (
        "¿Respondió Pakistán tanto al informe sobre medidas de fomento de la confianza como al de usos pacíficos?"
    )
    assert scope_of(service, question).described and sorted(asked(service, question)) == ["A_77_87", "A_77_96"]


def test_two_reports_each_described_in_a_clause_of_its_own_are_both_the_scope(service: Any) -> None:
    # A year names one, the other its clause's words; Russian inflects the title's words ("мирном использовании" is
    # "мирного использования" in the title), and a word of one title in two languages counts once.
    for question in (
        "Кто упоминает Сирию в докладе 2017 года и в докладе о мирном использовании?",
        "Which states mention Syria in the 2017 report and in the report on peaceful uses?",
    ):
        assert sorted(asked(service, question)) == ["A_77_96", "wmd_terrorism_2017"], question
    question = "Which governments replying to the 2017 report cite Security Council resolution 2325?"
    assert asked(service, question) == ["wmd_terrorism_2017"]


def test_the_title_words_of_a_report_the_query_describes_weigh_less_in_ranking(service: Any) -> None:
    retriever = service.retriever
    documents = list(retriever.documents.values())
    analysis = retriever.analyze("Which replies in the peaceful-uses report bring up the Cold War?")
    weights = ranking_tokens(analysis, documents)
    lowered = {t for t, w in weights.items() if w < analysis.tokens[t]}
    assert lowered and "冷战" in weights and "冷战" not in lowered  # the report's title words, not what is asked
    assert all(weights[t] == analysis.tokens[t] * SCOPE_TITLE_WEIGHT for t in lowered)
    plain = retriever.analyze("Which replies bring up the Cold War?")
    assert ranking_tokens(plain, documents) == plain.tokens  # no report described: as analysed
    named = retriever.analyze("Which replies in A/77/96 bring up the Cold War?")
    assert ranking_tokens(named, documents) == named.tokens  # a report named by symbol is boosted instead


def test_two_renderings_of_one_word_are_no_description_of_a_report(service: Any) -> None:
    # "لجنة" (committee) is rendered 委员 and 委员会, both of the Advisory Board's title: one word, no description
    retriever = service.retriever
    documents = list(retriever.documents.values())
    scope = question_scope(retriever.analyze("ومن يذكر لجنة زانغر؟"), (), documents)
    assert not scope.described and not scope.explicit


def test_a_report_year_in_a_statement_before_the_question_naming_a_report_is_not_asked_about(service: Any) -> None:
    # The statement says who the group is; the question names the report it asks of.
    question = (
        "The CSTO answered the 2017 report as an organization. Which of its members replied on resolution 76/234?"
    )
    assert asked(service, question) == ["A_77_96"]
    # Both named in the question's own sentence: both asked about.
    both = "Which states replied both to the 2017 report and on resolution 76/234?"
    assert set(asked(service, both)) == {"A_77_96", "wmd_terrorism_2017"}


def test_all_three_reports_are_where_to_look(service: Any) -> None:
    for question in (
        "Если просмотреть все три доклада (о терроризме и ОМУ 2017 года, о мерах доверия), кто опирается на Устав ООН?",
        "In all three reports, which respondents cite the UN Charter?",
        "¿Alguno de ellos mandó su propia respuesta en cualquiera de estos informes?",
        "哪些也在这几份秘书长报告中交过答复？",
        "Lesquels ont répondu dans l'un de ces rapports ?",
        "Кто из них ответил в любом из этих докладов?",
        "أيّ منها ردّ في أيّ من هذه التقارير؟",
        "Which of them replied in any of these reports?",
    ):
        scope = scope_of(service, question)
        assert len(scope.documents) == len(service.retriever.documents), question


def test_a_report_named_by_symbol_and_another_by_its_resolution_are_both_named(service: Any) -> None:
    question = "Parmi les États qui ont répondu au rapport A/77/87 et aussi sur la résolution 76/234, lesquels…?"
    scope = scope_of(service, question)
    assert scope.explicit and sorted(d.id for d in scope.documents) == ["A_77_87", "A_77_96"]


def test_a_hyphenated_title_word_is_two_words_of_a_report_described(service: Any) -> None:
    scope = scope_of(service, "Did Germany reply to the report on confidence-building measures?")
    assert scope.described and [d.id for d in scope.documents] == ["A_77_87"]


def test_a_reply_on_a_reports_subject_describes_the_report(service: Any) -> None:
    scope = scope_of(service, "Did Germany submit a reply on confidence-building measures?")
    assert scope.described and [d.id for d in scope.documents] == ["A_77_87"]


def test_both_reports_of_a_year_are_where_to_look(service: Any) -> None:
    question = "Dans les deux rapports de 2022 (mesures de confiance régionales), quels répondants évoquent un sommet ?"
    scope = scope_of(service, question)
    assert sorted(d.id for d in scope.documents) == ["A_77_87", "A_77_96"]  # not the one its words describe alone
