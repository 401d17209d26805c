"""The composition root: from Settings, the service (index + retriever), the language-model client and the
answerer, assembled in this one place for the command line (`rag ask`, `rag eval answers`, `rag serve`) and the
API alike."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from rag.core.errors import IndexNotFound, RagError
from rag.core.settings import Settings
from rag.core.types import Answer
from rag.retrieval.service import Service

if TYPE_CHECKING:  # LangChain loads with these; `rag search` never needs them
    from rag.answering.pipeline import Answerer
    from rag.llm.client import LLMClient


# An absolute file path in an error message: a slash that no word, path or URL character precedes, up to a
# space, quote, bracket or punctuation that ends a path in a sentence.
_ABSOLUTE_PATH = re.compile(r"(?<![\w/.:~-])/[^\s'\"()\[\]{},;:]*")


def without_paths(text: str) -> str:
    """`text` with every absolute file path cut to its last part (/srv/rag/index/builds/X -> …/X), for whatever a
    client reads; operators' logs keep the whole paths."""
    return _ABSOLUTE_PATH.sub(lambda m: "…/" + m.group().rstrip("/").rsplit("/", 1)[-1], text)


def public_error(exc: RagError) -> RagError:
    """A copy of `exc` (same class and attributes) whose message and hint name no server path."""
    public: RagError = exc.__class__.__new__(exc.__class__)
    public.__dict__.update(exc.__dict__)
    public.message = without_paths(exc.message)
    public.hint = without_paths(exc.hint) if exc.hint else exc.hint
    public.args = (public.message,)
    return public


def load_service(settings: Settings) -> Service:
    """The index at settings.index_dir, verified, with its retriever (and query encoder when it is hybrid)."""
    return Service.load(settings)


class Runtime:
    """What answers questions: one model client for the runtime's life, and the service being served, which a
    reload may swap; the answerer is built for whichever service is served. Close it (or use `with`) to close
    the model client's connections."""

    def __init__(
        self,
        settings: Settings,
        service: Service | None = None,
        llm: LLMClient | None = None,
        on_answer: Callable[[Answer], None] | None = None,
    ) -> None:
        self.settings = settings
        self.llm = llm
        self.on_answer = on_answer  # told about every finished answer (metrics and logs, at the edge)
        self.service = service  # None until loaded
        self.load_error: RagError | None = None
        self._answerer: Answerer | None = None

    @classmethod
    def start(
        cls, settings: Settings, service: Service | None = None, on_answer: Callable[[Answer], None] | None = None
    ) -> Runtime:
        """A runtime with the model client the settings name (none: answers are extractive)."""
        from rag.llm.client import llm_from_settings

        return cls(settings, service, llm_from_settings(settings), on_answer)

    def load(self) -> Service:
        """Load the index at settings.index_dir and serve it; a failure is raised as it is (for the operator) and
        kept without its server paths (see `current`: clients are told it)."""
        try:
            service = load_service(self.settings)
        except RagError as exc:
            self.load_error = public_error(exc)
            raise
        self.swap(service)
        return service

    def swap(self, service: Service) -> None:
        """Serve `service` from now on: one reference assignment, so a request sees the old service or the new."""
        self.service = service
        self.load_error = None

    def current(self) -> Service:
        """The service being served; raises why there is none (the load's error, or not loaded yet)."""
        service = self.service
        if service is None:
            raise self.load_error or IndexNotFound("the index is not loaded yet")
        return service

    def answerer(self, service: Service | None = None) -> Answerer:
        """The answerer of `service` (default: the one serving now). A caller asks once and keeps what it got,
        so a reload that swaps the service in between never mixes the old index with the new."""
        from rag.answering.pipeline import Answerer

        service = service or self.current()
        found = self._answerer
        if found is None or found.service is not service:
            found = Answerer(service, self.llm, on_answer=self.on_answer)
            self._answerer = found
        return found

    def close(self) -> None:
        if self.llm is not None:
            self.llm.close()

    def __enter__(self) -> Runtime:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
