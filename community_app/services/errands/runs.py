"""Errand runs: claims, a volunteer's run and merged shopping list, delivery.

This module holds claim and release (every status change goes through `errands._move`, so
two volunteers claiming at once: exactly one wins), starting a run over every claimed
request, the volunteer's requests and shopping list (`my_run`), item outcomes, and marking
a request delivered (which finishes the run when nothing is left to shop). The
housekeeping every errands page runs on load is in `errand_housekeeping`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from community_app.models import (
    ErrandItem,
    ErrandRequest,
    ErrandRun,
    ErrandStatus,
    ItemOutcome,
    Payment,
    Role,
    Urgency,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errands.items import item_label
from community_app.services.errands.money import owed_to
from community_app.services.errands.requests import (
    S,
    _get,
    _mine_as_volunteer,
    _move,
    _refresh,
    _tz,
)
from community_app.services.errands.views import _items_by_request, _phones, _places, _summary
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing

# --- claiming -----------------------------------------------------------------------


def claim(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """Exactly one volunteer wins a request; the others get `errands.already_claimed`."""
    scope.require_role(actor, Role.volunteer)
    row = _get(session, request_id)
    if row.community_id != actor.community_id:
        raise Denied()
    if not _move(
        session, row.id, frm=S.requested, to=S.claimed, by=actor.user_id,
        claimed_by_id=actor.user_id, claimed_at=utcnow(),
    ):
        raise ServiceError("errands.already_claimed")
    return _refresh(session, row)


def release(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """Give a claimed request back to the queue (before shopping starts)."""
    row = _mine_as_volunteer(session, actor, request_id)
    if not _move(
        session, row.id, frm=S.claimed, to=S.requested, by=actor.user_id,
        extra_where=(ErrandRequest.claimed_by_id == actor.user_id,),
        claimed_by_id=None, claimed_at=None,
    ):
        raise ServiceError("errands.wrong_step")
    return _refresh(session, row)


# --- a run --------------------------------------------------------------------------


def start_run(session: Session, *, actor: Actor, uuid: str) -> ErrandRun:
    """Group every request this volunteer has claimed into one trip and start shopping."""
    scope.require_role(actor, Role.volunteer)
    uuid = check_uuid(uuid)
    if (run := existing(session, ErrandRun, uuid)) is not None:
        if run.volunteer_id != actor.user_id:
            raise Denied()
        return run
    claimed = session.exec(
        select(ErrandRequest.id).where(
            ErrandRequest.claimed_by_id == actor.user_id, ErrandRequest.status == S.claimed
        )
    ).all()
    if not claimed:
        raise ServiceError("errands.nothing_claimed")
    run = ErrandRun(
        uuid=uuid, community_id=actor.community_id, volunteer_id=actor.user_id,
        updated_by_id=actor.user_id,
    )
    session.add(run)
    session.flush()
    now = utcnow()
    for request_id in claimed:
        _move(
            session, request_id, frm=S.claimed, to=S.shopping, by=actor.user_id,
            extra_where=(ErrandRequest.claimed_by_id == actor.user_id,),
            shopping_at=now, run_id=run.id,
        )
    return run


@dataclass
class ShoppingLine:
    item_id: int
    request_id: int
    place: str
    quantity: int
    note: str
    outcome: str
    substitute: str


@dataclass
class ShoppingEntry:
    label: str
    total: int
    lines: list[ShoppingLine] = field(default_factory=list)


@dataclass
class MyRequest:
    id: int
    place: str
    status: str
    summary: str
    window: str
    urgency: str
    payment: str
    note: str
    phone: str  # full: this volunteer has taken on this household's errand
    amount: str
    has_delivery_photo: bool
    has_receipt_photo: bool


@dataclass
class MyRun:
    requests: list[MyRequest]
    shopping: list[ShoppingEntry]
    owed: str


def my_run(session: Session, *, actor: Actor) -> MyRun:
    """The volunteer's claimed and in-progress requests and the merged shopping list."""
    scope.require_role(actor, Role.volunteer)
    rows = session.exec(
        select(ErrandRequest)
        .where(
            ErrandRequest.claimed_by_id == actor.user_id,
            ErrandRequest.status.in_([S.claimed, S.shopping, S.delivered]),
        )
        .order_by(ErrandRequest.requested_at)
    ).all()
    today = utcnow().astimezone(_tz()).date()
    rows = [
        r for r in rows
        if r.status != S.delivered or aware(r.delivered_at).astimezone(_tz()).date() == today
    ]
    hids = [r.household_id for r in rows]
    places, phones = _places(session, hids), _phones(session, hids)
    items = _items_by_request(session, [r.id for r in rows])
    requests = [
        MyRequest(
            id=r.id,
            place=places.get(r.household_id, ("", ""))[1],
            status=ErrandStatus(r.status).value,
            summary=_summary(items[r.id]),
            window=r.window,
            urgency=Urgency(r.urgency).value,
            payment=Payment(r.payment).value,
            note=r.note,
            phone=phones.get(r.household_id, ""),
            amount=f"{r.amount_spent:.2f}" if r.amount_spent is not None else "",
            has_delivery_photo=bool(r.delivery_photo),
            has_receipt_photo=bool(r.receipt_photo),
        )
        for r in rows
    ]
    merged: dict[str, ShoppingEntry] = {}
    for r in rows:
        if r.status != S.shopping:
            continue
        for item in items[r.id]:
            label = item_label(item.kind, item.text)
            entry = merged.setdefault(label, ShoppingEntry(label=label, total=0))
            entry.total += item.quantity
            entry.lines.append(
                ShoppingLine(
                    item_id=item.id, request_id=r.id,
                    place=places.get(r.household_id, ("", ""))[1], quantity=item.quantity,
                    note=item.note, outcome=ItemOutcome(item.outcome).value,
                    substitute=item.substitute,
                )
            )
    owed = owed_to(session, volunteer_id=actor.user_id)
    return MyRun(requests=requests, shopping=list(merged.values()), owed=f"{owed:.2f}")


def set_item_outcome(
    session: Session, *, actor: Actor, item_id: int, outcome: str, substitute: str = ""
) -> ErrandItem:
    """Tick an item bought, substituted (with what) or unavailable, while shopping."""
    scope.require_role(actor, Role.volunteer)
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise ServiceError("err.bad_request")
    item = session.get(ErrandItem, item_id)
    if item is None:
        raise Denied()
    row = _mine_as_volunteer(session, actor, item.request_id)
    if row.status != S.shopping:
        raise ServiceError("errands.wrong_step")
    try:
        chosen = ItemOutcome(outcome)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    substitute = str(substitute or "").strip()[:60]
    if chosen == ItemOutcome.substituted and not substitute:
        raise ServiceError("errands.substitute_required")
    item.outcome = chosen
    item.substitute = substitute if chosen == ItemOutcome.substituted else ""
    item.touch(actor.user_id)
    session.add(item)
    session.flush()
    return item


# --- delivery -----------------------------------------------------------------------


def mark_delivered(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """Left at the door, contactless: the time is recorded and the household told."""
    row = _mine_as_volunteer(session, actor, request_id)
    pending = session.exec(
        select(ErrandItem.id).where(
            ErrandItem.request_id == row.id, ErrandItem.outcome == ItemOutcome.pending
        )
    ).first()
    if pending is not None and row.status == S.shopping:
        raise ServiceError("errands.items_pending")
    if not _move(
        session, row.id, frm=S.shopping, to=S.delivered, by=actor.user_id,
        extra_where=(ErrandRequest.claimed_by_id == actor.user_id,),
        delivered_at=utcnow(), left_at_door=True,
    ):
        raise ServiceError("errands.wrong_step")
    _finish_run_if_done(session, row.run_id)
    return _refresh(session, row)


def _finish_run_if_done(session: Session, run_id: int | None) -> None:
    if run_id is None:
        return
    open_left = session.exec(
        select(ErrandRequest.id).where(
            ErrandRequest.run_id == run_id, ErrandRequest.status == S.shopping
        )
    ).first()
    if open_left is None:
        run = session.get(ErrandRun, run_id)
        if run is not None and run.finished_at is None:
            run.finished_at = utcnow()
            session.add(run)
