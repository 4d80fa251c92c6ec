"""卡点 and the roster together on a 360x640 zh-CN phone (issue 14): a volunteer takes a
gate shift at a checkpoint, signs on at that checkpoint on /gate, and the admin's roster
shows the shift worked and the hours counted, with no attendance tapped by hand."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlmodel import Session

from community_app.models import Role
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.gate import checkpoints
from community_app.services.roster import shifts
from community_app.services.roster.shifts import ShiftIn
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login

CHECKPOINT = "南门卡点"


def _community(demo) -> tuple[str, str]:
    """A community of its own with one checkpoint and a gate shift there starting in twenty
    minutes (4 h, 1 to 2 people; sign-on counts from 30 min before); an admin, a volunteer."""
    with Session(demo.engine, expire_on_commit=False) as session:
        comm = f.community(session, "南门社区")
        building = f.building(session, comm, "南院1号楼", floors=1, units=1, rooms=1)
        tag = f.new_uuid()[:6]
        admin = f.user(session, comm, Role.admin, f"gr-admin-{tag}")
        volunteer = f.user(session, comm, Role.volunteer, f"gr-vol-{tag}")
        volunteer.display_name = "孙志愿"
        session.add(volunteer)
        actor = Actor.of(admin)
        checkpoints.create_checkpoint(session, actor=actor, uuid=f.new_uuid(), name=CHECKPOINT,
                                      compound_ids=[building.compound_id])
        start = clock.utc() + timedelta(minutes=20)
        shifts.create_shift(session, actor=actor, uuid=f.new_uuid(), data=ShiftIn(
            starts_at=start, ends_at=start + timedelta(hours=4), place=CHECKPOINT,
            kind="gate", min_people=1, max_people=2))
        session.commit()
        return admin.username, volunteer.username


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    return context.new_page()


def test_signing_on_at_the_checkpoint_works_the_gate_shift(browser, demo):
    expect.set_options(timeout=20000)  # a busy shared machine: wait for what the user sees
    admin_name, volunteer_name = _community(demo)
    volunteer = _phone(browser, demo)
    staff_login(volunteer, volunteer_name, f.PASSWORD)
    volunteer.click("#shifts-card")
    shift = volunteer.locator(f'[data-shift="{CHECKPOINT}"]')
    shift.locator('[data-action="shift-sign-up"]').click()
    expect(shift).to_have_attribute("data-mine", "true")

    volunteer.goto("/")
    volunteer.click("#gate-duty-link")
    volunteer.click(f'[data-sign-on="{CHECKPOINT}"]')
    expect(volunteer.locator("#gate-duty")).to_contain_text(CHECKPOINT)
    expect(volunteer.locator("#notice-message")).to_contain_text("值守班次已记为出勤")

    admin = _phone(browser, demo)
    staff_login(admin, admin_name, f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.goto("/roster")
    board = admin.locator(f'[data-board-shift="{CHECKPOINT}"]')
    expect(board.locator('[data-person="孙*愿"]')).to_have_attribute("data-status", "worked")
    expect(admin.locator('[data-hours="孙*愿"]')).to_have_attribute("data-total", "4:00")
    expect.set_options(timeout=5000)
