"""Shop inspections (复工门店巡查).

A `Shop` is a re-opened shop or business of one compound. The admin's checklist
(`ShopCheckItem`, by default the nine ones 九个一) is what an inspection ticks; an
`ShopInspection` stores one result per item (`ShopInspectionResult`, the label copied so
a later edit of the checklist leaves the history as it was). A failed item serves a
rectification notice (`Rectification`, 整改通知书) with a deadline; the re-inspection on or
after the deadline either fixes it or orders closure (停业整顿). See services/shops/README.md.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked


class ShopStatus(StrEnum):
    open = "open"
    closed = "closed"  # 停业整顿 ordered


class RectificationStatus(StrEnum):
    open = "open"  # 整改中, deadline not yet met
    fixed = "fixed"  # 已整改: a later inspection passed
    closure = "closure"  # 停业整顿: still failing at the re-inspection on the deadline


SHOP_NAME_MAX = 60
SHOP_KIND_MAX = 30
CHECK_LABEL_MAX = 40


class Shop(Tracked, table=True):
    __tablename__ = "shop"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    compound_id: int = Field(foreign_key="compound.id", index=True)
    name: str = Field(max_length=SHOP_NAME_MAX)
    kind: str = Field(max_length=SHOP_KIND_MAX)
    contact_name: str = Field(default="", max_length=30)
    contact_phone: str = Field(default="", max_length=20)
    reopened_on: date | None = Field(default=None, sa_type=sa.Date())
    status: ShopStatus = Field(default=ShopStatus.open, sa_type=sa.String(10))


class ShopCheckItem(Tracked, table=True):
    __tablename__ = "shop_check_item"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    label: str = Field(max_length=CHECK_LABEL_MAX)
    position: int = Field(default=0)
    active: bool = Field(default=True)


class ShopInspection(Tracked, table=True):
    __tablename__ = "shop_inspection"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    shop_id: int = Field(foreign_key="shop.id", index=True)
    inspector_id: int = Field(foreign_key="app_user.id")
    inspected_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    passed: bool
    note: str = Field(default="", max_length=200)
    # The notice this inspection re-inspected (an open one of the shop), if any.
    rectification_id: int | None = Field(default=None, index=True)
    photo: str | None = Field(default=None, max_length=60)  # file under PRIVATE_DATA_DIR


class ShopInspectionResult(SQLModel, table=True):
    __tablename__ = "shop_inspection_result"

    inspection_id: int = Field(foreign_key="shop_inspection.id", primary_key=True)
    check_item_id: int = Field(foreign_key="shop_check_item.id", primary_key=True)
    label: str = Field(max_length=CHECK_LABEL_MAX)
    ok: bool


class Rectification(Tracked, table=True):
    __tablename__ = "rectification"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    shop_id: int = Field(foreign_key="shop.id", index=True)
    inspection_id: int = Field(foreign_key="shop_inspection.id", unique=True)
    number: str = Field(max_length=20)  # 整改通知书 number printed on the notice
    deadline: date = Field(sa_type=sa.Date())
    status: RectificationStatus = Field(default=RectificationStatus.open, sa_type=sa.String(10))
    resolved_by_inspection_id: int | None = Field(default=None)
    resolved_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
