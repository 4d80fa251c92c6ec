"""Recording a donation (money and/or goods), its printable receipt, the public thanks.

Invariants
- A donation has money (Decimal, 0.01..10,000,000.00, two decimals at most), goods lines
  (item, quantity, unit), or both; never neither.
- The donor may be anonymous (empty name). The public thank-you list shows only donors
  who agreed, by name; the amount only where the donor chose to show it; goods by item.
- Recorded once per client UUID; the receipt number is unique.
- Only the community's admin records donations and reads receipts; bad input changes
  nothing (goods are added to stock in the same transaction as the donation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import (
    DONOR_MAX,
    ITEM_MAX,
    UNIT_MAX,
    Community,
    Donation,
    DonationItem,
    DonationStock,
    Role,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.codes import random_code
from community_app.services.donations.stock import quantity, receive, shown, word
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.text import has_forbidden

MONEY_MAX = Decimal("10000000")
MAX_LINES = 10


@dataclass
class GoodsLine:
    item: str = ""
    quantity: str = ""
    unit: str = ""


@dataclass
class DonationCard:
    id: int = 0
    receipt: str = ""
    donor: str = ""  # empty: anonymous
    amount: str = ""  # "10000.00", empty: no money
    goods: list[GoodsLine] = field(default_factory=list)
    received_on: str = ""
    note: str = ""
    public_thanks: bool = False
    show_amount: bool = False
    community: str = ""


@dataclass
class ThanksRow:
    donor: str = ""
    amount: str = ""  # empty unless the donor chose to show it
    goods: str = ""  # "大米 50 袋、口罩 200 个"


@dataclass
class ThanksList:
    community: str = ""
    rows: list[ThanksRow] = field(default_factory=list)


def money(value: object) -> Decimal | None:
    text = str(value or "").replace("¥", "").replace(",", "").strip()
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ServiceError("donations.err.bad_amount") from None
    if not amount.is_finite() or amount <= 0 or amount > MONEY_MAX \
            or amount != amount.quantize(Decimal("0.01")):
        raise ServiceError("donations.err.bad_amount")
    return amount.quantize(Decimal("0.01"))


def donor_name(value: object) -> str:
    text = str(value or "").strip()
    if len(text) > DONOR_MAX:
        raise ServiceError("donations.err.too_long", limit=DONOR_MAX)
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text


def record(session: Session, *, actor: Actor, uuid: object, donor: object = "",
           amount: object = "", goods: list[GoodsLine] | None = None, note: object = "",
           public_thanks: bool = False, show_amount: bool = False,
           now: datetime | None = None) -> int:
    """A new donation; returns its id (the same id for a resend of the same form)."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (made := existing(session, Donation, uuid)) is not None:
        if made.community_id != actor.community_id:
            raise Denied()
        return made.id
    cash = money(amount)
    lines = [(word(g.item, limit=ITEM_MAX, key="donations.err.item_required"),
              quantity(g.quantity), word(g.unit, limit=UNIT_MAX, key="donations.err.unit_required"))
             for g in (goods or []) if str(g.item).strip() or str(g.quantity).strip()]
    if len(lines) > MAX_LINES:
        raise ServiceError("err.bad_request")
    if cash is None and not lines:
        raise ServiceError("donations.err.empty")
    remark = word(note, limit=200, key="") if str(note or "").strip() else ""
    code = random_code()
    while session.exec(select(Donation.id).where(Donation.receipt == code)).first():
        code = random_code()
    gift = Donation(uuid=uuid, community_id=actor.community_id, receipt=code,
                    donor=donor_name(donor), amount=cash, received_on=clock.local_day(now),
                    note=remark, public_thanks=bool(public_thanks),
                    show_amount=bool(show_amount) and cash is not None,
                    recorded_by_id=actor.user_id, updated_by_id=actor.user_id)
    session.add(gift)
    session.flush()
    for item, q, unit in lines:
        stock_id = receive(session, community_id=actor.community_id, item=item, unit=unit,
                           amount=q)
        session.add(DonationItem(donation_id=gift.id, stock_id=stock_id, quantity=q))
    session.flush()
    return gift.id


def goods_of(session: Session, donation_ids: list[int]) -> dict[int, list[GoodsLine]]:
    found: dict[int, list[GoodsLine]] = {}
    for line, stock_row in session.exec(
            select(DonationItem, DonationStock)
            .join(DonationStock, DonationStock.id == DonationItem.stock_id)
            .where(DonationItem.donation_id.in_(donation_ids)).order_by(DonationItem.id)).all():
        found.setdefault(line.donation_id, []).append(
            GoodsLine(item=stock_row.item, quantity=shown(line.quantity), unit=stock_row.unit))
    return found


def card_of(gift: Donation, goods: list[GoodsLine], community: str = "") -> DonationCard:
    return DonationCard(id=gift.id, receipt=gift.receipt, donor=gift.donor,
                        amount=f"{gift.amount:.2f}" if gift.amount is not None else "",
                        goods=goods, received_on=gift.received_on.isoformat(), note=gift.note,
                        public_thanks=gift.public_thanks, show_amount=gift.show_amount,
                        community=community)


def donations(session: Session, *, actor: Actor, limit: int = 50) -> list[DonationCard]:
    scope.require_role(actor, Role.admin)
    gifts = session.exec(select(Donation).where(Donation.community_id == actor.community_id)
                         .order_by(Donation.id.desc()).limit(limit)).all()
    goods = goods_of(session, [g.id for g in gifts])
    return [card_of(g, goods.get(g.id, [])) for g in gifts]


def money_total(session: Session, *, community_id: int) -> Decimal:
    total = session.exec(select(func.sum(Donation.amount)).where(
        Donation.community_id == community_id)).one()
    return Decimal(total or 0).quantize(Decimal("0.01"))


def receipt(session: Session, *, actor: Actor, donation_id: object) -> DonationCard:
    scope.require_role(actor, Role.admin)
    gift = session.get(Donation, donation_id) if isinstance(donation_id, int) else None
    if gift is None or gift.community_id != actor.community_id:
        raise Denied()
    name = session.get(Community, gift.community_id).name
    return card_of(gift, goods_of(session, [gift.id]).get(gift.id, []), name)


def thanks(session: Session, *, link: object) -> ThanksList:
    """The public thank-you list of the community with this public key (its uuid)."""
    try:
        key = check_uuid(link)
    except ServiceError:
        raise ServiceError("donations.err.bad_link") from None
    community = session.exec(select(Community).where(Community.uuid == key)).first()
    if community is None:
        raise ServiceError("donations.err.bad_link")
    gifts = session.exec(select(Donation).where(
        Donation.community_id == community.id, Donation.public_thanks, Donation.donor != "")
        .order_by(Donation.id.desc()).limit(200)).all()
    goods = goods_of(session, [g.id for g in gifts])
    rows = [ThanksRow(donor=g.donor,
                      amount=f"{g.amount:.2f}" if g.show_amount and g.amount is not None else "",
                      goods="、".join(f"{x.item} {x.quantity} {x.unit}"
                                     for x in goods.get(g.id, [])))
            for g in gifts]
    return ThanksList(community=community.name, rows=rows)
