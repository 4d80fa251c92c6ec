"""Errand runs (代买代办): a household's request, its items, a volunteer's run, delivery, money.

A request journeys requested -> claimed -> shopping -> delivered -> confirmed, or is
cancelled with a reason. Each transition stamps its own time column. Delivery (left at
the door, optional photo) and money (amount spent, receipt, who advanced it, settled)
live on the request: there is exactly one of each per request.

Photos are stored outside `assets/` and `/_upload` (settings.private_data_dir); the row
keeps only the file name, served through a checked service as a data URL.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from community_app.models.base import Tracked


class ErrandStatus(StrEnum):
    requested = "requested"
    claimed = "claimed"
    shopping = "shopping"
    delivered = "delivered"
    confirmed = "confirmed"
    cancelled = "cancelled"


class Urgency(StrEnum):
    today = "today"
    within_2h = "within_2h"  # medicine


class Payment(StrEnum):
    prepaid = "prepaid"  # paid ahead by the household
    cash_on_delivery = "cash_on_delivery"
    volunteer_advance = "volunteer_advance"  # advanced by the volunteer, settled by the office


class ItemOutcome(StrEnum):
    pending = "pending"
    bought = "bought"
    substituted = "substituted"
    unavailable = "unavailable"


class ErrandRun(Tracked, table=True):
    """One volunteer's shopping trip, grouping the requests they claimed."""

    __tablename__ = "errand_run"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    volunteer_id: int = Field(foreign_key="app_user.id", index=True)
    finished_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class ErrandRequest(Tracked, table=True):
    __tablename__ = "errand_request"
    __table_args__ = (
        # A need has at most one request that is not cancelled; a cancelled one stays as
        # history and the need can be converted again.
        sa.Index("uq_errand_request_active_need", "round_household_id", unique=True,
                 sqlite_where=sa.text("status != 'cancelled'"),
                 postgresql_where=sa.text("status != 'cancelled'")),
    )

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    # The household itself, or a grid worker / admin entering it on the household's behalf.
    created_by_id: int = Field(foreign_key="app_user.id")
    urgency: Urgency = Field(default=Urgency.today, sa_type=sa.String(12))
    window: str = Field(default="", max_length=40)
    payment: Payment = Field(default=Payment.cash_on_delivery, sa_type=sa.String(20))
    note: str = Field(default="", max_length=200)
    status: ErrandStatus = Field(
        default=ErrandStatus.requested, sa_type=sa.String(12), index=True
    )
    requested_at: datetime = Field(sa_type=sa.DateTime(timezone=True), nullable=False)
    claimed_by_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    claimed_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    shopping_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    delivered_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    confirmed_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    cancelled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    cancel_reason: str = Field(default="", max_length=200)
    run_id: int | None = Field(default=None, foreign_key="errand_run.id", index=True)
    # A claim left idle too long went back to the queue: when, and whose it was (for the admin).
    stale_returned_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    stale_volunteer_id: int | None = Field(default=None, foreign_key="app_user.id")
    # Delivery: left at the door (contactless), optional private photo.
    left_at_door: bool = False
    delivery_photo: str = Field(default="", max_length=80)
    # Confirmed by nobody within the set time: the system confirmed it, flagged.
    auto_confirmed: bool = False
    # Money, in decimal yuan.
    amount_spent: Decimal | None = Field(default=None, sa_type=sa.Numeric(10, 2))
    receipt_photo: str = Field(default="", max_length=80)
    advanced_by_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    settled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    settled_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    # Made from needs recorded on a survey visit: that round record (one live request per
    # need, see `uq_errand_request_active_need`).
    round_household_id: int | None = Field(
        default=None, foreign_key="round_household.id", index=True
    )


class ErrandItem(Tracked, table=True):
    """One line of a request: a common item (kind) or a free wish (text), with its outcome."""

    __tablename__ = "errand_item"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="errand_request.id", index=True)
    position: int = 0
    # vegetables / rice / oil / eggs / medicine / garbage, or "other" with `text`.
    kind: str = Field(max_length=20)
    text: str = Field(default="", max_length=60)
    quantity: int = Field(default=1, ge=1, le=99)
    note: str = Field(default="", max_length=100)
    outcome: ItemOutcome = Field(default=ItemOutcome.pending, sa_type=sa.String(12))
    substitute: str = Field(default="", max_length=60)
