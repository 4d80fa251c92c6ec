"""A community with two compounds (one building each), an admin, a grid worker of the first
building, a volunteer, a checkpoint serving compound A, and a second community."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from community_app.models import CaseStatus, Household, IsolationCase, IsolationReason, Role
from community_app.services.auth import Actor
from community_app.services.gate import checkpoints
from tests import factories as f

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


@dataclass
class World:
    admin: Actor
    worker: Actor
    volunteer: Actor
    other_admin: Actor
    other_volunteer: Actor
    building_a: int
    building_b: int
    home_a: Household  # room 101 of building A
    home_a2: Household  # room 102
    home_b: Household
    gate: int  # checkpoint serving compound A


@pytest.fixture
def world(session: Session) -> World:
    comm = f.community(session)
    a, b = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    other = f.community(session, "别的社区")
    worker = f.user(session, comm, Role.grid_worker)
    f.assign(session, worker, a)
    admin = f.actor(f.user(session, comm, Role.admin))
    homes = session.exec(select(Household).where(Household.building_id == a.id)
                         .order_by(Household.id)).all()
    home_b = session.exec(select(Household).where(Household.building_id == b.id)).first()
    gate = checkpoints.create_checkpoint(session, actor=admin, uuid=f.new_uuid(), name="东门",
                                         compound_ids=[a.compound_id], slot_hours=8,
                                         slot_min_people=2)
    return World(admin=admin, worker=f.actor(worker),
                 volunteer=f.actor(f.user(session, comm, Role.volunteer)),
                 other_admin=f.actor(f.user(session, other, Role.admin)),
                 other_volunteer=f.actor(f.user(session, other, Role.volunteer)),
                 building_a=a.id, building_b=b.id, home_a=homes[0], home_a2=homes[1],
                 home_b=home_b, gate=gate)


def isolate(session: Session, w: World, household: Household) -> IsolationCase:
    case = IsolationCase(uuid=f.new_uuid(), community_id=w.admin.community_id,
                         household_id=household.id, reason=IsolationReason.returnee,
                         start_date=date(2026, 11, 30), status=CaseStatus.open)
    session.add(case)
    session.flush()
    return case


def release(session: Session, case: IsolationCase) -> None:
    case.status = CaseStatus.closed
    session.add(case)
    session.flush()
