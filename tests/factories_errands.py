"""Factories for the errands domain: a small community with a household, a worker, volunteers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import Building, Household, Role, User
from community_app.services.auth import Actor
from community_app.services.errands import requests as errands
from tests import factories as f


@dataclass
class World:
    admin: Actor
    worker: Actor
    volunteer: Actor
    volunteer2: Actor
    household: Actor
    other_household: Actor
    home: Household
    other_home: Household
    outside_home: Household  # in a building the worker does not cover
    b1: Building
    users: dict[str, User]


def world(session: Session) -> World:
    comm = f.community(session)
    b1, b2 = f.building(session, comm, "1号楼"), f.building(session, comm, "2号楼")
    users = {
        "admin": f.user(session, comm, Role.admin, "admin"),
        "worker": f.user(session, comm, Role.grid_worker, "worker"),
        "volunteer": f.user(session, comm, Role.volunteer, "volunteer"),
        "volunteer2": f.user(session, comm, Role.volunteer, "volunteer2"),
    }
    f.assign(session, users["worker"], b1)
    homes = session.exec(
        select(Household).where(Household.building_id == b1.id).order_by(Household.id)
    ).all()
    outside = session.exec(select(Household).where(Household.building_id == b2.id)).first()
    users["household"] = f.user(session, comm, Role.household, homes[0].code,
                                household_id=homes[0].id)
    users["other_household"] = f.user(session, comm, Role.household, homes[1].code,
                                      household_id=homes[1].id)
    session.commit()
    actors = {name: f.actor(u) for name, u in users.items()}
    return World(home=homes[0], other_home=homes[1], outside_home=outside, b1=b1, users=users,
                 **actors)


def ask(session: Session, actor: Actor, household_id: int, *, items: list[dict] | None = None,
        urgency: str = "today", payment: str = "volunteer_advance", window: str = "下午",
        note: str = ""):
    row = errands.create_request(
        session, actor=actor, uuid=f.new_uuid(), household_id=household_id,
        items=items or [{"kind": "vegetables", "quantity": 2},
                        {"kind": "other", "text": "一瓶白酒", "quantity": 1}],
        urgency=urgency, window=window, payment=payment, note=note,
    )
    session.commit()
    return row
