"""The token bucket (rag.api.ratelimit): a burst at once, refilled at the rate with an injected clock, the wait
a refused request is told (Retry-After), identities kept apart and forgotten when idle, thread safety."""

from __future__ import annotations

import threading

import pytest

from rag.api.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_bucket_allows_a_burst_then_refills_at_the_rate() -> None:
    now = Clock()
    limiter = RateLimiter(per_minute=30, burst=3, now=now)  # a token every 2 s
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(2.0)
    now.now += 1.5
    assert limiter.take("a") == pytest.approx(0.5)
    now.now += 0.5
    assert limiter.take("a") == 0.0 and limiter.take("a") > 0
    now.now += 3600  # refilled to the burst, never beyond it
    assert [limiter.take("a") for _ in range(4)][-1] > 0


def test_idle_identities_are_forgotten_and_memory_is_bounded() -> None:
    now = Clock()
    limiter = RateLimiter(per_minute=60, burst=5, max_identities=100, now=now)
    for n in range(1000):
        limiter.take(f"ip:{n}")
    assert len(limiter) == 100  # the least recently seen went first
    now.now += 5  # long enough for every bucket to refill: they are all the same as new ones
    limiter.take("someone")
    assert len(limiter) == 1
    with pytest.raises(ValueError):
        RateLimiter(per_minute=0, burst=1)


def test_the_bucket_is_thread_safe() -> None:
    limiter = RateLimiter(per_minute=60, burst=50, now=Clock())
    granted: list[bool] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(20):
            ok = limiter.take("shared") == 0.0
            with lock:
                granted.append(ok)

    threads = [threading.Thread(target=hammer) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(granted) == 50 and len(granted) == 200


def test_each_identity_has_its_own_bucket() -> None:
    limiter = RateLimiter(per_minute=60, burst=1, now=Clock())
    assert limiter.take("key:a") == 0.0 and limiter.take("key:a") == pytest.approx(1.0)
    assert limiter.take("key:b") == 0.0  # a's empty bucket costs b nothing
    assert len(limiter) == 2


def test_the_wait_is_until_the_next_whole_token() -> None:
    now = Clock()
    limiter = RateLimiter(per_minute=6, burst=2, now=now)  # a token every 10 s
    assert limiter.take("a") == 0.0 and limiter.take("a") == 0.0
    assert limiter.take("a") == pytest.approx(10.0)  # what Retry-After is made of
    now.now += 4
    assert limiter.take("a") == pytest.approx(6.0)  # a refused request uses no token
    now.now += 6
    assert limiter.take("a") == 0.0


@pytest.mark.parametrize(("per_minute", "burst", "identities"), [(0, 1, 1), (-1, 1, 1), (60, 0, 1), (60, 1, 0)])
def test_limits_that_would_never_let_a_request_through_are_refused(
    per_minute: int, burst: int, identities: int
) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        RateLimiter(per_minute=per_minute, burst=burst, max_identities=identities)
