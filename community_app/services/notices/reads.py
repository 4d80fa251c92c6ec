"""A household's notices and its "I have read it" (我已阅读).

Invariants
- A household sees the notices showing now for its own compound (access.for_compound,
  access.current), urgent first, then the newest.
- A read is one row per (notice, household): the insert does nothing on a pair already
  stored (INSERT ... ON CONFLICT DO NOTHING), so a double tap, a resend or an offline replay
  racing the first send counts once, on SQLite and PostgreSQL alike.
- A read is accepted for a notice meant for the household that has started and is not
  withdrawn (a tap made offline before the notice ended still counts); a withdrawn notice
  refuses it ("notices.withdrawn").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from community_app.models import Notice, NoticePriority, NoticeRead
from community_app.services import clock
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.notices.access import current, for_compound, household_compound


@dataclass
class NoticeCard:
    """One notice as a phone shows it (household, worker, volunteer)."""

    id: int = 0
    text: str = ""
    urgent: bool = False
    since: str = ""  # local MM-DD HH:MM it started
    read: bool = False  # the household's own read (households only)


def household_notices(session: Session, *, actor: Actor,
                      now: datetime | None = None) -> list[NoticeCard]:
    household_id, compound_id = household_compound(session, actor=actor)
    moment = clock.utc(now)
    notices = session.exec(
        select(Notice).where(Notice.community_id == actor.community_id,
                             for_compound(compound_id), *current(moment))
        .order_by(Notice.starts_at.desc(), Notice.id.desc()).limit(20)).all()
    read = set(session.exec(select(NoticeRead.notice_id).where(
        NoticeRead.household_id == household_id,
        NoticeRead.notice_id.in_([n.id for n in notices]))).all())
    cards = [NoticeCard(id=n.id, text=n.text, urgent=n.priority == NoticePriority.urgent,
                        since=clock.stamp(n.starts_at), read=n.id in read) for n in notices]
    return sorted(cards, key=lambda c: not c.urgent)  # stable: newest first within each


def mark_read(session: Session, *, actor: Actor, notice_id: int,
              now: datetime | None = None) -> bool:
    """Record the household's read; True when this call recorded it, False when it was."""
    household_id, compound_id = household_compound(session, actor=actor)
    moment = clock.utc(now)
    notice = session.exec(select(Notice).where(
        Notice.id == notice_id, Notice.community_id == actor.community_id,
        for_compound(compound_id), Notice.starts_at <= moment)).first()
    if notice is None:
        raise Denied()
    if notice.withdrawn_at is not None:
        raise ServiceError("notices.withdrawn")
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(NoticeRead).values(
        notice_id=notice.id, household_id=household_id, read_at=moment,
    ).on_conflict_do_nothing(index_elements=["notice_id", "household_id"]).returning(
        NoticeRead.id)
    # RETURNING, not rowcount: psycopg reports no rowcount for this insert.
    return session.connection().execute(statement).first() is not None
