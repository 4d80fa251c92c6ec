"""With no signal, the field records of community operations are kept on the phone and
saved exactly once when the signal is back, after the tab was closed: a grid worker's care
tasks ticked on the home screen, and a volunteer's disinfection round."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import Session, select

from community_app.models import CareTask, DisinfectionRecord, Household, Role
from community_app.services.care import enrol
from community_app.services.disinfection import plan
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import staff_login


def _community(demo) -> dict:
    """A community of its own: one building with one care-list household (garbage morning
    and afternoon), a grid worker of the building, a volunteer, one disinfection round."""
    with Session(demo.engine) as session:
        comm = f.community(session, "离线社区")
        building = f.building(session, comm, "离线1号楼", floors=2, units=1, rooms=2)
        admin = f.actor(f.user(session, comm, Role.admin, f"off-a-{f.new_uuid()[:6]}"))
        worker = f.user(session, comm, Role.grid_worker, f"off-w-{f.new_uuid()[:6]}")
        volunteer = f.user(session, comm, Role.volunteer, f"off-v-{f.new_uuid()[:6]}")
        f.assign(session, worker, building)
        flat = session.exec(select(Household).where(Household.building_id == building.id,
                                                    Household.room == "101")).one()
        enrol.enrol(session, actor=admin, uuid=f.new_uuid(), household_id=flat.id,
                    reason="disabled", garbage_morning=True, garbage_afternoon=True,
                    checkin="none")
        plan.set_rounds(session, actor=admin, compound_id=building.compound_id,
                        times=["00:00"])
        session.commit()
        return {"worker": worker.username, "volunteer": volunteer.username,
                "household": flat.id, "compound": building.compound_id}


def _phone(browser, demo):
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    return page


def _done_tasks(demo, household_id: int) -> list[str]:
    with Session(demo.engine) as session:
        return sorted(str(t.kind) for t in session.exec(select(CareTask).where(
            CareTask.household_id == household_id, CareTask.done_at.is_not(None))).all())


def test_care_ticks_with_no_signal_are_saved_once(browser, demo):
    world = _community(demo)
    page = _phone(browser, demo)
    staff_login(page, world["worker"], f.PASSWORD)
    card = page.locator("#worker-care")
    expect(card.locator("[data-care-task]")).to_have_count(2)
    go_offline(page)
    for kind in ("garbage_morning", "garbage_afternoon"):
        card.locator(f'[data-care-task="{kind}"]').get_by_role("button", name="完成").click()
    assert page.evaluate(KEPT) == ["care_tick", "care_tick"]
    assert _done_tasks(demo, world["household"]) == []
    page.close()

    again = reopen(page.context, "/")
    expect(again.locator("#notice-message")).to_contain_text("2 项关爱任务已补发保存")
    expect(again.locator('#worker-care [data-care-done="true"]')).to_have_count(2)
    assert _done_tasks(demo, world["household"]) == ["garbage_afternoon", "garbage_morning"]
    again.goto("/")
    expect(again.locator('#worker-care [data-care-done="true"]')).to_have_count(2)
    again.goto("/manifest.webmanifest")
    assert again.evaluate(KEPT) == []
    with Session(demo.engine) as session:
        assert len(session.exec(select(CareTask).where(
            CareTask.household_id == world["household"])).all()) == 2  # once


def test_a_disinfection_round_with_no_signal_is_saved_once(browser, demo):
    world = _community(demo)
    page = _phone(browser, demo)
    staff_login(page, world["volunteer"], f.PASSWORD)
    expect(page.locator("#volunteer-home")).to_be_visible()
    page.goto("/disinfection")
    form = page.locator("[data-round]").filter(has_text="离线1号楼所在小区")
    expect(form).to_contain_text("已超时")
    go_offline(page)
    form.locator('input[name="areas"]').fill("楼道、电梯")
    form.locator('input[name="chemical"]').fill("84消毒液")
    form.locator('[data-action="disinfection-record"]').click()
    assert page.evaluate(KEPT) == ["disinfection"]
    page.close()

    again = reopen(page.context, "/disinfection")
    expect(again.locator("#notice-message")).to_contain_text("1 条消杀记录已补发保存")
    done = again.locator("[data-round]").filter(has_text="离线1号楼所在小区")
    expect(done.locator("[data-round-done]")).to_contain_text("已完成于")
    again.reload()
    expect(done.locator("[data-round-done]")).to_contain_text("已完成于")
    with Session(demo.engine) as session:
        rows = session.exec(select(DisinfectionRecord).where(
            DisinfectionRecord.compound_id == world["compound"])).all()
        assert [(r.areas, r.chemical) for r in rows] == [("楼道、电梯", "84消毒液")]
