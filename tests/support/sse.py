"""Reading server-sent event streams in tests."""

from __future__ import annotations

import json
from typing import Any


def parse_events(text: str) -> list[tuple[str, Any]]:
    """Server-sent event frames ("event: x\\ndata: {...}\\n\\n") as (event, data) pairs."""
    events = []
    for block in text.split("\n\n"):
        if not block.strip():
            continue
        fields = dict(line.split(": ", 1) for line in block.split("\n"))
        assert set(fields) == {"event", "data"}, block
        events.append((fields["event"], json.loads(fields["data"])))
    return events
