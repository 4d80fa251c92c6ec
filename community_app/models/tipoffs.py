"""Tip-offs (线索举报): what a resident reports through the public page, and its triage.

A tip-off belongs to one community (the public link carries the community's uuid). The
reporter may stay anonymous; a phone is kept only for the reward (举报有奖) and shown
masked. The reporter checks the status with the receipt code (`receipt`), which shows
the status and the public note only. Each triage note is a `tip_note` row. See
services/tipoffs/README.md.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked, utcnow


class TipStatus(StrEnum):
    new = "new"
    checking = "checking"
    confirmed = "confirmed"
    unfounded = "unfounded"


TIP_WHAT_MAX = 500
TIP_WHERE_MAX = 100
TIP_WHEN_MAX = 50
TIP_NOTE_MAX = 300


class TipOff(Tracked, table=True):
    __tablename__ = "tip_off"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    receipt: str = Field(max_length=12, unique=True, index=True)
    what: str = Field(max_length=TIP_WHAT_MAX)
    place: str = Field(default="", max_length=TIP_WHERE_MAX)
    seen: str = Field(default="", max_length=TIP_WHEN_MAX)  # when, in the reporter's words
    phone: str = Field(default="", max_length=20)  # empty: anonymous, no reward contact
    status: TipStatus = Field(default=TipStatus.new, sa_type=sa.String(12), index=True)
    public_note: str = Field(default="", max_length=TIP_NOTE_MAX)
    reward: bool = Field(default=False)  # 举报有奖: the admin grants a reward
    reward_amount: Decimal | None = Field(default=None, sa_type=sa.Numeric(10, 2))
    reward_paid_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    source: str = Field(default="", max_length=64)  # keyed fingerprint of the client


class TipNote(SQLModel, table=True):
    """One triage note (internal: never on the public status page)."""

    __tablename__ = "tip_note"

    id: int | None = Field(default=None, primary_key=True)
    tip_id: int = Field(foreign_key="tip_off.id", index=True)
    text: str = Field(max_length=TIP_NOTE_MAX)
    status: str = Field(default="", max_length=12)  # the status the note came with
    by_id: int = Field(foreign_key="app_user.id")
    at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
