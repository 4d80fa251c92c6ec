"""Home isolation end to end on a 360x640 phone: open, report, fever, action, release."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session

from community_app.models import IsolationCase
from community_app.services import clock
from community_app.services.isolation import checklist as isolation_checklist
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as, no_horizontal_scroll


def _report(page: Page, whole: str, tenth: str) -> None:
    """Three taps: the person's big button, the whole degree, the tenth (which saves)."""
    page.locator("[data-report]").first.click()
    page.locator(f'#household-pad [data-sw-whole="{whole}"]').click()
    expect(page.locator("#household-pad-display")).to_contain_text(f"{whole}.")
    page.locator(f'#household-pad [data-sw-tenth="{tenth}"]').click()
    expect(page.locator("#household-pad")).to_be_hidden()


def test_worker_opens_a_case_household_reports_fever_worker_acts_and_releases(
    phone: Page, browser, demo
):
    today = clock.local_day()
    # 1. The worker opens a case from the household sheet of the building grid.
    login_as(phone, demo, "grid_worker")
    phone.goto(f"/building?id={demo.building_id}")
    phone.locator('[data-room="101"]').first.click()
    phone.click("#start-isolation")
    expect(phone).to_have_url(re.compile(r"/isolation/new\?household=\d+"))
    expect(phone.locator("#new-case-address")).to_contain_text("1号楼")
    expect(phone.locator("#period-days")).to_have_value("14")
    assert no_horizontal_scroll(phone)
    phone.click("#open-case")
    expect(phone).to_have_url(re.compile(r"/isolation/case\?id=\d+"))
    case_id = int(re.search(r"id=(\d+)", phone.url).group(1))
    expect(phone.locator("#case-day")).to_contain_text("第 1 / 14")
    expect(phone.locator("#notice-message")).to_contain_text("已开始居家隔离")

    # 2. The household signs in on its own page and reports 36.6, then 37.8, three taps
    # each; a typo (38.7) is corrected on the spot.
    household = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    login_as(household, demo, "household")
    end = (today + timedelta(days=13)).isoformat()
    expect(household.locator("#isolation-day")).to_have_text("居家隔离 第 1 天，共 14 天")
    expect(household.locator("#isolation-end")).to_contain_text(end)
    person = household.locator("[data-person]").first
    _report(household, "36", "6")
    expect(household.locator("#notice-message")).to_contain_text("36.6")
    expect(person.locator("[data-recorded]")).to_contain_text("已记录 36.6 ℃")
    _report(household, "38", "7")  # meant 37.8
    expect(household.locator("#fever-warning")).to_contain_text("38.7")
    expect(person.locator("[data-recorded]")).to_contain_text("38.7")
    household.wait_for_timeout(1200)  # "Correct" ignores the second tap of a double tap
    person.locator("[data-correct]").click()
    expect(household.locator("#notice-message")).to_contain_text("38.7")
    expect(household.locator("#fever-warning")).to_have_count(0)
    # The pad is open again for the same person: the degree and the tenth finish it.
    household.locator('#household-pad [data-sw-whole="37"]').click()
    expect(household.locator("#household-pad-display")).to_contain_text("37.")
    heights = household.locator("#household-pad button").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().height).filter(h => h > 0)")
    assert len(heights) == 12 and min(heights) >= 64  # ten tenths, back, cancel
    assert no_horizontal_scroll(household)
    household.locator('#household-pad [data-sw-tenth="8"]').click()
    expect(household.locator("#fever-warning")).to_contain_text("37.8")
    today_list = household.locator("#household-isolation")
    expect(today_list).to_contain_text("36.6 °C")
    expect(today_list).to_contain_text("37.8 °C")
    expect(today_list).not_to_contain_text("38.7")
    sizes = household.locator("#household-home .rt-Text").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert sizes and min(sizes) >= 20
    assert no_horizontal_scroll(household)
    # The same page in English.
    household.locator("#lang-switch").get_by_role("radio", name="EN").click()
    expect(person.locator("[data-report]")).to_contain_text("Report temperature")
    expect(person.locator("[data-correct]")).to_contain_text("Correct")
    expect(person.locator("[data-recorded]")).to_contain_text("Recorded 37.8")
    household.locator("#lang-switch").get_by_role("radio", name="中文").click()
    expect(person.locator("[data-report]")).to_contain_text("报体温")

    # 3. The admin sees the fever on the home screen at once.
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    login_as(admin, demo, "admin")
    expect(admin.locator("#admin-fever-alerts")).to_contain_text("37.8")

    # 4. The worker's home shows it too; the board: the alert on top, what is still missing.
    phone.goto("/")
    expect(phone.locator("#worker-fever-alerts")).to_contain_text("37.8")
    phone.locator('#bottom-nav [data-tab="nav.isolation"]').click()
    expect(phone).to_have_url(re.compile(r"/isolation/?$"))
    alert = phone.locator("[data-alert]")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text("37.8")
    expect(alert).not_to_contain_text("38.7")  # the corrected typo raised nothing to act on
    card = phone.locator(f'[data-case="{case_id}"]')
    for kind in ("checkin", "garbage_afternoon", "supply_masks", "door_notice"):
        expect(card.locator(f'[data-item="{kind}"]')).to_have_count(1)
    late = clock.local_clock() >= isolation_checklist.CARE_TIMES.garbage_morning_at
    expect(card.locator('[data-item="garbage_morning"]')).to_have_attribute(
        "data-overdue", "true" if late else "false")
    expect(card.locator('[data-tel]')).to_have_attribute("href", re.compile(r"^tel:\d+"))
    assert no_horizontal_scroll(phone)
    # Ticking an item takes it off today's list.
    card.locator('[data-done="door_notice"]').click()
    expect(card.locator('[data-item="door_notice"]')).to_have_count(0)
    # The daily check-in is ticked with a note on how they are doing.
    card.locator('[data-done="checkin"]').click()
    phone.fill("#checkin-note", "情绪稳定，想要鸡蛋")
    phone.click("#checkin-save")
    expect(card.locator('[data-item="checkin"]')).to_have_count(0)
    # The worker records the action taken: the alert leaves the board and the admin home.
    alert.locator('[data-action="doctor_called"]').click()
    expect(phone.locator("#notice-message")).to_contain_text("已记录处置")
    expect(phone.locator("[data-alert]")).to_have_count(0)
    admin.reload()
    expect(admin.locator("#admin-home")).to_be_visible()
    expect(admin.locator("#admin-fever-alerts")).to_have_count(0)
    # The admin exports the case's day-by-day history.
    admin.goto(f"/isolation/case?id={case_id}")
    expect(admin.locator('[data-day]')).to_contain_text("37.8")
    # The corrected typo is kept, struck through, and its alert closed by the household.
    voided = admin.locator('[data-line="voided"]')
    expect(voided).to_contain_text("38.7")
    assert "line-through" in voided.locator("text=38.7").first.evaluate(
        "el => getComputedStyle(el).textDecorationLine")
    expect(admin.locator('[data-line="corrected"]')).to_contain_text("住户已改正")
    with admin.expect_download() as download:
        admin.click("#export-csv")
    text = open(download.value.path(), encoding="utf-8-sig").read()
    # Titled and worded in the admin's language, under a name in it (never a raw code).
    assert download.value.suggested_filename == f"居家隔离记录-{case_id}.csv"
    assert text.startswith("地址,日期,第几天") and "37.8" in text and "已联系医生" in text
    assert "38.7" in text and "已作废" in text and "住户已改正" in text
    assert "doctor_called" not in text and "voided" not in text
    admin.context.close()

    # 5. The final day: the case started 13 days ago; the worker releases it.
    with Session(demo.engine) as session:
        case = session.get(IsolationCase, case_id)
        case.start_date = today - timedelta(days=13)
        session.add(case)
        session.commit()
    phone.goto(f"/isolation/case?id={case_id}")
    expect(phone.locator("#case-day")).to_contain_text("第 14 / 14")
    expect(phone.locator(f'[data-day="{today.isoformat()}"]')).to_contain_text("情绪稳定，想要鸡蛋")
    expect(phone.locator('[data-day]')).to_have_count(14)
    phone.click("#release-case")
    expect(phone.locator("#notice-message")).to_contain_text("已解除隔离")
    expect(phone.locator("#release-case")).to_have_count(0)

    household.reload()
    expect(household.locator("#isolation-ended")).to_contain_text("隔离已结束")
    expect(household.locator("#household-isolation")).to_have_count(0)
    household.context.close()
