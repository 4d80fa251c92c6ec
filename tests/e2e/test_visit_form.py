"""The visit form fits a thumb at 360x640 (issue 12 item 3): the common case (everyone at
home, normal temperature) is saved with 保存 on screen and no scrolling, the title names the
compound, folded sections open when relevant, and switching the outcome needs no signal."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as
from tests.e2e.test_survey import BUILDING, open_round

VIEW = 640


def _in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= VIEW


def test_the_common_visit_is_one_screen_with_save_in_view(phone: Page, browser, demo):
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="表单测试轮")
    admin.context.close()
    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.locator('[data-room="401"]').first.click()
    # The whole address: compound, building, flat.
    expect(phone.locator("#visit-place")).to_have_text(re.compile(r"^1号楼所在小区 1号楼 1-401$"))
    assert _in_view(phone, "#save-visit")  # before any scrolling
    form_height = phone.locator("#visit-form").evaluate("f => f.getBoundingClientRect().height")
    assert form_height <= 2 * VIEW, form_height
    heights = phone.locator("#visit-form input:visible:not([type=radio]):not([type=checkbox])"
                            ).evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights
    # Folded until relevant: the travel details and the needs.
    expect(phone.locator('input[name="r0_returned_from"]')).to_be_hidden()
    expect(phone.locator('input[name="needs"]')).to_be_hidden()

    # With no signal the outcome still switches: not at home shows what to do next.
    phone.context.set_offline(True)
    phone.click("#outcome-not_home")
    expect(phone.locator('input[name="next_action"]').first).to_be_visible()
    expect(phone.locator('input[name="r0_temperature"]')).to_be_hidden()
    phone.click("#outcome-door")
    expect(phone.locator('input[name="r0_temperature"]')).to_be_visible()
    phone.context.set_offline(False)

    # The common case: one tap on 保存, still in view after typing a temperature.
    phone.fill('input[name="r0_temperature"]', "36.5")
    assert _in_view(phone, "#save-visit")
    phone.click("#save-visit")
    expect(phone.locator("#notice-message")).to_contain_text("1号楼所在小区 1号楼 1-401")
    # Back to the building this flat is in, not the round's list.
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.locator('[data-room="402"]').first.click()
    phone.click("#visit-back-building")
    expect(phone).to_have_url(re.compile(rf"/survey/building\?id={demo.building_id}$"))
