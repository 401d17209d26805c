"""What each `rag` command does: index, search, ask, serve, eval, feedback export, API keys."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.api.validation import validated
from rag.core.errors import ConfigError, QueryError
from rag.core.settings import REPO_ROOT, Settings, get_settings, normalise_root_path

if TYPE_CHECKING:
    from rag.core.types import Answer
    from rag.evaluation.retrieval import GoldQuestion
    from rag.retrieval.service import Service
    from rag.runtime import Runtime  # imported when used: `rag keys` and `rag index` need none of it

log = logging.getLogger(__name__)


def _read_settings() -> Settings:
    """The settings, or a ConfigError naming each variable that is wrong and why, without its value (a key's
    secret must not reach a terminal or a log) and without a traceback (exit 2)."""
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    try:
        return get_settings()
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_input=False, include_url=False):
            where = "_".join(str(part) for part in error.get("loc", ())).upper()
            message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
            problems.append(f"RAG_{where}: {message}" if where and not message.startswith("RAG_") else message)
        raise ConfigError("invalid settings: " + "; ".join(problems), _SETTINGS_HINT) from None
    except SettingsError:
        raise ConfigError("invalid settings: a RAG_ variable could not be read", _SETTINGS_HINT) from None


_SETTINGS_HINT = "fix the RAG_ environment variables (or .env); docs/settings.md describes each one"


def _settings(args: argparse.Namespace) -> Settings:
    settings = _read_settings()
    overrides = {
        name: value
        for name in (
            "index_dir",
            "corpus_dir",
            "embedding_model",
            "zh_tokenizer",
            "llm_base_url",
            "llm_model",
            "root_path",
            "feedback_db",
            "host",  # `rag serve --host`: also a name the Host allowlist accepts by default
        )
        if (value := getattr(args, name, None)) is not None
    }
    if "root_path" in overrides:
        overrides["root_path"] = normalise_root_path(overrides["root_path"])
    if overrides.get("llm_base_url") == "":
        overrides["llm_base_url"] = None  # --llm-base-url "" answers extractively
    return settings.model_copy(update=overrides) if overrides else settings


def cmd_index_build(args: argparse.Namespace) -> int:
    from rag.indexing.store import build_index
    from rag.retrieval.service import lexical_warning

    manifest = build_index(_settings(args), progress=not args.quiet)
    if manifest.mode == "lexical":
        log.warning("%s", lexical_warning(manifest))
    if manifest.sentences is not None and manifest.sentences.unavailable:
        log.warning("no sentence ranking: %s", manifest.sentences.unavailable)
    built = manifest.to_dict()
    shown = ("mode", "counts", "build_seconds", "embedding", "sentences")
    print(json.dumps({k: built[k] for k in shown if k in built}, ensure_ascii=False))
    return 0


def cmd_index_verify(args: argparse.Namespace) -> int:
    from rag.indexing.alignment import describe, weakness
    from rag.indexing.store import load_index, staleness, verify_index

    settings = _settings(args)
    manifest = verify_index(settings.index_dir)
    stale = staleness(settings, check_files=False)  # verify_index has just checked every file's hash
    print(f"index at {settings.index_dir} is intact: {manifest.mode} mode, {manifest.counts.model_dump()}")
    print(f"embedding: {manifest.describe_embedding()}")
    print(f"sentence ranking: {manifest.describe_sentences()}")
    index = load_index(settings.index_dir, verify=False)  # verified just above
    if index.alignment.pairs:
        print(f"language versions aligned ({len(index.alignment.pairs)} pairs):")
        for pair in index.alignment.pairs:
            print(f"  {describe(pair, index.documents)}")
        for pair in index.alignment.pairs:
            if (weak := weakness(pair, index.documents)) is not None:
                print(f"warning: {weak}")
    if stale:
        print(f"warning: the index is stale ({stale}); rebuild with `rag index build`")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from rag.api.schemas import SearchRequest
    from rag.runtime import load_service

    request = validated(SearchRequest, {"query": args.query, "k": args.k, "filters": _filters(args)}, _hint("search"))
    service = load_service(_settings(args))  # its warnings are logged once, as it loads
    result = service.retriever.search(request.query, request.k, request.filters.to_internal())
    if args.json:
        from rag.api.schemas import HitOut

        print(
            json.dumps(
                {
                    "hits": [HitOut.of_hit(h).model_dump() for h in result.hits],
                    "mode": result.mode,
                    "warnings": result.warnings,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    analysis = result.analysis
    print(
        f"mode={result.mode} language={analysis.language} respondents={list(analysis.respondents)} "
        f"resolutions={list(analysis.resolutions)}"
    )
    if result.empty_because:
        print(f"no hits: {result.empty_because}", file=sys.stderr)
    elif result.note:
        print(f"note: {result.note}", file=sys.stderr)
    for rank, hit in enumerate(result.hits, start=1):
        p = hit.passage
        who = p.respondent.name_en or p.respondent.name or "-"
        where = f"{hit.document.symbol or hit.document.id} ¶{p.paragraph or '-'}"
        text = p.text if len(p.text) <= 160 else p.text[:157] + "..."
        print(f"{rank:>3}  {hit.score:.4f}  {where:<22} {who:<24} {text}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from rag.api.app import create_app
    from rag.api.observe import configure_logging
    from rag.api.server import uvicorn_options
    from rag.indexing.store import recover_index
    from rag.retrieval.service import ensure_index

    settings = _settings(args)
    configure_logging(settings.log_format, settings.log_level)
    app = create_app(settings)  # before the index build: a bad key file should not wait for it
    # A current build that fails its hashes is replaced by the newest intact one, or rebuilt.
    recovered = recover_index(settings, rebuild=not args.no_build)
    if recovered:
        print(recovered, flush=True)
    if not args.no_build:
        ensure_index(settings, check_files=False)  # recover_index has just checked the current build's files
    uvicorn.run(
        app,
        host=args.host or settings.host,
        port=args.port or settings.port,
        log_level=settings.log_level,
        log_config=None,  # keep the JSON handler configured above
        access_log=False,  # the app logs each request itself, with its request id
        **uvicorn_options(settings),  # read deadline, keep-alive, connection limit, no X-Forwarded-* trust
    )
    return 0


def _runtime(settings: Settings) -> Runtime:
    """The runtime (rag.runtime) with the index loaded; the service logs its warnings once, as it loads."""
    from rag.runtime import Runtime

    runtime = Runtime.start(settings)
    runtime.load()
    return runtime


def _filters(args: argparse.Namespace) -> dict[str, list[str]]:
    """The filter options, as the API's `filters` object (rag.api.schemas.Filters checks them)."""
    options = {
        "doc": args.doc,
        "respondent": args.respondent,
        "respondent_kind": args.kind,
        "original_language": args.lang,
    }
    return {field: values for field, values in options.items() if values}


def _hint(command: str) -> str:
    return f"`rag {command} --help` lists the options; their limits are those of POST /v1/{command} (docs/api.md)"


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.api.schemas import AskRequest, AskResponse

    fields = {"question": args.question, "k": args.k, "filters": _filters(args)}
    request = validated(AskRequest, fields, _hint("ask"))
    with _runtime(_settings(args)) as runtime:
        answer = runtime.answerer().ask(request.question, request.k, request.filters.to_internal())
    if args.json:
        print(json.dumps(AskResponse.of(answer).model_dump(), ensure_ascii=False, indent=2))
        return 0
    print(answer.answer)
    print()
    for line in _citation_lines(answer):
        print(line)
    for warning in answer.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    mode = answer.mode if answer.answerable else f"{answer.mode}, not answerable"
    print(f"({mode}; {answer.timings_ms.get('total', 0):.0f} ms)", file=sys.stderr)
    return 0


def _citation_lines(answer: Answer) -> Iterator[str]:
    """Each citation in the answer's language: where it is, the quote, and the languages (and passage ids) of the
    cited paragraph's other versions."""
    from rag.lang import phrases

    language = answer.language
    for citation in answer.citations:
        yield f"[{citation.n}] {citation.label}: {citation.quote}"
        if other := citation.counterparts:
            versions = phrases.join_list(
                [f"{phrases.language_name(c.document.language, language)} {c.passage.id}" for c in other], language
            )
            yield "    " + phrases.OTHER_VERSIONS.get(language, phrases.OTHER_VERSIONS["en"]).format(list=versions)


def cmd_eval_answers(args: argparse.Namespace) -> int:
    """Answers to each question set (both default sets unless --gold), each set's table and report apart."""
    from rag.evaluation.answers import format_answer_table, markdown_report, run_answer_eval
    from rag.evaluation.retrieval import load_gold
    from rag.evaluation.sets import gold_sets, report_path

    settings = _settings(args)
    sets = gold_sets(args.gold)
    loaded = [(gold, load_gold(gold.path)) for gold in sets]  # a malformed file fails before any question runs
    with _runtime(settings) as runtime:
        service = runtime.current()
        mode = "llm" if runtime.llm is not None else "extractive"
        for number, (gold, questions) in enumerate(loaded):
            result = run_answer_eval(questions, runtime.answerer().ask, service.retriever.names)
            result["settings"] = {
                "answers": mode,
                "retrieval": service.mode,
                "llm_model": settings.llm_model if runtime.llm is not None else None,
            }
            default = REPO_ROOT / "eval" / "reports" / f"answers-{mode}-{service.mode}.json"
            out = report_path(args.out, default, gold, len(sets) > 1)
            _write_json(out, result)
            out.with_suffix(".md").write_text(markdown_report(result, f"Answer evaluation: {gold.name}"), "utf-8")
            print(("\n" if number else "") + gold.heading)
            print(f"answers={mode} retrieval={service.mode} questions={len(questions)}")
            print(format_answer_table(result))
            print(f"report written to {out} and {out.with_suffix('.md')}")
    return 0


def cmd_eval_retrieval(args: argparse.Namespace) -> int:
    """Retrieval on each question set (both default sets unless --gold), each set's table and report apart."""
    from rag.evaluation.retrieval import format_table, load_gold, run_retrieval_eval
    from rag.evaluation.sets import gold_sets, report_path
    from rag.runtime import load_service

    settings = _settings(args)
    sets = gold_sets(args.gold)
    loaded = [(gold, load_gold(gold.path)) for gold in sets]
    service = load_service(settings)
    rewrite = _conversation_rewrite(service) if any(q.history for _, qs in loaded for q in qs) else None
    for number, (gold, questions) in enumerate(loaded):
        result = run_retrieval_eval(questions, lambda q: service.retriever.search(q, args.k).hits, rewrite)
        result["settings"] = {"mode": service.mode, "zh_tokenizer": settings.zh_tokenizer, "k": args.k}
        default = REPO_ROOT / "eval" / "reports" / f"retrieval-{service.mode}.json"
        out = report_path(args.out, default, gold, len(sets) > 1)
        _write_json(out, result)
        print(("\n" if number else "") + gold.heading)
        print(f"mode={service.mode} zh_tokenizer={settings.zh_tokenizer} questions={len(questions)}")
        print(format_table(result))
        print(f"report written to {out}")
    return 0


def _conversation_rewrite(service: Service) -> Callable[[GoldQuestion], str]:
    """A conversation's last question as retrieval reads it after the earlier ones, each answered extractively."""
    from rag.answering.pipeline import Answerer
    from rag.evaluation.conversation import Replays

    answerer = Answerer(service)
    replays = Replays(answerer.ask)
    return lambda question: answerer.rewrite(question.question, replays.turns(question.history))


def _write_json(out: Path, result: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=list) + "\n", encoding="utf-8")


def cmd_feedback_export(args: argparse.Namespace) -> int:
    from rag.api.feedback import FeedbackStore, export_lines, parse_since

    rows = FeedbackStore(_settings(args).feedback_db).rows(parse_since(args.since), args.rating)
    count = 0

    def counted(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in rows:
            count += 1
            yield row

    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
    try:
        out.writelines(export_lines(counted(rows), args.format))
    finally:
        if out is not sys.stdout:
            out.close()
    if args.out:
        print(f"{count} feedback rows written to {args.out}", file=sys.stderr)
    return 0


def cmd_keys_hash(args: argparse.Namespace) -> int:
    """The digest of a key read from standard input (or typed, unechoed), so that no plain key is stored."""
    from rag.core.keys import hash_secret

    if sys.stdin.isatty():
        import getpass

        secret = getpass.getpass("key: ")
    else:
        secret = sys.stdin.readline().rstrip("\r\n")
    if not secret.strip():
        raise QueryError("no key given", "type the key at the prompt, or pipe it in: rag keys hash < key.txt")
    print(hash_secret(secret))
    return 0


def cmd_keys_new(args: argparse.Namespace) -> int:
    """A fresh random key for a client, and the entry (with its digest only) for the service's configuration."""
    import secrets

    from rag.core.keys import hash_secret, parse_entry, scope_text

    secret = secrets.token_urlsafe(32)
    try:
        key = parse_entry(f"{args.name}:{args.scopes}:{hash_secret(secret)}", 1)
    except ValueError as exc:
        raise QueryError(str(exc), "e.g. rag keys new intranet-widget --scopes ask+search") from None
    print(
        f"# the key for {key.name} ({scope_text(key.scopes)}); give it to the client, it is stored nowhere:",
        file=sys.stderr,
    )
    print(secret)
    print("# the entry, for RAG_API_KEYS or a line of RAG_API_KEYS_FILE:", file=sys.stderr)
    print(key.entry)
    return 0
