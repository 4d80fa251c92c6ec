"""Donations (捐款捐物): money and goods received, stock on hand, goods issued.

A donation has a receipt number, a donor (or anonymous), an amount of money (Decimal,
optional) and goods lines (item, quantity, unit). Goods go into `donation_stock`, one row
per (community, item, unit), whose `on_hand` is changed only by single UPDATE statements
that cannot take it below zero (and a CHECK constraint says so too). An issue sends stock
to a checkpoint (free text place), an errand run or a household. See
services/donations/README.md.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked, utcnow


class IssueTarget(StrEnum):
    checkpoint = "checkpoint"
    errand_run = "errand_run"
    household = "household"


DONOR_MAX = 60
ITEM_MAX = 40
UNIT_MAX = 10


class Donation(Tracked, table=True):
    __tablename__ = "donation"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    receipt: str = Field(max_length=12, unique=True, index=True)
    donor: str = Field(default="", max_length=DONOR_MAX)  # empty: anonymous
    amount: Decimal | None = Field(default=None, sa_type=sa.Numeric(12, 2))
    received_on: date = Field(sa_type=sa.Date())
    note: str = Field(default="", max_length=200)
    public_thanks: bool = Field(default=False)  # the donor agrees to the public list
    show_amount: bool = Field(default=False)  # ... and to the amount shown there
    recorded_by_id: int = Field(foreign_key="app_user.id")


class DonationItem(SQLModel, table=True):
    __tablename__ = "donation_item"

    id: int | None = Field(default=None, primary_key=True)
    donation_id: int = Field(foreign_key="donation.id", index=True)
    stock_id: int = Field(foreign_key="donation_stock.id", index=True)
    quantity: Decimal = Field(sa_type=sa.Numeric(12, 2))


class DonationStock(SQLModel, table=True):
    __tablename__ = "donation_stock"
    __table_args__ = (sa.UniqueConstraint("community_id", "item", "unit"),
                      sa.CheckConstraint("on_hand >= 0", name="ck_donation_stock_on_hand"))

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    item: str = Field(max_length=ITEM_MAX)
    unit: str = Field(max_length=UNIT_MAX)
    on_hand: Decimal = Field(default=Decimal(0), sa_type=sa.Numeric(12, 2))


class GoodsIssue(Tracked, table=True):
    __tablename__ = "goods_issue"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    stock_id: int = Field(foreign_key="donation_stock.id", index=True)
    quantity: Decimal = Field(sa_type=sa.Numeric(12, 2))
    target: IssueTarget = Field(sa_type=sa.String(12))
    place: str = Field(default="", max_length=60)  # a checkpoint, in words (for now)
    errand_run_id: int | None = Field(default=None, foreign_key="errand_run.id", index=True)
    household_id: int | None = Field(default=None, foreign_key="household.id", index=True)
    issued_by_id: int = Field(foreign_key="app_user.id")
    issued_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
