"""Real-browser helpers for the widget tests: headless Chromium through Playwright, a host-page server on
another origin, and the page that embeds the widget with one script tag."""

from __future__ import annotations

import html
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.support.markers import require

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
WIDGET = "un-rag-widget"
TIMEOUT_MS = 20_000


def _unavailable(reason: str) -> None:
    """CI must run the browser tests: a missing browser there is a failure, elsewhere a skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installs it with apt-get)", pytrace=False)
    pytest.skip(f"{reason}; install it with `apt-get install chromium` to run the widget tests")


def browser_session() -> Iterator[Any]:
    """One headless Chromium for a test module (yields a playwright Browser)."""
    require("browser", "launches Chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_page(browser: Any, width: int = 1280, height: int = 800, **options: Any) -> Iterator[Any]:
    """A fresh context (its own sessionStorage) and page; console errors are collected on `page.errors`."""
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()


class HostPages:
    """Serves host pages from memory on its own loopback port: another origin than the API's."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.other_origin = f"http://localhost:{self.port}"  # same server, a different origin for the browser
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                body = pages.get(self.path.split("?")[0])
                data = (body if body is not None else "not found").encode("utf-8")
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def add(self, path: str, body: str) -> str:
        self.pages[path] = body
        return self.origin + path

    def __enter__(self) -> HostPages:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# The host page's own CSS clashes with everything the widget uses; none of it may reach the widget, and the
# widget's rules must not reach the page's .panel, .chip and mark.
HOST_CSS = """
* { font-family: Georgia, serif; letter-spacing: 3px; }
button { background: rgb(255, 0, 0); color: rgb(255, 255, 0); text-transform: uppercase; border: 4px dashed black; }
div { padding: 9px; border: 1px dotted gray; }
mark { background: rgb(0, 255, 0); }
.panel { background: rgb(10, 20, 30); color: white; }
.chip { color: rgb(1, 2, 3); }
"""


def host_page(script_src: str, page_lang: str = "en", **data: str) -> str:
    """An intranet-like page embedding the widget with one script tag; `data` become data-* attributes."""
    attributes = "".join(f' data-{name.replace("_", "-")}="{html.escape(value)}"' for name, value in data.items())
    return f"""<!doctype html>
<html lang="{page_lang}"><head><meta charset="utf-8"><title>Intranet</title><style>{HOST_CSS}</style></head>
<body>
<div class="panel" id="host-panel">Host panel</div>
<button class="chip" id="host-chip">Host button</button>
<p>Our <mark id="host-mark">intranet</mark> page.</p>
<script src="{html.escape(script_src)}"{attributes} defer></script>
</body></html>"""


def visit(page: Any, host: HostPages, server: str, page_lang: str = "en", **data: str) -> None:
    """Opens a new host page (on the host's origin) that embeds `server`/widget.js; waits for the widget."""
    path = f"/page-{len(host.pages)}"
    host.add(path, host_page(f"{server}/widget.js", page_lang, **data))
    page.goto(host.origin + path)
    wait_for_widget(page)


def wait_for_widget(page: Any) -> None:
    page.wait_for_function("tag => document.querySelector(tag)?.shadowRoot?.querySelector('.launcher')", arg=WIDGET)


def expect(target: Any) -> Any:
    """playwright's retrying assertions (imported late: without playwright the tests skip, not error)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def screenshot(page: Any, name: str, directory: Path = SCREENSHOTS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled")
    return path


# --- driving the widget (Playwright's CSS selectors pierce open shadow roots) ---


def open_widget(page: Any) -> None:
    page.locator(f"{WIDGET} .launcher").click()
    page.locator(f"{WIDGET} .panel").wait_for(state="visible")
    page.wait_for_function(  # the opening animation has run: the panel is where it stays
        "tag => !document.querySelector(tag).shadowRoot.querySelector('.panel').getAnimations().length", arg=WIDGET
    )


def ask(page: Any, question: str) -> Any:
    """Types the question, sends it with Enter, waits for the rendered answer; returns the answer's bubble."""
    answers = page.locator(f"{WIDGET} .msg.bot:has(.actions)")
    before = answers.count()
    box = page.locator(f"{WIDGET} .compose textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        """([tag, n]) => {
            const root = document.querySelector(tag).shadowRoot;
            return root.querySelectorAll('.msg.bot .actions').length > n || root.querySelector('.msg.error');
        }""",
        arg=[WIDGET, before],
    )
    error = page.locator(f"{WIDGET} .msg.error")
    assert not error.count(), error.first.inner_text()
    return answers.nth(before)


def shadow_eval(page: Any, script: str, arg: Any = None) -> Any:
    """Evaluates `(root, arg) => …` with the widget's shadow root."""
    return page.evaluate(
        f"([tag, arg]) => ({script})(document.querySelector(tag).shadowRoot, arg)",
        [WIDGET, arg],
    )
