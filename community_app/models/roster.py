"""Volunteer recruitment (招募令), teams and the one shift roster.

An application is what a person typed on the public sign-up page (no account): it waits
`pending` until the admin approves it (a volunteer account is created) or declines it.
A team (党员突击队, 代买代办服务队, 巡逻队) has members and at most one leader.
A shift is a time, a free-text place, a task kind and min/max people; `filled` counts its
places taken (signed up or worked) and only ever changes by a conditional UPDATE, so two
volunteers racing for the last place cannot both win. See services/roster/README.md.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import Tracked


class ApplicationStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


class ShiftKind(StrEnum):
    gate = "gate"
    patrol = "patrol"
    errands = "errands"
    disinfection = "disinfection"


class SignupStatus(StrEnum):
    signed = "signed"  # holds a place
    worked = "worked"  # attendance marked: its hours count
    no_show = "no_show"  # did not come: the place is free again
    cancelled = "cancelled"  # left before the shift: the place is free again


HOLDS_PLACE = (SignupStatus.signed, SignupStatus.worked)
SKILLS = ("driving", "medical", "electrician", "psychology", "computer", "cooking")
PLACE_MAX = 100
AVAILABILITY_MAX = 200


class RecruitLink(SQLModel, table=True):
    """The community's public sign-up code (/join?c=CODE): posted in its WeChat groups."""

    __tablename__ = "recruit_link"

    community_id: int = Field(foreign_key="community.id", primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)


class VolunteerApplication(Tracked, table=True):
    __tablename__ = "volunteer_application"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    name: str = Field(max_length=50)
    phone: str = Field(max_length=20)
    compound_id: int | None = Field(default=None, foreign_key="compound.id")
    skills: str = Field(default="", max_length=200)  # comma-separated SKILLS
    party_member: bool = Field(default=False)
    availability: str = Field(default="", max_length=AVAILABILITY_MAX)
    status: ApplicationStatus = Field(default=ApplicationStatus.pending,
                                      sa_type=sa.String(10), index=True)
    source: str = Field(default="", max_length=64)  # keyed fingerprint of the client
    user_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class Team(Tracked, table=True):
    __tablename__ = "volunteer_team"

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    name: str = Field(max_length=40)
    leader_id: int | None = Field(default=None, foreign_key="app_user.id")


class TeamMember(SQLModel, table=True):
    __tablename__ = "volunteer_team_member"

    team_id: int = Field(foreign_key="volunteer_team.id", primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", primary_key=True)


class Shift(Tracked, table=True):
    __tablename__ = "roster_shift"
    __table_args__ = (sa.CheckConstraint("filled >= 0 AND filled <= max_people",
                                         name="ck_roster_shift_filled"),)

    id: int | None = Field(default=None, primary_key=True)
    community_id: int = Field(foreign_key="community.id", index=True)
    starts_at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)
    ends_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    place: str = Field(max_length=PLACE_MAX)  # free text (a checkpoint's name, later linked)
    kind: ShiftKind = Field(sa_type=sa.String(14))
    min_people: int = Field(default=1)
    max_people: int = Field(default=1)
    filled: int = Field(default=0)  # signups holding a place; see the module note
    cancelled_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class ShiftSignup(Tracked, table=True):
    __tablename__ = "roster_signup"
    __table_args__ = (sa.UniqueConstraint("shift_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    shift_id: int = Field(foreign_key="roster_shift.id", index=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    status: SignupStatus = Field(default=SignupStatus.signed, sa_type=sa.String(10))
    assigned_by_id: int | None = Field(default=None)  # the admin who assigned, else null
