"""Several survey rounds open at once, on a 360x640 phone in Chinese (issue 12 items 1, 2).

A re-visit of one compound beside the community's round: the secretary opens it from the
top of /survey (its name typed, never copied), is warned about a building nobody covers,
closes a round only after confirming, and sees the community round's coverage on her home
and in the report; the worker's building shows the re-visit by default and the community
round one tap away, where its 2/24 is intact, and a visit saved there stays there.

The demo app is shared: every round this test opens is closed at the end, and the only
data it adds is one building of its own compound, with no worker.
"""

from __future__ import annotations

import uuid
from datetime import date

from playwright.sync_api import Page, expect
from sqlmodel import Session, func, select

from community_app.models import (
    Building,
    Community,
    Household,
    Outcome,
    Resident,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
    User,
)
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.e2e.conftest import PHONE
from tests.e2e.test_foundation import login_as, no_horizontal_scroll

BUILDING = "1号楼所在小区 1号楼"


def _setup(demo, community_name: str) -> int:
    """A building with no worker (its own compound), then the community's round over all of
    it with the first two flats of 1号楼 reached; returns that round's id."""
    with Session(demo.engine) as session:
        comm = session.exec(select(Community).where(Community.name == "幸福里社区")).one()
        lonely = session.exec(select(Building).where(Building.name == "望湖8号楼")).first()
        if lonely is None:
            f.building(session, comm, "望湖8号楼", floors=1, units=1, rooms=1)
        admin = session.exec(select(User).where(User.username == "admin")).one()
        worker = session.exec(select(User).where(User.username == "worker")).one()
        opened = survey.open_round(session, actor=f.actor(admin), uuid=f.new_uuid(),
                                   name=community_name, start_date=date(2026, 11, 20))
        homes = session.exec(select(Household).where(
            Household.building_id == demo.building_id, Household.unit == 1,
            Household.floor == 1).order_by(Household.room)).all()
        for home in homes:
            person = session.exec(select(Resident).where(Resident.household_id == home.id)).first()
            survey.record_visit(session, actor=f.actor(worker), uuid=f.new_uuid(),
                                round_id=opened.id, household_id=home.id, outcome=Outcome.door,
                                residents=[ResidentIn(resident_id=person.id, name=person.name,
                                                      birth_year=person.birth_year)])
        session.commit()
        return opened.id


def _close_mine(demo, names: list[str]) -> None:
    with Session(demo.engine) as session:
        for row in session.exec(select(SurveyRound).where(SurveyRound.name.in_(names))).all():
            row.status = RoundStatus.closed
            session.add(row)
        session.commit()


def _coverage(demo, round_id: int) -> str:
    with Session(demo.engine) as session:
        total = session.exec(select(func.count()).select_from(RoundHousehold)
                             .where(RoundHousehold.round_id == round_id)).one()
    return f"2/{total}"


def _open(page: Page, name: str, compound: str) -> None:
    page.fill("#name", name)
    page.fill("#start_date", "2026-11-26")
    page.locator("#round-form label", has_text=compound).click()
    page.click("#open-round")


def test_a_revisit_beside_the_community_round_hides_nothing(phone: Page, browser, demo):
    tag = uuid.uuid4().hex[:4]
    community, revisit, lonely = f"全社区摸排{tag}", f"一号楼复查{tag}", f"望湖复查{tag}"
    community_id = _setup(demo, community)
    try:
        admin = browser.new_context(base_url=demo.app.base_url, **PHONE).new_page()
        login_as(admin, demo, "admin")
        # The admin's home: the community round's coverage, per worker.
        card = admin.locator("#admin-coverage")
        expect(card).to_contain_text(community)
        expect(admin.locator("#cov-reached")).to_have_text(_coverage(demo, community_id))
        expect(card.locator('[data-worker=""]')).to_contain_text("未分配网格员")
        expect(card.locator('[data-worker="grid_worker 测试"]')).to_contain_text("2/24")

        admin.goto("/survey")
        expect(admin.locator("#round-name")).to_have_text(community)
        toggle = admin.locator("#open-round-toggle")
        box = toggle.bounding_box()
        assert box["y"] + box["height"] <= 640, "开启新一轮摸排 is on the first screen"
        toggle.click()
        expect(admin.locator("#name")).to_have_value("")  # typed, never the open round's name
        _open(admin, revisit, "1号楼所在小区")
        expect(admin.locator("#notice-message")).to_contain_text("已分给对应网格员")
        _open(admin, lonely, "望湖8号楼所在小区")
        expect(admin.locator("#notice-message")).to_contain_text(
            "有 1 栋楼还没有网格员：望湖8号楼所在小区 望湖8号楼")
        expect(admin.locator("#notice-message")).not_to_contain_text("已分给对应网格员")
        # The list: every round with its status; the community round marked as the default.
        expect(admin.locator(f'[data-round="{community}"]')).to_contain_text("默认轮次")
        expect(admin.locator(f'[data-round="{community}"]')).to_contain_text("进行中")
        row = admin.locator(f'[data-round="{lonely}"]')
        row.locator(".close-round").click()
        expect(row.locator(".close-confirm")).to_contain_text(f"结束这一轮：{lonely}")
        expect(row).to_contain_text("进行中")  # only asked so far
        row.locator(".close-yes").click()
        expect(row).to_contain_text("已结束")
        expect(admin.locator(f'[data-round="{revisit}"]')).to_contain_text("进行中")
        assert no_horizontal_scroll(admin)

        # The report and the ledger open on the community round, with a picker.
        admin.goto("/report")
        expect(admin.locator("#report-when")).to_contain_text(community)
        expect(admin.locator("#report-round")).to_have_value(str(community_id))
        admin.goto("/ledger")
        expect(admin.locator("#ledger-round")).to_have_value(str(community_id))

        # The worker: /survey shows the community round, where 1号楼 is still 2/24.
        login_as(phone, demo, "grid_worker")
        phone.goto("/survey")
        expect(phone.locator("#round-name")).to_have_text(community)
        expect(phone.locator(f'[data-building="{BUILDING}"]')).to_contain_text("2/24")
        # The building alone opens on the narrower re-visit, and says so.
        phone.goto(f"/survey/building?id={demo.building_id}")
        expect(phone.locator("#building-round")).to_contain_text(revisit)
        expect(phone.locator("#building-progress")).to_contain_text("0/24")
        phone.locator(f'[data-round-link="{community}"]').click()
        expect(phone.locator("#building-round")).to_contain_text(community)
        expect(phone.locator("#building-progress")).to_contain_text("2/24")
        assert no_horizontal_scroll(phone)
        # A visit from there is recorded in the community round, and the next one too.
        phone.click("#next-household")
        expect(phone.locator("#visit-place")).to_contain_text("1-201")
        expect(phone.locator("#visit-round")).to_contain_text(community)
        phone.click("#save-visit")
        expect(phone.locator("#visit-place")).to_contain_text("1-202")
        expect(phone.locator("#visit-round")).to_contain_text(community)
        phone.goto(f"/survey/building?id={demo.building_id}&r={community_id}")
        expect(phone.locator("#building-progress")).to_contain_text("3/24")
        phone.goto(f"/survey/building?id={demo.building_id}")
        expect(phone.locator("#building-progress")).to_contain_text("0/24")
    finally:
        _close_mine(demo, [community, revisit, lonely])
        with Session(demo.engine) as session:  # nothing of this test stays open
            assert not session.exec(select(SurveyRound).where(
                SurveyRound.name.in_([community, revisit, lonely]),
                SurveyRound.status == RoundStatus.open)).all()
