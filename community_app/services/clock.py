"""The community's clock: the one time zone, local days and times, the one HH:MM format.

Invariants
- Every stored time is UTC; SQLite hands back naive datetimes, `aware()` marks them UTC.
- Local days and clock times are in the community's zone (`settings.timezone`,
  Asia/Shanghai by default): days of isolation, the report cut-off, patrol nights.
- `hhmm()` is the only way a time of day is shown; `parse_hhmm()` the only way one is read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from community_app.models.base import utcnow
from community_app.settings import settings

__all__ = ["aware", "utc", "zone", "local", "local_day", "local_clock", "at_local",
           "hhmm", "stamp", "parse_hhmm", "utcnow"]


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def utc(now: datetime | None = None) -> datetime:
    """`now` (any zone, naive = UTC; default the clock) as UTC, the only zone stored."""
    return aware(now if now is not None else utcnow()).astimezone(UTC)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone() -> ZoneInfo:
    """The community's time zone (read each call: tests and deployments set it)."""
    return _zone(settings.timezone)


def local(value: datetime | None = None) -> datetime:
    """A stored time (default: now) on the community's clock."""
    return utc(value).astimezone(zone())


def local_day(now: datetime | None = None) -> date:
    return local(now).date()


def local_clock(now: datetime | None = None) -> time:
    return local(now).time()


def at_local(day: date, clock: time) -> datetime:
    """A local date and clock time as an aware datetime (for cut-offs and windows)."""
    return datetime.combine(day, clock, tzinfo=zone())


def hhmm(value: datetime | None) -> str:
    """A stored time as local HH:MM; empty for none."""
    return local(value).strftime("%H:%M") if value else ""


def stamp(value: datetime | None) -> str:
    """A stored time as local MM-DD HH:MM (lists that span days); empty for none."""
    return local(value).strftime("%m-%d %H:%M") if value else ""


def parse_hhmm(text: str) -> time:
    """'08:30' -> time(8, 30). Raises ValueError on anything else."""
    try:
        hours, minutes = str(text).strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not a HH:MM time: {text!r}") from exc
