"""Errand requests: when one is due, asking for one, cancelling it, confirming receipt.

A household asks for itself; its grid worker or an admin asks on its behalf (from the
building grid, or converting a survey need in `services/needs.py`). Every status change
goes through `machine.move`; reading in scope through `machine.get_request`.

Invariants
- A request's lines are checked by `items.clean_items`; medicine makes it urgent.
- The client UUID makes asking idempotent: a replay returns the earlier request, and a
  replay naming another household is refused.
- Cancelling needs a reason and is possible only before delivery.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import asdict
from datetime import datetime, time, timedelta

from sqlmodel import Session

from community_app.models import ErrandItem, ErrandRequest, Payment, Role, Urgency, utcnow
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errands.items import clean_items
from community_app.services.errands.machine import UNFINISHED as UNFINISHED  # for retention
from community_app.services.errands.machine import S, get_request, move
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing

WITHIN_2H = timedelta(hours=2)
TODAY_AT_LEAST = timedelta(hours=4)


def deadline(urgency: Urgency | str, requested_at: datetime) -> datetime:
    """When the request should be delivered by: 2 hours for medicine, else the same day.

    A same-day request made late in the evening still gets at least four hours.
    """
    if Urgency(urgency) == Urgency.within_2h:
        return clock.utc(requested_at) + WITHIN_2H
    end_of_day = clock.at_local(clock.local_day(requested_at), time(23, 59))
    return max(end_of_day, clock.local(requested_at) + TODAY_AT_LEAST)


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
    if any(item.kind == "medicine" for item in cleaned):
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
                **asdict(item),
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
    if not move(
        session, row.id, frm=(S.requested, S.claimed, S.shopping), to=S.cancelled,
        by=actor.user_id, cancelled_at=utcnow(), cancel_reason=reason,
    ):
        raise ServiceError("errands.too_late")
    session.refresh(row)
    return row


# --- the household confirms ---------------------------------------------------------


def confirm(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """The household confirms it received the goods."""
    scope.require_role(actor, Role.household)
    row = get_request(session, actor=actor, request_id=request_id)
    if not move(
        session, row.id, frm=S.delivered, to=S.confirmed, by=actor.user_id,
        confirmed_at=utcnow(),
    ):
        raise ServiceError("errands.wrong_step")
    session.refresh(row)
    return row
