"""Screenshots of the demo page, for people to look at (an artifact of CI, not a test).

    python3 -m tests.support.screenshots [--out artifacts/screenshots]

Indexes the bundled corpus (lexical, extractive answers) into a temporary folder, serves the app on a loopback
port under a path prefix (/qa, as behind a reverse proxy: the widget must find the API next to its own
script), and drives headless Chromium (/usr/bin/chromium, through Playwright) through the demo page: closed,
a list answer, an answer, a cited passage with its context, a 360 px screen, the dark scheme, and an Arabic
conversation (right to left, Arabic labels, Chinese quotes) at desktop width and at 360 px.

Without Chromium or Playwright there is nothing to take: it says so and exits 0, or 1 under CI=true (.ci/run
installs Chromium). With them, any failure is loud: a traceback and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.support.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SCREENSHOTS,
    WIDGET,
    ask,
    new_page,
    open_widget,
    screenshot,
    wait_for_widget,
)

NORWAY = "Does Norway support resolution 76/234?"
OPPOSE = "Which states oppose resolution 76/234?"
EXPORT_CONTROLS = "What did Norway say about export controls?"
ARABIC_STANCE = "ما موقف النرويج من القرار 76/234؟"  # "What is Norway's position on resolution 76/234?"
ARABIC_OPPOSE = "ما هي الدول التي تعارض القرار 76/234؟"  # "Which states oppose resolution 76/234?"
MIN_BYTES = 10_000  # a blank or broken page compresses to less


def missing_browser() -> str | None:
    """Why no screenshot can be taken here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def take(browser: Any, url: str, out: Path) -> list[Path]:
    """The demo page at `url` (the app's root, /qa), in the states people want to see; returns the files."""
    with new_page(browser) as page:
        page.goto(f"{url}/demo")
        wait_for_widget(page)
        shots = [screenshot(page, "demo-closed", out)]
        open_widget(page)
        ask(page, OPPOSE)
        shots.append(screenshot(page, "demo-list-answer", out))
        with page.expect_request(lambda request: request.url.startswith(f"{url}/v1/ask/stream")):
            ask(page, EXPORT_CONTROLS)
        shots.append(screenshot(page, "demo-answer", out))
        page.locator(f"{WIDGET} .answer .chip").last.click()
        page.get_by_role("button", name="Show context").click()
        page.locator(f"{WIDGET} .context.before").wait_for()
        shots.append(screenshot(page, "demo-citation", out))
    with new_page(browser, width=360, height=740) as page:
        page.goto(f"{url}/demo")
        wait_for_widget(page)
        shots.append(screenshot(page, "demo-360px-closed", out))
        open_widget(page)
        ask(page, NORWAY)
        shots.append(screenshot(page, "demo-360px-answer", out))
    for width, name in ((1280, "demo-arabic"), (360, "demo-360px-arabic")):
        with new_page(browser, width=width, height=800 if width > 360 else 740) as page:
            page.goto(f"{url}/demo")
            wait_for_widget(page)
            open_widget(page)
            ask(page, ARABIC_OPPOSE)
            ask(page, ARABIC_STANCE)
            shots.append(screenshot(page, name, out))
    with new_page(browser, color_scheme="dark") as page:
        page.goto(f"{url}/demo")
        wait_for_widget(page)
        open_widget(page)
        ask(page, NORWAY)
        shots.append(screenshot(page, "demo-dark", out))
    return shots


def behind_a_proxy(app: Any, prefix: str) -> Any:
    """The app as a reverse proxy that strips `prefix` presents it."""

    async def proxied(scope: Any, receive: Any, send: Any) -> None:
        await app({**scope, "root_path": prefix}, receive, send)

    return proxied


def run(out: Path, work: Path) -> list[Path]:
    """Indexes the bundled corpus into `work`, serves it and takes the screenshots into `out`."""
    from playwright.sync_api import sync_playwright

    from rag.api.app import create_app
    from rag.core.settings import Settings
    from rag.indexing.store import build_index
    from tests.conftest import REPO
    from tests.support.live_server import serve

    settings = Settings(
        corpus_dir=REPO / "corpus",
        index_dir=work / "index" / "current",
        embedding_model="",
        llm_base_url=None,
        feedback_db=work / "feedback.sqlite3",
    )
    build_index(settings, progress=False)
    app = behind_a_proxy(create_app(settings), "/qa")
    with serve(app) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return take(browser, f"{url}/qa", out)
        finally:
            browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SCREENSHOTS, help=f"where the PNGs go (default {SCREENSHOTS})")
    args = parser.parse_args(argv)
    missing = missing_browser()
    if missing:
        ci = os.environ.get("CI", "").lower() == "true"
        print(f"screenshots: none taken: {missing}", file=sys.stderr)
        return 1 if ci else 0
    with tempfile.TemporaryDirectory(prefix="rag-screenshots-") as work:
        shots = run(args.out, Path(work))
    small = [shot for shot in shots if shot.stat().st_size < MIN_BYTES]
    for shot in shots:
        print(f"screenshots: {shot} ({shot.stat().st_size} bytes)")
    if small:
        print(f"screenshots: under {MIN_BYTES} bytes, blank or broken: {small}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
