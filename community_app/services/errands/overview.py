"""The admin's errands desk (/errands/admin): counts, late and returned requests, money owed
with each bill and its photos, the deliveries and the spending of the last 7 days.

Invariants
- Admins only, their community only.
- Days are the community's local days (`clock`); money is Decimal, shown with two places.
- A bill says whether a door / receipt photo exists, never where it is: the photo itself
  comes only through `photos.photo_data_url`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session, select

from community_app.models import ErrandRequest, ErrandStatus, Role, Urgency, User
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errands import money
from community_app.services.errands.housekeeping import housekeeping
from community_app.services.errands.lookups import address
from community_app.services.errands.machine import IN_PROGRESS, OPEN, S
from community_app.services.errands.requests import deadline
from community_app.services.places import household_places

RECENT_MAX = 30


@dataclass
class LateRow:
    """Waiting longer than its urgency allows."""

    id: int
    place: str
    status: str
    urgency: str
    waiting: int  # minutes since it was asked


@dataclass
class ReturnedRow:
    """A claim that went idle and came back to the queue."""

    id: int
    place: str
    volunteer: str
    at: str  # local "MM-DD HH:MM"


@dataclass
class OwedRow:
    """What one volunteer advanced and was not paid back yet."""

    id: int  # the volunteer's user id
    name: str
    amount: str
    count: int


@dataclass
class DaySpend:
    day: str  # "MM-DD"
    amount: str


@dataclass
class Bill:
    """One request's amount, with whether its door / receipt photos exist."""

    id: int
    volunteer_id: int
    volunteer: str
    place: str
    amount: str
    at: str  # delivered, local "MM-DD HH:MM"
    status: str
    settled: bool
    door_photo: bool
    receipt_photo: bool


@dataclass
class Overview:
    open: int
    in_progress: int
    delivered_today: int
    average_minutes: int  # request -> delivery, over deliveries today (0 when none)
    late: list[LateRow]
    returned: list[ReturnedRow]
    owed: list[OwedRow]
    days: list[DaySpend]  # spent per day, last 7 days
    week_total: str
    bills: list[Bill]  # advanced and not settled, looked at before settling
    recent: list[Bill]  # delivered in the last 7 days, newest first (at most RECENT_MAX)


def _bill(r: ErrandRequest, place: str, names: dict[int, str]) -> Bill:
    volunteer_id = r.advanced_by_id or r.claimed_by_id or 0
    return Bill(
        id=r.id, volunteer_id=volunteer_id, volunteer=names.get(volunteer_id, ""),
        place=place,
        amount=f"{Decimal(r.amount_spent):.2f}" if r.amount_spent is not None else "",
        at=clock.stamp(r.delivered_at), status=ErrandStatus(r.status).value,
        settled=r.settled_at is not None, door_photo=bool(r.delivery_photo),
        receipt_photo=bool(r.receipt_photo),
    )


def overview(session: Session, *, actor: Actor, now: datetime | None = None) -> Overview:
    scope.require_role(actor, Role.admin)
    now = clock.utc(now)
    today = clock.local_day(now)
    week_start = today - timedelta(days=6)
    since = clock.at_local(week_start, time(0, 0))
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
    delivered_today = [r for r in recent if clock.local_day(r.delivered_at) == today]
    minutes = [
        (clock.utc(r.delivered_at) - clock.utc(r.requested_at)).total_seconds() / 60
        for r in delivered_today
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
    latest = sorted(recent, key=lambda r: clock.utc(r.delivered_at), reverse=True)[:RECENT_MAX]
    places = household_places(session, list({r.household_id for r in [*live, *unsettled,
                                                                       *latest]}))
    names = dict(
        session.exec(select(User.id, User.display_name).where(User.community_id == cid)).all()
    )
    owed: dict[int, list[Decimal]] = defaultdict(list)
    for r in unsettled:
        owed[r.advanced_by_id].append(Decimal(r.amount_spent))
    per_day: dict[str, Decimal] = {
        (week_start + timedelta(days=n)).isoformat(): Decimal("0.00") for n in range(7)
    }
    for r in recent:
        if r.amount_spent is not None and r.status != S.cancelled:
            day = clock.local_day(r.delivered_at).isoformat()
            if day in per_day:
                per_day[day] += Decimal(r.amount_spent)
    return Overview(
        open=sum(1 for r in live if r.status in OPEN),
        in_progress=sum(1 for r in live if r.status in IN_PROGRESS),
        delivered_today=len(delivered_today),
        average_minutes=round(sum(minutes) / len(minutes)) if minutes else 0,
        late=[
            LateRow(id=r.id, place=address(places, r.household_id),
                    status=ErrandStatus(r.status).value, urgency=Urgency(r.urgency).value,
                    waiting=int((now - clock.utc(r.requested_at)).total_seconds() // 60))
            for r in sorted(live, key=lambda r: clock.utc(r.requested_at))
            if now > deadline(r.urgency, r.requested_at)
        ],
        returned=[
            ReturnedRow(id=r.id, place=address(places, r.household_id),
                        volunteer=names.get(r.stale_volunteer_id, ""),
                        at=clock.stamp(r.stale_returned_at))
            for r in live
            if r.stale_returned_at is not None and r.status == S.requested
        ],
        owed=[
            OwedRow(id=vid, name=names.get(vid, ""),
                    amount=f"{sum(amounts, Decimal('0.00')):.2f}", count=len(amounts))
            for vid, amounts in sorted(owed.items())
        ],
        days=[DaySpend(day=day[5:], amount=f"{amount:.2f}") for day, amount in per_day.items()],
        week_total=f"{sum(per_day.values(), Decimal('0.00')):.2f}",
        bills=[_bill(r, address(places, r.household_id), names) for r in unsettled],
        recent=[_bill(r, address(places, r.household_id), names) for r in latest],
    )


def desk_screen(session: Session, *, actor: Actor) -> Overview:
    """What /errands/admin shows on load: idle claims returned first, then the overview."""
    scope.require_role(actor, Role.admin)
    housekeeping(session)
    return overview(session, actor=actor)


@dataclass
class Settled:
    amount: Decimal  # what was paid back
    overview: Overview  # the desk after it


def settle_and_show(session: Session, *, actor: Actor, volunteer_id: int) -> Settled:
    amount = money.settle(session, actor=actor, volunteer_id=volunteer_id)
    return Settled(amount=amount, overview=overview(session, actor=actor))
