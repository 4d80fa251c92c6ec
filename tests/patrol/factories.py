"""Factories for the patrol tests: a small community with a route, people and a watched flat,
the night most tests walk on, and shortcuts for a signed-in walk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    Household,
    Occupancy,
    PatrolFollowUp,
    PatrolMark,
    Resident,
    Role,
    User,
)
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.patrol import create as patrol_create
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from community_app.services.places import addresses
from tests import factories as f


@dataclass
class PatrolWorld:
    admin: Actor
    volunteer: Actor
    worker: Actor
    b1: Building
    b2: Building
    watched: Household  # elderly living alone, in b1
    plain: Household  # nobody watched, in b1


def resident_of(session: Session, household: Household) -> Resident:
    return session.exec(select(Resident).where(Resident.household_id == household.id)).first()


def flag(session: Session, household: Household, *, elderly_alone: bool = False,
         disabled: bool = False) -> None:
    resident = resident_of(session, household)
    resident.elderly_alone = elderly_alone
    resident.disabled = disabled
    session.add(resident)
    session.flush()


def set_occupancy(session: Session, household: Household, occupancy: Occupancy) -> None:
    household.occupancy = occupancy
    session.add(household)
    session.flush()


def households(session: Session, building: Building) -> list[Household]:
    return list(session.exec(
        select(Household).where(Household.building_id == building.id).order_by(Household.id)
    ).all())


def world(session: Session) -> PatrolWorld:
    comm = f.community(session)
    b1 = f.building(session, comm, "1号楼", floors=3, units=1, rooms=2)
    b2 = f.building(session, comm, "2号楼", floors=2, units=1, rooms=2)
    admin = f.user(session, comm, Role.admin)
    volunteer = f.user(session, comm, Role.volunteer)
    worker = f.user(session, comm, Role.grid_worker)
    f.assign(session, worker, b1)
    homes = households(session, b1)
    flag(session, homes[0], elderly_alone=True)
    return PatrolWorld(admin=f.actor(admin), volunteer=f.actor(volunteer),
                       worker=f.actor(worker), b1=b1, b2=b2, watched=homes[0], plain=homes[1])


def plan(session: Session, w: PatrolWorld, night: date, buildings: list[Building],
         people: list[Actor] | None = None, start: str = "19:30", end: str = "21:00") -> int:
    made = patrol_create.create_plan(
        session, actor=w.admin, uuid=f.new_uuid(), night=night, window_start=start,
        window_end=end, building_ids=[b.id for b in buildings],
        member_ids=[p.user_id for p in (people or [w.volunteer])],
    )
    return made.id


def user_row(session: Session, actor: Actor) -> User:
    return session.get(User, actor.user_id)


def local_dt(night: date, hhmm: str, days: int = 0) -> datetime:
    """An aware datetime at local `hhmm` on `night` (+days)."""
    h, m = map(int, hhmm.split(":"))
    return datetime(night.year, night.month, night.day, h, m, tzinfo=clock.zone()) + timedelta(
        days=days)


def toggle(session: Session, *, actor: Actor, plan_id: int, household_id: int,
           now: datetime | None = None) -> bool:
    """Tap a window as a walker would: unchecked -> lit, lit <-> dark (returns True = lit)."""
    mark = session.exec(select(PatrolMark).where(
        PatrolMark.plan_id == plan_id, PatrolMark.household_id == household_id)).first()
    lit = True if mark is None else not mark.lit
    patrol_marks.set_window(session, actor=actor, plan_id=plan_id, household_id=household_id,
                            state="lit" if lit else "dark", now=now)
    return lit


NIGHT = date(2026, 11, 23)  # a Monday
EVENING = local_dt(NIGHT, "19:40")
AFTERNOON = local_dt(NIGHT, "15:00")


def start(session: Session, w: PatrolWorld, buildings: list[Building] | None = None,
          night: date = NIGHT) -> int:
    """A plan over `buildings` (default both) with the volunteer signed in at 19:35."""
    plan_id = plan(session, w, night, buildings or [w.b1, w.b2])
    patrol_walk.sign_in(session, actor=w.volunteer, plan_id=plan_id,
                        now=local_dt(night, "19:35"))
    return plan_id


def follow_ups(session: Session) -> list[PatrolFollowUp]:
    return list(session.exec(select(PatrolFollowUp)).all())


def community_of(session: Session, w: PatrolWorld) -> Community:
    return session.get(Community, w.admin.community_id)


def address_of(session: Session, household: Household) -> str:
    return addresses(session, [household.id])[household.id]
