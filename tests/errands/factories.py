"""Factories for the errands domain: a small community with a household, a worker, volunteers;
a request asked, one taken all the way to the door; a survey need recorded and converted."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Community,
    ErrandItem,
    Household,
    Outcome,
    Role,
    RoundHousehold,
    User,
)
from community_app.services import needs as errand_needs
from community_app.services.auth import Actor
from community_app.services.errands import money as errand_money
from community_app.services.errands import requests as errands
from community_app.services.errands import runs as errand_runs
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
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


def deliver(session, w, row, amount="58.50") -> None:
    """Claimed, shopped (every item bought), amount recorded, left at the door."""
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.start_run(session, actor=w.volunteer, uuid=f.new_uuid())
    for item in session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)):
        errand_runs.set_item_outcome(session, actor=w.volunteer, item_id=item.id, outcome="bought")
    errand_money.record_amount(session, actor=w.volunteer, request_id=row.id, amount=amount)
    errand_runs.mark_delivered(session, actor=w.volunteer, request_id=row.id)
    session.commit()


# What a survey need "大米一袋, 降压药" becomes on the on-behalf form.
ITEMS = [{"kind": "rice", "quantity": 1, "note": "大米一袋"},
         {"kind": "medicine", "quantity": 1, "note": "降压药"}]


# The needs helpers take a `tests.factories_survey` world (a round open, two workers).
def visit(session, w, household, needs: str, actor=None) -> RoundHousehold:
    """A door visit recording `needs` on the household's round record, which it returns."""
    survey.record_visit(session, actor=actor or w.worker, uuid=f.new_uuid(), round_id=w.round.id,
                        household_id=household.id, outcome=Outcome.door,
                        residents=[ResidentIn(name="王奶奶", birth_year=1940)], needs=needs)
    session.commit()
    return session.exec(select(RoundHousehold).where(
        RoundHousehold.round_id == w.round.id, RoundHousehold.household_id == household.id)).one()


def volunteer(session, w):
    comm_id = w.worker.community_id
    return f.actor(f.user(session, session.get(Community, comm_id), Role.volunteer, "vol"))


def convert(session, actor, rh, uuid=None, items=None):
    row = errand_needs.convert_need(session, actor=actor, uuid=uuid or f.new_uuid(),
                                    round_household_id=rh.id, items=items or ITEMS,
                                    urgency="today", payment="volunteer_advance", note="")
    session.commit()
    return row

