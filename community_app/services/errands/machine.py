"""The errand status machine: the only moves a request can make, and reading one in scope.

Every other errand module changes a request's status through `move` and reads one through
`get` (by id, unchecked), `get_request` (what the actor may see) or `held_by` (the
volunteer's own claim).

Invariants
- `TRANSITIONS` is the whole machine: `move` refuses any other step before touching the
  database (a programming error, ValueError).
- Every status change is one conditional UPDATE ... WHERE status IN (<expected>); a change
  whose row is no longer in the expected state touches nothing and returns False. So two
  volunteers claiming the same request at once: exactly one row update wins.
- A request the actor may not see is `Denied`, never "not found": ids are not an oracle.
- A volunteer sees only the requests they claimed (the open queue is read in `queue`); a
  household only its own; a grid worker the households of their buildings; an admin their
  community.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session

from community_app.models import ErrandRequest, ErrandStatus, Household, Role, utcnow
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError

S = ErrandStatus
TRANSITIONS: dict[ErrandStatus, set[ErrandStatus]] = {
    S.requested: {S.claimed, S.cancelled},
    S.claimed: {S.requested, S.shopping, S.cancelled},
    S.shopping: {S.delivered, S.cancelled},
    S.delivered: {S.confirmed},
    S.confirmed: set(),
    S.cancelled: set(),
}
OPEN = (S.requested,)
IN_PROGRESS = (S.claimed, S.shopping)
# Still waiting on someone: neither confirmed nor cancelled.
UNFINISHED = (*OPEN, *IN_PROGRESS, S.delivered)
# Held by a volunteer: claimed, being shopped for, or delivered and not yet confirmed.
HELD = (*IN_PROGRESS, S.delivered)


def move(
    session: Session,
    request_id: int,
    *,
    frm: ErrandStatus | tuple[ErrandStatus, ...],
    to: ErrandStatus,
    by: int | None,
    extra_where: tuple = (),
    **values: object,
) -> bool:
    """Change status with one conditional UPDATE; True when this call made the change."""
    sources = frm if isinstance(frm, tuple) else (frm,)
    for source in sources:
        if to not in TRANSITIONS[source]:
            raise ValueError(f"illegal transition {source} -> {to}")
    now = utcnow()
    result = session.execute(
        update(ErrandRequest)
        .where(
            ErrandRequest.id == request_id,
            ErrandRequest.status.in_([s.value for s in sources]),
            *extra_where,
        )
        .values(status=to.value, updated_at=now, updated_by_id=by, **values)
        .execution_options(synchronize_session=False)
    )
    # The row object this session may hold is now stale: reload it on next access.
    held = session.identity_map.get(session.identity_key(ErrandRequest, request_id))
    if held is not None:
        session.expire(held)
    return result.rowcount == 1


def get(session: Session, request_id: object) -> ErrandRequest:
    """The request by id, scope NOT checked (callers check it); a bad id is refused."""
    if not isinstance(request_id, int) or isinstance(request_id, bool) or request_id < 1:
        raise ServiceError("err.bad_request")
    row = session.get(ErrandRequest, request_id)
    if row is None:
        raise Denied()
    return row


def _may_see(session: Session, actor: Actor, row: ErrandRequest) -> bool:
    if row.community_id != actor.community_id:
        return False
    if actor.role == Role.admin:
        return True
    if actor.role == Role.household:
        return actor.household_id == row.household_id
    if actor.role == Role.volunteer:
        return row.claimed_by_id == actor.user_id
    if actor.role == Role.grid_worker:
        household = session.get(Household, row.household_id)
        return household is not None and household.building_id in scope.building_ids_in_scope(
            session, actor=actor
        )
    return False


def get_request(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """The request if the actor may see it; Denied otherwise (never 'not found')."""
    row = get(session, request_id)
    if not _may_see(session, actor, row):
        raise Denied()
    return row


def held_by(session: Session, *, actor: Actor, request_id: object) -> ErrandRequest:
    """A request this volunteer claimed (in any status since); Denied for anyone else's."""
    scope.require_role(actor, Role.volunteer)
    row = get(session, request_id)
    if row.community_id != actor.community_id or row.claimed_by_id != actor.user_id:
        raise Denied()
    return row
