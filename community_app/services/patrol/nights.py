"""The patrol night and its time window.

Invariants
- A patrol night is a local date (the community's clock, services/clock.py); before 06:00
  it is still the previous night, so a walk that crosses midnight stays on its night.
- A plan's window is two local clock times on its night; an end at or before the start is
  after midnight (the next day).
- Times of a window are read only through `window_time` (HH:MM, else "patrol.bad_time").
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from community_app.models import PatrolPlan
from community_app.services import clock
from community_app.services.errors import ServiceError

NIGHT_ROLLOVER_HOUR = 6  # before 06:00 local time it is still last night's patrol


def patrol_night(now: datetime | None = None) -> date:
    """The patrol night `now` belongs to: the local date, or yesterday before 06:00."""
    here = clock.local(now)
    if here.hour < NIGHT_ROLLOVER_HOUR:
        return here.date() - timedelta(days=1)
    return here.date()


def window_bounds(plan: PatrolPlan) -> tuple[datetime, datetime]:
    """The plan's window as aware datetimes; an end before the start is after midnight."""
    start = clock.at_local(plan.night, plan.window_start)
    end = clock.at_local(plan.night, plan.window_end)
    if end <= start:
        end += timedelta(days=1)
    return start, end


def window_time(text: str) -> time:
    """A window's start or end typed as HH:MM; anything else is a clear refusal."""
    try:
        return clock.parse_hhmm(text)
    except ValueError:
        raise ServiceError("patrol.bad_time") from None


def window_label(plan: PatrolPlan) -> str:
    """'19:30-21:00': how every screen writes a plan's window."""
    return f"{plan.window_start:%H:%M}-{plan.window_end:%H:%M}"
