"""The `slow` and `browser` markers, enforced: a heavy test cannot sneak into the fast loop unmarked.

`python3 -m pytest -m "not slow and not browser"` is the loop a developer runs after every change; it only stays
fast if every test that launches Chromium is marked `browser` and every test that builds a model (or otherwise
takes seconds) is marked `slow`. Two checks make the first two automatic:

- by name: a test that uses one of HEAVY_FIXTURES (directly or through another fixture) must carry that
  fixture's marker, checked before any fixture is set up;
- at run time: the helpers that do the heavy work (tests/support/browser.py's `browser_session`,
  tests/support/tiny_model.py's `build_tiny_model`) call `require(marker, ...)`, which fails the test being set
  up or run unless it carries the marker, wherever the call comes from (a module's own fixture, the test body).
  A fixture that did so is remembered, so a later test that reuses its cached value needs the marker too.

Load-heavy tests that use neither (many clients for seconds, schemathesis) are marked by hand.
tests/conftest.py loads this module as a plugin.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

MARKERS = {
    "slow": "builds models, runs schemathesis or many clients for seconds; not in the fast loop",
    "browser": "drives headless Chromium; not in the fast loop",
}

# Fixtures (tests/conftest.py) whose value costs a browser or a model build: the marker their users need.
HEAVY_FIXTURES = {
    "browser": "browser",
    "tiny_model_path": "slow",
    "hybrid_settings": "slow",
}


def missing_markers(item: pytest.Item, heavy: dict[str, str]) -> list[str]:
    """One line for each marker the item needs, through the heavy fixtures it uses, and does not carry."""
    used = sorted(set(getattr(item, "fixturenames", ())) & heavy.keys())
    problems = []
    for marker in sorted({heavy[name] for name in used}):
        if item.get_closest_marker(marker) is None:
            names = ", ".join(repr(name) for name in used if heavy[name] == marker)
            problems.append(f"it uses {names}, so it must be marked @pytest.mark.{marker}")
    return problems


class MarkerCheck:
    """The checks of one pytest run: the test being set up or run, the fixtures being set up, and the fixtures
    found doing heavy work (whose later users need the marker too, though the value comes from the cache)."""

    def __init__(self) -> None:
        self.current: pytest.Item | None = None
        self.fixtures: list[str] = []
        self.learned: dict[str, str] = {}

    def require(self, marker: str, what: str) -> None:
        if self.current is None:
            return
        for fixture in self.fixtures:
            self.learned.setdefault(fixture, marker)
        if self.current.get_closest_marker(marker) is None:
            through = f" (in the fixture {self.fixtures[-1]!r})" if self.fixtures else ""
            pytest.fail(
                f"{self.current.nodeid} {what}{through} but is not marked @pytest.mark.{marker}: "
                "mark it, so that the fast loop (-m 'not slow and not browser') leaves it out",
                pytrace=False,
            )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        problems = missing_markers(item, {**self.learned, **HEAVY_FIXTURES})
        if problems:
            pytest.fail(f"{item.nodeid}: " + "; ".join(problems), pytrace=False)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, Any, Any]:
        self.current = item
        try:
            return (yield)
        finally:
            self.current = None

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[Any]) -> Generator[None, Any, Any]:
        self.fixtures.append(fixturedef.argname)
        try:
            return (yield)
        finally:
            self.fixtures.pop()


_runs: list[MarkerCheck] = []  # a run inside a run (pytester) checks its own tests


def require(marker: str, what: str) -> None:
    """Fails the test being set up or run unless it is marked `marker`; `what` says what it was about to do.

    Outside a pytest run (a script building a model) this does nothing.
    """
    if _runs:
        _runs[-1].require(marker, what)


def pytest_configure(config: pytest.Config) -> None:
    for name, description in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")
    check = MarkerCheck()
    _runs.append(check)
    config.pluginmanager.register(check, "marker-check")


def pytest_unconfigure(config: pytest.Config) -> None:
    check = config.pluginmanager.get_plugin("marker-check")
    if check in _runs:
        _runs.remove(check)
