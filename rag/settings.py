"""One Settings object, read from RAG_* environment variables (and .env) once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


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
    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own Settings(...) and pass it explicitly."""
    return Settings()
