"""The `rag` command line: its arguments, and errors turned into messages in one place."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from rag.cli.commands import (
    cmd_ask,
    cmd_eval_answers,
    cmd_eval_retrieval,
    cmd_feedback_export,
    cmd_index_build,
    cmd_index_verify,
    cmd_keys_hash,
    cmd_keys_new,
    cmd_search,
    cmd_serve,
)
from rag.core.errors import ConfigError, QueryError, RagError
from rag.core.logs import quiet_libraries

EPILOG = """settings come from RAG_* environment variables or .env (see docs/settings.md); the options above
override the matching ones. Exit status: 0 ok, 2 bad input, 1 anything else."""


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="rag", description="Cited search over UN disarmament documents.", epilog=EPILOG)
    root.add_argument("--index-dir", dest="index_dir", type=Path, help="index directory (RAG_INDEX_DIR)")
    root.add_argument("--corpus-dir", dest="corpus_dir", type=Path, help="corpus directory (RAG_CORPUS_DIR)")
    root.add_argument("--embedding-model", dest="embedding_model", help='model name/path; "" = lexical only')
    root.add_argument("--zh-tokenizer", dest="zh_tokenizer", choices=["jieba", "bigram", "both"])
    root.add_argument("--llm-base-url", dest="llm_base_url", help='OpenAI-compatible server; "" = extractive answers')
    root.add_argument("--llm-model", dest="llm_model", help="model name on the LLM server (RAG_LLM_MODEL)")
    root.add_argument("-v", "--verbose", action="store_true")
    commands = root.add_subparsers(dest="command", required=True)
    _add_index(commands)
    _add_search(commands)
    _add_ask(commands)
    _add_serve(commands)
    _add_eval(commands)
    _add_feedback(commands)
    _add_keys(commands)
    return root


def _add_index(commands: Any) -> None:
    index = commands.add_parser("index", help="build or verify the index").add_subparsers(dest="action", required=True)
    build = index.add_parser("build", help="parse the corpus and build the index (atomic swap)")
    build.add_argument("-q", "--quiet", action="store_true")
    build.set_defaults(func=cmd_index_build)
    index.add_parser("verify", help="check manifest, file hashes and consistency").set_defaults(func=cmd_index_verify)


def _add_search(commands: Any) -> None:
    search = commands.add_parser("search", help="search passages")
    search.add_argument("query")
    search.add_argument("-k", default=10, help="passages to print, 1 to 100 (default 10)")
    _add_filters(search)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=cmd_search)


def _add_filters(command: argparse.ArgumentParser) -> None:
    """The filters `search` and `ask` share, those of the API's `filters`. Values are checked as the API checks
    them (rag.api.validation), not by argparse, so that both refuse the same values in the same words."""
    command.add_argument("--doc", action="append", help="document id or symbol (repeatable)")
    command.add_argument("--respondent", action="append", help="state/organization, any language (repeatable)")
    command.add_argument("--kind", action="append", help="respondent kind: state, organization or none (repeatable)")
    command.add_argument(
        "--lang", action="append", help="original language of the reply: ar, zh, en, fr, ru or es (repeatable)"
    )


def _add_ask(commands: Any) -> None:
    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question")
    ask.add_argument("-k", default=None, help="passages given to the answer stage, 1 to 50 (RAG_ANSWER_K)")
    _add_filters(ask)
    ask.add_argument("--json", action="store_true", help="print the /v1/ask JSON")
    ask.set_defaults(func=cmd_ask)


def _add_serve(commands: Any) -> None:
    serve = commands.add_parser("serve", help="run the HTTP API (builds the index when missing or stale)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--no-build", action="store_true", help="do not build a missing or stale index")
    serve.add_argument(
        "--root-path", dest="root_path", help="prefix a reverse proxy serves the API under, e.g. /qa (RAG_ROOT_PATH)"
    )
    serve.set_defaults(func=cmd_serve)


def _add_eval(commands: Any) -> None:
    evaluation = commands.add_parser("eval", help="evaluate against the development and held-out sets").add_subparsers(
        dest="what", required=True
    )
    retrieval = evaluation.add_parser("retrieval", help="hit@k, evidence recall@k, MRR per language")
    _add_gold(retrieval)
    retrieval.add_argument("-k", type=int, default=10)
    retrieval.add_argument("--out", help=_OUT_HELP.format(what="the JSON report"))
    retrieval.set_defaults(func=cmd_eval_retrieval)
    answers = evaluation.add_parser("answers", help="list F1, yes/no, abstention, citation precision, latency")
    _add_gold(answers)
    answers.add_argument("--out", help=_OUT_HELP.format(what="the JSON report (Markdown beside it)"))
    answers.set_defaults(func=cmd_eval_answers)


_OUT_HELP = "where to write {what}; with several sets, each set's name is added: out-gold.json, out-heldout.json"


def _add_gold(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--gold",
        action="append",
        metavar="PATH",
        help="question file (repeatable); default eval/gold.jsonl, dev.jsonl and dev2.jsonl (development) and "
        "eval/heldout.jsonl (held-out), each reported apart",
    )


def _add_feedback(commands: Any) -> None:
    feedback = commands.add_parser("feedback", help="readers' ratings of answers").add_subparsers(
        dest="action", required=True
    )
    export = feedback.add_parser(
        "export",
        help="print or write the stored feedback (oldest first)",
        description="Print or write what readers said about answers (POST /v1/feedback), oldest first.",
    )
    export.add_argument(
        "--format",
        choices=["jsonl", "csv"],
        default="jsonl",
        help="jsonl (default, exact) or csv (citations as JSON; a text starting with = + - @ gets a leading ')",
    )
    export.add_argument("--out", help="file to write; default standard output")
    export.add_argument("--since", help="only feedback from this ISO date/time on (UTC unless it says otherwise)")
    export.add_argument("--rating", choices=["up", "down"], help="only this rating")
    export.add_argument("--db", dest="feedback_db", type=Path, help="feedback database (RAG_FEEDBACK_DB)")
    export.set_defaults(func=cmd_feedback_export)


def _add_keys(commands: Any) -> None:
    keys = commands.add_parser("keys", help="API keys for RAG_API_KEYS / RAG_API_KEYS_FILE").add_subparsers(
        dest="action", required=True
    )
    keys.add_parser(
        "hash",
        help="print sha256:<hex> of a key read from standard input (or typed, not echoed)",
        description="Print the digest to configure instead of the plain key: echo -n KEY | rag keys hash",
    ).set_defaults(func=cmd_keys_hash)
    new = keys.add_parser(
        "new",
        help="print a new random key and its entry NAME:SCOPES:sha256:<hex>",
        description="Print a new random key (stdout line 1, for the client) and the entry that configures it "
        "(line 2, for RAG_API_KEYS or RAG_API_KEYS_FILE; it holds only the key's digest).",
    )
    new.add_argument("name", help="the key's name, shown in logs and used for its rate limit, e.g. intranet-widget")
    new.add_argument(
        "--scopes", default="ask+search", help="+-joined: ask, search, admin (default ask+search; admin = everything)"
    )
    new.set_defaults(func=cmd_keys_new)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    quiet_libraries()
    try:
        code: int = args.func(args)
        return code
    except RagError as exc:
        print(f"error ({exc.stage}): {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  what to do: {exc.hint}", file=sys.stderr)
        return 2 if isinstance(exc, QueryError | ConfigError) else 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
