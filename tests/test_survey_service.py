"""The survey's status rules on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlmodel import func, select

from community_app.models import (
    REACHED_OUTCOMES,
    HouseholdStatus,
    Outcome,
    Resident,
    ResidentFinding,
    RoundHousehold,
    VisitAttempt,
)
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey import views as survey_views
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, world


@pytest.fixture
def w(session):
    return world(session)


def _visit(session, w, household, outcome, residents=None, uuid=None, actor=None):
    if residents is None and outcome in REACHED_OUTCOMES:
        residents = [ResidentIn(name="张三丰", birth_year=1950)]
    result = survey.record_visit(session, actor=actor or w.worker, uuid=uuid or f.new_uuid(),
                                 round_id=w.round.id, household_id=household.id,
                                 outcome=outcome, residents=residents or [])
    session.commit()
    return result


def test_opening_a_round_enrols_every_household_once(session, w):
    count = session.exec(select(func.count()).select_from(RoundHousehold)).one()
    assert count == 6 + 4
    codes = session.exec(select(RoundHousehold.notice_code)).all()
    assert len(set(codes)) == len(codes)


def test_a_round_is_complete_only_when_every_household_is_reached_or_vacant(session, w):
    homes = households(session, w.mine)
    for h in homes[:-1]:
        _visit(session, w, h, Outcome.door)
    progress = survey.building_progress(session, actor=w.worker, round_id=w.round.id)
    assert [(p.reached, p.total) for p in progress] == [(5, 6)]
    grid = survey_views.round_building(session, actor=w.worker, round_id=w.round.id,
                                       building_id=w.mine.id)
    assert grid.missing == [homes[-1].room] and grid.next_household_id == homes[-1].id
    _visit(session, w, homes[-1], Outcome.confirmed_vacant)
    grid = survey_views.round_building(session, actor=w.worker, round_id=w.round.id,
                                       building_id=w.mine.id)
    assert grid.missing == [] and grid.done == 6 and grid.next_household_id == 0


def test_three_failed_attempts_escalate_to_the_admin(session, w):
    home = households(session, w.mine)[0]
    assert _visit(session, w, home, Outcome.not_home).status == HouseholdStatus.followup
    assert _visit(session, w, home, Outcome.refused).status == HouseholdStatus.followup
    assert _visit(session, w, home, Outcome.not_home).status == HouseholdStatus.escalated
    escalated = survey_views.followups(session, actor=w.admin, round_id=w.round.id,
                                       escalated_only=True)
    assert [e.household_id for e in escalated] == [home.id]
    assert len(escalated[0].attempts) == 3
    # A later success still closes it.
    assert _visit(session, w, home, Outcome.phone).status == HouseholdStatus.reached


def test_a_replayed_visit_applies_once(session, w):
    home = households(session, w.mine)[0]
    uid = f.new_uuid()
    first = _visit(session, w, home, Outcome.not_home, uuid=uid)
    again = _visit(session, w, home, Outcome.not_home, uuid=uid)
    assert again.replayed and again.failed_attempts == first.failed_attempts == 1
    assert session.exec(select(func.count()).select_from(VisitAttempt)).one() == 1


def test_a_new_resident_in_a_replayed_visit_is_added_once(session, w):
    home = households(session, w.mine)[0]
    newcomer = ResidentIn(name="李四", birth_year=1990, returned_from="武汉",
                          temperature=Decimal("37.8"))
    uid = f.new_uuid()
    _visit(session, w, home, Outcome.door, residents=[newcomer], uuid=uid)
    _visit(session, w, home, Outcome.door, residents=[newcomer], uuid=uid)
    assert session.exec(select(func.count()).where(Resident.name == "李四")).one() == 1
    finding = session.exec(select(ResidentFinding)).one()
    assert finding.returnee and finding.fever and finding.returned_from == "武汉"


@pytest.mark.parametrize("temp,fever", [("37.2", False), ("37.3", True), ("36.5", False)])
def test_fever_threshold(session, w, temp, fever):
    home = households(session, w.mine)[0]
    _visit(session, w, home, Outcome.door,
           residents=[ResidentIn(name="王五", birth_year=1980, temperature=Decimal(temp))])
    assert session.exec(select(ResidentFinding.fever)).one() is fever


@pytest.mark.parametrize("temp", ["33.9", "43.1", "abc"])
def test_impossible_temperatures_are_refused(temp):
    with pytest.raises(ValidationError):
        ResidentIn(name="王五", birth_year=1980, temperature=temp)


def test_workers_cannot_visit_or_read_outside_their_buildings(session, w):
    theirs = households(session, w.theirs)[0]
    with pytest.raises(Denied):
        _visit(session, w, theirs, Outcome.door)
    with pytest.raises(Denied):
        survey_views.visit_form(session, actor=w.worker, round_id=w.round.id,
                                household_id=theirs.id)
    progress = survey.building_progress(session, actor=w.worker, round_id=w.round.id)
    assert {p.building_id for p in progress} == {w.mine.id}


def test_another_households_resident_cannot_be_edited_through_this_one(session, w):
    mine, other = households(session, w.mine)[:2]
    stranger = session.exec(select(Resident).where(Resident.household_id == other.id)).first()
    with pytest.raises(Denied):
        _visit(session, w, mine, Outcome.door,
               residents=[ResidentIn(resident_id=stranger.id, name="冒名", birth_year=1990)])
    assert session.get(Resident, stranger.id).name == "张三丰"


def test_visit_form_is_prefilled_from_the_register(session, w):
    home = households(session, w.mine)[0]
    form = survey_views.visit_form(session, actor=w.worker, round_id=w.round.id,
                                   household_id=home.id)
    assert [r.name for r in form.residents] == ["张三丰"]
    assert form.residents[0].phone == "13812345678"


def test_reaching_a_household_without_any_resident_is_refused(session, w):
    home = households(session, w.mine)[0]
    with pytest.raises(ServiceError) as err:
        _visit(session, w, home, Outcome.door, residents=[])
    assert err.value.key == "survey.need_resident"
    session.rollback()
    rh = session.exec(select(RoundHousehold).where(RoundHousehold.household_id == home.id)).one()
    assert rh.status == HouseholdStatus.pending


def test_a_round_over_chosen_compounds_enrols_only_their_households(session, w):
    from community_app.models import Building

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
