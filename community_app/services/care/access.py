"""Who may keep the care list and tick its tasks, and the day's deadlines.

Invariants: the community's admin and the household's grid worker (the worker assigned to
its building) put households on the list, end them and tick their tasks; anyone else, or a
household out of scope, is Denied (never "not found"). Deadlines are local times on the
community's clock, set through the environment (CareTimes).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import time

from sqlmodel import Session

from community_app.models import CareEnrolment, CareKind, Household, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import parse_hhmm
from community_app.services.errors import Denied

STAFF = (Role.admin, Role.grid_worker)


def setting(name: str, default: str) -> time:
    return parse_hhmm(os.environ.get(name, "").strip() or default)


@dataclass(frozen=True)
class CareTimes:
    """When each task of the day is due (local time)."""

    garbage_morning_by: time = field(
        default_factory=lambda: setting("CARE_GARBAGE_MORNING_BY", "10:00"))
    garbage_afternoon_by: time = field(
        default_factory=lambda: setting("CARE_GARBAGE_AFTERNOON_BY", "15:00"))
    # A check-in not done by this time is handed to tonight's lit-window patrol.
    checkin_by: time = field(default_factory=lambda: setting("CARE_CHECKIN_BY", "18:00"))

    def due(self, kind: CareKind) -> time:
        return {CareKind.garbage_morning: self.garbage_morning_by,
                CareKind.garbage_afternoon: self.garbage_afternoon_by,
                CareKind.checkin: self.checkin_by}[CareKind(kind)]


def household_in_scope(session: Session, *, actor: Actor, household_id: object) -> Household:
    scope.require_role(actor, *STAFF)
    if not isinstance(household_id, int) or isinstance(household_id, bool):
        raise Denied()
    return scope.get_household(session, actor=actor, household_id=household_id)


def enrolment_in_scope(session: Session, *, actor: Actor, enrolment_id: object) -> CareEnrolment:
    scope.require_role(actor, *STAFF)
    row = session.get(CareEnrolment, enrolment_id) if isinstance(enrolment_id, int) else None
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    household_in_scope(session, actor=actor, household_id=row.household_id)
    return row
