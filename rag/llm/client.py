"""The one place the service talks to a language model: an OpenAI-compatible server through LangChain."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import openai
import pydantic
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_openai import ChatOpenAI

from rag.core.errors import ConfigError, LLMError
from rag.core.settings import Settings

try:  # openai>=3 talks through httpx2 (httpx's drop-in successor), older versions through httpx
    import httpx2 as http_lib
except ImportError:  # pragma: no cover
    import httpx as http_lib  # type: ignore[no-redef]

_URL_HINT = "check RAG_LLM_BASE_URL and that the server is running"
_TIMEOUT_HINT = "raise RAG_LLM_TIMEOUT, or use a smaller/faster model (RAG_LLM_MODEL)"
_OUTPUT_HINT = "check that RAG_LLM_BASE_URL is an OpenAI-compatible /v1 endpoint and RAG_LLM_MODEL a chat model"


@dataclass(frozen=True)
class ChatMessage:
    role: Literal["system", "user", "assistant"]
    content: str


def _to_langchain(messages: Sequence[ChatMessage]) -> list[BaseMessage]:
    kinds: dict[str, type[BaseMessage]] = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


class LLMClient:
    """Chat completions with temperature 0, no retries and one deadline per call; every failure is an LLMError."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_base_url:
            raise ConfigError("no LLM server configured", "set RAG_LLM_BASE_URL, e.g. http://localhost:11434/v1")
        self.model = settings.llm_model
        self.base_url = settings.llm_base_url
        self.api_key = settings.llm_api_key or "not-needed"  # local servers want none, the SDK wants some
        self.timeout = settings.llm_timeout
        self.max_tokens = settings.llm_max_tokens
        self._chat = ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=pydantic.SecretStr(self.api_key),
            temperature=0,
            max_retries=0,  # the caller falls back to an extractive answer instead
            timeout=self.timeout,
        )

    def close(self) -> None:
        """Close the pooled connections."""
        self._chat.root_client.close()

    def _options(self, max_tokens: int | None, json_mode: bool) -> dict[str, Any]:
        # Sent as `max_tokens`, which every OpenAI-compatible server reads; ChatOpenAI's own max_tokens
        # goes out as `max_completion_tokens`, which older local servers ignore.
        options: dict[str, Any] = {"extra_body": {"max_tokens": max_tokens or self.max_tokens}}
        if json_mode:
            options["response_format"] = {"type": "json_object"}
        return options

    def complete(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, json_mode: bool = False
    ) -> str:
        try:
            result = self._chat.invoke(_to_langchain(messages), **self._options(max_tokens, json_mode))
        except Exception as exc:
            raise self._error(exc) from exc
        return self._text(result)

    def stream(self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None) -> Iterator[str]:
        """Yield text deltas. A silent gap longer than the timeout, or the whole stream outlasting it, raises."""
        deadline = time.monotonic() + self.timeout
        produced = False
        try:
            for chunk in self._chat.stream(_to_langchain(messages), **self._options(max_tokens, False)):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"stream still running after {self.timeout:g} s")
                if chunk.text:
                    produced = True
                    yield chunk.text
        except Exception as exc:
            raise self._error(exc) from exc
        if not produced:
            raise self._empty()

    def _text(self, result: BaseMessage) -> str:
        text = result.text
        if not text.strip():
            raise self._empty()
        return text

    def _empty(self) -> LLMError:
        return LLMError(f"LLM {self.model!r} returned an empty answer", _OUTPUT_HINT, reason="empty")

    def _error(self, exc: Exception) -> LLMError:
        """Translate whatever the openai/httpx/LangChain stack raised into an LLMError with a next step."""
        where = f"LLM server {self.base_url}"
        if isinstance(exc, openai.APITimeoutError | http_lib.TimeoutException | TimeoutError):
            return LLMError(f"{where} did not answer within {self.timeout:g} s", _TIMEOUT_HINT, reason="timeout")
        if isinstance(exc, openai.APIConnectionError | http_lib.TransportError):
            return LLMError(f"cannot connect to {where}: {exc}", _URL_HINT, reason="connection")
        if isinstance(exc, openai.APIStatusError):
            hint = "check RAG_LLM_MODEL" if exc.status_code == 404 else "check the LLM server's logs"
            if exc.status_code in (401, 403):
                hint = "check RAG_LLM_API_KEY"
            detail = exc.message.removeprefix(f"Error code: {exc.status_code} - ")
            message = f"{where} answered HTTP {exc.status_code}: {_short(detail)}"
            return LLMError(message, f"{hint}; RAG_LLM_BASE_URL={self.base_url}", reason="http")
        malformed = (openai.APIResponseValidationError, pydantic.ValidationError, json.JSONDecodeError, ValueError)
        if isinstance(exc, (*malformed, KeyError, TypeError, AttributeError, IndexError)):
            message = f"{where} sent a body that is not a chat completion ({type(exc).__name__}: {_short(str(exc))})"
            return LLMError(message, _OUTPUT_HINT, reason="malformed")
        message = f"{where} failed: {type(exc).__name__}: {_short(str(exc))}"
        return LLMError(message, _URL_HINT, reason="http" if isinstance(exc, openai.APIError) else "malformed")


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def llm_from_settings(settings: Settings) -> LLMClient | None:
    """The configured client, or None when no server is set (the service then answers extractively)."""
    return LLMClient(settings) if settings.llm_base_url else None
