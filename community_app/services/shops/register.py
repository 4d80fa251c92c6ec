"""The shop register and the checklist, kept by the admin.

Invariants
- A shop is added once per client UUID, to a compound of the admin's own community; its
  name and kind are required, its contact phone is digits (7..15) when given.
- The checklist belongs to the community. When a community has none, the first read makes
  the default nine ones (九个一), each with a UUID derived from the community so two first
  reads racing make them once. Items are switched off, never deleted: past inspections keep
  their labels (copied into each result).
"""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from community_app.models import (
    CHECK_LABEL_MAX,
    SHOP_KIND_MAX,
    SHOP_NAME_MAX,
    Compound,
    Role,
    Shop,
    ShopCheckItem,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, derived_uuid, existing
from community_app.services.shops.access import checked

# The nine ones (九个一) of the Lishi seed, as the default checklist: zh labels are data
# the admin edits, like the shop names, so they are stored, not catalog words.
NINE_ONES = ("佩戴口罩", "测量体温", "进出登记", "每日消毒", "通风换气",
             "一米距离", "控制人数", "洗手设施", "防疫公示")
PHONE = re.compile(r"^\d{7,15}$")


def add_shop(session: Session, *, actor: Actor, uuid: str, compound_id: int, name: str,
             kind: str, contact_name: str = "", contact_phone: str = "",
             reopened_on: date | None = None) -> int:
    """A shop in the register; returns its id (a resend returns the same id)."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (found := existing(session, Shop, uuid)) is not None:
        if found.community_id != actor.community_id:
            raise Denied()
        return found.id
    compound = session.get(Compound, compound_id) if isinstance(compound_id, int) else None
    if compound is None or compound.community_id != actor.community_id:
        raise Denied()
    phone = checked(contact_phone, limit=20, required=False).replace(" ", "")
    if phone and not PHONE.match(phone):
        raise ServiceError("shops.err.phone")
    shop = Shop(uuid=uuid, community_id=actor.community_id, compound_id=compound.id,
                name=checked(name, limit=SHOP_NAME_MAX), kind=checked(kind, limit=SHOP_KIND_MAX),
                contact_name=checked(contact_name, limit=30, required=False),
                contact_phone=phone, reopened_on=reopened_on, updated_by_id=actor.user_id)
    session.add(shop)
    session.flush()
    return shop.id


def ensure_checklist(session: Session, *, community_id: int) -> list[ShopCheckItem]:
    """The community's checklist in order (the nine ones when it has none yet)."""
    query = select(ShopCheckItem).where(ShopCheckItem.community_id == community_id)
    items = list(session.exec(query.order_by(ShopCheckItem.position, ShopCheckItem.id)).all())
    if items:
        return items
    try:
        with session.begin_nested():
            for position, label in enumerate(NINE_ONES, start=1):
                session.add(ShopCheckItem(uuid=derived_uuid("shop-check", community_id, position),
                                          community_id=community_id, label=label,
                                          position=position))
            session.flush()
    except IntegrityError:  # another first read made them
        pass
    return list(session.exec(query.order_by(ShopCheckItem.position, ShopCheckItem.id)).all())


def add_check_item(session: Session, *, actor: Actor, uuid: str, label: str) -> int:
    """One more item at the end of the checklist."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (found := existing(session, ShopCheckItem, uuid)) is not None:
        if found.community_id != actor.community_id:
            raise Denied()
        return found.id
    items = ensure_checklist(session, community_id=actor.community_id)
    item = ShopCheckItem(uuid=uuid, community_id=actor.community_id,
                         label=checked(label, limit=CHECK_LABEL_MAX),
                         position=max((i.position for i in items), default=0) + 1,
                         updated_by_id=actor.user_id)
    session.add(item)
    session.flush()
    return item.id


def set_check_item_active(session: Session, *, actor: Actor, item_id: int,
                          active: bool) -> None:
    """Switch an item on or off; at least one item stays on."""
    scope.require_role(actor, Role.admin)
    item = session.get(ShopCheckItem, item_id) if isinstance(item_id, int) else None
    if item is None or item.community_id != actor.community_id:
        raise Denied()
    if not active:
        on = [i for i in ensure_checklist(session, community_id=actor.community_id) if i.active]
        if on == [item]:
            raise ServiceError("shops.err.last_item")
    item.active = bool(active)
    item.touch(actor.user_id)
    session.add(item)
    session.flush()
