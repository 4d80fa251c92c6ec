"""Patrol follow-ups: raised (or resolved as lit later) when a watched household's
window is marked, then called, visited and resolved by the building's grid worker.

Invariants
- A dark window at a watched household raises one follow-up per plan and household, at
  once, for the building's grid worker (GridAssignment) at that moment.
- Marking the window lit again while nobody has acted on it yet resolves it as "lit
  later"; once the worker has called or visited, the follow-up runs its course. Marking
  dark again after "lit later" reopens the same follow-up.
- Escalation is computed, never scheduled: an unresolved follow-up older than
  settings.patrol_escalate_minutes is escalated to the admin.
- Only the building's worker (or the admin) sees a follow-up; the resident's name and
  phone go to staff lists only, never into the log. Recording outcomes: outcomes.py.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import (
    CallOutcome,
    FollowUpStatus,
    GridAssignment,
    Household,
    PatrolFollowUp,
    PatrolPlan,
    Resident,
    Resolution,
    Role,
    VisitOutcome,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.patrol.watched import watched_reasons
from community_app.services.places import addresses
from community_app.settings import settings


def follow_up_on_mark(session: Session, *, actor: Actor, plan: PatrolPlan,
                      household: Household, lit: bool, now: datetime) -> None:
    """Keep the household's follow-up in step with the window just marked (see above)."""
    follow_up = session.exec(
        select(PatrolFollowUp).where(
            PatrolFollowUp.plan_id == plan.id, PatrolFollowUp.household_id == household.id
        )
    ).first()
    if lit:
        if follow_up is not None and follow_up.status == FollowUpStatus.open:
            follow_up.status = FollowUpStatus.resolved
            follow_up.resolution = Resolution.lit_later
            follow_up.resolved_at = now
            follow_up.touch(actor.user_id)
            session.add(follow_up)
        return
    reasons = watched_reasons(session, [household.id], plan.night).get(household.id)
    if not reasons:
        return
    if follow_up is None:
        worker_id = session.exec(
            select(GridAssignment.user_id).where(
                GridAssignment.building_id == household.building_id
            )
        ).first()
        session.add(PatrolFollowUp(
            uuid=str(uuidlib.uuid4()), plan_id=plan.id, building_id=household.building_id,
            household_id=household.id, night=plan.night, worker_id=worker_id,
            reason=",".join(reasons), created_at=now, updated_at=now,
            updated_by_id=actor.user_id,
        ))
    elif follow_up.resolution == Resolution.lit_later:
        follow_up.status = FollowUpStatus.open
        follow_up.resolution = None
        follow_up.resolved_at = None
        follow_up.touch(actor.user_id)
        session.add(follow_up)


def is_escalated(follow_up: PatrolFollowUp, now: datetime, minutes: int | None = None) -> bool:
    """Unresolved past the deadline (created + settings.patrol_escalate_minutes)."""
    if follow_up.status == FollowUpStatus.resolved:
        return False
    limit = timedelta(minutes=settings.patrol_escalate_minutes if minutes is None else minutes)
    return now >= aware(follow_up.created_at) + limit


def escalates_at(follow_up: PatrolFollowUp) -> datetime:
    return aware(follow_up.created_at) + timedelta(minutes=settings.patrol_escalate_minutes)


@dataclass
class FollowUpRow:
    """One follow-up as the worker's card, the admin's escalations and the log show it."""

    id: int
    night: str
    address: str
    reason: str  # why the household is watched (elderly_alone / disabled): staff only
    resident: str  # the worker's own list only; empty in the log
    phone: str  # likewise
    status: str
    call_outcome: str
    visit_outcome: str
    resolution: str
    raised_at: str  # local HH:MM
    escalates_at: str
    escalated: bool
    late: bool  # resolved, but after the deadline


def follow_up_rows(session: Session, rows: list[PatrolFollowUp], now: datetime,
                   *, with_phone: bool) -> list[FollowUpRow]:
    household_ids = [f.household_id for f in rows]
    where = addresses(session, household_ids)
    people: dict[int, tuple[str, str]] = {}
    if household_ids and with_phone:  # the log never reads a resident
        residents = session.exec(
            select(Resident)
            .where(Resident.household_id.in_(household_ids), Resident.moved_away.is_(False))
            .order_by(Resident.household_id, Resident.elderly_alone.desc(), Resident.id)
        ).all()
        for r in residents:
            people.setdefault(r.household_id, (r.name, r.phone))
    out: list[FollowUpRow] = []
    for fu in rows:
        name, phone = people.get(fu.household_id, ("", ""))
        out.append(FollowUpRow(
            id=fu.id,
            night=fu.night.isoformat(),
            address=where.get(fu.household_id, ""),
            reason=fu.reason.split(",")[0] if fu.reason else "",
            resident=name if with_phone else "",
            phone=phone if with_phone else "",
            status=FollowUpStatus(fu.status).value,
            call_outcome=CallOutcome(fu.call_outcome).value if fu.call_outcome else "",
            visit_outcome=VisitOutcome(fu.visit_outcome).value if fu.visit_outcome else "",
            resolution=Resolution(fu.resolution).value if fu.resolution else "",
            raised_at=clock.hhmm(fu.created_at),
            escalates_at=clock.hhmm(escalates_at(fu)),
            escalated=is_escalated(fu, now),
            late=fu.status == FollowUpStatus.resolved and fu.resolved_at is not None
            and aware(fu.resolved_at) > escalates_at(fu),
        ))
    return out


def unresolved(session: Session, *, actor: Actor) -> list[PatrolFollowUp]:
    """Unresolved follow-ups in the actor's buildings (a worker's own, an admin's all),
    oldest first."""
    ids = scope.building_ids_in_scope(session, actor=actor)
    if not ids:
        return []
    return list(session.exec(
        select(PatrolFollowUp)
        .where(PatrolFollowUp.building_id.in_(ids),
               PatrolFollowUp.status != FollowUpStatus.resolved)
        .order_by(PatrolFollowUp.created_at, PatrolFollowUp.id)
    ).all())


def open_follow_ups(session: Session, *, actor: Actor,
                    now: datetime | None = None) -> list[FollowUpRow]:
    """A worker's unresolved follow-ups (their buildings), oldest first, with the phone to call."""
    scope.require_role(actor, Role.grid_worker)
    return follow_up_rows(session, unresolved(session, actor=actor), clock.utc(now),
                          with_phone=True)


def escalated_follow_ups(session: Session, *, actor: Actor,
                         now: datetime | None = None) -> list[FollowUpRow]:
    """For the admin: unresolved follow-ups past their deadline, anywhere in the community."""
    scope.require_role(actor, Role.admin)
    now = clock.utc(now)
    late = [fu for fu in unresolved(session, actor=actor) if is_escalated(fu, now)]
    return follow_up_rows(session, late, now, with_phone=True)
