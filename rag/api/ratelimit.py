"""The rate limiter: a token bucket per identity (rag.api.access chooses the identity)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class RateLimiter:
    """A token bucket per identity: `burst` requests at once, refilled at `per_minute`. Thread-safe; an identity
    idle long enough to have refilled is forgotten (a full bucket is the same as a new one), and at most
    `max_identities` are kept (the least recently seen go first)."""

    def __init__(
        self, per_minute: int, burst: int, max_identities: int = 10_000, now: Callable[[], float] | None = None
    ) -> None:
        if per_minute <= 0 or burst < 1 or max_identities < 1:
            raise ValueError("per_minute, burst and max_identities must be positive")
        self.per_minute, self.burst = per_minute, burst
        self.rate = per_minute / 60.0  # tokens a second
        self.max_identities = max_identities
        self._now = now
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # identity -> (tokens, when)
        self._lock = threading.Lock()

    def take(self, identity: str) -> float:
        """0.0 when the request may go ahead (it used a token), else the seconds until the next token."""
        now = (self._now or time.monotonic)()
        with self._lock:
            tokens, then = self._buckets.pop(identity, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + max(0.0, now - then) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[identity] = (tokens - 1 if wait == 0.0 else tokens, now)
            self._evict(now)
        return wait

    def _evict(self, now: float) -> None:
        refill = self.burst / self.rate
        while len(self._buckets) > 1:
            _, then = next(iter(self._buckets.values()))  # the least recently seen
            if len(self._buckets) <= self.max_identities and now - then < refill:
                break
            self._buckets.popitem(last=False)

    def __len__(self) -> int:
        return len(self._buckets)
