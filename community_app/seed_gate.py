"""Demo data of the gate (卡点): two checkpoints, resident passes for the grid worker's
first households and the demo household (in isolation: its passes show suspended), the
volunteer on duty at the east gate and this morning's first entries, one of them a
warning the grid worker sees on their home screen."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlmodel import Session, select

from community_app.models import Building, Compound, GridAssignment, Household, Role, User
from community_app.seed import new_uuid
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.gate import checkpoints, duty, entries, passes


def _compounds(session: Session, community_id: int) -> list[int]:
    return list(session.exec(select(Compound.id).where(Compound.community_id == community_id)
                             .order_by(Compound.id)))


def seed_gate(session: Session, *, community_id: int, now: datetime | None = None) -> None:
    """The caller commits."""
    users = {Role(u.role): u for u in session.exec(
        select(User).where(User.community_id == community_id))}
    admin, volunteer = Actor.of(users[Role.admin]), Actor.of(users[Role.volunteer])
    compounds = _compounds(session, community_id)
    east = checkpoints.create_checkpoint(session, actor=admin, uuid=new_uuid(), name="东门",
                                         compound_ids=compounds[:2], slot_hours=8,
                                         slot_min_people=2)
    checkpoints.create_checkpoint(session, actor=admin, uuid=new_uuid(), name="西门",
                                  compound_ids=compounds[:3], all_day=False, opens_at="07:00",
                                  closes_at="22:00", slot_hours=4, slot_min_people=1)
    mine = list(session.exec(select(GridAssignment.building_id).where(
        GridAssignment.user_id == users[Role.grid_worker].id)))
    homes = list(session.exec(select(Household).join(Building).where(
        Household.building_id.in_(mine), Building.compound_id.in_(compounds[:2]))
        .order_by(Household.id).limit(6)))
    demo_home = users[Role.household].household_id
    for home in homes:
        passes.issue_passes(session, actor=admin, uuid=new_uuid(), household_id=home.id,
                            count=2, outs=1, per_days=2)
    passes.issue_passes(session, actor=admin, uuid=new_uuid(), household_id=demo_home,
                        count=1, outs=1, per_days=2)
    moment = clock.utc(now)
    start = max(moment - timedelta(hours=2), clock.at_local(clock.local_day(moment), time(0)))
    duty.sign_on(session, actor=volunteer, checkpoint_id=east, now=start)
    cards = {c.household_id: c.code for c in passes.household_passes(session, actor=admin)}
    visits = [dict(kind="resident", direction="out", code=cards[homes[0].id], temp="36.4"),
              dict(kind="vehicle", direction="in", plate="京A·D1234", temp="36.7"),
              # the demo household is isolated: going out raises the warning
              dict(kind="resident", direction="out", code=cards[demo_home])]
    for i, visit in enumerate(visits):
        entries.record_entry(session, actor=volunteer, uuid=new_uuid(), checkpoint_id=east,
                             at=start + timedelta(minutes=10 * (i + 1)), now=moment, **visit)
    session.flush()
