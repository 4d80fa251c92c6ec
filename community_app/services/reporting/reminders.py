"""The subdistrict's reminder to a community that has not sent its report, and the card
the community's secretary sees on the home screen until the report goes up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import ReportReminder, ReportSnapshot, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import hhmm, utc
from community_app.services.errors import ServiceError
from community_app.services.reporting.snapshots import deadline_time


@dataclass
class ReminderCard:
    show: bool = False
    count: int = 0
    last_at: str = ""  # local HH:MM of the latest reminder
    deadline: str = ""
    day: str = ""


def submitted(session: Session, community_id: int, day: date) -> bool:
    return session.exec(select(func.count(ReportSnapshot.id)).where(
        ReportSnapshot.community_id == community_id, ReportSnapshot.day == day)).one() > 0


def remind(session: Session, *, actor: Actor, community_id: int, day: date,
           now: datetime | None = None) -> int:
    """A subdistrict user nudges one of its communities that has not submitted `day`."""
    scope.require_role(actor, Role.subdistrict)
    scope.get_community(session, actor=actor, community_id=community_id)
    if submitted(session, community_id, day):
        raise ServiceError("reporting.err.already_submitted")
    row = ReportReminder(community_id=community_id, day=day, sent_by_id=actor.user_id,
                         sent_at=utc(now))
    session.add(row)
    session.flush()
    return row.id


def reminder_card(session: Session, *, actor: Actor, day: date) -> ReminderCard:
    """For the community's admin: today's reminders while the report is still not sent."""
    if actor.role != Role.admin or actor.community_id is None:
        return ReminderCard()
    times = session.exec(select(ReportReminder.sent_at).where(
        ReportReminder.community_id == actor.community_id, ReportReminder.day == day)
        .order_by(ReportReminder.sent_at)).all()
    if not times or submitted(session, actor.community_id, day):
        return ReminderCard()
    return ReminderCard(show=True, count=len(times), last_at=hhmm(times[-1]),
                        deadline=deadline_time().strftime("%H:%M"), day=day.isoformat())
