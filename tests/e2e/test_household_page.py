"""The isolated household's own page: where it stands, and asking for groceries in a few taps."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.test_foundation import login_as, no_horizontal_scroll


def test_isolated_household_sees_its_days_and_asks_for_vegetables_and_eggs(
    phone: Page, demo, isolated_household
):
    login_as(phone, demo, "household")
    expect(phone.locator("#isolation-day")).to_contain_text(re.compile(r"第 \d+ 天"))
    phone.click("#ask-supplies")
    phone.click('[data-item="vegetables"]')
    phone.click('[data-item="eggs"]')
    phone.click("#ask-send")
    expect(phone.locator("#notice-message")).to_contain_text("已发送")
    # Where the person is looking: the answer is on screen, not above the fold (item 14).
    box = phone.locator("#notice-message").bounding_box()
    scrolled = phone.evaluate("window.scrollY")
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 640, (box, scrolled)
    request = phone.locator("#ask-page [data-request]").first
    expect(request).to_contain_text("蔬菜")
    expect(request).to_contain_text("鸡蛋")
    expect(request).to_contain_text("已提交")
    assert no_horizontal_scroll(phone)
    # Back home, the request is there in large text with when help is due.
    phone.locator('#bottom-nav [data-tab="nav.home"]').click()
    waiting = phone.locator('#household-requests [data-active-request="requested"]').first
    expect(waiting).to_contain_text("蔬菜")
    expect(waiting).to_contain_text("预计送到时间不晚于")
    assert no_horizontal_scroll(phone)
