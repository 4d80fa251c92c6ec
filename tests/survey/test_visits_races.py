"""Visits to one household saved at the same moment, each on its own connection
(PostgreSQL, real parallel transactions): every attempt counts once."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Outcome, RoundHousehold, VisitAttempt
from community_app.services.survey.visits import save_visit
from tests import factories as f
from tests.factories_survey import households, world
from tests.race import at_once


def _not_home(w, household_id: int, uuid: str):
    def call(session: Session):
        return save_visit(session, actor=w.worker, uuid=uuid, household_id=household_id,
                          outcome=Outcome.not_home)
    return call


def _state(engine, household_id: int) -> tuple[int, int]:
    with Session(engine) as s:
        rh = s.exec(select(RoundHousehold).where(
            RoundHousehold.household_id == household_id)).one()
        attempts = s.exec(select(VisitAttempt).where(
            VisitAttempt.round_household_id == rh.id)).all()
        return rh.failed_attempts, len(attempts)


def test_eight_not_home_visits_saved_at_once_count_eight_attempts(pg):
    with Session(pg, expire_on_commit=False) as s:
        w = world(s)
        homes = households(s, w.mine)
    wrong = []
    for home in homes[:4]:  # 4 households x 8 phones saving "not home" together
        outcomes = at_once(pg, [_not_home(w, home.id, f.new_uuid()) for _ in range(8)])
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        # Each save reports the count it left: 1..8, once each.
        if sorted(o.failed_attempts for o in outcomes) != list(range(1, 9)):
            wrong.append(sorted(o.failed_attempts for o in outcomes))
        if _state(pg, home.id) != (8, 8):
            wrong.append(_state(pg, home.id))
    assert len(wrong) == 0, wrong


def test_the_same_visit_delivered_twice_at_once_is_saved_once_without_an_error(pg):
    with Session(pg, expire_on_commit=False) as s:
        w = world(s)
        homes = households(s, w.mine)
    errors = []
    for home in homes:  # a replay racing the original submission, per household
        uuid = f.new_uuid()
        outcomes = at_once(pg, [_not_home(w, home.id, uuid) for _ in range(2)])
        errors += [o for o in outcomes if isinstance(o, Exception)]
        assert _state(pg, home.id) == (1, 1)
    assert len(errors) == 0, errors
