"""Isolation forms with no signal: the household's temperature, the worker's pad and ticks
are kept on the phone, survive a closed tab, and are saved once when the signal returns."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import ChecklistItem, TemperatureReading
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import login_as


def _readings(demo, case_id: int) -> list[tuple[str, str]]:
    with Session(demo.engine) as session:
        rows = session.exec(select(TemperatureReading)
                            .where(TemperatureReading.case_id == case_id)).all()
        return sorted((str(r.value), str(r.source)) for r in rows)


def test_a_household_reports_a_temperature_with_no_signal(phone: Page, demo,
                                                          isolated_household: int):
    login_as(phone, demo, "household")
    # The isolation card is the home's last load: offline before it lands, there is no card.
    expect(phone.locator("[data-report]").first).to_be_visible()
    go_offline(phone)
    phone.locator("[data-report]").first.click()  # the pad opens with no round trip
    phone.locator('#household-pad [data-sw-whole="36"]').click()
    expect(phone.locator("#household-pad-display")).to_contain_text("36.")
    phone.locator('#household-pad [data-sw-tenth="4"]').click()
    expect(phone.locator("#household-pad")).to_be_hidden()
    assert phone.evaluate(KEPT) == ["reading"]
    # The banner says what is really waiting, not a general promise.
    expect(phone.locator("#sw-offline-banner")).to_contain_text("没有信号")
    expect(phone.locator("#sw-offline-banner")).to_contain_text("1 项等待发送")
    assert _readings(demo, isolated_household) == []
    phone.close()  # the tab is gone, and Reflex's queue with it

    page = reopen(phone.context, "/")
    expect(page.locator("#notice-message")).to_contain_text("1 条体温已保存")
    expect(page.locator("[data-recorded]").first).to_contain_text("36.4")
    assert _readings(demo, isolated_household) == [("36.4", "self_report")]
    page.goto("/manifest.webmanifest")
    assert page.evaluate(KEPT) == []
    page.goto("/")
    expect(page.locator("[data-recorded]").first).to_contain_text("36.4")
    assert _readings(demo, isolated_household) == [("36.4", "self_report")]  # once


def test_a_worker_ticks_and_takes_a_reading_on_the_board_with_no_signal(
        phone: Page, demo, isolated_household: int):
    login_as(phone, demo, "grid_worker")
    phone.goto("/isolation")
    card = phone.locator(f'[data-case="{isolated_household}"]')
    expect(card.locator('[data-item="door_notice"]')).to_have_count(1)
    go_offline(phone)
    card.locator('[data-done="door_notice"]').click()
    card.locator("[data-person]").first.click()
    phone.locator("#pad-source-door").check()
    phone.locator('#pad-form [data-sw-whole="37"]').click()
    phone.locator('#pad-form [data-sw-tenth="1"]').click()
    expect(phone.locator("#pad-form")).to_be_hidden()
    assert sorted(phone.evaluate(KEPT)) == ["reading", "tick"]
    assert _readings(demo, isolated_household) == []
    phone.close()

    page = reopen(phone.context, "/isolation")
    expect(page.locator("#notice-message")).to_contain_text("1 条体温已保存")
    expect(page.locator("#notice-message")).to_contain_text("1 项任务已保存")
    card = page.locator(f'[data-case="{isolated_household}"]')
    expect(card.locator('[data-item="door_notice"]')).to_have_count(0)
    assert _readings(demo, isolated_household) == [("37.1", "door")]
    with Session(demo.engine) as session:
        notice = session.exec(select(ChecklistItem).where(
            ChecklistItem.case_id == isolated_household,
            ChecklistItem.kind == "door_notice")).one()
        assert notice.status == "done"
