"""Door notice -> a resident fills the form without an account -> the worker reviews it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Household, Resident
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as, no_horizontal_scroll
from tests.e2e.test_survey import BUILDING, open_round


def _register_member(demo) -> None:
    """The flat's first member as the register holds it, whatever earlier tests on the
    shared demo did to it (the patrol test makes it an elderly resident living alone)."""
    with Session(demo.engine) as session:
        flat = session.exec(select(Household).where(
            Household.building_id == demo.building_id, Household.unit == 1,
            Household.room == "601")).one()
        member = session.exec(select(Resident).where(Resident.household_id == flat.id)
                              .order_by(Resident.id)).first()
        member.name, member.birth_year, member.phone = "张三丰", 1950, "13812345678"
        member.elderly_alone = False
        session.add(member)
        session.commit()


def test_notice_self_fill_and_review(phone: Page, browser, demo):
    _register_member(demo)
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="自填测试轮")
    admin.context.close()

    login_as(phone, demo, "grid_worker")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    phone.locator('[data-room="601"]').first.click()
    place = phone.locator("#visit-place")
    expect(place).to_contain_text("1-601")
    phone.click("#outcome-not_home")
    visit_url = phone.url
    phone.click("#save-visit")
    expect(phone.locator("#notice-message")).to_be_visible()
    expect(phone).not_to_have_url(visit_url)  # the save's redirect has landed

    phone.goto("/survey/followups")
    phone.locator('[data-followup$="1-601"]').get_by_role("button", name="门上通知单").click()
    expect(phone.locator("#notice-code")).to_have_text(re.compile(r"^[A-Z0-9]{8}$"))
    code = phone.locator("#notice-code").inner_text()
    link = phone.locator("#notice-link").inner_text()
    assert link.endswith(f"/f?c={code}")
    assert "张" not in phone.locator("body").inner_text()  # nothing personal on a door
    assert no_horizontal_scroll(phone)

    resident = browser.new_context(**PHONE).new_page()  # no account, no session
    resident.goto(link)
    expect(resident.locator("#self-fill-place")).to_contain_text("1-601")
    # The register's member (张三丰, 1950, 13812345678) with a new phone and a new flag,
    # and a member the register does not know.
    resident.fill('input[name="r0_name"]', "张三丰")
    resident.fill('input[name="r0_birth_year"]', "1950")
    resident.fill('input[name="r0_phone"]', "13999999999")
    resident.fill('input[name="r0_temperature"]', "36.4")
    resident.locator('input[name="r0_elderly_alone"]').check()
    resident.get_by_role("button", name="添加成员").click()
    resident.fill('input[name="r1_name"]', "赵大妈")
    resident.fill('input[name="r1_birth_year"]', "1948")
    resident.fill('input[name="needs"]', "需要买药")
    resident.click("#self-fill-submit")
    expect(resident.locator("#self-fill-done")).to_be_visible()
    assert no_horizontal_scroll(resident)
    resident.context.close()

    phone.goto("/survey")
    phone.click("#review-link")
    pending = phone.locator('[data-pending$="1-601"]')
    expect(pending).to_contain_text("张三丰 · 1950 · 36.4°C")
    expect(pending).to_contain_text("需要买药")
    change = pending.locator('[data-change="r0.phone"]')
    expect(change).to_contain_text("13812345678")
    expect(change).to_contain_text("13999999999")
    expect(pending.locator('[data-change="r0.elderly_alone"]')).to_be_visible()
    assert no_horizontal_scroll(phone)
    # Nothing is ticked to start with: tick the new member and the flag, not the phone.
    pending.locator('[data-change="r1.new"] input').check()
    pending.locator('[data-change="r0.elderly_alone"] input').check()
    pending.get_by_role("button", name="核对无误，登记").click()
    expect(phone.locator('[data-pending$="1-601"]')).to_have_count(0)

    phone.goto(visit_url)
    expect(phone.locator('input[name="r0_name"]')).to_have_value("张三丰")
    expect(phone.locator('input[name="r0_phone"]')).to_have_value("13812345678")  # unticked
    expect(phone.locator('input[name="r0_elderly_alone"]')).to_be_checked()
    expect(phone.locator('input[name="r1_name"]')).to_have_value("赵大妈")
    phone.goto("/survey")
    phone.locator(f'[data-building="{BUILDING}"]').click()
    expect(phone.locator('[data-room="601"][data-status="reached"]')).to_have_count(1)


def test_a_wrong_code_gets_a_clear_message(browser, demo):
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    page.goto("/f?c=NOPE1234")
    expect(page.locator("#error-message")).to_contain_text("编号无效")
    expect(page.locator("#self-fill-form")).to_have_count(0)
    page.context.close()
