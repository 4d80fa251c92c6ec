"""What a grid worker types into the visit form is kept on the phone until it is saved:
a reload or a server that lost the tab's state (a worker process killed) brings it back,
instead of the register's pre-fill being saved as if it had been typed (issue 11 item 4)."""

from __future__ import annotations

import os
import signal

from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Resident, ResidentFinding, RoundHousehold, VisitAttempt
from tests.e2e import live
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as
from tests.e2e.test_survey import BUILDING, open_round


def _open_visit(page: Page, room: str) -> None:
    page.goto("/survey")
    page.locator(f'[data-building="{BUILDING}"]').click()
    page.locator(f'[data-room="{room}"]').first.click()
    expect(page.locator("#visit-place")).to_contain_text(f"1-{room}")


def _stored(demo, note: str) -> tuple[str, ...]:
    """The temperatures the round holds for the household of the visit saved with `note`."""
    with Session(demo.engine) as session:
        visit = session.exec(select(VisitAttempt).where(VisitAttempt.note == note)).one()
        record = session.get(RoundHousehold, visit.round_household_id)
        people = session.exec(select(Resident.id).where(
            Resident.household_id == record.household_id)).all()
        rows = session.exec(select(ResidentFinding).where(
            ResidentFinding.round_id == record.round_id,
            ResidentFinding.resident_id.in_(people))).all()
        return tuple(sorted(str(r.temperature) for r in rows))


def test_typed_visit_values_survive_a_reload_and_a_lost_server_state(phone: Page, browser,
                                                                     demo):
    admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    open_round(admin, demo, name="草稿测试轮")
    admin.context.close()
    login_as(phone, demo, "grid_worker")

    # A reload while typing.
    _open_visit(phone, "601")
    phone.fill('input[name="r0_temperature"]', "37.9")
    phone.locator("#note-fold > summary").click()
    phone.fill('input[name="note"]', "草稿一")
    phone.reload()
    expect(phone.locator('input[name="r0_temperature"]')).to_have_value("37.9")
    expect(phone.locator('input[name="note"]')).to_have_value("草稿一")
    expect(phone.locator('input[name="note"]')).to_be_visible()  # its fold opened again
    phone.click("#save-visit")
    expect(phone.locator("#notice-message")).to_be_visible()
    assert "37.9" in _stored(demo, "草稿一")

    # The server loses the tab's state (its only worker is killed and respawned): the tab
    # reconnects to a new state and the form is drawn again from the register.
    _open_visit(phone, "602")
    phone.fill('input[name="r0_temperature"]', "38.1")
    phone.locator("#note-fold > summary").click()
    phone.fill('input[name="note"]', "草稿二")
    pids = live.worker_pids(demo.app)
    os.kill(pids[0], signal.SIGKILL)
    live.wait_dead(pids[0])
    expect(phone.locator("#visit-place")).to_contain_text("1-602")
    expect(phone.locator('input[name="r0_temperature"]')).to_have_value("38.1")
    expect(phone.locator('input[name="note"]')).to_have_value("草稿二")
    phone.click("#save-visit")
    # A respawned worker can take a while on a loaded machine: until it answers, the phone
    # keeps the form (the banner says so) and sends it on reconnect.
    expect(phone.locator("#notice-message")).to_be_visible(timeout=90000)
    assert "38.1" in _stored(demo, "草稿二")
    assert phone.evaluate("localStorage.getItem('sw-drafts')") == "{}"  # saved: no draft left


def test_a_households_half_typed_wish_survives_a_reload(phone: Page, demo):
    login_as(phone, demo, "household")
    phone.click("#ask-supplies")
    phone.fill("#wish", "挂面两包，酱油一瓶")
    phone.reload()
    expect(phone.locator("#wish")).to_have_value("挂面两包，酱油一瓶")
