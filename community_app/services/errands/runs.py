"""Errand runs, step by step: claim, release, start a run, tick items, deliver.

Each step here is one write; what the volunteer's screens show after it is read in `queue`
(the open queue) and `my_run` (their run). The housekeeping every errands page runs on
load is in `housekeeping`.

Invariants
- Every status change goes through `machine.move`, conditional on the status expected and,
  for a held request, on `claimed_by_id` being this volunteer: two volunteers claiming at
  once, exactly one wins; a release racing the housekeeping's return changes one thing.
- Only the volunteer holding a request may work on it (`machine.held_by`).
- A run takes every request the volunteer claimed into shopping; it is finished when the
  last of them is delivered.
- Delivery is refused while an item is still pending (bought / substituted / unavailable).
"""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import ErrandItem, ErrandRequest, ErrandRun, ItemOutcome, Role, utcnow
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errands.machine import S, get, held_by, move
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing

# --- claiming -----------------------------------------------------------------------


def claim(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """Exactly one volunteer wins a request; the others get `errands.already_claimed`."""
    scope.require_role(actor, Role.volunteer)
    row = get(session, request_id)
    if row.community_id != actor.community_id:
        raise Denied()
    if not move(
        session, row.id, frm=S.requested, to=S.claimed, by=actor.user_id,
        claimed_by_id=actor.user_id, claimed_at=utcnow(),
    ):
        raise ServiceError("errands.already_claimed")
    session.refresh(row)
    return row


def release(session: Session, *, actor: Actor, request_id: int) -> ErrandRequest:
    """Give a claimed request back to the queue (before shopping starts)."""
    row = held_by(session, actor=actor, request_id=request_id)
    if not move(
        session, row.id, frm=S.claimed, to=S.requested, by=actor.user_id,
        extra_where=(ErrandRequest.claimed_by_id == actor.user_id,),
        claimed_by_id=None, claimed_at=None,
    ):
        raise ServiceError("errands.wrong_step")
    session.refresh(row)
    return row


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
        move(
            session, request_id, frm=S.claimed, to=S.shopping, by=actor.user_id,
            extra_where=(ErrandRequest.claimed_by_id == actor.user_id,),
            shopping_at=now, run_id=run.id,
        )
    return run


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
    row = held_by(session, actor=actor, request_id=item.request_id)
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
    row = held_by(session, actor=actor, request_id=request_id)
    pending = session.exec(
        select(ErrandItem.id).where(
            ErrandItem.request_id == row.id, ErrandItem.outcome == ItemOutcome.pending
        )
    ).first()
    if pending is not None and row.status == S.shopping:
        raise ServiceError("errands.items_pending")
    if not move(
        session, row.id, frm=S.shopping, to=S.delivered, by=actor.user_id,
        extra_where=(ErrandRequest.claimed_by_id == actor.user_id,),
        delivered_at=utcnow(), left_at_door=True,
    ):
        raise ServiceError("errands.wrong_step")
    _finish_run_if_done(session, row.run_id)
    session.refresh(row)
    return row


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
