"""Two volunteers take the last place at the same moment: exactly one wins (PostgreSQL,
real parallel sessions)."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Shift, ShiftSignup, SignupStatus
from community_app.services.errors import ServiceError
from community_app.services.roster import shifts
from tests import factories as f
from tests.race import at_once
from tests.roster.conftest import World, make_shift


def _world(pg):
    with Session(pg, expire_on_commit=False) as session:
        from tests.roster.conftest import world as make_world

        w: World = make_world.__wrapped__(session)
        shift_id = make_shift(session, w.admin, most=2)
        shifts.sign_up(session, actor=w.v3, uuid=f.new_uuid(), shift_id=shift_id)
        session.commit()
    return w, shift_id


def test_two_volunteers_race_for_the_last_place_and_one_wins(pg):
    for _ in range(5):
        with Session(pg) as session:
            for table in (ShiftSignup, Shift):
                for row in session.exec(select(table)):
                    session.delete(row)
            session.commit()
        w, shift_id = _world(pg)
        outcomes = at_once(pg, [
            lambda s, a=a, sid=shift_id: shifts.sign_up(s, actor=a, uuid=f.new_uuid(), shift_id=sid)
            for a in (w.v1, w.v2)])
        wins = [o for o in outcomes if o is True]
        losses = [o for o in outcomes if isinstance(o, ServiceError)]
        assert len(wins) == 1 and len(losses) == 1, outcomes
        assert losses[0].key == "roster.err.full"
        with Session(pg) as session:
            assert session.get(Shift, shift_id).filled == 2
            held = session.exec(select(ShiftSignup).where(
                ShiftSignup.shift_id == shift_id,
                ShiftSignup.status == SignupStatus.signed)).all()
            assert len(held) == 2
