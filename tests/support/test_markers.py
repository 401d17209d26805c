"""The `slow` and `browser` markers are enforced (tests/support/markers.py): pytest run on small test files."""

from __future__ import annotations

import pytest

PLUGIN = ["-p", "tests.support.markers", "-p", "no:cacheprovider"]


@pytest.fixture(autouse=True)
def only_the_plugin_under_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runs inside these tests load no installed plugin (LangSmith's takes seconds), only markers.py."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


CONFTEST = """
import pytest

@pytest.fixture(scope="module")
def browser():
    return "a browser"
"""

# A module's own fixture that does heavy work: the helpers call `require` (as build_tiny_model does).
HEAVY_MODULE = """
import pytest
from tests.support.markers import require

@pytest.fixture(scope="module")
def model():
    require("slow", "builds a model")
    return "a model"

@pytest.mark.slow
def test_marked(model):
    assert model

def test_reuses_the_cached_model(model):
    assert model

def test_builds_one_itself():
    require("slow", "builds a model")
"""


def test_a_test_using_the_browser_fixture_unmarked_fails_before_it_starts(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(
        test_pages="""
        import pytest

        def test_unmarked(browser):
            raise AssertionError("never set up")

        @pytest.mark.browser
        def test_marked(browser):
            assert browser == "a browser"

        def test_light():
            pass
        """
    )
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*test_unmarked: it uses 'browser', so it must be marked @pytest.mark.browser*"])
    assert "never set up" not in result.stdout.str()


def test_heavy_work_in_a_fixture_or_the_test_needs_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_model=HEAVY_MODULE)
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(passed=1, failed=1, errors=1)
    # the cached value counts: the fixture is known to be heavy once it has been
    result.stdout.fnmatch_lines(["*test_reuses_the_cached_model: it uses 'model', so it must be marked *slow*"])
    result.stdout.fnmatch_lines(["*test_builds_one_itself builds a model but is not marked @pytest.mark.slow*"])


def test_the_fast_loop_cannot_build_what_a_deselected_test_would_have(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_model=HEAVY_MODULE)
    result = pytester.runpytest(*PLUGIN, "-m", "not slow and not browser")
    result.assert_outcomes(failed=1, errors=1, deselected=1)
    result.stdout.fnmatch_lines(["*builds a model (in the fixture 'model') but is not marked @pytest.mark.slow*"])


def test_both_markers_are_registered(pytestconfig: pytest.Config) -> None:
    registered = {line.split(":")[0] for line in pytestconfig.getini("markers")}
    assert {"slow", "browser"} <= registered
