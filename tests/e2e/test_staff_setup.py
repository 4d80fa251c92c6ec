"""Staff setup on a 360x640 phone in Chinese (issue 12 item 11): the building picker, the
household login card, the family's greeting, and staff passwords."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Building, Community, Compound, Household, Resident, Role
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import household_login, login_as, no_horizontal_scroll, staff_login

COMPOUND, BUILDINGS = "望京花园", [f"望京{i}座" for i in range(1, 9)]  # no "N号楼": other tests look for those


@pytest.fixture(scope="module")
def picker_world(demo) -> str:
    """A compound of eight (empty) buildings and a new grid worker covering none of them."""
    with Session(demo.engine) as session:
        comm = session.exec(select(Community)).first()
        compound = Compound(uuid=f.new_uuid(), community_id=comm.id, name=COMPOUND)
        session.add(compound)
        session.flush()
        for name in BUILDINGS:
            session.add(Building(uuid=f.new_uuid(), compound_id=compound.id, name=name,
                                 floors=1, units=1, rooms_per_floor=1))
        worker = f.user(session, comm, Role.grid_worker, "pickw")
        worker.display_name = "选楼网格员"
        session.add(worker)
        session.commit()
    return "pickw"


def test_the_building_picker_opens_at_the_thumb_grouped_and_assigns_a_whole_compound(
        phone: Page, demo, picker_world):
    login_as(phone, demo, "admin")
    phone.goto("/staff")
    card = phone.locator(f'[data-username="{picker_world}"]')
    card.get_by_role("button", name=re.compile("0 栋")).click()

    sheet = phone.get_by_role("dialog", name=re.compile("选楼网格员"))
    expect(sheet).to_be_visible()
    nav = phone.locator("#bottom-nav").bounding_box()
    box = sheet.bounding_box()
    # A bottom sheet right above the tabs, at most 70% of the screen high.
    assert abs(box["y"] + box["height"] - nav["y"]) <= 2, (box, nav)
    assert box["height"] <= 0.7 * 640 + 1
    save = phone.locator("#save-assignment")
    expect(save).to_be_in_viewport()
    # Grouped by compound; the list scrolls inside the sheet, 保存 stays where it is.
    group = sheet.get_by_role("group", name=COMPOUND)
    expect(group).to_be_visible()
    assert phone.evaluate("(() => { const l = document.getElementById('assign-list');"
                          " return l.scrollHeight > l.clientHeight; })()")
    rows = sheet.locator("label")
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    assert heights and min(heights) >= 44, heights

    # The whole row is the tap target: its far end (the worker column) ticks the box.
    third = group.get_by_role("checkbox", name=re.compile(BUILDINGS[2]))
    row = group.locator("label").filter(
        has=phone.get_by_role("checkbox", name=re.compile(BUILDINGS[2])))
    size = row.bounding_box()
    row.click(position={"x": size["width"] - 8, "y": size["height"] / 2})
    expect(third).to_be_checked()
    # 整个小区 ticks every building of the compound at once.
    group.get_by_role("checkbox", name=re.compile("整个小区")).click()
    for name in BUILDINGS:
        expect(group.get_by_role("checkbox", name=re.compile(name))).to_be_checked()
    expect(group.get_by_role("checkbox", name=re.compile("整个小区"))).to_be_checked()
    expect(save).to_be_in_viewport()
    save.click()
    expect(phone.locator("#notice-message")).to_contain_text("楼栋分配已保存")
    expect(sheet).to_have_count(0)
    expect(card.get_by_role("button", name=re.compile("8 栋"))).to_be_visible()
    assert no_horizontal_scroll(phone)


def test_the_household_login_card_names_code_and_pin_and_says_how_to_sign_in(
        phone: Page, browser, demo):
    login_as(phone, demo, "grid_worker")
    phone.goto(f"/building?id={demo.building_id}")
    phone.locator('[data-room="201"]').last.click()  # unit 2: no demo login lives there
    phone.click("#open-account")
    code_line, pin_line = (phone.locator(f'[data-credential="{n}"]')
                           for n in ("issued-code", "issued-pin"))
    expect(code_line).to_contain_text("户码")
    expect(pin_line).to_contain_text("密码")
    code = phone.locator("#issued-code").inner_text()
    pin = phone.locator("#issued-pin").inner_text()
    assert re.fullmatch(r"\d{6}", pin) and code
    howto = phone.locator("#sign-in-howto")
    expect(howto).to_contain_text("/login/household")
    expect(howto).to_contain_text("输入户码和 6 位密码")
    for line in (code_line, pin_line, howto):
        expect(line).to_be_in_viewport()
    url_box = phone.locator("#household-login-url").bounding_box()
    assert url_box["x"] + url_box["width"] <= 360, url_box  # the address is read in full
    assert no_horizontal_scroll(phone)

    # What the card says is enough: that address, that code, that PIN.
    url = phone.locator("#household-login-url").inner_text()
    household = browser.new_context(**PHONE).new_page()
    household.goto(url)
    household.fill("#code", code)
    household.fill("#pin", pin)
    household.click("#household-login-submit")
    expect(household.locator("#household-home")).to_be_visible()
    household.context.close()


def test_the_household_home_greets_the_family_not_the_code(phone: Page, demo):
    with Session(demo.engine) as session:
        comm = session.exec(select(Community)).first()
        building = f.building(session, comm, "闫家楼", floors=1, units=1, rooms=1)
        home = session.exec(select(Household).where(Household.building_id == building.id)).one()
        head = session.exec(select(Resident).where(Resident.household_id == home.id)).one()
        head.name = "闫琳"
        session.add(head)
        f.user(session, comm, Role.household, home.code, password="135246",
               household_id=home.id)
        session.commit()
        code = home.code
    household_login(phone, code, "135246")
    greeting = phone.locator("#home-greeting")
    expect(greeting).to_have_text("您好，闫琳家")
    expect(greeting).not_to_contain_text(code)


def _staff(demo, username: str, role: Role) -> str:
    """A staff account of this test's own: the demo logins keep their passwords."""
    with Session(demo.engine) as session:
        comm = session.exec(select(Community)).first()
        f.user(session, comm, role, username)
        session.commit()
    return username


def test_staff_change_their_own_password_and_their_other_phones_sign_out(
        phone: Page, browser, demo):
    name = _staff(demo, "pwself", Role.grid_worker)
    other = browser.new_context(**PHONE, base_url=demo.app.base_url).new_page()
    for page in (phone, other):
        staff_login(page, name, f.PASSWORD)
        expect(page.locator("#worker-home")).to_be_visible()

    phone.goto("/me")
    card = phone.locator("#password-card")
    expect(card).to_contain_text("修改密码")

    def submit(current: str, new: str, again: str) -> None:
        card.get_by_label("当前密码").fill(current)
        card.get_by_label("新密码（至少 10 个字符）").fill(new)
        card.get_by_label("再次输入新密码").fill(again)
        card.get_by_role("button", name="修改密码").click()

    submit(f.PASSWORD, "new-secret-1", "new-secret-2")
    expect(phone.locator("#error-message")).to_contain_text("两次输入的新密码不一致")
    submit(f.PASSWORD, "short", "short")
    expect(phone.locator("#error-message")).to_contain_text("至少需要 10 个字符")
    submit("not-my-password", "new-secret-1", "new-secret-1")
    expect(phone.locator("#error-message")).to_contain_text("当前密码不正确")
    submit(f.PASSWORD, "new-secret-1", "new-secret-1")
    expect(phone.locator("#notice-message")).to_contain_text("密码已修改")
    expect(card.get_by_label("当前密码")).to_have_value("")  # nothing typed stays
    assert no_horizontal_scroll(phone)

    other.goto("/me")  # the other phone is signed out at once ...
    expect(other.locator("#error-message")).to_contain_text("登录已过期")
    staff_login(other, name, f.PASSWORD)  # ... and the old password is gone
    expect(other.locator("#error-message")).to_contain_text("账号或密码不正确")
    staff_login(other, name, "new-secret-1")
    expect(other.locator("#worker-home")).to_be_visible()
    phone.goto("/")  # this phone stays signed in
    expect(phone.locator("#worker-home")).to_be_visible()
    other.context.close()


def test_an_admin_resets_a_staff_password_shown_once_and_the_person_is_signed_out(
        phone: Page, browser, demo):
    name = _staff(demo, "pwreset", Role.volunteer)
    person = browser.new_context(**PHONE, base_url=demo.app.base_url).new_page()
    staff_login(person, name, f.PASSWORD)
    expect(person.locator("#volunteer-home")).to_be_visible()

    login_as(phone, demo, "admin")
    phone.goto("/staff")
    card = phone.locator(f'[data-username="{name}"]')
    card.get_by_role("button", name="重置密码").click()
    expect(card).to_contain_text("所有设备上的登录都会退出")
    card.get_by_role("button", name="确认重置").click()
    expect(card).to_contain_text("密码已重置")
    shown = card.locator("#issued-password")
    expect(shown).to_be_in_viewport()
    password = shown.inner_text()
    assert len(password) == 12
    card.get_by_role("button", name="我已记下").click()
    expect(phone.locator("#issued-password")).to_have_count(0)  # shown once
    # The admin's own card has no reset: their own password is changed on /me.
    expect(phone.locator('[data-username="admin"]').get_by_role(
        "button", name="重置密码")).to_have_count(0)
    assert no_horizontal_scroll(phone)

    person.goto("/me")
    expect(person.locator("#error-message")).to_contain_text("登录已过期")
    staff_login(person, name, f.PASSWORD)
    expect(person.locator("#error-message")).to_contain_text("账号或密码不正确")
    staff_login(person, name, password)
    expect(person.locator("#volunteer-home")).to_be_visible()
    person.context.close()
