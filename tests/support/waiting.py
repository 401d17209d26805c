"""Waiting in tests for something another thread or process does, bounded in time."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(condition: Callable[[], object], seconds: float = 5.0) -> bool:
    """True as soon as `condition()` is true; False when `seconds` pass first."""
    until = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > until:
            return False
        time.sleep(0.02)
    return True
