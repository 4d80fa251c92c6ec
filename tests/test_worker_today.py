"""The grid worker's "to do today" counts agree with the pages they link to."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from community_app.models import HouseholdStatus, RoundHousehold
from community_app.services import worker_today
from community_app.services.errors import Denied
from tests.errands import factories as fe
from tests.isolation import factories as fi
from tests.ledger import factories as fl


def _round_record(session: Session, household_id: int) -> RoundHousehold:
    return session.exec(select(RoundHousehold).where(
        RoundHousehold.household_id == household_id)).one()


def test_nothing_to_do_in_an_empty_day(session: Session):
    w = fe.world(session)
    today = worker_today.worker_today(session, actor=w.worker)
    assert (today.isolation_households, today.followups, today.needs) == (0, 0, 0)


def test_counts_cases_followups_and_needs_in_the_workers_buildings_only(session: Session):
    w = fe.world(session)
    fl.survey_round(session, w.users["admin"].community_id)
    missed = _round_record(session, w.home.id)
    missed.status = HouseholdStatus.followup
    wants = _round_record(session, w.other_home.id)
    wants.needs = "大米一袋"
    outside = _round_record(session, w.outside_home.id)  # another worker's building
    outside.status, outside.needs = HouseholdStatus.escalated, "降压药"
    session.add_all([missed, wants, outside])
    session.commit()
    fi.open_case(session, w.admin, w.home)

    today = worker_today.worker_today(session, actor=w.worker)

    assert today.isolation_households == 1 and today.followups == 1 and today.needs == 1
    fe.ask(session, w.worker, w.other_home.id)  # an ordinary request does not convert the need
    assert worker_today.worker_today(session, actor=w.worker).needs == 1


@pytest.mark.parametrize("who", ["admin", "volunteer", "household"])
def test_only_grid_workers_have_this_list(session: Session, who: str):
    w = fe.world(session)
    with pytest.raises(Denied):
        worker_today.worker_today(session, actor=getattr(w, who))
