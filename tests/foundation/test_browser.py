"""The web chat in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.stackctl import Stack

pytestmark = [pytest.mark.rasa, pytest.mark.browser, pytest.mark.slow]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required: make browser"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    opened = context.new_page()
    yield opened
    context.close()


def test_chat_answers_hi_and_always_shows_988(stack: Stack, page: Page) -> None:
    page.goto(stack.base_url + "/")
    crisis = page.get_by_role("link", name="In crisis? Call or text 988")
    expect(crisis).to_be_visible()
    expect(crisis).to_have_attribute("href", "tel:988")
    expect(
        page.get_by_text("You are talking to an automated assistant, not a person.")
    ).to_be_visible()
    expect(page.get_by_role("log")).to_be_empty()

    box = page.get_by_label("Your message")
    box.fill("hi")
    box.press("Enter")

    log = page.get_by_role("log")
    expect(log.get_by_text("Hi, I'm Haven.")).to_be_visible(timeout=30_000)
    expect(crisis).to_be_visible()
    page.screenshot(path=str(stack.settings.data_dir / "chat.png"))


def test_keyboard_only_use_with_visible_focus(stack: Stack, page: Page) -> None:
    page.goto(stack.base_url + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "message"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("what can you do")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    expect(log.get_by_text("Here is what I can do")).to_be_visible(timeout=30_000)
    # The reply's button is reachable and usable from the keyboard.
    goodbye = log.get_by_role("button", name="Goodbye")
    goodbye.focus()
    page.keyboard.press("Enter")
    expect(log.get_by_text("Take care.")).to_be_visible(timeout=30_000)


def test_readable_at_200_percent_zoom(stack: Stack, browser: Browser) -> None:
    # 200% zoom of a 1280x800 window is a 640x400 CSS-pixel viewport at scale 2.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(stack.base_url + "/")
        expect(page.get_by_role("link", name="In crisis? Call or text 988")).to_be_in_viewport()
        no_sideways_scroll = page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert no_sideways_scroll
        expect(page.get_by_label("Your message")).to_be_visible()
    finally:
        context.close()
