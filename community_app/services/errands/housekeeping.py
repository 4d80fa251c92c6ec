"""Errand housekeeping on read: idle claims go back to the queue, old deliveries confirm.

Every errands page's read model calls `housekeeping()` first, in the same transaction, so
no background job is needed. Each change goes through `machine.move` (one conditional
UPDATE), so two pages loading at once cannot move a request twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import ErrandRequest
from community_app.services import clock
from community_app.services.errands.machine import S, move
from community_app.settings import settings


@dataclass(frozen=True)
class Tidied:
    returned: int  # idle claims given back to the queue
    auto_confirmed: int  # deliveries confirmed for a household that did not


def housekeeping(session: Session, *, now: datetime | None = None) -> Tidied:
    """Return idle claims to the queue (flagged) and auto-confirm old deliveries.

    Called by every errands page on load, so no background job is needed.
    """
    now = clock.utc(now)
    stale_before = now - timedelta(minutes=settings.errand_stale_claim_minutes)
    confirm_before = now - timedelta(hours=settings.errand_auto_confirm_hours)
    stale_ids = session.exec(
        select(ErrandRequest.id, ErrandRequest.claimed_by_id).where(
            ErrandRequest.status == S.claimed, ErrandRequest.claimed_at < stale_before
        )
    ).all()
    returned = 0
    for request_id, volunteer_id in stale_ids:
        returned += move(
            session, request_id, frm=S.claimed, to=S.requested, by=None,
            extra_where=(ErrandRequest.claimed_at < stale_before,),
            claimed_by_id=None, claimed_at=None, stale_returned_at=now,
            stale_volunteer_id=volunteer_id,
        )
    due = session.exec(
        select(ErrandRequest.id).where(
            ErrandRequest.status == S.delivered, ErrandRequest.delivered_at < confirm_before
        )
    ).all()
    confirmed = 0
    for request_id in due:
        confirmed += move(
            session, request_id, frm=S.delivered, to=S.confirmed, by=None,
            confirmed_at=now, auto_confirmed=True,
        )
    return Tidied(returned=returned, auto_confirmed=confirmed)
