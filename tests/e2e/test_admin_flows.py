"""Admin and worker account flows end to end on a phone."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import household_login, login_as, no_horizontal_scroll, staff_login


def test_admin_creates_a_worker_assigns_a_building_and_the_worker_opens_a_household(
    phone: Page, browser, demo
):
    login_as(phone, demo, "admin")
    phone.goto("/staff")
    phone.fill("#new-username", "zhangwei")
    phone.fill("#display_name", "张伟")
    phone.fill("#phone", "13611112222")
    phone.click("#create-staff")
    password = phone.locator("#issued-password").inner_text()
    assert len(password) == 12
    # A double tap on the same form does not create a second account.
    phone.click("#create-staff")
    expect(phone.locator('[data-username="zhangwei"]')).to_have_count(1)
    expect(phone.locator('[data-username="zhangwei"]')).to_contain_text("136****2222")

    card = phone.locator('[data-username="zhangwei"]')
    card.get_by_role("button", name=re.compile("栋")).click()
    phone.get_by_role("checkbox", name=re.compile("2号楼")).click()
    phone.click("#save-assignment")
    expect(phone.locator("#notice-message")).to_contain_text("楼栋分配已保存")
    expect(card.get_by_role("button", name=re.compile("1 栋"))).to_be_visible()
    assert no_horizontal_scroll(phone)

    worker = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    staff_login(worker, "zhangwei", password)
    expect(worker.locator("#worker-home")).to_contain_text("2号楼")
    worker.locator("#worker-home a", has_text="2号楼").first.click()
    expect(worker).to_have_url(re.compile(r"/building"))
    worker.locator('[data-room="101"]').click()
    worker.click("#open-account")
    code = worker.locator("#issued-code").inner_text()
    pin = worker.locator("#issued-pin").inner_text()
    assert re.fullmatch(r"\d{6}", pin)
    assert no_horizontal_scroll(worker)
    worker.context.close()

    household = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    household_login(household, code, pin)
    expect(household.locator("#household-home")).to_contain_text("2号楼")
    expect(household.locator("#household-home")).to_contain_text("打电话给网格员")
    household.context.close()


def test_disabling_an_account_stops_its_open_session(phone: Page, browser, demo):
    volunteer = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    login_as(volunteer, demo, "volunteer")

    login_as(phone, demo, "admin")
    phone.goto("/staff")
    card = phone.locator('[data-username="volunteer"]')
    card.get_by_role("button", name="停用").click()
    expect(card.get_by_role("button", name="启用")).to_be_visible()

    volunteer.goto("/me")
    expect(volunteer).to_have_url(re.compile(r"/login/?(\?out=1)?$"))
    expect(volunteer.locator("#error-message")).to_contain_text("登录已过期")
    staff_login(volunteer, *demo.logins["volunteer"])
    expect(volunteer.locator("#error-message")).to_contain_text("账号或密码不正确")
    card.get_by_role("button", name="启用").click()
    expect(card.get_by_role("button", name="停用")).to_be_visible()
    volunteer.context.close()
