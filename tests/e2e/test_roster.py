"""招募令 and the shift roster on a 360x640 zh-CN phone: a stranger signs up on the public
page, the admin approves (the first password shown once), the new volunteer signs in and
takes a gate shift; the admin sees it staffed, backfills and marks a no-show, marks
attendance, sees the hours and downloads the hours Excel."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlmodel import Session

from community_app.models import Role
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.roster import recruit, shifts
from community_app.services.roster.shifts import ShiftIn
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login

PLACE = "东门卡点"
expect.set_options(timeout=20000)  # a busy shared machine: wait for what the user sees


def _community(demo) -> tuple[str, str, str]:
    """A community of its own: one compound, an admin, a spare volunteer, the sign-up link
    and a gate shift in two hours (2 to 3 people)."""
    with Session(demo.engine, expire_on_commit=False) as session:
        comm = f.community(session, "招募社区")
        f.building(session, comm, "东院1号楼", floors=1, units=1, rooms=1)
        admin = f.user(session, comm, Role.admin, f"roster-{f.new_uuid()[:6]}")
        spare = f.user(session, comm, Role.volunteer, f"spare-{f.new_uuid()[:6]}")
        spare.display_name = "赵备用"
        session.add(spare)
        actor = Actor.of(admin)
        code = recruit.ensure_link(session, actor=actor)
        start = clock.utc() + timedelta(hours=2)
        shifts.create_shift(session, actor=actor, uuid=f.new_uuid(), data=ShiftIn(
            starts_at=start, ends_at=start + timedelta(hours=4), place=PLACE, kind="gate",
            min_people=2, max_people=3))
        session.commit()
        return admin.username, code, "东院1号楼所在小区"


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    return context.new_page()


def test_recruit_approve_sign_up_staff_attend_and_export_hours(browser, demo):
    admin_name, code, compound = _community(demo)

    stranger = _phone(browser, demo)
    stranger.goto(f"/join?c={code}")
    expect(stranger.locator("#join-community")).to_have_text("招募社区")
    stranger.fill("#join-name", "王小明")
    stranger.fill("#join-phone", "13812345678")
    stranger.select_option("#join-compound", label=compound)
    stranger.check("#join-skill-driving")
    stranger.check("#join-party")
    stranger.fill("#join-availability", "周末全天")
    stranger.click("#join-submit")
    expect(stranger.locator("#join-done")).to_contain_text("报名已提交")

    admin = _phone(browser, demo)
    staff_login(admin, admin_name, f.PASSWORD)
    expect(admin.locator("#roster-admin-card")).to_contain_text("缺人班次 1")
    expect(admin.locator("#roster-admin-card")).to_contain_text("待审核报名 1")
    admin.click("#roster-admin-card")
    admin.click("#recruit-link")
    card = admin.locator('[data-application="王*明"]')
    expect(card).to_contain_text("138****5678")
    expect(card).to_contain_text("会开车")
    expect(card).to_contain_text("党员")
    card.locator('[data-action="approve"]').click()
    expect(admin.locator("#issued-password")).to_be_visible()
    username = admin.locator("#issued-username").inner_text().strip()
    password = admin.locator("#issued-password").inner_text().strip()
    assert username.startswith("zy") and len(password) >= 10
    expect(admin.locator("[data-application]")).to_have_count(0)
    admin.click("#password-written-down")
    expect(admin.locator("#issued-password")).to_have_count(0)

    volunteer = _phone(browser, demo)
    staff_login(volunteer, username, password)
    volunteer.click("#shifts-card")
    shift = volunteer.locator(f'[data-shift="{PLACE}"]')
    expect(shift).to_contain_text("卡点值守")
    shift.locator('[data-action="shift-sign-up"]').click()
    expect(volunteer.locator("#notice-message")).to_contain_text("报名成功")
    expect(shift).to_have_attribute("data-mine", "true")
    expect(shift).to_contain_text("我已报名")

    admin.goto("/roster")
    board = admin.locator(f'[data-board-shift="{PLACE}"]')
    expect(board.locator("[data-filled]")).to_have_attribute("data-filled", "1")
    expect(board).to_have_attribute("data-short", "true")  # 1 of at least 2: red
    expect(board.locator('[data-person="王*明"]')).to_have_attribute("data-status", "signed")
    board.locator("select").select_option(label="赵*用")
    board.get_by_role("button", name="安排").click()
    expect(board.locator("[data-filled]")).to_have_attribute("data-filled", "2")
    expect(board).to_have_attribute("data-short", "false")
    board.locator('[data-person="赵*用"] [data-action="no-show"]').click()
    expect(board.locator('[data-person="赵*用"]')).to_have_attribute("data-status", "no_show")
    expect(board.locator("[data-filled]")).to_have_attribute("data-filled", "1")
    board.locator('[data-person="王*明"] [data-action="worked"]').click()
    expect(board.locator('[data-person="王*明"]')).to_have_attribute("data-status", "worked")
    expect(admin.locator('[data-hours="王*明"]')).to_have_attribute("data-total", "4:00")
    expect(admin.locator('[data-hours="赵*用"]')).to_have_attribute("data-total", "0:00")

    with admin.expect_download() as download:
        admin.click("#hours-download")
    assert download.value.suggested_filename.startswith("志愿服务时长-")
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("志愿者", "时长（小时）", "到岗班次")
    assert ("王小明", 4, 1) in [r[:3] for r in rows[1:]]
