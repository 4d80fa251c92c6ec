"""Lent cadres: lent by the subdistrict to its own communities only; during the loan the
cadre is that community's grid worker or volunteer (its scope, its hours); ended early
or by time, access ends."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from sqlmodel import select

from community_app.models import CadreLoan, PatrolPlan, PatrolWalk, Role, User, utcnow
from community_app.services import auth, scope, volunteer_hours
from community_app.services.clock import local_day
from community_app.services.errors import Denied, ServiceError
from community_app.services.patrol import hours
from community_app.services.subdistrict import loans
from tests import factories as f


def _lend(session, world, **extra):
    values = {"community_id": world.mine.id, "role": Role.grid_worker, "username": "cadre1",
              "display_name": "下沉干部甲", "phone": "13800001111", "days": 7, **extra}
    return loans.lend(session, actor=world.officer, uuid=f.new_uuid(), **values)


def test_a_lent_cadre_acts_in_that_community_during_the_loan(session, world):
    lent = _lend(session, world)
    token = auth.login(session, username="cadre1", password=lent.secret, client="t")
    cadre = auth.authenticate(session, token=token)
    assert cadre.role == Role.grid_worker and cadre.community_id == world.mine.id
    assert scope.community_ids_in_scope(session, actor=cadre) == [world.mine.id]
    rows = loans.list_loans(session, actor=world.officer)
    assert [(r.username, r.active, r.phone) for r in rows] == [("cadre1", True, "138****1111")]
    assert loans.list_loans(session, actor=world.other_officer) == []


def test_only_the_officers_own_communities_and_roles(session, world):
    with pytest.raises(Denied):
        _lend(session, world, community_id=world.theirs.id)
    with pytest.raises(ServiceError):
        _lend(session, world, role=Role.admin)
    with pytest.raises(ServiceError):
        _lend(session, world, days=0)
    with pytest.raises(Denied):
        loans.lend(session, actor=world.admin, uuid=f.new_uuid(), community_id=world.mine.id,
                   role=Role.volunteer, username="x-y-z", display_name="某", phone="", days=3)


def test_ending_a_loan_refuses_the_cadre_at_once_and_others_cannot_end_it(session, world):
    lent = _lend(session, world)
    token = auth.login(session, username="cadre1", password=lent.secret, client="t")
    with pytest.raises(Denied):
        loans.end_loan(session, actor=world.other_officer, loan_id=lent.loan_id)
    assert auth.authenticate(session, token=token) is not None
    loans.end_loan(session, actor=world.officer, loan_id=lent.loan_id)
    assert auth.authenticate(session, token=token) is None
    with pytest.raises(ServiceError):
        auth.login(session, username="cadre1", password=lent.secret, client="t")
    assert [r.active for r in loans.list_loans(session, actor=world.officer)] == [False]


def test_a_lent_volunteers_hours_count_for_the_community(session, world):
    lent = _lend(session, world, role=Role.volunteer, username="cadre2")
    user = session.exec(select(User).where(User.username == "cadre2")).one()
    assert user.community_id == world.mine.id == session.get(CadreLoan, lent.loan_id).community_id
    walked = utcnow() - timedelta(hours=2)
    plan = PatrolPlan(uuid=f.new_uuid(), community_id=world.mine.id, night=local_day(walked),
                      window_start=time(20, 0), window_end=time(23, 0))
    session.add(plan)
    session.flush()
    session.add(PatrolWalk(uuid=f.new_uuid(), user_id=user.id, plan_id=plan.id,
                           signed_in_at=walked, signed_out_at=walked + timedelta(minutes=90)))
    session.flush()
    rows = hours.volunteer_hours(session, actor=world.admin, until=local_day(walked))
    assert [(r.name, r.minutes) for r in rows] == [("下沉干部甲", 90)]
    cadre = auth.Actor.of(user, session.get(CadreLoan, lent.loan_id))
    assert volunteer_hours.my_hours(session, actor=cadre).patrol == "1:30"
