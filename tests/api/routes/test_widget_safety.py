"""The widget's safety and failure modes in a real browser: HTML in a corpus passage or in the model's answer is
shown as text, never run; a page on an origin the service does not allow is refused; a missing API key, a
stream error and an unreachable service each show a clear message."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.indexing.store import build_index
from rag.retrieval.service import Service
from tests.conftest import REPO, write_corpus
from tests.support.browser import WIDGET, HostPages, ask, expect, new_page, open_widget, shadow_eval, visit
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.live_server import serve
from tests.support.samples import EN_SAMPLE

pytestmark = pytest.mark.browser

W = WIDGET
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
NORWAY = "Does Norway support resolution 76/234?"
NO_HTML = re.compile(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|eval\(")


def assert_inert(page: Any) -> None:
    """Nothing the payloads carry became an element or ran."""
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert shadow_eval(page, "(root) => root.querySelectorAll('img, script, iframe, object').length") == 0
    assert page.locator("img, script:not([src])").count() == 0


def test_the_widget_script_never_writes_html() -> None:
    source = (REPO / "rag" / "static" / "widget.js").read_text(encoding="utf-8")
    assert not NO_HTML.findall(source)


def test_html_in_a_corpus_passage_is_shown_as_text(browser: Any, host: HostPages, tmp_path: Path) -> None:
    sentence = "Cuba rejects unilateral coercive measures."
    assert sentence in EN_SAMPLE
    corpus = write_corpus(tmp_path / "corpus")
    payload = f"Cuba rejects unilateral coercive measures {IMG} and {SCRIPT} in all its forms."
    (corpus / "S_2.en.txt").write_text(EN_SAMPLE.replace(sentence, payload), encoding="utf-8")
    settings = Settings(
        corpus_dir=corpus,
        index_dir=tmp_path / "index" / "current",
        embedding_model="",
        llm_base_url=None,
        cors_origins=[host.origin],
        feedback_db=tmp_path / "feedback.sqlite3",
    )
    build_index(settings, progress=False)
    with serve(create_app(settings)) as api, new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        answer = ask(page, "What did Cuba say about unilateral coercive measures?")
        text = answer.locator(".answer").inner_text()
        assert IMG in text and SCRIPT in text
        answer.locator(".answer .chip").first.click()
        mark = page.locator(f"{W} .passage mark")
        assert IMG in mark.inner_text() and SCRIPT in mark.inner_text()
        page.get_by_role("button", name="Show context").click()
        expect(page.locator(f"{W} .context.before")).to_contain_text("Australia")
        page.reload()  # and again from sessionStorage
        page.locator(f"{W} .msg.bot .actions").wait_for()
        assert IMG in page.locator(f"{W} .msg.bot .answer").inner_text()
        assert_inert(page)
        assert page.errors == []


def test_html_and_markdown_from_the_model_are_rendered_safely(
    browser: Any, host: HostPages, settings: Settings, service: Service, scripted_llm: ScriptedLLM
) -> None:
    reply = (
        f"**Norway** cannot support resolution 76/234 [1]. It quotes {IMG} and {SCRIPT} [1].\n\n"
        "- See [the report](https://undocs.org/A/77/96) and [this](javascript:window.__xss=1) [1].\n"
        "- The symbol is `A/77/96` and the stance *firm* [1].\n\n"
        "1. First point [1].\n"
        "2. Second point [1]."
    )
    scripted_llm.script(Reply(content=reply))
    llm = settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "cors_origins": [host.origin]})
    with serve(create_app(llm, service)) as api, new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        answer = ask(page, NORWAY).locator(".answer")
        text = answer.inner_text()
        assert IMG in text and SCRIPT in text
        assert answer.locator("p strong").first.inner_text() == "Norway"
        assert answer.locator("ul > li").count() == 2 and answer.locator("ol > li").count() == 2
        assert answer.locator("code").inner_text() == "A/77/96"
        assert answer.locator("em").inner_text() == "firm"
        links = answer.locator("a")
        assert links.count() == 1  # the javascript: link stays text
        assert links.get_attribute("href") == "https://undocs.org/A/77/96"
        assert (links.get_attribute("rel"), links.get_attribute("target")) == ("noopener noreferrer", "_blank")
        assert "[this](javascript:window.__xss=1)" in text
        assert answer.locator(".chip").count() == 6
        assert_inert(page)


def test_a_page_on_an_origin_the_service_does_not_allow_is_refused(
    browser: Any, host: HostPages, settings: Settings, service: Service
) -> None:
    allowed = settings.model_copy(update={"cors_origins": [host.origin]})
    with serve(create_app(allowed, service)) as api, new_page(browser) as page:
        host.add("/foreign", f'<!doctype html><html lang="en"><body><script src="{api}/widget.js" defer></script>')
        page.goto(f"{host.other_origin}/foreign")  # localhost, not 127.0.0.1: another origin
        page.wait_for_function("tag => document.querySelector(tag)?.shadowRoot", arg=W)
        open_widget(page)
        box = page.locator(f"{W} .compose textarea")
        box.fill(NORWAY)
        box.press("Enter")
        error = page.locator(f"{W} .msg.error")
        expect(error).to_contain_text("Could not reach the question service")
        assert error.get_attribute("role") == "alert"
        assert page.locator(f"{W} .msg.bot").count() == 0
        assert page.locator(f"{W} .send").get_attribute("aria-disabled") == "false"  # one may try again
        direct = page.evaluate(
            """async (url) => {
                try {
                    await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                      body: JSON.stringify({question: 'Norway?'})});
                    return 'answered';
                } catch (error) { return error.name; }
            }""",
            f"{api}/v1/ask",
        )
        assert direct == "TypeError"
        refused = httpx.post(f"{api}/v1/ask", json={"question": NORWAY}, headers={"Origin": host.other_origin})
        assert refused.status_code == 403


def test_the_api_key_is_sent_and_a_missing_one_is_explained(
    browser: Any, host: HostPages, settings: Settings, service: Service
) -> None:
    keyed = settings.model_copy(update={"cors_origins": [host.origin], "api_keys": ["s3cret-key"]})
    with serve(create_app(keyed, service)) as api:
        with new_page(browser) as page:
            visit(page, host, api, api_key="s3cret-key")
            open_widget(page)
            with page.expect_request(lambda r: r.url.endswith("/v1/ask/stream") and r.method == "POST") as sent:
                answer = ask(page, NORWAY)
            assert sent.value.headers["x-api-key"] == "s3cret-key"
            answer.locator(".answer .chip").first.click()
            with page.expect_request(lambda r: "/v1/passages/" in r.url) as context:
                page.get_by_role("button", name="Show context").click()
            assert context.value.headers["x-api-key"] == "s3cret-key"
            expect(page.locator(f"{W} .context.after")).not_to_be_empty()
        with new_page(browser) as page:
            visit(page, host, api)
            open_widget(page)
            page.locator(f"{W} .compose textarea").fill(NORWAY)
            page.locator(f"{W} .compose textarea").press("Enter")
            error = page.locator(f"{W} .msg.error")
            expect(error).to_contain_text("The service refused the request (HTTP 401)")
            expect(error).to_contain_text("an API key is required")


def test_an_error_event_in_the_stream_is_shown(browser: Any, host: HostPages) -> None:
    """The server reports a failure after the 200 as an `error` event (CRLF line ends, split frames)."""
    stream = (
        'event: retrieval\r\ndata: {"passages": []}\r\n\r\n'
        'event: delta\r\ndata: {"text": "Partial "}\r\n\r\n'
        'event: error\r\ndata: {"error": {"stage": "answer", "message": "internal error while answering",'
        ' "hint": "try again later"}}\r\n\r\n'
    )
    api = "http://127.0.0.1:9"  # never reached: the browser's requests to it are answered below
    with new_page(browser) as page:
        cors = {"Access-Control-Allow-Origin": host.origin, "Access-Control-Allow-Headers": "content-type"}

        def answer(route: Any) -> None:
            if route.request.method == "OPTIONS":
                route.fulfill(status=204, headers={**cors, "Access-Control-Allow-Methods": "POST"})
            else:
                route.fulfill(status=200, headers={**cors, "Content-Type": "text/event-stream"}, body=stream)

        page.route(f"{api}/v1/ask/stream", answer)
        page.route(f"{host.origin}/widget.js", lambda route: route.fulfill(path=REPO / "rag" / "static" / "widget.js"))
        visit(page, host, host.origin, api=api)
        open_widget(page)
        page.locator(f"{W} .compose textarea").fill(NORWAY)
        page.locator(f"{W} .compose textarea").press("Enter")
        error = page.locator(f"{W} .msg.error")
        expect(error).to_contain_text("internal error while answering")
        expect(error).to_contain_text("try again later")
        assert page.locator(f"{W} .msg.bot").count() == 0


def test_an_unreachable_service_is_explained(
    browser: Any, host: HostPages, settings: Settings, service: Service
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with serve(create_app(settings, service)) as api, new_page(browser) as page:
        visit(page, host, api, api=closed)  # the script from one server, the API (down) at another
        open_widget(page)
        page.locator(f"{W} .compose textarea").fill(NORWAY)
        page.locator(f"{W} .compose textarea").press("Enter")
        expect(page.locator(f"{W} .msg.error")).to_contain_text("Could not reach the question service")
