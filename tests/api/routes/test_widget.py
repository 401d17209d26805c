"""The embeddable chat widget in a real browser (headless Chromium): a host page on another origin embeds
/widget.js with one script tag and asks the real corpus; answers stream in with citation chips that open the
cited passage, list answers get a table, follow-ups send the history, the conversation survives a reload,
the interface speaks the six UN languages and works from the keyboard and on a 360 px screen, a too-long
question is counted and refused (never cut), and a column header is never broken inside a word."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.api.app import create_app
from rag.api.feedback import FeedbackStore
from rag.api.schemas import MAX_QUERY_CHARS
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.browser import (
    WIDGET,
    HostPages,
    ask,
    expect,
    new_page,
    open_widget,
    shadow_eval,
    visit,
    wait_for_widget,
)
from tests.support.fake_llm import Reply, ScriptedLLM
from tests.support.live_server import serve

pytestmark = pytest.mark.browser

NORWAY = "Does Norway support resolution 76/234?"
OPPOSE = "Which states oppose resolution 76/234?"
W = WIDGET
# How many lines an element's text takes (line boxes, told apart by their tops).
LINES = """(element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
}"""


@pytest.fixture(scope="module")
def feedback_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("widget-feedback") / "feedback.sqlite3"


@pytest.fixture(scope="module")
def api(settings: Settings, service: Service, host: HostPages, feedback_db: Path) -> Iterator[str]:
    """The API (extractive answers over the real corpus) with the host page's origin allowed."""
    allowed = settings.model_copy(update={"cors_origins": [host.origin], "feedback_db": feedback_db})
    with serve(create_app(allowed, service)) as url:
        yield url


def stored(page: Any, api: str) -> dict[str, Any]:
    """The conversation the widget keeps in sessionStorage."""
    raw = page.evaluate("key => sessionStorage.getItem(key)", f"{W}:v1:{api}")
    return json.loads(raw) if raw else {}


def record_progress(page: Any) -> None:
    """Keeps every status line and every partial answer the widget shows, in window.__seen."""
    shadow_eval(
        page,
        """(root) => {
            window.__seen = {status: [], partial: []};
            const note = (list, text) => { if (text && list[list.length - 1] !== text) list.push(text); };
            new MutationObserver(() => {
                for (const pending of root.querySelectorAll('.msg.bot[aria-busy="true"]')) {
                    note(window.__seen.status, pending.querySelector('.status')?.textContent);
                    note(window.__seen.partial, pending.querySelector('.answer')?.textContent);
                }
            }).observe(root, {subtree: true, childList: true, characterData: true});
        }""",
    )


def test_the_routes_serve_the_script_and_a_demo_page_under_the_root_path(settings: Settings, service: Service) -> None:
    from fastapi.testclient import TestClient

    with TestClient(create_app(settings, service), root_path="/qa") as client:
        script = client.get("/widget.js")
        demo = client.get("/demo")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "customElements.define" in script.text and "attachShadow" in script.text
    assert demo.status_code == 200 and demo.headers["content-type"].startswith("text/html")
    tags = re.findall(r"<script[^>]*>", demo.text)
    assert tags == ['<script src="/qa/widget.js" data-lang="auto" defer>']


def test_an_answer_streams_in_with_chips_that_open_the_cited_passage(browser: Any, host: HostPages, api: str) -> None:
    with new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        record_progress(page)
        answer = ask(page, NORWAY)
        assert page.evaluate("window.__seen.status")[0] == "Searching the reports…"
        # "Does Norway support resolution 76/234?": no, from the stance its reply states.
        assert answer.locator(".answer").inner_text().startswith("No; Norway says otherwise in its reply (A/77/96)")
        citations = stored(page, api)["messages"][1]["answer"]["citations"]
        assert [c["n"] for c in citations] == [1]
        assert answer.locator(".answer .chip").all_inner_texts() == ["1"]

        chip = answer.locator(".answer .chip").first
        chip.click()
        view = page.locator(f"{W} .passage")
        assert view.locator("mark").inner_text() == citations[0]["quote"]
        assert view.locator(".text").inner_text() == citations[0]["text"]
        assert view.locator(".symbol").inner_text() == "A/77/96"
        assert "挪威 (Norway)" in view.locator(".meta").inner_text()

        neighbours = httpx.get(f"{api}/v1/passages/{citations[0]['id']}", params={"before": 1, "after": 1}).json()
        view.get_by_role("button", name="Show context").click()
        expect(view.locator(".context.before")).to_contain_text(neighbours["before"][0]["text"])
        expect(view.locator(".context.after")).to_contain_text(neighbours["after"][0]["text"])

        page.keyboard.press("Escape")
        assert view.is_hidden()
        assert page.locator(f"{W} .panel").is_visible()  # Escape closed the passage, not the panel
        assert shadow_eval(page, "(root) => root.activeElement?.dataset.n") == "1"
        assert page.errors == []


def test_a_list_answer_shows_each_respondent_with_its_citations(browser: Any, host: HostPages, api: str) -> None:
    with new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        answer = ask(page, OPPOSE)
        rows = answer.locator("table.items tbody tr")
        names = rows.locator("td:first-child").all_inner_texts()
        assert "Australia" in names and "Norway" in names and len(names) >= 12
        headers = answer.locator("table.items th")
        assert headers.all_inner_texts() == ["RESPONDENT", "SOURCES"]  # CSS upper case
        for header in headers.all():  # never "SOURC ES"
            assert header.evaluate(LINES) == 1 and header.evaluate("th => th.scrollWidth <= th.clientWidth")
        for i in range(rows.count()):
            assert rows.nth(i).locator(".chip").count() >= 1
        rows.filter(has_text="Australia").locator(".chip").first.click()
        assert "澳大利亚 (Australia)" in page.locator(f"{W} .passage .meta").inner_text()


def test_a_composed_answer_streams_and_a_follow_up_sends_the_history(
    browser: Any, host: HostPages, settings: Settings, service: Service, scripted_llm: ScriptedLLM
) -> None:
    llm = settings.model_copy(update={"llm_base_url": scripted_llm.base_url, "cors_origins": [host.origin]})
    pieces = ["Norway cannot support ", "resolution 76/234 [1]. ", "It agrees with the EU [2]."]
    scripted_llm.script(Reply(chunks=pieces, chunk_delay=0.3))
    with serve(create_app(llm, service)) as url, new_page(browser) as page:
        visit(page, host, url)
        open_widget(page)
        record_progress(page)
        first = ask(page, NORWAY)
        seen = page.evaluate("window.__seen")
        assert "Searching the reports…" in seen["status"]
        assert any(re.fullmatch(r"Found \d+ passages", status) for status in seen["status"]), seen
        assert "Norway cannot support" in seen["partial"]  # the first piece, shown before the rest arrived
        assert first.locator(".answer").inner_text().startswith("Norway cannot support resolution 76/234")
        assert first.locator(".answer .chip").all_inner_texts() == ["1", "2"]
        answer_text = stored(page, url)["messages"][1]["answer"]["answer"]

        scripted_llm.script(
            Reply(content='"What did Japan say about resolution 76/234?"'),
            Reply(content="Japan voted against resolution 76/234 [1]."),
        )
        with page.expect_request(lambda r: r.url.endswith("/v1/ask/stream") and r.method == "POST") as sent:
            second = ask(page, "And Japan?")
        assert sent.value.post_data_json == {
            "question": "And Japan?",
            "history": [{"role": "user", "content": NORWAY}, {"role": "assistant", "content": answer_text}],
        }
        rewrite = scripted_llm.requests[1]["messages"][-1]["content"]
        assert f"user: {NORWAY}" in rewrite and f"assistant: {answer_text}" in rewrite
        assert second.locator(".answer").inner_text().startswith("Japan voted against")


def test_the_conversation_survives_a_reload_and_a_new_one_starts_empty(browser: Any, host: HostPages, api: str) -> None:
    with new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        ask(page, NORWAY)
        quote = stored(page, api)["messages"][1]["answer"]["citations"][0]["quote"]

        page.reload()
        wait_for_widget(page)
        page.locator(f"{W} .panel").wait_for(state="visible")  # it was open, so it opens again
        assert page.locator(f"{W} .msg.user").all_inner_texts() == [NORWAY]
        page.locator(f"{W} .msg.bot .answer .chip").first.click()  # restored chips still open their passage
        assert page.locator(f"{W} .passage mark").inner_text() == quote
        page.locator(f"{W} .passage .back").click()

        page.get_by_role("button", name="New conversation").click()
        assert page.locator(f"{W} .msg").count() == 0
        assert page.locator(f"{W} .intro").is_visible()
        assert stored(page, api)["messages"] == []
        page.reload()
        wait_for_widget(page)
        assert page.locator(f"{W} .msg").count() == 0


@pytest.mark.parametrize(
    ("lang", "data", "locale", "launcher", "placeholder"),
    [
        ("en", {"lang": "zh"}, "en-US", "询问报告", "请输入问题…"),
        ("en", {"lang": "fr"}, "en-US", "Interroger les rapports", "Posez une question…"),
        ("es", {"lang": "auto"}, "en-US", "Preguntar a los informes", "Escriba una pregunta…"),
        ("", {}, "fr-FR", "Interroger les rapports", "Posez une question…"),
        ("de", {}, "de-DE", "Ask the reports", "Ask a question…"),
        ("en", {"lang": "ar"}, "en-US", "اسأل التقارير", "اكتب سؤالك…"),
        ("ru-RU", {}, "en-US", "Спросить по докладам", "Задайте вопрос…"),
    ],
)
def test_the_interface_speaks_the_page_language(
    browser: Any,
    host: HostPages,
    api: str,
    lang: str,
    data: dict[str, str],
    locale: str,
    launcher: str,
    placeholder: str,
) -> None:
    with new_page(browser, locale=locale) as page:
        visit(page, host, api, page_lang=lang, **data)
        assert page.locator(f"{W} .launcher").inner_text() == launcher
        open_widget(page)
        assert page.locator(f"{W} .compose textarea").get_attribute("placeholder") == placeholder


def test_chinese_answers_get_chinese_labels_and_the_title_comes_from_data_title(
    browser: Any, host: HostPages, api: str
) -> None:
    with new_page(browser) as page:
        visit(page, host, api, page_lang="zh-CN", title="裁军报告问答")
        open_widget(page)
        assert page.locator(f"{W} .panel").get_attribute("aria-label") == "裁军报告问答"
        assert page.locator(f"{W} .head h2").inner_text() == "裁军报告问答"
        answer = ask(page, "哪些国家反对第76/234号决议？")
        assert "澳大利亚" in answer.locator("table.items").inner_text()
        assert answer.locator(".chip").first.get_attribute("aria-label").startswith("出处 1：")


def test_the_widget_works_from_the_keyboard(browser: Any, host: HostPages, api: str) -> None:
    with new_page(browser) as page:
        visit(page, host, api, title="Disarmament Q&A")
        launcher = page.locator(f"{W} .launcher")
        panel = page.locator(f"{W} .panel")
        assert launcher.get_attribute("aria-expanded") == "false"
        assert launcher.get_attribute("aria-controls") == panel.get_attribute("id")
        page.locator("#host-chip").focus()
        page.keyboard.press("Tab")  # the launcher comes next in the page's tab order
        assert shadow_eval(page, "(root) => root.activeElement?.className") == "launcher"
        page.keyboard.press("Enter")
        assert panel.is_visible() and launcher.get_attribute("aria-expanded") == "true"
        assert (panel.get_attribute("role"), panel.get_attribute("aria-label")) == ("dialog", "Disarmament Q&A")
        log = page.locator(f"{W} .log")
        assert (log.get_attribute("role"), log.get_attribute("aria-live")) == ("log", "polite")
        assert shadow_eval(page, "(root) => root.activeElement?.tagName") == "TEXTAREA"
        page.keyboard.type(NORWAY)
        page.keyboard.press("Enter")
        page.locator(f"{W} .msg.bot .actions").wait_for()
        page.keyboard.press("Escape")
        assert panel.is_hidden() and launcher.get_attribute("aria-expanded") == "false"
        assert shadow_eval(page, "(root) => root.activeElement?.className") == "launcher"
        outline = shadow_eval(page, "(root) => getComputedStyle(root.activeElement).outlineStyle")
        assert outline == "solid"  # a visible focus ring


def test_a_narrow_screen_gets_a_full_width_panel(browser: Any, host: HostPages, api: str) -> None:
    with new_page(browser, width=360, height=740) as page:
        visit(page, host, api)
        open_widget(page)
        box = page.locator(f"{W} .panel").bounding_box()
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 360, 740)
        answer = ask(page, OPPOSE)
        assert answer.locator("table.items").bounding_box()["width"] <= 360
        for header in answer.locator("table.items th").all():  # one line each, however narrow the screen
            assert header.evaluate(LINES) == 1 and header.evaluate("th => th.scrollWidth <= th.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert shadow_eval(page, "(root) => root.querySelector('.log').scrollWidth") <= 360


def test_host_css_and_widget_css_never_touch(browser: Any, host: HostPages, api: str) -> None:
    style = "(element, name) => getComputedStyle(element)[name]"
    with new_page(browser) as page:
        visit(page, host, api)
        assert page.evaluate("tag => document.querySelector(tag).shadowRoot.mode", W) == "open"
        launcher = page.locator(f"{W} .launcher")
        assert launcher.evaluate(style, "backgroundColor") == "rgb(11, 94, 168)"  # not the page's red buttons
        assert launcher.evaluate(style, "textTransform") == "none"
        assert launcher.evaluate(style, "letterSpacing") == "normal"
        assert "Georgia" not in launcher.evaluate(style, "fontFamily")
        open_widget(page)
        ask(page, NORWAY)
        page.locator(f"{W} .answer .chip").first.click()
        assert page.locator(f"{W} .passage mark").evaluate(style, "backgroundColor") != "rgb(0, 255, 0)"
        assert page.locator(f"{W} .log").evaluate(style, "borderStyle") == "none"  # the page's div rule stays out
        # …and the widget's .panel, .chip and mark rules stay out of the page
        assert page.locator("#host-panel").evaluate(style, "backgroundColor") == "rgb(10, 20, 30)"
        assert page.locator("#host-chip").evaluate(style, "color") == "rgb(1, 2, 3)"
        assert page.locator("#host-mark").evaluate(style, "backgroundColor") == "rgb(0, 255, 0)"


def test_copy_puts_the_answer_and_its_sources_on_the_clipboard(browser: Any, host: HostPages, api: str) -> None:
    with new_page(browser, permissions=["clipboard-read", "clipboard-write"]) as page:
        visit(page, host, api)
        open_widget(page)
        answer = ask(page, NORWAY)
        answer.get_by_role("button", name="Copy answer").click()
        answer.get_by_text("Copied").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        citation = stored(page, api)["messages"][1]["answer"]["citations"][0]
        assert copied.startswith("No; Norway says otherwise in its reply (A/77/96)")
        assert f"Sources:\n[1] A/77/96 · Norway: “{citation['quote']}”" in copied


def test_feedback_is_posted_with_the_rating_comment_and_citations(
    browser: Any, host: HostPages, api: str, feedback_db: Path
) -> None:
    with new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        answer = ask(page, NORWAY)
        down = answer.get_by_role("button", name="Not helpful")
        down.click()
        assert down.get_attribute("aria-pressed") == "true"
        answer.get_by_label("Comment (optional)").fill("Quote the whole paragraph, please.")
        with page.expect_response(lambda r: r.url.endswith("/v1/feedback") and r.request.method == "POST") as sent:
            answer.get_by_role("button", name="Send feedback").click()
        assert sent.value.status == 201
        answer.get_by_text("Thanks for your feedback").wait_for()
        citation = stored(page, api)["messages"][1]["answer"]["citations"][0]
    row = list(FeedbackStore(feedback_db).rows())[-1]
    assert (row["rating"], row["comment"], row["question"]) == ("down", "Quote the whole paragraph, please.", NORWAY)
    assert row["citations"] == [{"n": 1, "id": citation["id"], "quote": citation["quote"]}]
    assert (row["mode"], row["language"], row["origin"]) == ("extractive", "en", host.origin)
    assert row["answer"].startswith("No; Norway")


def test_a_too_long_question_is_counted_and_refused_never_cut(browser: Any, host: HostPages, api: str) -> None:
    limit = MAX_QUERY_CHARS - 1  # what /v1/ask accepts, once trimmed
    pasted = ("Which states oppose resolution 76/234, and on what grounds? " * 90)[1:5001]  # cut mid-word at both ends
    with new_page(browser) as page:
        visit(page, host, api)
        open_widget(page)
        sent: list[str] = []
        page.on("request", lambda request: sent.append(request.url) if "/v1/ask" in request.url else None)
        box = page.locator(f"{W} .compose textarea")
        counter = page.locator(f"{W} .limit .counter")
        message = page.locator(f"{W} .limit .too-long")
        send = page.locator(f"{W} .send")
        box.fill("x" * 1000)
        assert counter.is_hidden() and message.is_hidden()
        box.fill("x" * 1700)  # close to the limit: counted
        expect(counter).to_have_text("1,700 / 1,999 characters")
        assert message.is_hidden() and send.get_attribute("aria-disabled") == "false"

        box.fill("")
        page.keyboard.insert_text(pasted)  # as a paste: nothing cuts it
        assert box.input_value() == pasted
        expect(counter).to_have_text("5,000 / 1,999 characters")
        expect(message).to_have_text(
            "Your question is 5,000 characters long; the limit is 1,999. Shorten it to send it."
        )
        assert message.get_attribute("role") == "alert" and box.get_attribute("aria-invalid") == "true"
        assert send.get_attribute("aria-disabled") == "true"
        box.press("Enter")
        send.click(force=True)  # aria-disabled, yet clickable
        assert sent == [] and page.locator(f"{W} .msg").count() == 0  # nothing sent, nothing shown as asked
        assert box.input_value() == pasted  # and nothing cut

        # characters as the API counts them: code points, around the surrounding spaces it trims
        for text, over in [("x" * (limit + 1), True), (f"  {'x' * limit}\n", False), ("😀" * limit, False)]:
            box.fill(text)
            assert message.is_hidden() is not over, (len(text), over)
        longest = "Does Norway support resolution 76/234? " + "x" * (limit - 39)
        with page.expect_request(lambda request: request.url.endswith("/v1/ask/stream")) as asked:
            ask(page, longest)  # at the limit: sent whole, and answered
        assert asked.value.post_data_json["question"] == longest and len(longest) == limit and len(sent) == 1

    with new_page(browser) as page:  # the message in the interface's language
        visit(page, host, api, lang="ar")
        open_widget(page)
        page.locator(f"{W} .compose textarea").fill("س" * 2500)
        expect(page.locator(f"{W} .limit .too-long")).to_have_text(
            "السؤال طويل جدًا: عدد أحرفه 2,500 والحد الأقصى 1,999. اختصره لإرساله."
        )
