"""Every page each role can open fits a 360px phone: no sideways scroll, thumb-sized buttons."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from community_app.components.layout import TABS
from tests.e2e.test_foundation import login_as, no_horizontal_scroll

EXTRA = {
    "admin": ["/buildings", "/report", "/map", "/survey/followups", "/survey/review"],
    "grid_worker": ["/buildings", "/map", "/survey/followups", "/survey/review"],
    "volunteer": [],
    "household": [],
    "subdistrict": ["/subdistrict/new"],
}
SMALL_BUTTONS = """
() => [...document.querySelectorAll('button, [role=button], input[type=submit]')]
  .filter(b => b.offsetParent !== null && !b.closest('#lang-switch, [role=radiogroup],'
                                                    + ' .rt-SelectContent, table'))
  .map(b => ({text: b.innerText.trim().slice(0, 20), h: b.getBoundingClientRect().height}))
  .filter(b => b.h < 40)
"""


@pytest.mark.parametrize("role", list(TABS))
def test_every_page_fits_the_phone(phone: Page, demo, role: str):
    login_as(phone, demo, role)
    routes = [route for route, _key, _icon in TABS[role]] + EXTRA[role]
    for route in routes:
        phone.goto(route)
        expect(phone.locator("#bottom-nav")).to_be_visible()
        phone.wait_for_load_state("networkidle")
        assert no_horizontal_scroll(phone), route
        assert phone.evaluate(SMALL_BUTTONS) == [], route
