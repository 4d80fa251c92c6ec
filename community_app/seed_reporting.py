"""Demo data of the reporting domain: the demo community's secretary has sent the daily
report on each of the last few days (so the subdistrict's roll-up has a trend), one of them
corrected once; today's is left to send."""

from __future__ import annotations

from datetime import UTC, time, timedelta

from sqlmodel import Session, select

from community_app.models import Community, Role, User
from community_app.services import report_submit
from community_app.services.auth import Actor
from community_app.services.clock import at_local, local_day
from community_app.services.errors import ServiceError

DAYS_BACK = 4


def seed_reports(session: Session, *, community: Community) -> int:
    """Send the report for each of the last DAYS_BACK days at 16:30; the count sent."""
    admin = session.exec(select(User).where(User.community_id == community.id,
                                            User.role == Role.admin)
                         .order_by(User.id)).first()
    if admin is None:
        return 0
    actor = Actor.of(admin)
    sent = 0
    for back in range(DAYS_BACK, 0, -1):
        day = local_day() - timedelta(days=back)
        try:
            report_submit.submit(session, actor=actor, day=day,
                                 now=at_local(day, time(16, 30)).astimezone(UTC))
        except ServiceError:  # no survey round yet: nothing to send
            return sent
        sent += 1
    return sent
