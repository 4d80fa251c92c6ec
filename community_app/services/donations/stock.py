"""Stock on hand of donated goods, and goods issued from it.

Invariants
- One stock row per (community, item, unit); receiving adds to it in one
  INSERT ... ON CONFLICT DO UPDATE, so two donations of the same item racing each other
  both count.
- An issue takes stock in ONE statement, `UPDATE ... SET on_hand = on_hand - q WHERE
  on_hand >= q`: two issues racing for the last units cannot both succeed, and on_hand
  never goes below zero (a CHECK constraint holds the line as well).
- An issue goes to a checkpoint (a place in words), an errand run (its id, checked by
  services/donation_issue.py, which reads the errands domain) or a household of the
  community; it is made once per client UUID.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    DonationStock,
    GoodsIssue,
    Household,
    IssueTarget,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.text import has_forbidden

QUANTITY_MAX = Decimal("100000")


@dataclass
class StockRow:
    id: int = 0
    item: str = ""
    unit: str = ""
    on_hand: str = "0"  # "12.5" (trailing zeros dropped)


def quantity(value: object, key: str = "donations.err.bad_quantity") -> Decimal:
    text = str(value or "").replace(",", "").strip()
    try:
        q = Decimal(text)
    except InvalidOperation:
        raise ServiceError(key) from None
    if not q.is_finite() or q <= 0 or q > QUANTITY_MAX or q != q.quantize(Decimal("0.01")):
        raise ServiceError(key)
    return q.quantize(Decimal("0.01"))


def shown(value: Decimal) -> str:
    text = f"{Decimal(value):.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def word(value: object, *, limit: int, key: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ServiceError(key)
    if len(text) > limit:
        raise ServiceError("donations.err.too_long", limit=limit)
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text


def receive(session: Session, *, community_id: int, item: str, unit: str,
            amount: Decimal) -> int:
    """Add `amount` to the stock of (item, unit); returns the stock row's id."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(DonationStock).values(
        community_id=community_id, item=item, unit=unit, on_hand=amount,
    ).on_conflict_do_update(
        index_elements=["community_id", "item", "unit"],
        set_={"on_hand": DonationStock.on_hand + amount},
    ).returning(DonationStock.id)
    return session.connection().execute(statement).scalar_one()


def stock(session: Session, *, actor: Actor) -> list[StockRow]:
    scope.require_role(actor, Role.admin)
    rows = session.exec(select(DonationStock).where(
        DonationStock.community_id == actor.community_id)
        .order_by(DonationStock.item, DonationStock.unit)).all()
    return [StockRow(id=r.id, item=r.item, unit=r.unit, on_hand=shown(r.on_hand)) for r in rows]


def household_of(session: Session, *, actor: Actor, household_id: object) -> int:
    row = session.exec(select(Household.id).join(Building, Building.id == Household.building_id)
                       .join(Compound, Compound.id == Building.compound_id)
                       .where(Household.id == household_id,
                              Compound.community_id == actor.community_id)).first() \
        if isinstance(household_id, int) else None
    if row is None:
        raise ServiceError("donations.err.no_household")
    return row


def issue(session: Session, *, actor: Actor, uuid: object, stock_id: object,
          amount: object, target: str, place: str = "", errand_run_id: int | None = None,
          household_id: object = None) -> StockRow:
    """Take `amount` off a stock row for a checkpoint, an errand run or a household; the
    stock row after it. An errand run's id must already be checked by the caller."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    row = session.get(DonationStock, stock_id) if isinstance(stock_id, int) else None
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    if existing(session, GoodsIssue, uuid) is not None:
        session.refresh(row)
        return StockRow(id=row.id, item=row.item, unit=row.unit, on_hand=shown(row.on_hand))
    q = quantity(amount)
    where, run, home = "", None, None
    if target == IssueTarget.checkpoint:
        where = word(place, limit=60, key="donations.err.place_required")
    elif target == IssueTarget.errand_run:
        if not isinstance(errand_run_id, int):
            raise ServiceError("donations.err.no_run")
        run = errand_run_id
    elif target == IssueTarget.household:
        home = household_of(session, actor=actor, household_id=household_id)
    else:
        raise ServiceError("err.bad_request")
    taken = session.connection().execute(
        update(DonationStock).where(DonationStock.id == row.id, DonationStock.on_hand >= q)
        .values(on_hand=DonationStock.on_hand - q).returning(DonationStock.on_hand)).first()
    if taken is None:
        raise ServiceError("donations.err.not_enough", left=shown(row.on_hand), unit=row.unit)
    session.add(GoodsIssue(uuid=uuid, community_id=actor.community_id, stock_id=row.id,
                           quantity=q, target=IssueTarget(target), place=where,
                           errand_run_id=run, household_id=home, issued_by_id=actor.user_id,
                           updated_by_id=actor.user_id))
    session.flush()
    return StockRow(id=row.id, item=row.item, unit=row.unit, on_hand=shown(taken[0]))
