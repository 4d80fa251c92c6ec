"""Broadcasts and notices (小喇叭).

A notice is what the admin tells the residents: short text, a priority, the compounds it is
for (the whole community, or the compounds in `notice_compound`) and the time it shows
(from `starts_at`, until `ends_at` when set, until withdrawn). Each household's "I have read
it" is one `notice_read` row, unique per (notice, household), so a double tap or an offline
replay counts once. Broadcast slots are the community's daily schedule of short texts a
worker plays into a megaphone. See services/notices/README.md.
"""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked, utcnow


class NoticePriority(StrEnum):
    normal = "normal"
    urgent = "urgent"


NOTICE_MAX = 500  # characters of a notice's text
SLOT_MAX = 200  # characters of a broadcast slot's text


class Notice(Tracked, table=True):
    __tablename__ = "notice"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    text: str = Field(max_length=NOTICE_MAX)
    priority: NoticePriority = Field(default=NoticePriority.normal, sa_type=sa.String(10))
    # True: every compound of the community, now and later; False: those in notice_compound.
    whole_community: bool = Field(default=True)
    starts_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    ends_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    created_by_id: int = Field(foreign_key="app_user.id")
    # Set when the admin withdraws it; the row and its reads stay for the count.
    withdrawn_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class NoticeCompound(SQLModel, table=True):
    """The compounds a notice is for, when it is not for the whole community."""

    __tablename__ = "notice_compound"

    notice_id: int = Field(foreign_key="notice.id", primary_key=True)
    compound_id: int = Field(foreign_key="compound.id", primary_key=True)


class NoticeRead(SQLModel, table=True):
    """Not Tracked: the (notice, household) pair is its identity, so a replay finds it."""

    __tablename__ = "notice_read"
    __table_args__ = (sa.UniqueConstraint("notice_id", "household_id"),)

    id: int | None = Field(default=None, primary_key=True)
    notice_id: int = Field(foreign_key="notice.id", index=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    read_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class BroadcastSlot(Tracked, table=True):
    __tablename__ = "broadcast_slot"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    at: time = Field(sa_type=sa.Time())  # local time (settings.timezone), every day
    text: str = Field(max_length=SLOT_MAX)
    active: bool = Field(default=True)
