"""What the shops pages show: the register with each shop's state, the inspection form, the
re-inspections due (the inspector's home), the printable notice. Contacts masked in lists.

Dates are ISO (YYYY-MM-DD) and states are enum values, drawn as catalog words by the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import (
    Compound,
    Rectification,
    RectificationStatus,
    Role,
    Shop,
    ShopInspection,
    ShopInspectionResult,
    User,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied
from community_app.services.masking import mask_name, mask_phone
from community_app.services.shops.access import INSPECTORS, compound_ids, shop_in_scope
from community_app.services.shops.inspect import open_notice
from community_app.services.shops.register import ensure_checklist

LIST_LIMIT = 200


@dataclass
class Choice:
    id: int = 0
    label: str = ""


@dataclass
class ShopRow:
    id: int = 0
    name: str = ""
    kind: str = ""
    compound: str = ""
    contact: str = ""  # masked name and phone
    reopened_on: str = ""
    status: str = "open"  # open | closed
    notice_id: int = 0  # the open rectification notice, if any
    deadline: str = ""
    due: bool = False  # the open notice's deadline is today or past: re-inspect now


@dataclass
class CheckRow:
    id: int = 0
    label: str = ""
    active: bool = True


@dataclass
class ShopsPage:
    shops: list[ShopRow] = field(default_factory=list)
    compounds: list[Choice] = field(default_factory=list)  # the admin's add-a-shop form
    checklist: list[CheckRow] = field(default_factory=list)


@dataclass
class InspectForm:
    shop: ShopRow = field(default_factory=ShopRow)
    items: list[CheckRow] = field(default_factory=list)  # active items only


@dataclass
class NoticeSheet:
    """The printable 整改通知书: nothing personal, the shop and what to fix by when."""

    id: int = 0
    number: str = ""
    shop: str = ""
    compound: str = ""
    inspected_on: str = ""
    deadline: str = ""
    failed: list[str] = field(default_factory=list)
    status: str = "open"


def _compound_names(session: Session, ids: list[int]) -> dict[int, str]:
    rows = session.exec(select(Compound.id, Compound.name).where(Compound.id.in_(ids))).all()
    return dict(rows)


def _row(shop: Shop, compound: str, rect: Rectification | None, today) -> ShopRow:  # noqa: ANN001
    contact = " ".join(p for p in (mask_name(shop.contact_name) if shop.contact_name else "",
                                   mask_phone(shop.contact_phone) if shop.contact_phone else "")
                       if p)
    return ShopRow(id=shop.id, name=shop.name, kind=shop.kind, compound=compound,
                   contact=contact,
                   reopened_on=shop.reopened_on.isoformat() if shop.reopened_on else "",
                   status=str(shop.status), notice_id=rect.id if rect else 0,
                   deadline=rect.deadline.isoformat() if rect else "",
                   due=bool(rect and rect.deadline <= today))


def shop_rows(session: Session, *, actor: Actor, now: datetime | None = None,
              due_only: bool = False) -> list[ShopRow]:
    """The shops in scope, due re-inspections first, then by compound and name."""
    ids = compound_ids(session, actor=actor)
    names = _compound_names(session, ids)
    shops = session.exec(select(Shop).where(Shop.compound_id.in_(ids))
                         .order_by(Shop.compound_id, Shop.name).limit(LIST_LIMIT)).all()
    open_rects = {r.shop_id: r for r in session.exec(select(Rectification).where(
        Rectification.shop_id.in_([s.id for s in shops]),
        Rectification.status == RectificationStatus.open)).all()}
    today = clock.local_day(now)
    rows = [_row(s, names.get(s.compound_id, ""), open_rects.get(s.id), today) for s in shops]
    if due_only:
        return [r for r in rows if r.due]
    return sorted(rows, key=lambda r: (not r.due, r.notice_id == 0))


def due_reinspections(session: Session, *, actor: Actor,
                      now: datetime | None = None) -> list[ShopRow]:
    """Re-inspections due today or overdue (the inspector's home); none for other roles."""
    if actor.role not in INSPECTORS:
        return []
    return shop_rows(session, actor=actor, now=now, due_only=True)


def shops_page(session: Session, *, actor: Actor, now: datetime | None = None) -> ShopsPage:
    page = ShopsPage(shops=shop_rows(session, actor=actor, now=now))
    if actor.role == Role.admin:
        ids = compound_ids(session, actor=actor)
        page.compounds = [Choice(id=i, label=n) for i, n in sorted(
            _compound_names(session, ids).items())]
        page.checklist = [CheckRow(id=i.id, label=i.label, active=i.active) for i in
                          ensure_checklist(session, community_id=actor.community_id)]
    return page


def inspect_form(session: Session, *, actor: Actor, shop_id: int,
                 now: datetime | None = None) -> InspectForm:
    shop = shop_in_scope(session, actor=actor, shop_id=shop_id)
    rect = open_notice(session, shop_id=shop.id)
    compound = _compound_names(session, [shop.compound_id]).get(shop.compound_id, "")
    items = [CheckRow(id=i.id, label=i.label) for i in
             ensure_checklist(session, community_id=actor.community_id) if i.active]
    return InspectForm(shop=_row(shop, compound, rect, clock.local_day(now)), items=items)


def notice_sheet(session: Session, *, actor: Actor, notice_id: int) -> NoticeSheet:
    scope.require_role(actor, *INSPECTORS)
    rect = session.get(Rectification, notice_id) if isinstance(notice_id, int) else None
    if rect is None or rect.community_id != actor.community_id:
        raise Denied()
    shop = shop_in_scope(session, actor=actor, shop_id=rect.shop_id)
    inspection = session.get(ShopInspection, rect.inspection_id)
    failed = session.exec(select(ShopInspectionResult.label).where(
        ShopInspectionResult.inspection_id == rect.inspection_id,
        ShopInspectionResult.ok.is_(False)).order_by(ShopInspectionResult.check_item_id)).all()
    return NoticeSheet(id=rect.id, number=rect.number, shop=shop.name,
                       compound=_compound_names(session, [shop.compound_id]).get(
                           shop.compound_id, ""),
                       inspected_on=clock.local_day(inspection.inspected_at).isoformat(),
                       deadline=rect.deadline.isoformat(), failed=list(failed),
                       status=str(rect.status))


def inspector_names(session: Session, ids: set[int]) -> dict[int, str]:
    rows = session.exec(select(User.id, User.display_name).where(User.id.in_(ids))).all()
    return {i: mask_name(n) for i, n in rows}
