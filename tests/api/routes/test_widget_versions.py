"""A citation's other language versions in the widget (a real browser, scripted answers): each source is named
by the answer's label and tagged with the language it quotes; a button per other version, named with that
language in the interface's language, shows the version's text as plain text (a "[1]" or a Markdown link in it
stays text) in its direction, and hides it again; the versions survive a reload and open from the passage too."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.support.browser import WIDGET, HostPages, ask, new_page
from tests.support.scripted_answers import answered, cited, scripted

pytestmark = pytest.mark.browser

W = WIDGET
QUOTE = "Norway voted against the resolution."
LABEL = "A/77/96 — Norway, ¶ 12"
FRENCH = "La Norvège a voté contre la résolution [1], voir [la déclaration](http://example.org/no) et **ceci**."
CHINESE = "挪威对该决议投了反对票 [1]。"
ARABIC = "صوتت النرويج ضد القرار [1]."


def version(language: str, text: str) -> dict[str, Any]:
    """The cited paragraph in another language version of its document, as /v1/ask gives one."""
    return {
        "language": language,
        "id": f"A_77_96.{language}:12",
        "text": text,
        "doc": {"id": f"A_77_96.{language}", "symbol": "A/77/96", "title": "Peaceful uses", "language": language},
        "paragraph": "12",
        "section": ["Replies"],
        "source": {"file": f"A_77_96.{language}.txt", "start": 0, "end": len(text)},
    }


def citation(**fields: Any) -> dict[str, Any]:
    versions = [version("zh", CHINESE), version("fr", FRENCH), version("ar", ARABIC)]
    return cited(1, QUOTE, "Norway", language="en", label=LABEL, paragraph="12", versions=versions, **fields)


def test_a_source_shows_its_language_and_its_other_versions_as_plain_text(browser: Any, host: HostPages) -> None:
    with new_page(browser) as page:
        scripted(page, host, answered(f"“{QUOTE}” [1]", citation()))
        answer = ask(page, "Did Norway vote against the resolution?")
        answer.locator(".sources summary").click()
        source = answer.locator(".sources li")
        assert source.locator(".source-link").inner_text() == LABEL
        assert source.locator(".lang-tag").inner_text() == "English"
        buttons = source.get_by_role("button", name=re.compile(r"^(Chinese|French|Arabic)$"))
        assert source.locator(".version-button").all_inner_texts() == ["Chinese", "French", "Arabic"]
        assert buttons.count() == 3 and source.locator(".version-text:visible").count() == 0

        french = source.get_by_role("button", name="French", exact=True)
        french.click()
        shown = source.locator(".version-text:visible")
        assert shown.count() == 1 and shown.inner_text() == FRENCH  # "[1]", the link and ** stay text
        assert shown.get_attribute("dir") == "auto" and shown.get_attribute("lang") == "fr"
        assert shown.locator("*").count() == 0 and page.locator(f"{W} .msg.bot a").count() == 0
        assert answer.locator(".chip").count() == 2  # the answer's marker and the list's: none from the version
        assert french.get_attribute("aria-expanded") == "true"

        source.get_by_role("button", name="Arabic", exact=True).click()
        arabic = source.locator(".version-text[lang=ar]")
        assert arabic.is_visible() and arabic.inner_text() == ARABIC and arabic.get_attribute("dir") == "rtl"
        french.click()  # hides it again
        assert french.get_attribute("aria-expanded") == "false"
        assert source.locator(".version-text:visible").all_inner_texts() == [ARABIC]

        answer.locator(".answer .chip").click()  # the passage view has them too
        passage = page.locator(f"{W} .passage")
        assert passage.locator(".lang-tag").inner_text() == "English"
        passage.get_by_role("button", name="Chinese", exact=True).click()
        assert passage.locator(".version-text:visible").inner_text() == CHINESE
        assert page.errors == []


def test_the_language_names_are_in_the_conversations_language_and_survive_a_reload(
    browser: Any, host: HostPages
) -> None:
    with new_page(browser) as page:
        scripted(page, host, answered(f"“{QUOTE}” [1]", citation(), language="zh"))
        answer = ask(page, "挪威是否投票反对该决议？")
        answer.locator(".sources summary").click()
        assert answer.locator(".sources .lang-tag").inner_text() == "英文"
        assert answer.locator(".version-button").all_inner_texts() == ["中文", "法文", "阿拉伯文"]
        page.reload()
        answer = page.locator(f"{W} .msg.bot:has(.actions)").first
        answer.wait_for()
        answer.locator(".sources summary").click()
        answer.get_by_role("button", name="法文", exact=True).click()
        assert answer.locator(".version-text:visible").inner_text() == FRENCH
        assert page.errors == []


def test_the_conversation_sent_back_fits_the_servers_body_limit(browser: Any, host: HostPages) -> None:
    long = "挪威认为该决议会削弱现有的出口管制制度。" * 150  # 3,000 characters, 9,000 bytes
    sent: list[bytes] = []
    with new_page(browser) as page:
        scripted(page, host, answered(long), answered(long), answered("ok"), max_body=14_000, sent=sent)
        for question in ("挪威怎么说？", "日本呢？", "那韩国呢？"):
            ask(page, question)
        histories = [json.loads(body)["history"] for body in sent]
        assert len(histories[1]) == 2  # the first exchange fits
        assert len(histories[2]) == 2 and histories[2][0]["content"] == "日本呢？"  # the oldest left out first
        assert all(len(body) <= 14_000 for body in sent)
        assert page.errors == []
