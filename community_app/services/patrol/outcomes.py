"""The grid worker's side of a follow-up: the call, the knock on the door, and marking
handled what needed help.

Invariants
- Only the building's grid worker (its GridAssignment) or the community's admin records
  an outcome; anyone else gets Denied.
- The journey: open -> called (no answer) -> visited (needs help / emergency) ->
  resolved. An answered call, or a visit finding them well or away (known), resolves at
  once; a resolved follow-up takes no further outcome ("patrol.follow_up_done").
- Each outcome returns the follow-ups still open in the actor's buildings: the list the
  worker's home card shows next.
- With the form's client `uuid` (the home card's forms, kept in the phone's outbox while
  offline) an outcome applies once: its UUID is recorded (`first_application`) in the
  transaction that makes the change, before the status is checked, so a replay of an
  outcome already applied changes nothing and is not refused (`Recorded.applied` False)
  even though the follow-up has moved on since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from community_app.models import (
    CallOutcome,
    FollowUpStatus,
    PatrolFollowUp,
    Resolution,
    Role,
    VisitOutcome,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, first_application
from community_app.services.patrol.followups import FollowUpRow, follow_up_rows, unresolved


@dataclass
class Recorded:
    status: str  # the follow-up's status after this outcome
    open: list[FollowUpRow]  # unresolved follow-ups in the actor's buildings, with phones
    applied: bool = True  # False: this form (its client UUID) was applied before


CALL_OUTCOMES = ("answered", "no_answer")
VISIT_OUTCOMES = tuple(v.value for v in VisitOutcome)
OUTCOMES = (*CALL_OUTCOMES, *VISIT_OUTCOMES, "handled")


def _follow_up_in_scope(session: Session, *, actor: Actor, follow_up_id: int) -> PatrolFollowUp:
    scope.require_role(actor, Role.grid_worker, Role.admin)
    follow_up = session.get(PatrolFollowUp, follow_up_id) if isinstance(follow_up_id, int) else None
    if follow_up is None:
        raise Denied()
    if follow_up.building_id not in scope.building_ids_in_scope(session, actor=actor):
        raise Denied()
    return follow_up


def _recorded(session: Session, follow_up: PatrolFollowUp, actor: Actor,
              now: datetime | None, applied: bool) -> Recorded:
    rows = follow_up_rows(session, unresolved(session, actor=actor), clock.utc(now),
                          with_phone=True)
    return Recorded(status=FollowUpStatus(follow_up.status).value, open=rows, applied=applied)


def _save(session: Session, follow_up: PatrolFollowUp, actor: Actor,
          now: datetime | None) -> Recorded:
    follow_up.touch(actor.user_id)
    session.add(follow_up)
    session.flush()
    return _recorded(session, follow_up, actor, now, True)


def _replayed(session: Session, *, actor: Actor, follow_up: PatrolFollowUp, uuid: str,
              now: datetime | None) -> Recorded | None:
    """What a form applied before answers with (nothing changed), or None: apply it now."""
    if not uuid or first_application(session, uuid=uuid, kind="follow_up",
                                     user_id=actor.user_id):
        return None
    return _recorded(session, follow_up, actor, now, False)


def record_call(session: Session, *, actor: Actor, follow_up_id: int, answered: bool,
                uuid: str = "", now: datetime | None = None) -> Recorded:
    """A call: answered resolves it; no answer means knock on the door next."""
    follow_up = _follow_up_in_scope(session, actor=actor, follow_up_id=follow_up_id)
    if (done := _replayed(session, actor=actor, follow_up=follow_up, uuid=uuid, now=now)):
        return done
    if follow_up.status not in (FollowUpStatus.open, FollowUpStatus.called):
        raise ServiceError("patrol.follow_up_done")
    now = clock.utc(now)
    follow_up.called_at = now
    if answered:
        follow_up.call_outcome = CallOutcome.answered
        follow_up.status = FollowUpStatus.resolved
        follow_up.resolution = Resolution.answered
        follow_up.resolved_at = now
    else:
        follow_up.call_outcome = CallOutcome.no_answer
        follow_up.status = FollowUpStatus.called
    return _save(session, follow_up, actor, now)


def record_visit(session: Session, *, actor: Actor, follow_up_id: int, outcome: str,
                 uuid: str = "", now: datetime | None = None) -> Recorded:
    """A knock on the door. At home and well, or away (known): resolved. Needs help or
    emergency services called: stays open (visited) until the worker marks it handled."""
    try:
        result = VisitOutcome(outcome)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    follow_up = _follow_up_in_scope(session, actor=actor, follow_up_id=follow_up_id)
    if (done := _replayed(session, actor=actor, follow_up=follow_up, uuid=uuid, now=now)):
        return done
    if follow_up.status not in (FollowUpStatus.open, FollowUpStatus.called):
        raise ServiceError("patrol.follow_up_done")
    now = clock.utc(now)
    follow_up.visit_outcome = result
    follow_up.visited_at = now
    if result in (VisitOutcome.well, VisitOutcome.away):
        follow_up.status = FollowUpStatus.resolved
        follow_up.resolution = Resolution.visited
        follow_up.resolved_at = now
    else:
        follow_up.status = FollowUpStatus.visited
    return _save(session, follow_up, actor, now)


def resolve(session: Session, *, actor: Actor, follow_up_id: int, uuid: str = "",
            now: datetime | None = None) -> Recorded:
    """Close a visited follow-up once the help needed has been given."""
    follow_up = _follow_up_in_scope(session, actor=actor, follow_up_id=follow_up_id)
    if (done := _replayed(session, actor=actor, follow_up=follow_up, uuid=uuid, now=now)):
        return done
    if follow_up.status != FollowUpStatus.visited:
        raise ServiceError("patrol.follow_up_not_visited")
    follow_up.status = FollowUpStatus.resolved
    follow_up.resolution = Resolution.handled
    follow_up.resolved_at = clock.utc(now)
    return _save(session, follow_up, actor, now)


def record_outcome(session: Session, *, actor: Actor, follow_up_id: int, outcome: str,
                   uuid: str, now: datetime | None = None) -> Recorded:
    """One of the home card's forms: a call (answered / no_answer), a visit (well, away,
    needs_help, emergency) or "handled", applied once per client `uuid`."""
    if outcome not in OUTCOMES:
        raise ServiceError("err.bad_request")
    uuid = check_uuid(uuid)
    if outcome in CALL_OUTCOMES:
        return record_call(session, actor=actor, follow_up_id=follow_up_id,
                           answered=outcome == "answered", uuid=uuid, now=now)
    if outcome == "handled":
        return resolve(session, actor=actor, follow_up_id=follow_up_id, uuid=uuid, now=now)
    return record_visit(session, actor=actor, follow_up_id=follow_up_id, outcome=outcome,
                        uuid=uuid, now=now)
