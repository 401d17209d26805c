"""The words jieba is taught before cutting Chinese (the glossary's, the names table's and the segmenter_words list),
and their fingerprint: passages and queries must be cut with the same dictionary, so an index records it and is stale
when it changes."""

from __future__ import annotations

import hashlib
from functools import cache

from rag.indexing import lexical


@cache
def _segmenter_words() -> tuple[str, ...]:
    """The glossary's and the names table's Chinese and the words listed for the segmenter, sorted (all are fixed for
    the process)."""
    from rag.lang import stopwords
    from rag.lang.glossary import default_glossary
    from rag.lang.names import default_names

    return tuple(
        sorted(
            {zh for term in default_glossary().terms for zh in term.zh}
            | {name for entity in default_names() for name in entity.names.get("zh", ())}
            | stopwords.read("segmenter_words", "zh")
        )
    )


@cache
def dictionary_fingerprint() -> str:
    """Identifies the words taught to jieba (the glossary's and the names table's Chinese)."""
    return hashlib.sha256("\n".join(_segmenter_words()).encode("utf-8")).hexdigest()[:16]


def prepare_segmenter() -> str:
    """Teach jieba the UN terms and state names; returns a fingerprint recorded in the manifest, since
    queries must be cut with the same dictionary as the passages."""
    lexical.add_words(_segmenter_words())
    return dictionary_fingerprint()
