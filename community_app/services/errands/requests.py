"""Errand runs (代买代办): requests and the status machine every other errand module uses.

This module holds `TRANSITIONS` and the one conditional UPDATE that moves a request
(`_move`), reading a request within scope, creating, cancelling and confirming requests.
Siblings: `errand_items` (item kinds, labels, checking a request's lines),
`errand_views` (queue, household timeline), `errand_runs` (claims, runs, delivery),
`errand_housekeeping` (stale claims, auto-confirm), `errand_money` (amounts, owed,
settlement, overview) and `errand_photos` (private photo storage).

Invariants
- Every status change is one conditional UPDATE ... WHERE status = <expected>; a change
  whose row is no longer in the expected state touches nothing and is refused. So two
  volunteers claiming the same request at once: exactly one row update wins.
- A volunteer reads the open queue (place, items, window, masked phone: no health data,
  no isolation reason) and only the requests they claimed; a household only its own; a
  grid worker the households of their buildings; an admin their community.
- Money is Decimal yuan with two places, never float.
"""

from __future__ import annotations

import uuid as uuidlib
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session

from community_app.models import (
    ErrandItem,
    ErrandRequest,
    ErrandStatus,
    Household,
    Payment,
    Role,
    Urgency,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errands.items import clean_items
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.settings import settings

S = ErrandStatus
# The only moves a request can make. Anything else is refused.
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
WITHIN_2H = timedelta(hours=2)
TODAY_AT_LEAST = timedelta(hours=4)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.timezone)


def _now(now: datetime | None) -> datetime:
    return aware(now) if now is not None else utcnow()


def deadline(urgency: Urgency | str, requested_at: datetime) -> datetime:
    """When the request should be delivered by: 2 hours for medicine, else the same day.

    A same-day request made late in the evening still gets at least four hours.
    """
    requested_at = aware(requested_at)
    if Urgency(urgency) == Urgency.within_2h:
        return requested_at + WITHIN_2H
    local = requested_at.astimezone(_tz())
    end_of_day = datetime.combine(local.date(), time(23, 59), tzinfo=_tz())
    return max(end_of_day, local + TODAY_AT_LEAST)


# --- the status machine -------------------------------------------------------------


def _move(
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


def _refresh(session: Session, row: ErrandRequest) -> ErrandRequest:
    session.refresh(row)
    return row


# --- reading with scope -------------------------------------------------------------


def _get(session: Session, request_id: object) -> ErrandRequest:
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
    row = _get(session, request_id)
    if not _may_see(session, actor, row):
        raise Denied()
    return row


def _mine_as_volunteer(session: Session, actor: Actor, request_id: int) -> ErrandRequest:
    scope.require_role(actor, Role.volunteer)
    row = _get(session, request_id)
    if row.community_id != actor.community_id or row.claimed_by_id != actor.user_id:
        raise Denied()
    return row


# --- creating -----------------------------------------------------------------------


def create_request(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    household_id: int,
    items: list[dict],
    urgency: str = Urgency.today.value,
    window: str = "",
    payment: str = Payment.cash_on_delivery.value,
    note: str = "",
) -> ErrandRequest:
    """A household asks for itself; a grid worker or admin enters one on a household's behalf.

    `items`: [{"kind": "vegetables"|...|"other", "text": "...", "quantity": 1, "note": ""}];
    {"name": "鸡蛋"} or {"name": "eggs"} names a common item, any other name is a wish.
    Medicine makes the request urgent (within 2 hours) whatever was chosen.
    """
    scope.require_role(actor, Role.household, Role.grid_worker, Role.admin)
    uuid = check_uuid(uuid)
    household = scope.get_household(session, actor=actor, household_id=household_id)
    if (row := existing(session, ErrandRequest, uuid)) is not None:
        if row.household_id != household.id:
            raise Denied()
        return row
    cleaned = clean_items(items)
    try:
        chosen_urgency = Urgency(urgency)
        chosen_payment = Payment(payment)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    if any(item["kind"] == "medicine" for item in cleaned):
        chosen_urgency = Urgency.within_2h
    now = utcnow()
    row = ErrandRequest(
        uuid=uuid,
        community_id=actor.community_id,
        household_id=household.id,
        created_by_id=actor.user_id,
        urgency=chosen_urgency,
        window=str(window or "")[:40],
        payment=chosen_payment,
        note=str(note or "")[:200],
        requested_at=now,
        updated_by_id=actor.user_id,
    )
    session.add(row)
    session.flush()
    for position, item in enumerate(cleaned):
        session.add(
            ErrandItem(
                uuid=str(uuidlib.uuid5(uuidlib.UUID(uuid), str(position))),
                request_id=row.id,
                position=position,
                updated_by_id=actor.user_id,
                **item,
            )
        )
    session.flush()
    return row


def cancel_request(
    session: Session, *, actor: Actor, request_id: int, reason: str
) -> ErrandRequest:
    """The requester (or their worker, or an admin) cancels before delivery, with a reason."""
    scope.require_role(actor, Role.household, Role.grid_worker, Role.admin)
    row = get_request(session, actor=actor, request_id=request_id)
    reason = str(reason or "").strip()[:200]
    if not reason:
        raise ServiceError("errands.reason_required")
    if not _move(
        session, row.id, frm=(S.requested, S.claimed, S.shopping), to=S.cancelled,
        by=actor.user_id, cancelled_at=utcnow(), cancel_reason=reason,
    ):
        raise ServiceError("errands.too_late")
    return _refresh(session, row)


# --- the household confirms ---------------------------------------------------------


def confirm(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """The household confirms it received the goods."""
    scope.require_role(actor, Role.household)
    row = get_request(session, actor=actor, request_id=request_id)
    if not _move(
        session, row.id, frm=S.delivered, to=S.confirmed, by=actor.user_id,
        confirmed_at=utcnow(),
    ):
        raise ServiceError("errands.wrong_step")
    return _refresh(session, row)
