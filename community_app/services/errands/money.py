"""Errand money: amounts spent, what is owed to volunteers, settlement and the admin overview.

This module holds `parse_amount` and `record_amount` (Decimal yuan with two places, never
float), `owed_to` and `settle` for amounts a volunteer advanced, and the admin `overview`
with its counts, late and returned requests, money owed and the spending of the last 7 days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import update
from sqlmodel import Session, select

from community_app.models import ErrandRequest, ErrandStatus, Payment, Role, Urgency, User, utcnow
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errands.requests import (
    IN_PROGRESS,
    OPEN,
    S,
    _mine_as_volunteer,
    _now,
    _tz,
    deadline,
)
from community_app.services.errands.views import _hhmm, _places
from community_app.services.errors import Denied, ServiceError

MAX_AMOUNT = Decimal("10000.00")
CENT = Decimal("0.01")


def parse_amount(value: object) -> Decimal:
    """Yuan as Decimal with two places; floats are refused (they are not exact)."""
    if isinstance(value, float | bool):
        raise ServiceError("errands.bad_amount")
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ServiceError("errands.bad_amount") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        raise ServiceError("errands.bad_amount")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ServiceError("errands.bad_amount")
    return amount.quantize(CENT)


def record_amount(
    session: Session, *, actor: Actor, request_id: int, amount: object
) -> ErrandRequest:
    """The amount spent on a request; when the volunteer advanced it, it is owed to them."""
    row = _mine_as_volunteer(session, actor, request_id)
    if row.status not in (S.shopping, S.delivered) or row.settled_at is not None:
        raise ServiceError("errands.wrong_step")
    row.amount_spent = parse_amount(amount)
    row.advanced_by_id = (
        actor.user_id if Payment(row.payment) == Payment.volunteer_advance else None
    )
    row.touch(actor.user_id)
    session.add(row)
    session.flush()
    return row


# --- owed and settlement ------------------------------------------------------------


def owed_to(session: Session, *, volunteer_id: int) -> Decimal:
    amounts = session.exec(
        select(ErrandRequest.amount_spent).where(
            ErrandRequest.advanced_by_id == volunteer_id,
            ErrandRequest.settled_at.is_(None),
            ErrandRequest.amount_spent.is_not(None),
            ErrandRequest.status != S.cancelled,
        )
    ).all()
    return sum((Decimal(a) for a in amounts), Decimal("0.00")).quantize(CENT)


def settle(session: Session, *, actor: Actor, volunteer_id: int) -> Decimal:
    """Mark everything owed to a volunteer as paid back; returns the amount settled."""
    scope.require_role(actor, Role.admin)
    volunteer = session.get(User, volunteer_id) if isinstance(volunteer_id, int) else None
    if volunteer is None or volunteer.community_id != actor.community_id:
        raise Denied()
    amount = owed_to(session, volunteer_id=volunteer.id)
    if amount == 0:
        raise ServiceError("errands.nothing_owed")
    now = utcnow()
    session.execute(
        update(ErrandRequest)
        .where(
            ErrandRequest.advanced_by_id == volunteer.id,
            ErrandRequest.settled_at.is_(None),
            ErrandRequest.amount_spent.is_not(None),
            ErrandRequest.status != S.cancelled,
        )
        .values(settled_at=now, settled_by_id=actor.user_id, updated_at=now,
                updated_by_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return amount


# --- the admin overview -------------------------------------------------------------


@dataclass
class Overview:
    open: int
    in_progress: int
    delivered_today: int
    average_minutes: int  # request -> delivery, over deliveries today (0 when none)
    late: list[dict[str, str | int]]  # waiting longer than their urgency allows
    returned: list[dict[str, str | int]]  # claims that went idle and came back
    owed: list[dict[str, str | int]]  # per volunteer: id, name, amount, count
    days: list[dict[str, str]]  # spent per day, last 7 days
    week_total: str
    # Per request advanced and not settled: id, volunteer_id, place, amount, and whether
    # a door / receipt photo exists (1/0) so the admin can look before settling.
    bills: list[dict[str, str | int]]
    # Delivered in the last 7 days, newest first (at most RECENT_MAX), with the same fields.
    recent: list[dict[str, str | int]]


RECENT_MAX = 30


def _bill(r: ErrandRequest, place: str, names: dict) -> dict[str, str | int]:
    return {
        "id": r.id,
        "volunteer_id": r.advanced_by_id or r.claimed_by_id or 0,
        "volunteer": names.get(r.advanced_by_id or r.claimed_by_id, ""),
        "place": place,
        "amount": f"{Decimal(r.amount_spent):.2f}" if r.amount_spent is not None else "",
        "at": _hhmm(r.delivered_at),
        "status": ErrandStatus(r.status).value,
        "settled": 1 if r.settled_at is not None else 0,
        "door_photo": 1 if r.delivery_photo else 0,
        "receipt_photo": 1 if r.receipt_photo else 0,
    }


def overview(session: Session, *, actor: Actor, now: datetime | None = None) -> Overview:
    scope.require_role(actor, Role.admin)
    now = _now(now)
    tz = _tz()
    today = now.astimezone(tz).date()
    week_start = today - timedelta(days=6)
    since = datetime.combine(week_start, time(0, 0), tzinfo=tz)
    cid = actor.community_id
    live = session.exec(
        select(ErrandRequest).where(
            ErrandRequest.community_id == cid,
            ErrandRequest.status.in_([*OPEN, *IN_PROGRESS]),
        )
    ).all()
    recent = session.exec(
        select(ErrandRequest).where(
            ErrandRequest.community_id == cid, ErrandRequest.delivered_at >= since
        )
    ).all()
    places = _places(session, [r.household_id for r in live])
    delivered_today = [
        r for r in recent if aware(r.delivered_at).astimezone(tz).date() == today
    ]
    minutes = [
        (aware(r.delivered_at) - aware(r.requested_at)).total_seconds() / 60
        for r in delivered_today
    ]
    late = [
        {
            "id": r.id,
            "place": " ".join(places.get(r.household_id, ("", ""))),
            "status": ErrandStatus(r.status).value,
            "urgency": Urgency(r.urgency).value,
            "waiting": int((now - aware(r.requested_at)).total_seconds() // 60),
        }
        for r in sorted(live, key=lambda r: aware(r.requested_at))
        if now > deadline(r.urgency, r.requested_at)
    ]
    names = dict(
        session.exec(select(User.id, User.display_name).where(User.community_id == cid)).all()
    )
    returned = [
        {
            "id": r.id,
            "place": " ".join(places.get(r.household_id, ("", ""))),
            "volunteer": names.get(r.stale_volunteer_id, ""),
            "at": _hhmm(r.stale_returned_at),
        }
        for r in live
        if r.stale_returned_at is not None and r.status == S.requested
    ]
    unsettled = session.exec(
        select(ErrandRequest).where(
            ErrandRequest.community_id == cid,
            ErrandRequest.advanced_by_id.is_not(None),
            ErrandRequest.settled_at.is_(None),
            ErrandRequest.amount_spent.is_not(None),
            ErrandRequest.status != S.cancelled,
        ).order_by(ErrandRequest.advanced_by_id, ErrandRequest.id)
    ).all()
    owed: dict[int, list[Decimal]] = defaultdict(list)
    for r in unsettled:
        owed[r.advanced_by_id].append(Decimal(r.amount_spent))
    latest = sorted(recent, key=lambda r: aware(r.delivered_at), reverse=True)[:RECENT_MAX]
    places.update(_places(session, [r.household_id for r in [*unsettled, *latest]
                                    if r.household_id not in places]))
    per_day: dict[str, Decimal] = {
        (week_start + timedelta(days=n)).isoformat(): Decimal("0.00") for n in range(7)
    }
    for r in recent:
        if r.amount_spent is not None and r.status != S.cancelled:
            day = aware(r.delivered_at).astimezone(tz).date().isoformat()
            if day in per_day:
                per_day[day] += Decimal(r.amount_spent)
    return Overview(
        open=sum(1 for r in live if r.status in OPEN),
        in_progress=sum(1 for r in live if r.status in IN_PROGRESS),
        delivered_today=len(delivered_today),
        average_minutes=round(sum(minutes) / len(minutes)) if minutes else 0,
        late=late,
        returned=returned,
        owed=[
            {
                "id": vid,
                "name": names.get(vid, ""),
                "amount": f"{sum(amounts, Decimal('0.00')):.2f}",
                "count": len(amounts),
            }
            for vid, amounts in sorted(owed.items())
        ],
        days=[{"day": day[5:], "amount": f"{amount:.2f}"} for day, amount in per_day.items()],
        week_total=f"{sum(per_day.values(), Decimal('0.00')):.2f}",
        bills=[_bill(r, " ".join(places.get(r.household_id, ("", ""))), names)
               for r in unsettled],
        recent=[_bill(r, " ".join(places.get(r.household_id, ("", ""))), names)
                for r in latest],
    )
