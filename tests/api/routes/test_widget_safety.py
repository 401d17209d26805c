"""The widget's safety and failure modes in a real browser: HTML in a corpus passage or in the model's answer is
shown as text, never run; a Markdown link or a "[1]" in a corpus passage is text, not a link or a citation chip,
and the model's Markdown links are text too (only the service's own citation markers become chips); a page on
an origin the service does not allow is refused; a missing API key, a stream error and an unreachable service
each show a clear message, and a failed question can be asked again."""

from __future__ import annotations

import json
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
from tests.support.scripted_answers import answered, cited, events, scripted

pytestmark = pytest.mark.browser

W = WIDGET
IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"
NORWAY = "Does Norway support resolution 76/234?"
LINK = "[the statement](http://example.org/cuba)"
NO_HTML = re.compile(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|createContextualFragment|eval\(")


def assert_inert(page: Any) -> None:
    """Nothing the payloads carry became an element or ran."""
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert shadow_eval(page, "(root) => root.querySelectorAll('img, script, iframe, object').length") == 0
    assert page.locator("img, script:not([src])").count() == 0


def test_the_widget_script_never_writes_html() -> None:
    source = (REPO / "rag" / "static" / "widget.js").read_text(encoding="utf-8")
    assert not NO_HTML.findall(source)


def test_html_a_link_and_a_marker_in_a_corpus_passage_are_shown_as_text(
    browser: Any, host: HostPages, tmp_path: Path
) -> None:
    sentence = "Cuba rejects unilateral coercive measures."
    assert sentence in EN_SAMPLE
    corpus = write_corpus(tmp_path / "corpus")
    payload = (
        f"Cuba rejects unilateral coercive measures {IMG} and {SCRIPT} in all its forms, as set out in [1] and in"
        f" {LINK}."
    )
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
        quote = answer.locator(".answer .quote").filter(has_text="Cuba rejects")
        assert f"as set out in [1] and in {LINK}" in quote.inner_text()
        assert quote.locator(".chip").count() == 0 and answer.locator("a").count() == 0
        citations = json.loads(page.evaluate("key => sessionStorage.getItem(key)", f"{W}:v1:{api}"))["messages"][1]
        assert answer.locator(".answer .chip").count() == len(citations["answer"]["citations"])  # one per marker
        quote.locator("xpath=following-sibling::button[contains(@class, 'chip')][1]").click()
        mark = page.locator(f"{W} .passage mark")
        assert IMG in mark.inner_text() and SCRIPT in mark.inner_text() and LINK in mark.inner_text()
        assert page.locator(f"{W} .passage a").count() == 0
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
        assert answer.locator("a").count() == 0  # no link is made from text, the model's Markdown included
        assert "[the report](https://undocs.org/A/77/96)" in text and "[this](javascript:window.__xss=1)" in text
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


def test_a_link_or_a_marker_inside_a_quote_is_text_and_only_the_services_markers_are_chips(
    browser: Any, host: HostPages
) -> None:
    quote = "Norway refers to [1, 2] and to [its statement](http://example.org/no) at https://example.org/no."
    shown = quote.replace("[1, 2]", "[1][2]")  # as the service's citation check rewrites a marker
    text = (
        "The reports say:\n"
        f"- Norway (A/77/96): “{shown}” [1]\n"
        "- Japan (A/77/96): “Japan agrees with the European Union.” [2]\n\n"
        "See [the report](http://example.org/a-77-96) [2] and [9]."
    )
    citations = (cited(1, quote, "Norway"), cited(2, "Japan agrees with the European Union.", "Japan"))
    with new_page(browser) as page:
        scripted(page, host, answered(text, *citations))
        answer = ask(page, NORWAY).locator(".answer")
        quotes = answer.locator(".quote")
        assert quotes.all_inner_texts() == [f"“{shown}”", "“Japan agrees with the European Union.”"]
        assert quotes.locator(".chip").count() == 0
        assert answer.locator(".chip").all_inner_texts() == ["1", "2", "2"]  # [9] cites no passage: text
        assert "See [the report](http://example.org/a-77-96)" in answer.inner_text()
        assert page.locator(f"{W} a").count() == 0
        answer.locator(".chip").first.click()
        assert "[its statement](http://example.org/no)" in page.locator(f"{W} .passage .text").inner_text()
        assert page.locator(f"{W} .passage a").count() == 0


def test_a_failed_question_can_be_asked_again(browser: Any, host: HostPages) -> None:
    failed = events(("error", {"error": {"stage": "answer", "message": "internal error while answering"}}))
    with new_page(browser) as page:
        scripted(page, host, failed, answered("Norway cannot support it [1].", cited(1, "Norway cannot.", "Norway")))
        page.locator(f"{W} .compose textarea").fill(NORWAY)
        page.locator(f"{W} .compose textarea").press("Enter")
        error = page.locator(f"{W} .msg.error")
        expect(error).to_contain_text("internal error while answering")
        error.get_by_role("button", name="Try again").click()
        page.locator(f"{W} .msg.bot .actions").wait_for()
        assert page.locator(f"{W} .msg.user").all_inner_texts() == [NORWAY]  # asked again, shown once
        assert page.locator(f"{W} .msg.error").count() == 0
        assert page.locator(f"{W} .msg.bot .answer .chip").all_inner_texts() == ["1"]


def test_an_error_event_in_the_stream_is_shown(browser: Any, host: HostPages) -> None:
    """The server reports a failure after the 200 as an `error` event (CRLF line ends, split frames)."""
    stream = (
        'event: retrieval\r\ndata: {"passages": []}\r\n\r\n'
        'event: delta\r\ndata: {"text": "Partial "}\r\n\r\n'
        'event: error\r\ndata: {"error": {"stage": "answer", "message": "internal error while answering",'
        ' "hint": "try again later"}}\r\n\r\n'
    )
    with new_page(browser) as page:
        scripted(page, host, stream)
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
