"""Saving a visit (services/survey/visits.py): one transaction that also says what is next."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app.models import HouseholdStatus, Outcome, VisitAttempt
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from community_app.services.survey.visits import save_visit
from tests import factories as f
from tests.factories_survey import households


def _save(session, w, household, outcome, uuid=None):
    residents = [ResidentIn(name="张三丰", birth_year=1950)] if outcome == Outcome.door else []
    result = save_visit(session, actor=w.worker, uuid=uuid or f.new_uuid(),
                        household_id=household.id, outcome=outcome, residents=residents)
    session.commit()
    return result


def test_a_save_returns_the_next_household_in_walking_order_and_the_progress(session, w):
    homes = households(session, w.mine)
    first = _save(session, w, homes[0], Outcome.door)
    assert (first.status, first.building_id) == (HouseholdStatus.reached, w.mine.id)
    assert (first.next_household_id, first.done, first.total) == (homes[1].id, 1, 6)
    missed = _save(session, w, homes[1], Outcome.not_home)
    # A household tried and missed is on the follow-up list, not "next".
    assert (missed.status, missed.failed_attempts) == (HouseholdStatus.followup, 1)
    assert (missed.next_household_id, missed.done) == (homes[2].id, 1)


def test_the_last_household_leaves_no_next_one(session, w):
    homes = households(session, w.mine)
    for home in homes:
        last = _save(session, w, home, Outcome.door)
    assert (last.next_household_id, last.done, last.total) == (0, 6, 6)


def test_a_replayed_save_changes_nothing_and_still_says_what_is_next(session, w):
    home = households(session, w.mine)[0]
    uid = f.new_uuid()
    _save(session, w, home, Outcome.not_home, uuid=uid)
    again = _save(session, w, home, Outcome.not_home, uuid=uid)
    assert again.replayed and again.failed_attempts == 1
    assert again.next_household_id == households(session, w.mine)[1].id
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 1


def test_a_save_outside_the_workers_buildings_or_without_an_open_round_is_refused(session, w):
    with pytest.raises(Denied):
        _save(session, w, households(session, w.theirs)[0], Outcome.not_home)
    session.rollback()
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    with pytest.raises(ServiceError) as err:  # the worker is told why, not just refused
        _save(session, w, households(session, w.mine)[0], Outcome.not_home)
    assert err.value.key == "survey.round_closed"
