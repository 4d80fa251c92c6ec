"""The hour the daily report is due: a subdistrict's own (report_deadline), else the
setting (REPORT_DEADLINE, 17:00 by default), always on the community's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlmodel import Session

from community_app.models import ReportDeadline, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import at_local, parse_hhmm, utc
from community_app.services.errors import ServiceError
from community_app.settings import settings


def default_deadline() -> time:
    try:
        return parse_hhmm(settings.report_deadline)
    except ValueError:
        return time(17, 0)


def deadline_time(session: Session, subdistrict_id: int | None) -> time:
    row = session.get(ReportDeadline, subdistrict_id) if subdistrict_id else None
    return parse_hhmm(row.deadline) if row is not None else default_deadline()


def deadline_at(day: date, clock: time) -> datetime:
    """The day's deadline as a UTC instant."""
    return at_local(day, clock).astimezone(UTC)


def set_deadline(session: Session, *, actor: Actor, deadline: str) -> str:
    """A subdistrict user sets its communities' deadline (HH:MM, community time)."""
    scope.require_role(actor, Role.subdistrict)
    if actor.subdistrict_id is None:
        raise ServiceError("err.bad_request")
    try:
        text = parse_hhmm(deadline).strftime("%H:%M")
    except ValueError:
        raise ServiceError("reporting.bad_deadline") from None
    row = session.get(ReportDeadline, actor.subdistrict_id)
    if row is None:
        row = ReportDeadline(subdistrict_id=actor.subdistrict_id, deadline=text,
                             updated_by_id=actor.user_id)
    row.deadline, row.updated_by_id, row.updated_at = text, actor.user_id, utc()
    session.add(row)
    session.flush()
    return text
