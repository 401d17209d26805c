"""The widget in the conversation's language, in a real browser (headless Chromium): an Arabic conversation is
laid out right to left — bullets, colons and the question on the right side, labels, Sources and tables in
Arabic — while a Chinese quote inside it stays left to right; the interface follows the language of the
questions, keeps it over a reload and goes back to the page's language for a new conversation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from rag.api.app import create_app
from rag.core.settings import Settings
from rag.retrieval.service import Service
from tests.support.browser import WIDGET, HostPages, ask, new_page, open_widget, visit, wait_for_widget
from tests.support.live_server import serve

pytestmark = pytest.mark.browser

W = WIDGET
ARABIC_STANCE = "ما موقف النرويج من القرار 76/234؟"  # "What is Norway's position on resolution 76/234?"
ARABIC_OPPOSE = "ما هي الدول التي تعارض القرار 76/234؟"  # "Which states oppose resolution 76/234?"
STYLE = "(element, name) => getComputedStyle(element)[name]"

# Where things are drawn in an answer's first list item: the item and its list, the speaker's name (the text
# before " ("), the colon after the report symbol, and the first line of the quoted passage.
GEOMETRY = """(answer) => {
    const item = answer.querySelector('.answer li');
    const lead = item.firstChild;
    const range = (from, to) => {
        const r = document.createRange();
        r.setStart(lead, from);
        r.setEnd(lead, to);
        return r.getBoundingClientRect().toJSON();
    };
    const text = lead.textContent;
    const colon = text.indexOf(':');
    return {
        list: item.parentElement.getBoundingClientRect().toJSON(),
        item: item.getBoundingClientRect().toJSON(),
        name: range(0, text.indexOf(' (')),
        colon: range(colon, colon + 1),
        quote: item.querySelector('.quote').getClientRects()[0].toJSON(),
    };
}"""


@pytest.fixture(scope="module")
def api(settings: Settings, service: Service, host: HostPages) -> Iterator[str]:
    """The API (extractive answers over the real corpus: four reports in Chinese) for the host page's origin."""
    with serve(create_app(settings.model_copy(update={"cors_origins": [host.origin]}), service)) as url:
        yield url


def citations(page: Any, api: str, turn: int) -> list[dict[str, Any]]:
    raw = page.evaluate("key => sessionStorage.getItem(key)", f"{W}:v1:{api}")
    return json.loads(raw)["messages"][2 * turn + 1]["answer"]["citations"]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (360, 740)])
def test_an_arabic_conversation_reads_right_to_left(
    browser: Any, host: HostPages, api: str, width: int, height: int
) -> None:
    with new_page(browser, width=width, height=height) as page:
        visit(page, host, api)  # an English page: the conversation decides the language
        open_widget(page)
        root = page.locator(f"{W} .root")
        send = page.locator(f"{W} .send")
        assert (root.get_attribute("dir"), send.get_attribute("aria-label")) == ("ltr", "Send")

        answer = ask(page, ARABIC_STANCE)
        assert (root.get_attribute("dir"), root.get_attribute("lang")) == ("rtl", "ar")
        assert answer.evaluate(STYLE, "direction") == "rtl" and answer.get_attribute("lang") == "ar"
        assert send.get_attribute("aria-label") == "إرسال"
        assert page.locator(f"{W} .compose textarea").get_attribute("placeholder") == "اكتب سؤالك…"
        assert answer.locator(".sources summary").inner_text() == "المصادر (1)"
        assert answer.get_by_role("button", name="نسخ الإجابة").count() == 1

        # the Chinese quote keeps its own direction inside the Arabic answer
        quote = answer.locator(".answer .quote")
        cited = citations(page, api, 0)[0]
        assert quote.inner_text() == f"“{cited['quote']}”"
        assert quote.evaluate(STYLE, "direction") == "ltr"

        # the bullet in the list's right padding, the speaker's name from the right edge, the colon after it (to
        # its left), then the quote
        box = answer.evaluate(GEOMETRY)
        assert box["list"]["right"] - box["item"]["right"] >= 15 and abs(box["item"]["left"] - box["list"]["left"]) < 1
        assert abs(box["name"]["right"] - box["item"]["right"]) < 1.5
        assert box["colon"]["right"] <= box["name"]["left"]
        assert box["quote"]["right"] <= box["colon"]["left"] + 0.5

        # the question, right to left, sits on the conversation's start side (the right)
        question = page.locator(f"{W} .msg.user").first
        assert question.evaluate(STYLE, "direction") == "rtl"
        log, bubble = page.locator(f"{W} .log").bounding_box(), question.bounding_box()
        assert abs(bubble["x"] - (log["x"] + 16)) < 1 and bubble["x"] + bubble["width"] < log["x"] + log["width"] - 40

        table_answer = ask(page, ARABIC_OPPOSE)
        headers = table_answer.locator("table.items th")
        assert headers.all_inner_texts() == ["الجهة المجيبة", "المصادر"]
        first, second = headers.nth(0).bounding_box(), headers.nth(1).bounding_box()
        assert first["x"] > second["x"]  # the respondents' column on the right
        chip = table_answer.locator(".chip").first
        assert chip.get_attribute("aria-label") == "المصدر 1: أستراليا"
        assert table_answer.bounding_box()["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        chip.click()
        view = page.locator(f"{W} .passage")
        assert view.get_attribute("dir") == "rtl" and view.locator(".back").inner_text() == "رجوع"
        assert view.locator(".meta dt").first.inner_text() == "الجهة المجيبة"
        assert view.locator(".text").evaluate(STYLE, "direction") == "ltr"  # the passage is Chinese
        view.locator(".back").click()
        assert page.errors == []


def test_the_interface_keeps_the_conversations_language_until_a_new_one(
    browser: Any, host: HostPages, api: str
) -> None:
    with new_page(browser) as page:
        visit(page, host, api, page_lang="fr")
        open_widget(page)
        send = page.locator(f"{W} .send")
        assert send.get_attribute("aria-label") == "Envoyer"
        ask(page, ARABIC_STANCE)
        assert send.get_attribute("aria-label") == "إرسال"

        page.reload()
        wait_for_widget(page)
        page.locator(f"{W} .panel").wait_for(state="visible")
        assert page.locator(f"{W} .root").get_attribute("dir") == "rtl"
        assert send.get_attribute("aria-label") == "إرسال"
        assert page.locator(f"{W} .msg.bot").get_attribute("dir") == "rtl"

        answer = ask(page, "Does Norway support resolution 76/234?")  # an English question: English from now on
        assert answer.get_attribute("dir") == "ltr" and send.get_attribute("aria-label") == "Send"
        assert page.locator(f"{W} .msg.bot").first.get_attribute("dir") == "rtl"  # the Arabic answer stays Arabic

        page.get_by_role("button", name="New conversation").click()
        assert page.locator(f"{W} .root").get_attribute("dir") == "ltr"
        assert send.get_attribute("aria-label") == "Envoyer"  # the page's language again
        assert page.locator(f"{W} .intro .suggestion").first.inner_text().startswith("Quels États")
