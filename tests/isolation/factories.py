"""Factories for the isolation domain: a worker, a household with people, an open case.

Also the clock the isolation tests stand on (Shanghai wall-clock times in November 2026)
and the small readers they share (a case's checklist items, a snapshot of every table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from community_app.models import ChecklistItem, Household, Resident, Role, Sex, User
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.isolation import cases as isolation
from tests import factories as f

JUNK = {"$ne": 1}  # what a crafted websocket message sends where a value is expected


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# 2026-11-23T17:00Z is 24 November 01:00 in Shanghai; 15:59Z is still 23 November 23:59.
JUST_AFTER_MIDNIGHT = utc(2026, 11, 23, 17, 0)
JUST_BEFORE_MIDNIGHT = utc(2026, 11, 23, 15, 59)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A Shanghai wall-clock time in November 2026, as a UTC instant."""
    return datetime(2026, 11, day, hour, minute, tzinfo=clock.zone()).astimezone(UTC)


def items(session: Session, case_id: int, day: date | None = None) -> list[ChecklistItem]:
    query = select(ChecklistItem).where(ChecklistItem.case_id == case_id)
    if day is not None:
        query = query.where(ChecklistItem.day == day)
    return list(session.exec(query.order_by(ChecklistItem.id)).all())


def snapshot(engine: Engine) -> dict:
    """Every row of every table: a refused call must leave this unchanged."""
    with engine.connect() as conn:
        return {t.name: sorted(map(repr, conn.execute(t.select()).all()))
                for t in SQLModel.metadata.sorted_tables}


@dataclass
class World:
    admin: Actor
    worker: Actor
    other_worker: Actor
    household_actor: Actor
    other_household_actor: Actor
    home: Household
    other_home: Household
    far_home: Household
    people: list[Resident]


def world(session: Session) -> World:
    """Two buildings, each with its own worker; household logins in building 1."""
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    admin = f.user(session, comm, Role.admin)
    worker = f.user(session, comm, Role.grid_worker)
    other = f.user(session, comm, Role.grid_worker)
    f.assign(session, worker, b1)
    f.assign(session, other, b2)
    homes = session.exec(select(Household).where(Household.building_id == b1.id)
                         .order_by(Household.id)).all()
    home, other_home = homes[0], homes[1]
    far_home = session.exec(select(Household).where(Household.building_id == b2.id)).first()
    session.add(Resident(uuid=f.new_uuid(), household_id=home.id, name="李四",
                         sex=Sex.female, birth_year=1990, phone=""))
    session.flush()
    people = list(session.exec(select(Resident).where(Resident.household_id == home.id)
                               .order_by(Resident.id)).all())
    hh = f.user(session, comm, Role.household, home.code, household_id=home.id)
    other_hh = f.user(session, comm, Role.household, other_home.code, household_id=other_home.id)
    session.commit()
    return World(admin=f.actor(admin), worker=f.actor(worker), other_worker=f.actor(other),
                 household_actor=f.actor(hh), other_household_actor=f.actor(other_hh),
                 home=home, other_home=other_home, far_home=far_home, people=people)


def resident_ids(session: Session, household: Household) -> list[int]:
    return list(session.exec(select(Resident.id).where(Resident.household_id == household.id)))


def open_case(session: Session, actor: Actor, household: Household, *, start: date | None = None,
              period: int = 14, now=None, people: list[int] | None = None) -> int:  # noqa: ANN001
    case_id = isolation.open_case(
        session, actor=actor, uuid=f.new_uuid(), household_id=household.id,
        resident_ids=people or resident_ids(session, household), reason="returnee",
        start_date=start, period_days=period, now=now)
    session.commit()
    return case_id


def worker_user(session: Session, actor: Actor) -> User:
    return session.get(User, actor.user_id)


def households_of(session: Session, building_id: int) -> list[Household]:
    return list(session.exec(select(Household).where(Household.building_id == building_id)
                             .order_by(Household.id)).all())
