"""What the offline browser tests share: cutting the signal, reading what the outbox keeps,
and opening the app again in a new tab once the signal is back."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

KEPT = "Object.values(JSON.parse(localStorage.getItem('sw-outbox') || '{}')).map(x => x.kind)"
# The outbox leaves entries younger than a few seconds to their own send; a closed tab has
# none, so the tests age them instead of waiting.
AGE = """() => { const b = JSON.parse(localStorage.getItem('sw-outbox') || '{}');
  Object.values(b).forEach(x => { x.at = 0; });
  localStorage.setItem('sw-outbox', JSON.stringify(b)); }"""


def go_offline(page: Page) -> None:
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")


def reopen(context: BrowserContext, url: str) -> Page:
    """The signal is back and the person opens the app again in a new tab."""
    context.set_offline(False)
    page = context.new_page()
    page.goto("/manifest.webmanifest")  # same origin, no app: the outbox is reachable
    page.evaluate(AGE)
    page.goto(url)
    return page


def close_framework_toast(page: Page) -> None:
    """Should a framework toast still cover the foot of the screen, close it the way a
    person would; the app's own banner is what these tests are about."""
    close = page.locator("[data-sonner-toast] [data-close-button]")
    if close.count():
        close.first.click()
    expect(page.locator("[data-sonner-toast]")).to_have_count(0)
