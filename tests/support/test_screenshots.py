"""The screenshot step (tests/support/screenshots.py) without a browser: it says why and fails only under CI;
the screenshots themselves are taken by .ci/run after the tests."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.support import screenshots


@pytest.mark.parametrize(("ci", "status"), [("", 0), ("true", 1)])
def test_without_chromium_it_says_why_and_fails_only_under_ci(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path, ci: str, status: int
) -> None:
    monkeypatch.setattr(screenshots, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    assert screenshots.main(["--out", str(tmp_path / "shots")]) == status
    assert f"none taken: no Chromium at {tmp_path / 'no-chromium'}" in capsys.readouterr().err
    assert not (tmp_path / "shots").exists()


def test_the_app_is_served_as_a_proxy_that_strips_the_prefix_presents_it() -> None:
    seen: list[dict[str, Any]] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(scope)

    asyncio.run(screenshots.behind_a_proxy(app, "/qa")({"type": "http", "path": "/demo"}, None, None))
    assert seen == [{"type": "http", "path": "/demo", "root_path": "/qa"}]
