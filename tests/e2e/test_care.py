"""居家关爱 on a 360x640 zh-CN phone: the grid worker puts a household on the care list,
ticks its garbage pickup on the home screen; its daily check-in, missed (the browser tests
run with CARE_CHECKIN_BY=00:00), makes tonight's walker see that window as "call if dark"
(never why)."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlmodel import Session, select

from community_app.models import CareEnrolment, CareKind, CareTask, Household, Role
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import nights
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import staff_login


def _community(demo) -> dict:
    with Session(demo.engine) as session:
        comm = f.community(session, "晨光社区")
        building = f.building(session, comm, "晨光1号楼", floors=2, units=1, rooms=2)
        admin = f.user(session, comm, Role.admin, f"care-adm-{f.new_uuid()[:6]}")
        worker = f.user(session, comm, Role.grid_worker, f"care-w-{f.new_uuid()[:6]}")
        walker = f.user(session, comm, Role.volunteer, f"care-v-{f.new_uuid()[:6]}")
        f.assign(session, worker, building)
        flat = session.exec(select(Household).where(Household.building_id == building.id,
                                                    Household.room == "101")).one()
        made = patrol_create.create_plan(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                         night=nights.patrol_night(), window_start="00:00",
                                         window_end="23:59", building_ids=[building.id],
                                         member_ids=[walker.id])
        session.commit()
        return {"worker": worker.username, "walker": walker.username, "plan": made.id,
                "household": flat.id}


def _phone(browser, demo):
    page = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
    page.set_default_timeout(20000)
    return page


def test_care_pickup_ticked_and_missed_checkin_watched_on_tonights_patrol(browser, demo):
    world = _community(demo)
    page = _phone(browser, demo)
    staff_login(page, world["worker"], f.PASSWORD)
    page.click("#care-link")
    page.fill("#care-flat", "101")
    page.select_option("#care-reason", "elderly_alone")
    page.check('input[name="garbage_morning"]')
    page.select_option("#care-checkin", "call")
    page.click("#care-add-submit")
    expect(page.locator(f'[data-care-row="{world["household"]}"]')).to_contain_text("独居老人")
    # Between local midnight and 06:00 tonight's patrol night is yesterday's date: a household
    # put on the list today would only be watched from tonight's next night. The household
    # has been on the list since that night's day (whatever the hour the test runs at).
    with Session(demo.engine) as session:
        row = session.exec(select(CareEnrolment).where(
            CareEnrolment.household_id == world["household"])).one()
        row.started_on = min(row.started_on, nights.patrol_night())
        session.add(row)
        session.commit()

    page.goto("/")
    card = page.locator("#worker-care")
    expect(card).to_contain_text("今日关爱任务")
    pickup = card.locator('[data-care-task="garbage_morning"]')
    expect(pickup).to_contain_text("上午收垃圾")
    done = pickup.get_by_role("button", name="完成")
    assert done.bounding_box()["height"] >= 44
    done.click()
    expect(pickup).to_contain_text("已完成于")
    with Session(demo.engine) as session:
        task = session.exec(select(CareTask).where(
            CareTask.household_id == world["household"],
            CareTask.kind == CareKind.garbage_morning)).one()
        assert task.done_at is not None

    walker = _phone(browser, demo)
    staff_login(walker, world["walker"], f.PASSWORD)
    expect(walker.locator("#volunteer-home")).to_be_visible()
    walker.goto(f"/patrol?id={world['plan']}")
    window = walker.locator('[data-room="101"]').first
    expect(window).to_have_attribute("data-call-if-dark", "1")
    expect(walker.locator('[data-room="102"]').first).to_have_attribute("data-call-if-dark", "0")
    expect(walker.locator("body")).to_contain_text("不亮需电话确认")
    for reason in ("独居", "关爱", "未联系"):
        expect(walker.locator("body")).not_to_contain_text(reason)
