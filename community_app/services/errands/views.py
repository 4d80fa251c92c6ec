"""Errand reads: the volunteer queue, the household's requests with their timeline, places.

This module holds what each role is shown, built from requests read within scope by
`errands`: the open queue grouped by compound (place, items, window, masked phone: no
names, no health data, no isolation reason), the full phone only for a request in the
queue or held by the asking volunteer (`contact_phone`), a household's requests with step
times and item outcomes, and the shared lookups of items, places and phones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import (
    ErrandItem,
    ErrandRequest,
    ErrandStatus,
    ItemOutcome,
    Payment,
    Resident,
    Role,
    Urgency,
    User,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errands.items import item_label
from community_app.services.errands.requests import UNFINISHED, S, _get, _now, _tz, deadline
from community_app.services.errors import Denied
from community_app.services.masking import mask_name, mask_phone
from community_app.services.places import household_places

# --- shared lookups: items, places, phones ------------------------------------------


def _items_by_request(session: Session, ids: list[int]) -> dict[int, list[ErrandItem]]:
    found: dict[int, list[ErrandItem]] = defaultdict(list)
    if ids:
        for item in session.exec(
            select(ErrandItem)
            .where(ErrandItem.request_id.in_(ids))
            .order_by(ErrandItem.request_id, ErrandItem.position)
        ):
            found[item.request_id].append(item)
    return found


def _summary(items: list[ErrandItem]) -> str:
    parts = []
    for item in items:
        text = f"{item_label(item.kind, item.text)}×{item.quantity}"
        parts.append(f"{text}（{item.note}）" if item.note else text)
    return "、".join(parts)


def _places(session: Session, household_ids: list[int]) -> dict[int, tuple[str, str]]:
    """household id -> (compound name, 'building unit room'). No names, no health data."""
    return {hid: (p.compound, f"{p.building} {p.unit}单元 {p.room}")
            for hid, p in household_places(session, household_ids).items()}


def _phones(session: Session, household_ids: list[int]) -> dict[int, str]:
    """The first resident with a phone, per household (the household's contact)."""
    phones: dict[int, str] = {}
    if household_ids:
        for household_id, phone in session.exec(
            select(Resident.household_id, Resident.phone)
            .where(
                Resident.household_id.in_(household_ids),
                Resident.moved_away.is_(False),
                Resident.phone != "",
            )
            .order_by(Resident.household_id, Resident.id)
        ):
            phones.setdefault(household_id, phone)
    return phones


# --- the volunteer queue ------------------------------------------------------------


@dataclass
class QueueRow:
    id: int
    place: str
    summary: str
    window: str
    urgency: str
    waiting_minutes: int
    overdue: bool
    phone: str  # masked
    returned: bool  # came back from an idle claim


@dataclass
class QueueGroup:
    compound: str
    rows: list[QueueRow] = field(default_factory=list)


def volunteer_queue(
    session: Session, *, actor: Actor, now: datetime | None = None
) -> list[QueueGroup]:
    """Open requests, most urgent and longest waiting first, grouped by compound."""
    scope.require_role(actor, Role.volunteer, Role.admin)
    now = _now(now)
    rows = session.exec(
        select(ErrandRequest).where(
            ErrandRequest.community_id == actor.community_id,
            ErrandRequest.status == S.requested,
        )
    ).all()
    rank = {Urgency.within_2h: 0, Urgency.today: 1}
    rows = sorted(rows, key=lambda r: (rank[Urgency(r.urgency)], aware(r.requested_at), r.id))
    hids = [r.household_id for r in rows]
    places, phones = _places(session, hids), _phones(session, hids)
    items = _items_by_request(session, [r.id for r in rows])
    groups: dict[str, QueueGroup] = {}
    for r in rows:
        compound, place = places.get(r.household_id, ("", ""))
        groups.setdefault(compound, QueueGroup(compound=compound)).rows.append(
            QueueRow(
                id=r.id,
                place=place,
                summary=_summary(items[r.id]),
                window=r.window,
                urgency=Urgency(r.urgency).value,
                waiting_minutes=int((now - aware(r.requested_at)).total_seconds() // 60),
                overdue=now > deadline(r.urgency, r.requested_at),
                phone=mask_phone(phones.get(r.household_id, "")),
                returned=r.stale_returned_at is not None,
            )
        )
    # Groups in the order of their most urgent request.
    return list(groups.values())


def contact_phone(session: Session, *, actor: Actor, request_id: int) -> str:
    """The household's full number, for the call button: a volunteer gets it for a request
    still in the queue or one they hold, never for another volunteer's."""
    scope.require_role(actor, Role.volunteer)
    row = _get(session, request_id)
    if row.community_id != actor.community_id:
        raise Denied()
    if not (row.status == S.requested or (
        row.claimed_by_id == actor.user_id and row.status in (S.claimed, S.shopping, S.delivered)
    )):
        raise Denied()
    return _phones(session, [row.household_id]).get(row.household_id, "")


# --- what the household sees --------------------------------------------------------


@dataclass
class Step:
    status: str
    at: str  # local HH:MM, "" when not reached


@dataclass
class ItemView:
    label: str
    quantity: int
    note: str
    outcome: str
    substitute: str


@dataclass
class RequestView:
    id: int
    status: str
    urgency: str
    window: str
    payment: str
    note: str
    requested: str
    due_by: str  # local time by which help should come
    volunteer: str  # masked name of who is helping
    amount: str
    cancel_reason: str
    auto_confirmed: bool
    has_photo: bool
    steps: list[Step]
    goods: list[ItemView]


def _hhmm(value: datetime | None) -> str:
    return aware(value).astimezone(_tz()).strftime("%m-%d %H:%M") if value else ""


def _view(row: ErrandRequest, items: list[ErrandItem], volunteer: str) -> RequestView:
    steps = [
        Step("requested", _hhmm(row.requested_at)),
        Step("claimed", _hhmm(row.claimed_at)),
        Step("shopping", _hhmm(row.shopping_at)),
        Step("delivered", _hhmm(row.delivered_at)),
        Step("confirmed", _hhmm(row.confirmed_at)),
    ]
    if row.status == S.cancelled:
        steps = [s for s in steps if s.at] + [Step("cancelled", _hhmm(row.cancelled_at))]
    return RequestView(
        id=row.id,
        status=ErrandStatus(row.status).value,
        urgency=Urgency(row.urgency).value,
        window=row.window,
        payment=Payment(row.payment).value,
        note=row.note,
        requested=_hhmm(row.requested_at),
        due_by=_hhmm(deadline(row.urgency, row.requested_at)),
        volunteer=mask_name(volunteer),
        amount=f"{row.amount_spent:.2f}" if row.amount_spent is not None else "",
        cancel_reason=row.cancel_reason,
        auto_confirmed=row.auto_confirmed,
        has_photo=bool(row.delivery_photo),
        steps=steps,
        goods=[
            ItemView(
                label=item_label(i.kind, i.text), quantity=i.quantity, note=i.note,
                outcome=ItemOutcome(i.outcome).value, substitute=i.substitute,
            )
            for i in items
        ],
    )


def requests_for_household(
    session: Session, *, actor: Actor, household_id: int | None = None, limit: int = 20,
    unfinished_only: bool = False,
) -> list[RequestView]:
    """A household's requests, newest first, each with its timeline and item outcomes.

    A household always gets its own; a grid worker / admin passes `household_id` in scope.
    `unfinished_only`: just those still waiting on someone (the household's home screen).
    """
    scope.require_role(actor, Role.household, Role.grid_worker, Role.admin)
    target = actor.household_id if actor.role == Role.household else household_id
    household = scope.get_household(session, actor=actor, household_id=target or 0)
    query = select(ErrandRequest).where(ErrandRequest.household_id == household.id)
    if unfinished_only:
        query = query.where(ErrandRequest.status.in_(UNFINISHED))
    rows = session.exec(
        query.order_by(ErrandRequest.requested_at.desc(), ErrandRequest.id.desc()).limit(limit)
    ).all()
    items = _items_by_request(session, [r.id for r in rows])
    names = dict(
        session.exec(
            select(User.id, User.display_name).where(
                User.id.in_([r.claimed_by_id for r in rows if r.claimed_by_id])
            )
        ).all()
    ) if rows else {}
    return [_view(r, items[r.id], names.get(r.claimed_by_id, "")) for r in rows]


def household_choices(session: Session, *, actor: Actor, household_id: int) -> dict:
    """The household a worker is entering a request for: its place only."""
    scope.require_role(actor, Role.grid_worker, Role.admin)
    household = scope.get_household(session, actor=actor, household_id=household_id)
    compound, place = _places(session, [household.id]).get(household.id, ("", ""))
    return {"id": household.id, "label": f"{compound} {place}".strip()}
