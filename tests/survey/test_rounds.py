"""Rounds and visits (services/survey/rounds.py): the status rules on a real database."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from community_app.models import Building, HouseholdStatus, Outcome, RoundHousehold, VisitAttempt
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey import views as survey_views
from tests import factories as f
from tests.factories_survey import households, visit


def test_opening_a_round_enrols_every_household_once(session, w):
    count = session.exec(select(func.count()).select_from(RoundHousehold)).one()
    assert count == 6 + 4
    codes = session.exec(select(RoundHousehold.notice_code)).all()
    assert len(set(codes)) == len(codes)


def test_three_failed_attempts_escalate_to_the_admin(session, w):
    home = households(session, w.mine)[0]
    assert visit(session, w, home, Outcome.not_home).status == HouseholdStatus.followup
    assert visit(session, w, home, Outcome.refused).status == HouseholdStatus.followup
    assert visit(session, w, home, Outcome.not_home).status == HouseholdStatus.escalated
    escalated = survey_views.followups(session, actor=w.admin, round_id=w.round.id,
                                       escalated_only=True)
    assert [e.household_id for e in escalated] == [home.id]
    assert len(escalated[0].attempts) == 3
    # A later success still closes it.
    assert visit(session, w, home, Outcome.phone).status == HouseholdStatus.reached


def test_a_replayed_visit_applies_once(session, w):
    home = households(session, w.mine)[0]
    uid = f.new_uuid()
    first = visit(session, w, home, Outcome.not_home, uuid=uid)
    again = visit(session, w, home, Outcome.not_home, uuid=uid)
    assert again.replayed and again.failed_attempts == first.failed_attempts == 1
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 1


def test_workers_cannot_visit_or_read_outside_their_buildings(session, w):
    theirs = households(session, w.theirs)[0]
    with pytest.raises(Denied):
        visit(session, w, theirs, Outcome.door)
    with pytest.raises(Denied):
        survey_views.visit_form(session, actor=w.worker, round_id=w.round.id,
                                household_id=theirs.id)
    progress = survey.building_progress(session, actor=w.worker, round_id=w.round.id)
    assert {p.building_id for p in progress} == {w.mine.id}


def test_reaching_a_household_without_any_resident_is_refused(session, w):
    home = households(session, w.mine)[0]
    with pytest.raises(ServiceError) as err:
        visit(session, w, home, Outcome.door, residents=[])
    assert err.value.key == "survey.need_resident"
    session.rollback()
    rh = session.exec(select(RoundHousehold).where(RoundHousehold.household_id == home.id)).one()
    assert rh.status == HouseholdStatus.pending


def test_a_round_over_chosen_compounds_enrols_only_their_households(session, w):
    compound = session.get(Building, w.theirs.id).compound_id
    chosen = survey.open_round(session, actor=w.admin, uuid=f.new_uuid(), name="2号楼专项",
                               start_date=w.round.start_date, compound_ids=[compound])
    session.commit()
    enrolled = session.exec(select(func.count()).select_from(RoundHousehold)
                            .where(RoundHousehold.round_id == chosen.id)).one()
    assert enrolled == 4
    with pytest.raises(Denied):
        survey.open_round(session, actor=w.admin, uuid=f.new_uuid(), name="x",
                          start_date=w.round.start_date, compound_ids=[999999])
