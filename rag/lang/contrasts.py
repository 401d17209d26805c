"""Words of the documents' Chinese that say the contrary of another (rag/lang/data/contrasts.tsv): export and
import, ratifying and signing. A question asking about the first is not answered by a passage that says only the
second."""

from __future__ import annotations

import functools
from pathlib import Path

DATA_PATH = Path(__file__).parent / "data" / "contrasts.tsv"


@functools.cache
def pairs() -> tuple[tuple[str, str], ...]:
    """(asked, said) pairs, in the order of the file."""
    rows = (line.split("\t") for line in DATA_PATH.read_text(encoding="utf-8").splitlines())
    found = [(row[0].strip(), row[1].strip()) for row in rows if len(row) == 2 and not row[0].startswith("#")]
    return tuple(pair for pair in found[1:] if all(pair))  # the first row names the columns


def said_instead(forms: tuple[str, ...], passage: str) -> str | None:
    """The contrary a passage says of a term (its Chinese `forms`) when it never says the word the term holds: 进口
    for a term of exporting (出口许可证) in a passage without 出口; None otherwise."""
    for asked, said in pairs():
        if any(asked in form for form in forms) and asked not in passage and said in passage:
            return said
    return None
