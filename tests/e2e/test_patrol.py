"""The lit-window night patrol end to end on a 360x640 phone (issue 6, "Done means")."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Building, Community, Household, Resident
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as, no_horizontal_scroll


def _prepare(demo) -> tuple[str, int]:
    """A third building, and an elderly resident living alone in 1号楼 unit 1, flat 601;
    returns that flat's address and 2号楼's id."""
    with Session(demo.engine) as session:
        comm = session.exec(select(Community)).first()
        f.building(session, comm, "3号楼", floors=2, units=1, rooms=2)
        flat = session.exec(select(Household).where(
            Household.building_id == demo.building_id, Household.unit == 1,
            Household.room == "601")).one()
        resident = session.exec(select(Resident).where(Resident.household_id == flat.id)).first()
        resident.name, resident.elderly_alone = "王奶奶", True
        session.add(resident)
        session.commit()
        second = session.exec(select(Building).where(Building.name == "2号楼")).one()
        return "1号楼 1-601", second.id


def _is_dark(page: Page, selector: str) -> bool:
    """The element's own background is dark (relative luminance under 0.1)."""
    return page.evaluate(
        """(sel) => {
            const [r, g, b] = getComputedStyle(document.querySelector(sel)).backgroundColor
                .match(/[0-9.]+/g).map(Number).map(v => v / 255)
                .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.1;
        }""",
        selector,
    )


def test_night_patrol_follow_up_and_log(phone: Page, browser, demo):
    address, second_id = _prepare(demo)

    # The admin plans tonight: two buildings, the volunteer ...
    login_as(phone, demo, "admin")
    phone.click("#to-patrol-plan")
    expect(phone).to_have_url(re.compile(r"/patrol/plan"))
    for name in ("1号楼", "2号楼"):
        phone.get_by_role("checkbox", name=re.compile(f"所在小区 {name}$")).click()
    phone.get_by_role("checkbox", name=re.compile("^volunteer")).click()
    phone.click("#save-plan")
    expect(phone.locator("#notice-message")).to_contain_text("巡查安排已保存")
    expect(phone.locator("[data-plan]")).to_contain_text("2号楼")
    expect(phone.locator("[data-plan]")).not_to_contain_text("3号楼")
    # ... then edits it before it starts: the third building joins the route.
    phone.locator("[data-edit-plan]").first.click()
    edit = phone.locator("#patrol-edit")
    expect(edit.get_by_role("checkbox", name=re.compile("所在小区 2号楼$"))).to_be_checked()
    edit.get_by_role("checkbox", name=re.compile("所在小区 3号楼$")).click()
    phone.click("#save-plan-edit")
    expect(phone.locator("#notice-message")).to_contain_text("巡查安排已修改")
    expect(phone.locator("[data-plan]")).to_contain_text("3号楼")
    assert no_horizontal_scroll(phone)
    # 2号楼 is walked past from the back.
    phone.goto(f"/building?id={second_id}")
    phone.click('[data-path-side="back"]')
    expect(phone.locator('[data-path-side="back"]')).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("#notice-message")).to_contain_text("已保存")

    # The volunteer sees tonight's assignment and walks it.
    walker = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    login_as(walker, demo, "volunteer")
    expect(walker.locator("#volunteer-home")).to_contain_text("今晚巡查")
    expect(walker.locator("[data-tonight]").first).to_contain_text("3号楼")  # the edit shows
    walker.locator("[data-tonight]").first.click()
    expect(walker).to_have_url(re.compile(r"/patrol\?id="))
    # The whole screen is dark at night: header, page and navigation.
    expect(walker.locator("#night-shell")).to_have_class(re.compile(r"\bdark\b"))
    for part in ("#night-shell > div", "#bottom-nav", "#patrol-screen"):
        assert _is_dark(walker, part), part
    expect(walker.locator("#patrol-side")).to_have_attribute("data-side", "front")
    walker.click("#patrol-sign-in")
    expect(walker.locator("#patrol-sign-out")).to_be_visible()
    watched = walker.locator('[data-room="601"]').first
    expect(watched).to_have_attribute("data-call-if-dark", "1")
    walker.locator('[data-room="602"]').first.click()
    expect(walker.locator("#patrol-lit-count")).to_have_text("1/24")
    expect(walker.locator("#patrol-percent")).to_have_text("4%")
    watched.click()  # lit ...
    expect(watched).to_have_attribute("data-state", "lit")
    watched.click()  # ... no: dark
    expect(watched).to_have_attribute("data-state", "dark")
    expect(walker.locator("#patrol-call")).to_be_visible()  # call the worker now
    expect(walker.locator("#patrol-call")).not_to_contain_text("独居")
    walker.locator('[data-floor-lit="5"]').first.click()  # floor 5 of unit 1: all lit
    expect(walker.locator("#patrol-lit-count")).to_have_text("3/24")
    expect(walker.locator("#patrol-percent")).to_have_text("13%")
    assert no_horizontal_scroll(walker)
    for room in walker.locator("[data-room]").all()[:4]:
        box = room.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44  # thumb-sized at night
    walker.click("#patrol-finish")  # windows unmarked: asked first
    walker.click("#patrol-finish-confirm")
    expect(walker.locator("#notice-message")).to_contain_text("已查完。下一栋：")
    expect(walker.locator("#patrol-lit-count")).to_have_text("0/8")  # on to 2号楼
    # Seen from the back: the top floor reads 402, 401 left to right, and the screen says so.
    expect(walker.locator("#patrol-side")).to_have_attribute("data-side", "back")
    expect(walker.locator("#patrol-side")).to_contain_text("从楼后看")
    expect(walker.locator("[data-room]").nth(0)).to_have_attribute("data-room", "402")
    expect(walker.locator("[data-room]").nth(1)).to_have_attribute("data-room", "401")
    assert no_horizontal_scroll(walker)
    walker.locator('[data-room="401"]').first.click()
    expect(walker.locator("#patrol-lit-count")).to_have_text("1/8")
    walker.click("#patrol-finish")
    walker.click("#patrol-finish-confirm")
    expect(walker.locator("#patrol-lit-count")).to_have_text("0/4")  # 3号楼, not walked
    walker.click("#patrol-sign-out")
    expect(walker.locator("#patrol-signed-out")).to_be_visible()
    walker.context.close()

    # The building's grid worker sees the follow-up at once, calls, then knocks.
    worker = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    login_as(worker, demo, "grid_worker")
    card = worker.locator("[data-follow-up]").filter(has_text=address)
    expect(card).to_contain_text("王奶奶")
    expect(card).to_contain_text("独居老人")
    expect(card.locator("[data-call] >> xpath=ancestor-or-self::a").first).to_have_attribute(
        "href", "tel:13812345678")
    card.locator('[data-action="no-answer"]').click()
    expect(card).to_contain_text("无人接听")
    card.locator('[data-action="visit-well"]').click()
    expect(worker.locator("#notice-message")).to_contain_text("已保存")
    expect(worker.locator("[data-follow-up]")).to_have_count(0)
    assert no_horizontal_scroll(worker)
    worker.context.close()

    # Once counted, 1号楼 cannot leave the plan: the admin is told why, nothing changes.
    phone.goto("/patrol/plan")
    phone.locator("[data-edit-plan]").first.click()
    edit = phone.locator("#patrol-edit")
    expect(edit).to_contain_text("巡查已开始")
    expect(phone.locator("#cancel-plan")).to_have_count(0)  # too late to cancel
    edit.get_by_role("checkbox", name=re.compile("所在小区 1号楼$")).click()
    phone.click("#save-plan-edit")
    expect(phone.locator("#error-message")).to_contain_text("已有巡查记录，不能移出本次巡查")
    expect(phone.locator("[data-plan]")).to_contain_text("所在小区 1号楼")
    assert no_horizontal_scroll(phone)

    # The admin's patrol log: the missed third building, outcomes, the lit-ratio chart.
    phone.goto("/")
    phone.click("#to-patrol-log-home")
    expect(phone).to_have_url(re.compile(r"/patrol/log"))
    expect(phone.locator("#missed-alert")).to_be_visible()
    third = phone.locator("[data-log-building]").filter(has_text="3号楼")
    expect(third).to_have_attribute("data-missed", "1")
    expect(third).to_contain_text("漏查")
    first = phone.locator("[data-log-building]").filter(has_text="所在小区 1号楼")
    expect(first).to_contain_text("3/24")
    expect(first).to_contain_text("未查全")  # finished with windows unmarked: not walked
    expect(first).to_contain_text("跟进 1")
    # The building's follow-up and trend are folded under its row.
    details = phone.locator("[data-log-details]").filter(has_text="所在小区 1号楼")
    log = details.locator("[data-log-follow-up]")
    expect(log).to_be_hidden()
    first.click()
    expect(log).to_contain_text(address)
    expect(log).to_contain_text("无人接听")
    expect(log).to_contain_text("上门：在家，平安")
    expect(log).not_to_contain_text("王奶奶")  # the log carries no names
    phone.locator("#log-people summary").click()
    expect(phone.locator("#log-people")).to_contain_text("volunteer 测试")
    chart = details.locator("[data-trend]")
    expect(chart.locator(".recharts-surface").first).to_be_visible()
    expect(chart.locator(".recharts-line-dot")).to_have_count(1)  # one night so far
    expect(phone.locator("[data-log-details] [data-trend]")).to_have_count(2)  # 1号楼, 2号楼
    assert no_horizontal_scroll(phone)
