"""Demo data of the roster domain: a few shifts (one short tomorrow, one the demo volunteer
holds), one team with its leader, one application waiting for review, the sign-up link."""

from __future__ import annotations

from datetime import time, timedelta

from sqlmodel import Session, select

from community_app.models import Compound, Role, User, VolunteerApplication
from community_app.seed import new_uuid
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.roster import recruit, shifts, teams
from community_app.services.roster.shifts import ShiftIn

SHIFTS = (  # (days ahead, start, hours, place, kind, min, max)
    (1, time(8), 4, "东门卡点", "gate", 2, 3),
    (1, time(12), 4, "东门卡点", "gate", 2, 3),
    (1, time(19), 2, "1号院至3号院", "patrol", 2, 4),
    (2, time(9), 2, "各楼道", "disinfection", 1, 2),
    (2, time(14), 3, "社区服务站", "errands", 1, 3),
)


def seed_roster(session: Session, *, community_id: int) -> None:
    """The caller commits."""
    users = session.exec(select(User).where(User.community_id == community_id)).all()
    admin = Actor.of(next(u for u in users if u.role == Role.admin))
    volunteer = next(u for u in users if u.role == Role.volunteer)
    recruit.ensure_link(session, actor=admin)
    today = clock.local_day()
    made = []
    for ahead, start, hours, place, kind, least, most in SHIFTS:
        begins = clock.at_local(today + timedelta(days=ahead), start)
        made.append(shifts.create_shift(session, actor=admin, uuid=new_uuid(), data=ShiftIn(
            starts_at=begins, ends_at=begins + timedelta(hours=hours), place=place, kind=kind,
            min_people=least, max_people=most)))
    shifts.assign(session, actor=admin, uuid=new_uuid(), shift_id=made[2],
                  user_id=volunteer.id)
    team = teams.create_team(session, actor=admin, uuid=new_uuid(), name="党员突击队")
    teams.add_member(session, actor=admin, team_id=team, user_id=volunteer.id, leader=True)
    teams.create_team(session, actor=admin, uuid=new_uuid(), name="代买代办服务队")
    compound = session.exec(select(Compound).where(Compound.community_id == community_id)
                            .order_by(Compound.id)).first()
    session.add(VolunteerApplication(
        uuid=new_uuid(), community_id=community_id, name="刘建国", phone="13700001234",
        compound_id=compound.id if compound else None, skills="driving,medical",
        party_member=True, availability="工作日晚上、周末全天", source="seed"))
    session.flush()
