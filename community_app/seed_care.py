"""Demo data for the disinfection log and daily care: the demo compounds' rounds (09:00 and
15:00, this morning's recorded in the first compound) and two care-list households of the
demo grid worker (one elderly living alone, one with a chronic illness)."""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import Compound, GridAssignment, Household, Role, User
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.care import enrol
from community_app.services.disinfection import plan, rounds
from community_app.services.idempotency import derived_uuid


def seed_care(session: Session, *, community_id: int) -> None:
    """The caller commits."""
    users = {u.role: u for u in session.exec(select(User).where(
        User.community_id == community_id, User.role.in_([Role.admin, Role.grid_worker])))}
    admin, worker = Actor.of(users[Role.admin]), Actor.of(users[Role.grid_worker])
    compounds = list(session.exec(select(Compound.id).where(
        Compound.community_id == community_id).order_by(Compound.id)).all())
    for compound_id in compounds:
        plan.set_rounds(session, actor=admin, compound_id=compound_id, times=["09:00", "15:00"])
    now = clock.utc()
    morning = next((r for r in rounds.day_rounds(session, actor=admin, now=now)
                    if r.compound_id == compounds[0] and r.at == "09:00"), None)
    if morning is not None and clock.local_clock(now) >= clock.parse_hhmm("09:00"):
        rounds.record_round(session, actor=worker, uuid=derived_uuid("seed-disinfection", now),
                            key=morning.key, areas="楼道、电梯、垃圾点", chemical="84消毒液",
                            now=now)
    buildings = list(session.exec(select(GridAssignment.building_id).where(
        GridAssignment.user_id == worker.user_id).order_by(GridAssignment.building_id)))
    homes = list(session.exec(select(Household.id).where(
        Household.building_id.in_(buildings or [0])).order_by(Household.id.desc())
        .limit(2)).all())
    for household_id, reason, afternoon in zip(homes, ("elderly_alone", "chronic"),
                                               (True, False), strict=False):
        enrol.enrol(session, actor=worker, uuid=derived_uuid("seed-care", household_id),
                    household_id=household_id, reason=reason, garbage_morning=True,
                    garbage_afternoon=afternoon, checkin="call")
