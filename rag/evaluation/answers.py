"""Answer evaluation against the gold set: list items, yes/no, abstention, citations, grounding, latency."""

from __future__ import annotations

import math
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from rag.core.text import fold
from rag.core.types import Answer, Citation, Item
from rag.evaluation.conversation import Ask, Replays
from rag.evaluation.retrieval import GoldQuestion, supports
from rag.lang.names import NameTable, default_names

Polarity = bool | None  # True: yes, False: no, None: the answer does not commit

# Latin/Cyrillic yes/no words (folded), per language; English is accepted in every language.
_YES = {"en": ("yes",), "fr": ("oui",), "es": ("si",), "ru": ("да",), "ar": ("نعم",)}
_NO = {"en": ("no",), "fr": ("non",), "es": ("no",), "ru": ("нет",), "ar": ("لا",)}
# Chinese: the first clause (up to punctuation) must be short, so "不同国家……" is not a "no".
_ZH_YES = ("是", "是的", "对", "对的", "正确", "确实", "能", "可以", "会", "有", "支持")
_ZH_NO = ("否", "不", "没有", "并非", "并不")
_ZH_NOT_NO = (
    "不过",
    "不仅",
    "不但",
    "不论",
    "不管",
    "不确定",
    "不清楚",
    "不明",
    "不详",
    "没有提及",
    "没有说明",
    "没有信息",
)
_ZH_CLAUSE = re.compile(r"([^。，,.；;：:！!？?、\s]{1,6})(?:[。，,.；;：:！!？?、\s]|$)")
_LATIN_WORD = re.compile(r"(\w+)[*_\"'»”]*\s*(?:[.,;:!—–،؛-]|$)")
_LEAD = re.compile(r"^[\s*_#>\"'«“„(\[]+")


def polarity(text: str, lang: str) -> Polarity:
    """Yes/no read from the start of an answer in lang; None when it starts otherwise.

    Latin and Cyrillic words must be followed by punctuation ("No.", "Sí,", "Нет —"), so "No state…"
    or "Si bien…" do not commit. Chinese answers commit with 是/否 or a short negated verb (不支持。 不能。)."""
    text = _LEAD.sub("", text)
    if lang == "zh" and (m := _ZH_CLAUSE.match(text)):
        clause = m.group(1).rstrip("*_\"'”」")
        if clause.startswith(_ZH_NOT_NO) or clause.startswith("是否"):
            return None
        if clause.startswith(_ZH_NO):
            return False
        if clause in _ZH_YES:
            return True
    if m := _LATIN_WORD.match(text):
        word = fold(m.group(1))
        if word in _YES.get(lang, ()) + _YES["en"]:
            return True
        if word in _NO.get(lang, ()) + _NO["en"]:
            return False
    return None


def _name_key(name: str) -> str:
    return " ".join(fold(name).split()).strip(" .,;:。，、；")


def gold_item_keys(items: Iterable[str], names: NameTable) -> list[str]:
    """Entity id of each gold item, or its folded text when the names table does not know it."""
    return [e.id if (e := names.resolve(item)) else _name_key(item) for item in items]


def item_key(item: Item, names: NameTable, gold: Iterable[str] = ()) -> str:
    """Entity id of a predicted item (from respondent, label_en or label), else a folded name, preferring
    one that equals a gold key."""
    candidates = [x for x in (item.respondent, item.label_en, item.label) if x]
    for name in candidates:
        if entity := names.resolve(name):
            return entity.id
    keys = [_name_key(x) for x in candidates]
    gold_set = set(gold)
    return next((k for k in keys if k in gold_set), keys[0] if keys else "")


def is_respondent_set(question: GoldQuestion, names: NameTable) -> bool:
    return question.type == "list" and bool(question.answer_items) and all(map(names.resolve, question.answer_items))


def prf(predicted: Iterable[str], gold: Iterable[str]) -> tuple[float, float, float]:
    """Set precision, recall and F1; an empty prediction scores 0 unless the gold set is empty too."""
    pred, ref = set(predicted), set(gold)
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 1.0, 0.0)
    if not pred:
        return 0.0, 0.0, 0.0
    tp = len(pred & ref)
    p, r = tp / len(pred), tp / len(ref)
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


def item_scores(
    items: Sequence[Item] | None, gold: Sequence[str], names: NameTable
) -> tuple[list[str], list[str], tuple[float, float, float]]:
    """Predicted keys, gold keys and P/R/F1 of a list answer, matched across languages by entity id."""
    gold_keys = gold_item_keys(gold, names)
    pred_keys = [k for k in dict.fromkeys(item_key(i, names, gold_keys) for i in items or ()) if k]
    return pred_keys, gold_keys, prf(pred_keys, gold_keys)


def quoted_share(text: str, evidence: Sequence[str]) -> float | None:
    """The share of evidence items an answer's text quotes (compared without whitespace, as evidence is)."""
    if not evidence:
        return None
    bare = "".join(text.split()).casefold()
    return round(sum("".join(e.split()).casefold() in bare for e in evidence) / len(evidence), 4)


def citation_support(citations: Sequence[Citation], evidence: Sequence[str]) -> list[bool]:
    """Whether each citation's passage holds at least one gold evidence item."""
    return [any(supports(c.passage, e) for e in evidence) for c in citations]


def judge_answer(question: GoldQuestion, answer: Answer, latency_ms: float, names: NameTable) -> dict[str, Any]:
    """One JSON-serializable row: what was asked, what came back and how it scores."""
    respondent_set = is_respondent_set(question, names)
    pred_keys, gold_keys, (p, r, f1) = item_scores(answer.items, question.answer_items, names)
    scored_citations = question.type != "unanswerable" and bool(question.evidence)
    support = citation_support(answer.citations, question.evidence) if scored_citations else []
    is_list, is_yesno = question.type == "list", question.type == "yesno"
    return {
        "id": question.id,
        "lang": question.lang,
        "type": question.type,
        "question": question.question,
        "answer": answer.answer,
        "answerable": answer.answerable,
        "mode": answer.mode,
        "grounded": answer.grounded,
        "respondent_set": respondent_set,
        "items": pred_keys if answer.items is not None else None,
        "gold_items": gold_keys,
        "p": round(p, 4) if is_list else None,
        "r": round(r, 4) if is_list else None,
        "f1": round(f1, 4) if is_list else None,
        "citations": [
            {"n": c.n, "passage": c.passage.id, "doc": c.document.id, "supports": support[i] if support else None}
            for i, c in enumerate(answer.citations)
        ],
        "citation_precision": round(sum(support) / len(support), 4) if support else None,
        # A list of other things ("which principles…"): the share of its evidence the answer quotes.
        "evidence_quoted": quoted_share(answer.answer, question.evidence) if is_list and not respondent_set else None,
        # Answered with at least one citation whose passage holds the evidence (None: nothing to hold).
        "supported": bool(answer.answerable and any(support)) if scored_citations else None,
        "yesno_gold": polarity(question.answer, question.lang) if is_yesno else None,
        "yesno_pred": polarity(answer.answer, question.lang) if is_yesno else None,
        "latency_ms": round(latency_ms, 2),
        "warnings": list(answer.warnings),
    }


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)], 2)


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The headline figures over some rows; a figure is None when no row applies to it."""
    respondent = [r for r in rows if r["type"] == "list" and r["respondent_set"]]
    other_lists = [r for r in rows if r["type"] == "list" and not r["respondent_set"]]
    yesno = [r for r in rows if r["type"] == "yesno"]
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    answered = [r for r in answerable if r["answerable"]]
    judged = [c["supports"] for r in answerable for c in r["citations"] if c["supports"] is not None]
    latencies = [r["latency_ms"] for r in rows]
    return {
        "questions": len(rows),
        "list_questions": len(respondent),
        "list_precision": _mean([r["p"] for r in respondent]),
        "list_recall": _mean([r["r"] for r in respondent]),
        "list_f1": _mean([r["f1"] for r in respondent]),
        "other_list_questions": len(other_lists),
        "other_list_quoted": _mean([r["evidence_quoted"] for r in other_lists if r["evidence_quoted"] is not None]),
        "yesno_questions": len(yesno),
        "yesno_accuracy": _mean([float(r["yesno_pred"] is r["yesno_gold"] is not None) for r in yesno]),
        "yesno_commit_rate": _mean([float(r["yesno_pred"] is not None) for r in yesno]),
        "unanswerable_questions": len(unanswerable),
        "abstention_rate": _mean([float(r["answerable"] is False) for r in unanswerable]),
        "false_abstention_rate": _mean([float(r["answerable"] is False) for r in answerable]),
        "citations_judged": len(judged),
        "citation_precision": _mean([float(s) for s in judged]),
        "citation_precision_macro": _mean(
            [r["citation_precision"] for r in answerable if r["citation_precision"] is not None]
        ),
        "supported": _mean([float(r["supported"]) for r in answerable if r.get("supported") is not None]),
        "cited": _mean([float(bool(r["citations"])) for r in answered]),
        "grounded": _mean([r["grounded"] for r in answered]),
        "latency_ms": {key: percentile(latencies, q) for key, q in (("p50", 50), ("p95", 95), ("max", 100))},
    }


def _grouped(rows: Sequence[dict[str, Any]], field: str) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row[field]].append(row)
    return {key: summarize(group) for key, group in sorted(groups.items())}


def answer_report(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "overall": summarize(rows),
        "by_language": _grouped(rows, "lang"),
        "by_type": _grouped(rows, "type"),
        "questions": list(rows),
    }


def run_answer_eval(questions: Sequence[GoldQuestion], ask: Ask, names: NameTable | None = None) -> dict[str, Any]:
    """Ask every gold question, time it and score the answers; the result is JSON-serializable. A question with a
    history is asked after it (conversation.py); only its own answer is timed and judged."""
    table = names or default_names()
    replays = Replays(ask)
    rows = []
    for question in questions:
        turns = replays.turns(question.history)
        started = time.perf_counter()
        answer = ask(question.question, history=turns)
        row = judge_answer(question, answer, (time.perf_counter() - started) * 1000, table)
        rows.append(row | {"history": list(question.history)} if question.history else row)
    return answer_report(rows)


# (column heading, summary key)
_COLUMNS = tuple(
    tuple(pair.split(":"))
    for pair in "n:questions list_f1:list_f1 yn_acc:yesno_accuracy yn_commit:yesno_commit_rate abstain:abstention_rate "
    "false_abst:false_abstention_rate supported:supported cit_prec:citation_precision cited:cited "
    "grounded:grounded".split()
)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else f"{value:.3f}"


def _summary_rows(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [("overall", report["overall"])]
    rows += [(f"lang={k}", v) for k, v in report["by_language"].items()]
    return rows + [(f"type={k}", v) for k, v in report["by_type"].items()]


def format_answer_table(report: dict[str, Any]) -> str:
    """Plain-text summary: overall, per language and per type."""
    header = [name for name, _ in _COLUMNS] + ["p50_ms", "p95_ms"]
    lines = ["".ljust(20) + "".join(h.rjust(11) for h in header)]
    for label, values in _summary_rows(report):
        cells = [_cell(values[key]) for _, key in _COLUMNS]
        cells += [_cell(values["latency_ms"]["p50"]), _cell(values["latency_ms"]["p95"])]
        lines.append(label.ljust(20) + "".join(c.rjust(11) for c in cells))
    return "\n".join(lines)


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yesno(row: dict[str, Any]) -> str:
    if row["type"] != "yesno":
        return ""
    names = {True: "yes", False: "no", None: "—"}
    return f"{names[row['yesno_gold']]}/{names[row['yesno_pred']]}"


def markdown_report(report: dict[str, Any], title: str = "Answer evaluation") -> str:
    """Markdown: headline figures, the breakdown table and one row per question."""
    o = report["overall"]
    lat = o["latency_ms"]
    out = [
        f"# {title}",
        "",
        f"- questions: {o['questions']}",
        f"- list F1 (respondent sets, {o['list_questions']} questions): {_cell(o['list_f1'])} "
        f"(P {_cell(o['list_precision'])}, R {_cell(o['list_recall'])}); other lists: "
        f"{o['other_list_questions']} questions, their evidence quoted {_cell(o['other_list_quoted'])}",
        f"- yes/no accuracy: {_cell(o['yesno_accuracy'])} (commit rate {_cell(o['yesno_commit_rate'])})",
        f"- abstention on unanswerable: {_cell(o['abstention_rate'])}; "
        f"false abstention: {_cell(o['false_abstention_rate'])}",
        f"- answered with a citation holding the evidence: {_cell(o['supported'])}",
        f"- citation precision: {_cell(o['citation_precision'])} micro over {o['citations_judged']} citations, "
        f"{_cell(o['citation_precision_macro'])} macro; cited: {_cell(o['cited'])}; grounded: {_cell(o['grounded'])}",
        f"- latency ms: p50 {_cell(lat['p50'])}, p95 {_cell(lat['p95'])}, max {_cell(lat['max'])}",
        "",
        "| group | " + " | ".join(name for name, _ in _COLUMNS) + " | p50 ms |",
        "|---|" + "---:|" * (len(_COLUMNS) + 1),
    ]
    for label, values in _summary_rows(report):
        cells = [_cell(values[key]) for _, key in _COLUMNS] + [_cell(values["latency_ms"]["p50"])]
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out += [
        "",
        "| id | lang | type | answerable | mode | items P/R/F1 | cited | cit. prec. | yes/no gold/pred | ms | answer |",
        "|---|---|---|---|---|---|---:|---:|---|---:|---|",
    ]
    for row in report["questions"]:
        prf_cell = f"{row['p']:.2f}/{row['r']:.2f}/{row['f1']:.2f}" if row["f1"] is not None else ""
        cells = [
            row["id"],
            row["lang"],
            row["type"] + (" (respondents)" if row["respondent_set"] else ""),
            "yes" if row["answerable"] else "no",
            row["mode"],
            prf_cell,
            str(len(row["citations"])),
            _cell(row["citation_precision"]),
            _yesno(row),
            f"{row['latency_ms']:.0f}",
            _md(_excerpt(row["answer"])),
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
