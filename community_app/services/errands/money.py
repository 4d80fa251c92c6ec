"""Errand money: amounts spent, what is owed to volunteers, and settling it.

Invariants
- Money is Decimal yuan with two places, never float: `parse_amount` refuses floats,
  negatives, more than two places and more than MAX_AMOUNT.
- Only the volunteer holding a request records its amount, while shopping or delivered and
  before it is settled; with `volunteer_advance` it is owed to them until an admin settles.
- `settle` marks every unsettled amount of that volunteer paid back, with who and when, in
  one UPDATE; a cancelled request's amount is never owed.
The admin's desk (counts, late and returned requests, owed, bills) is in `overview`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import update
from sqlmodel import Session, select

from community_app.models import ErrandRequest, Payment, Role, User, utcnow
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errands.machine import S, held_by
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
    row = held_by(session, actor=actor, request_id=request_id)
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
