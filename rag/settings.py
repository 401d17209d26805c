"""One Settings object, read from RAG_* environment variables (and .env) once per process."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
_SHA256 = re.compile(r"sha256:[0-9a-f]{64}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def key_digest(entry: str) -> str:
    """`sha256:<hex>` for a configured key: digests are kept as given, plain keys are hashed so that the
    process never holds them."""
    entry = entry.strip()
    if entry.lower().startswith("sha256:"):
        if not _SHA256.fullmatch(entry.lower()):
            raise ValueError("an api_keys entry starting with sha256: needs 64 hexadecimal digits after it")
        return entry.lower()
    return "sha256:" + hashlib.sha256(entry.encode("utf-8")).hexdigest()


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
    model_config = SettingsConfigDict(env_prefix="RAG_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(REPO_ROOT / "corpus", description="Directory of report files and corpus.yaml.")
    index_dir: Path = Field(REPO_ROOT / "index" / "current", description="Directory of the built index.")
    embedding_model: str = Field(
        "BAAI/bge-m3",
        description="sentence-transformers model name or local path; empty string = lexical only.",
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
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank fusion constant.")
    candidates: int = Field(100, ge=10, description="Candidates taken from each retriever before fusion.")
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible server, e.g. http://localhost:11434/v1; unset = extractive answers."
    )
    llm_model: str = Field("qwen2.5:7b-instruct", description="Model name the LLM server knows.")
    llm_api_key: str | None = Field(None, description="Bearer key for the LLM server, if it wants one.")
    llm_timeout: float = Field(30.0, gt=0, description="Seconds to wait for the LLM before answering extractively.")
    llm_max_tokens: int = Field(700, ge=16, description="Most tokens the LLM may write per answer.")
    llm_concurrency: int = Field(8, ge=1, description="Concurrent LLM calls when checking respondents one by one.")
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
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port]) whose pages may call /v1/*; comma-separated or JSON; * = any.",
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Keys /v1/* accepts (X-API-Key or Authorization: Bearer); plain or sha256:<hex>; empty = open.",
    )
    trusted_user_header: str | None = Field(
        None,
        description="Header a trusted reverse proxy sets to the signed-in user, e.g. X-Forwarded-User; when set, "
        "/v1/* needs it or a valid API key.",
    )

    _lists = field_validator("cors_origins", "api_keys", mode="before")(_list)

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(normalise_origin(entry) for entry in value if entry.strip()))

    @field_validator("api_keys")
    @classmethod
    def _keys(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(key_digest(entry) for entry in value if entry.strip()))

    _root = field_validator("root_path")(normalise_root_path)

    @field_validator("trusted_user_header")
    @classmethod
    def _header(cls, value: str | None) -> str | None:
        return value.strip() or None if value else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own Settings(...) and pass it explicitly."""
    return Settings()
