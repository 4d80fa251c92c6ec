"""Submissions applied to rows that already exist, by the client UUID of their form.

A form that creates a row carries its UUID in the row itself (Tracked.uuid). A form that
changes rows (a checklist tick, a run step, a call outcome) records its UUID here, in the
same transaction as the change, so the outbox replaying it later changes nothing again.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from community_app.models.base import utcnow


class AppliedSubmission(SQLModel, table=True):
    __tablename__ = "applied_submission"

    uuid: str = Field(primary_key=True, max_length=36)
    kind: str = Field(max_length=30)
    # Who applied it. Not a foreign key, like Tracked.updated_by_id: users are never deleted.
    user_id: int | None = Field(default=None, index=True)
    applied_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True),
                                 nullable=False)
