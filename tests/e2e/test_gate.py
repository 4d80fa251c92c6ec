"""卡点 on a 360x640 zh-CN phone: the admin registers a checkpoint and issues passes; a
volunteer signs on at the gate and records a resident (typing the pass code), a visitor and
a vehicle; a member of an isolated household is warned at the gate and the grid worker sees
the alert on their home; the same entries made with no signal are saved once."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from community_app.models import GateEntry, Household, Resident, ResidentPass, Role
from community_app.services.isolation import cases as isolation
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import staff_login


@pytest.fixture(autouse=True)
def patient_expect():
    """The machine is shared: a first screen after sign-in may take longer than 5 s."""
    expect.set_options(timeout=20000)
    yield
    expect.set_options(timeout=5000)

BUILDING = "东门1号楼"
COMPOUND = f"{BUILDING}所在小区"


def _community(demo) -> dict:
    """A community of its own: one building (rooms 101, 102, 201, 202), an admin, a grid
    worker of the building, a volunteer; household 102 is under home isolation."""
    with Session(demo.engine) as session:
        comm = f.community(session, "卡点社区")
        building = f.building(session, comm, BUILDING, floors=2, units=1, rooms=2)
        tag = f.new_uuid()[:6]
        names = {role: f.user(session, comm, role, f"gate-{role.value}-{tag}")
                 for role in (Role.admin, Role.grid_worker, Role.volunteer)}
        f.assign(session, names[Role.grid_worker], building)
        isolated = session.exec(select(Household).where(
            Household.building_id == building.id, Household.room == "102")).one()
        people = session.exec(select(Resident.id).where(
            Resident.household_id == isolated.id)).all()
        isolation.open_case(session, actor=f.actor(names[Role.grid_worker]), uuid=f.new_uuid(),
                            household_id=isolated.id, resident_ids=list(people),
                            reason="returnee")
        session.commit()
        return {"admin": names[Role.admin].username,
                "worker": names[Role.grid_worker].username,
                "volunteer": names[Role.volunteer].username, "building": building.id,
                "community": comm.id}


def _phone(browser, demo) -> Page:
    context = browser.new_context(base_url=demo.app.base_url, **PHONE)
    context.set_default_timeout(20000)
    return context.new_page()


def _entries(demo, community_id: int) -> int:
    with Session(demo.engine) as session:
        return session.exec(select(func.count()).select_from(GateEntry).where(
            GateEntry.community_id == community_id)).one()


def _issue(admin: Page, flat: str) -> str:
    admin.select_option("#pass-building", label=COMPOUND + " " + BUILDING)
    admin.fill("#pass-flat", flat)
    admin.click("#pass-issue")
    expect(admin.locator("#notice-message")).to_contain_text("出入卡已发放")
    row = admin.locator("[data-pass]").filter(has_text=f"{BUILDING} {flat}").first
    expect(row).to_be_visible()
    return row.get_attribute("data-pass")


def _record_resident(gate: Page, code: str, direction: str = "out") -> None:
    gate.click("#gate-kind-resident")
    gate.fill("#gate-code", code)
    gate.locator(f'#gate-form-resident [data-direction="{direction}"]').click()
    gate.click("#gate-record-resident")


def _record_visitor(gate: Page, building_id: int) -> None:
    gate.click("#gate-kind-visitor")
    gate.fill("#gate-visitor-name", "李四")
    gate.fill("#gate-visitor-phone", "13900001111")
    gate.select_option("#gate-building", str(building_id))
    gate.fill("#gate-flat", "201")
    gate.fill("#gate-reason", "送菜")
    gate.click("#gate-record-visitor")


def _record_vehicle(gate: Page) -> None:
    gate.click("#gate-kind-vehicle")
    gate.fill("#gate-plate", "京A12345")
    gate.fill("#gate-temp-vehicle", "36.6")
    gate.click("#gate-record-vehicle")


def test_checkpoint_passes_gate_entries_warnings_and_offline(browser, demo):
    w = _community(demo)
    admin = _phone(browser, demo)
    staff_login(admin, w["admin"], f.PASSWORD)
    expect(admin.locator("#admin-home")).to_be_visible()
    admin.click("#gate-admin-link")
    expect(admin.locator("#cp-name")).to_be_visible()
    admin.fill("#cp-name", "东门")
    admin.locator(f'[data-compound="{COMPOUND}"] input').check()
    admin.click("#cp-save")
    expect(admin.locator('[data-admin-checkpoint="东门"]')).to_contain_text("无人在岗")
    code = _issue(admin, "101")
    isolated_code = _issue(admin, "102")
    expect(admin.locator(f'[data-pass="{isolated_code}"]')).to_contain_text("隔离中暂停")
    admin.click("#pass-print-new")
    expect(admin.locator(f'[data-pass-card="{isolated_code}"] img')).to_be_visible()
    with Session(demo.engine) as session:
        assert session.exec(select(func.count()).select_from(ResidentPass).where(
            ResidentPass.community_id == w["community"])).one() == 2

    gate = _phone(browser, demo)
    staff_login(gate, w["volunteer"], f.PASSWORD)
    expect(gate.locator("#volunteer-home")).to_be_visible()
    gate.click("#gate-duty-link")
    gate.click('[data-sign-on="东门"]')
    expect(gate.locator("#gate-duty")).to_contain_text("东门")
    _record_resident(gate, code.lower())
    expect(gate.locator("#notice-message")).to_contain_text("已登记")
    expect(gate.locator("#gate-recent [data-gate-entry]")).to_have_count(1)
    _record_visitor(gate, w["building"])
    expect(gate.locator("#gate-recent [data-gate-entry]")).to_have_count(2)
    _record_vehicle(gate)
    expect(gate.locator("#gate-recent [data-gate-entry]")).to_have_count(3)
    expect(gate.locator("#gate-recent")).to_contain_text("京A12345")
    assert _entries(demo, w["community"]) == 3
    # a member of the isolated household tries to go out
    _record_resident(gate, isolated_code)
    expect(gate.locator("#gate-warning")).to_contain_text("居家隔离")
    expect(gate.locator("#gate-warning")).to_contain_text(f"{BUILDING} 102")

    worker = _phone(browser, demo)
    staff_login(worker, w["worker"], f.PASSWORD)
    expect(worker.locator("#gate-alerts")).to_contain_text("该户正在居家隔离")
    expect(worker.locator("#gate-alerts")).to_contain_text(f"{BUILDING} 102")

    # the same three entries with no signal
    go_offline(gate)
    _record_resident(gate, code, direction="in")
    _record_visitor(gate, w["building"])
    _record_vehicle(gate)
    assert gate.evaluate(KEPT) == ["gate_entry"] * 3
    expect(gate.locator("#gate-pending")).to_contain_text("3")
    assert _entries(demo, w["community"]) == 4
    gate.close()

    again = reopen(gate.context, "/gate")
    expect(again.locator("#notice-message")).to_contain_text("3 条卡点登记已保存")
    assert _entries(demo, w["community"]) == 7
    again.goto("/manifest.webmanifest")
    assert again.evaluate(KEPT) == []
    again.goto("/gate")
    expect(again.locator("#gate-recent [data-gate-entry]")).to_have_count(7)
    assert _entries(demo, w["community"]) == 7  # once
