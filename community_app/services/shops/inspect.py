"""An inspection: one result per active checklist item, and the journey it drives.

Status journey (per shop; at most one open rectification notice at a time)
- pass, no open notice: recorded; a shop under closure (停业整顿) passing reopens.
- a failed item, no open notice and the shop open: a rectification notice (整改通知书)
  with a deadline (today + 1..14 days) is served; a re-inspection is due on the deadline.
- open notice, pass (on any day): the notice is fixed (已整改).
- open notice, fail before the deadline: recorded, the notice stands.
- open notice, fail on or after the deadline: closure ordered (停业整顿), the shop closed.
- closed shop, fail: recorded, it stays closed (no second notice).

Invariants
- Applied once per client UUID (`first_application` first, so a resend racing the first
  send waits for it and then finds its inspection); the shop row is locked for the journey.
- Every active item gets a result; failed ids not on the active checklist are refused with
  nothing written. Scope: `access.shop_in_scope`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import (
    Rectification,
    RectificationStatus,
    Shop,
    ShopInspection,
    ShopInspectionResult,
    ShopStatus,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, derived_uuid, existing, first_application
from community_app.services.shops.access import INSPECTORS, checked, shop_in_scope
from community_app.services.shops.register import ensure_checklist

KIND = "shop_inspection"
DEADLINE_DAYS = (1, 14)
DEFAULT_DEADLINE_DAYS = 3


@dataclass(frozen=True)
class Outcome:
    """What the inspector sees after saving: the result and any notice served or closed."""

    inspection_id: int
    shop_id: int
    passed: bool
    # "passed", "notice" (served), "fixed", "still_open", "closure", "still_closed", "reopened"
    result: str
    rectification_id: int = 0
    created: bool = True


def open_notice(session: Session, *, shop_id: int) -> Rectification | None:
    return session.exec(select(Rectification).where(
        Rectification.shop_id == shop_id,
        Rectification.status == RectificationStatus.open)).first()


def _outcome_of(session: Session, row: ShopInspection) -> Outcome:
    """A resend: the stored inspection's outcome, as first saved."""
    served = session.exec(select(Rectification).where(
        Rectification.inspection_id == row.id)).first()
    resolved = session.exec(select(Rectification).where(
        Rectification.resolved_by_inspection_id == row.id)).first()
    rect = served or resolved
    result = ("notice" if served else str(resolved.status) if resolved
              else "passed" if row.passed else "recorded")
    return Outcome(inspection_id=row.id, shop_id=row.shop_id, passed=row.passed, result=result,
                   rectification_id=rect.id if rect else 0, created=False)


def record_inspection(session: Session, *, actor: Actor, uuid: str, shop_id: int,
                      failed_item_ids: list[int], deadline_days: int = DEFAULT_DEADLINE_DAYS,
                      note: str = "", now: datetime | None = None) -> Outcome:
    scope.require_role(actor, *INSPECTORS)
    uuid = check_uuid(uuid)
    shop = shop_in_scope(session, actor=actor, shop_id=shop_id)
    if not isinstance(deadline_days, int) or not (
            DEADLINE_DAYS[0] <= deadline_days <= DEADLINE_DAYS[1]):
        raise ServiceError("shops.err.deadline", low=DEADLINE_DAYS[0], high=DEADLINE_DAYS[1])
    items = [i for i in ensure_checklist(session, community_id=actor.community_id) if i.active]
    if not isinstance(failed_item_ids, list | tuple) or any(
            type(i) is not int for i in failed_item_ids):
        raise ServiceError("err.bad_request")
    failed = set(failed_item_ids)
    if not failed <= {i.id for i in items}:
        raise ServiceError("err.bad_request")
    text = checked(note, limit=200, required=False)
    if not first_application(session, uuid=uuid, kind=KIND, user_id=actor.user_id):
        row = existing(session, ShopInspection, uuid)
        if row is None or row.community_id != actor.community_id:
            raise Denied()
        return _outcome_of(session, row)
    shop = shop_in_scope(session, actor=actor, shop_id=shop.id, lock=True)
    moment = clock.utc(now)
    today = clock.local_day(moment)
    pending = open_notice(session, shop_id=shop.id)
    row = ShopInspection(uuid=uuid, community_id=actor.community_id, shop_id=shop.id,
                         inspector_id=actor.user_id, inspected_at=moment, passed=not failed,
                         note=text, rectification_id=pending.id if pending else None,
                         updated_by_id=actor.user_id)
    session.add(row)
    session.flush()
    for item in items:
        session.add(ShopInspectionResult(inspection_id=row.id, check_item_id=item.id,
                                         label=item.label, ok=item.id not in failed))
    result, rect_id = _journey(session, actor=actor, shop=shop, row=row, pending=pending,
                               today=today, deadline_days=deadline_days, moment=moment)
    session.flush()
    return Outcome(inspection_id=row.id, shop_id=shop.id, passed=row.passed, result=result,
                   rectification_id=rect_id)


def _resolve(session: Session, *, actor: Actor, rect: Rectification, row: ShopInspection,
             status: RectificationStatus, moment: datetime) -> None:
    rect.status, rect.resolved_by_inspection_id, rect.resolved_at = status, row.id, moment
    rect.touch(actor.user_id)
    session.add(rect)


def _journey(session: Session, *, actor: Actor, shop: Shop, row: ShopInspection,
             pending: Rectification | None, today, deadline_days: int,  # noqa: ANN001
             moment: datetime) -> tuple[str, int]:
    if pending is not None:
        if row.passed:
            _resolve(session, actor=actor, rect=pending, row=row,
                     status=RectificationStatus.fixed, moment=moment)
            return "fixed", pending.id
        if today < pending.deadline:
            return "still_open", pending.id
        _resolve(session, actor=actor, rect=pending, row=row,
                 status=RectificationStatus.closure, moment=moment)
        shop.status = ShopStatus.closed
        shop.touch(actor.user_id)
        session.add(shop)
        return "closure", pending.id
    if shop.status == ShopStatus.closed:
        if not row.passed:
            return "still_closed", 0
        shop.status, shop.reopened_on = ShopStatus.open, today
        shop.touch(actor.user_id)
        session.add(shop)
        return "reopened", 0
    if row.passed:
        return "passed", 0
    rect = Rectification(uuid=derived_uuid("rectification", row.uuid),
                         community_id=shop.community_id,
                         shop_id=shop.id, inspection_id=row.id,
                         number=f"ZG{today:%Y%m%d}-{row.id:04d}",
                         deadline=today + timedelta(days=deadline_days),
                         updated_by_id=actor.user_id)
    session.add(rect)
    session.flush()
    return "notice", rect.id


