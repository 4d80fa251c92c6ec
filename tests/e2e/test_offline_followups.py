"""A grid worker's dark-window follow-up with no signal: the call's and the visit's outcomes
are kept on the phone, survive a closed tab, and are saved once when the signal returns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from community_app.models import Household, PatrolFollowUp, PatrolPlan, User, utcnow
from community_app.services.patrol import nights
from tests import factories as f
from tests.e2e.offline import KEPT, go_offline, reopen
from tests.e2e.test_foundation import login_as


@pytest.fixture
def follow_up(demo) -> Iterator[int]:
    """Last night's dark window at 1号楼 1-102 waiting for the building's grid worker (the
    night's plan is a cancelled one, so no walker's card or tonight's log shows it); resolved
    afterwards so the shared demo's home shows no follow-up."""
    with Session(demo.engine) as session:
        worker = session.exec(select(User).where(User.username == "worker")).one()
        flat = session.exec(select(Household).where(
            Household.building_id == demo.building_id, Household.unit == 1,
            Household.room == "102")).one()
        # the night before tonight's (before 06:00 tonight's night is yesterday's date)
        night = nights.patrol_night() - timedelta(days=1)
        plan = PatrolPlan(uuid=f.new_uuid(), community_id=worker.community_id, night=night,
                          window_start=time(19, 30), window_end=time(21, 0),
                          cancelled_at=utcnow())
        session.add(plan)
        session.flush()
        row = PatrolFollowUp(uuid=f.new_uuid(), plan_id=plan.id, building_id=flat.building_id,
                             household_id=flat.id, night=night, worker_id=worker.id,
                             reason="elderly_alone")
        session.add(row)
        session.commit()
        follow_up_id = row.id
    yield follow_up_id
    with Session(demo.engine) as session:
        row = session.get(PatrolFollowUp, follow_up_id)
        row.status = "resolved"
        session.add(row)
        session.commit()


def _stored(demo, follow_up_id: int) -> tuple:
    with Session(demo.engine) as session:
        row = session.get(PatrolFollowUp, follow_up_id)
        return (str(row.status), row.call_outcome and str(row.call_outcome),
                row.visit_outcome and str(row.visit_outcome), row.resolution and
                str(row.resolution))


def test_a_worker_records_a_call_and_a_visit_with_no_signal(phone: Page, demo, follow_up: int):
    login_as(phone, demo, "grid_worker")
    card = phone.locator("[data-follow-up]").filter(has_text="1-102")
    expect(card).to_contain_text("独居老人")
    go_offline(phone)
    card.locator('[data-action="no-answer"]').click()
    card.locator('[data-action="visit-well"]').click()
    assert phone.evaluate(KEPT) == ["follow_up", "follow_up"]
    assert _stored(demo, follow_up) == ("open", None, None, None)  # nothing reached the server
    phone.close()  # the tab is gone, and Reflex's queue with it

    page = reopen(phone.context, "/")
    expect(page.locator("#notice-message")).to_contain_text("2 条暗窗回访结果已保存")
    after = ("resolved", "no_answer", "well", "visited")
    assert _stored(demo, follow_up) == after
    expect(page.locator("[data-follow-up]").filter(has_text="1-102")).to_have_count(0)
    page.goto("/manifest.webmanifest")
    assert page.evaluate(KEPT) == []
    page.goto("/")
    expect(page.locator("#worker-home")).to_be_visible()
    expect(page.locator("[data-follow-up]").filter(has_text="1-102")).to_have_count(0)
    assert _stored(demo, follow_up) == after  # once
