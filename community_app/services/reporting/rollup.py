"""The subdistrict's roll-up: every community of its scope for one day, from submitted
snapshots only (the latest version of each), with totals and a trend over the campaign.

Status of a community for the day: `submitted` (a snapshot exists; `submitted_late` when
the first version came after the deadline), `late` (none, and the deadline has passed),
`pending` (none yet, deadline still ahead).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from community_app.models import Community, ReportReminder, ReportSnapshot, Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware, hhmm, local, utc
from community_app.services.reporting.snapshots import deadline_at, deadline_time

TREND_DAYS = 60
SORT_KEYS = ("community", "status", "households", "coverage", "returnees", "returnees_new",
             "under_isolation", "fever", "open_errands", "patrol_percent")
STATUS_ORDER = {"late": 0, "pending": 1, "submitted": 2}


@dataclass
class RollupRow:
    community_id: int
    community: str
    status: str = "pending"
    submitted_late: bool = False
    version: int = 0
    submitted_at: str = ""  # local HH:MM of the latest version
    households: int = 0
    reached: int = 0
    coverage: int = 0  # percent of households reached
    returnees: int = 0
    returnees_new: int = 0
    under_isolation: int = 0
    fever: int = 0
    open_errands: int = 0
    patrol_buildings: int = 0
    patrol_covered: int = 0
    patrol_percent: int = 0
    reminded: int = 0  # reminders sent today


@dataclass
class TrendDay:
    day: str  # MM-DD
    submitted: int
    returnees: int
    under_isolation: int
    fever: int


@dataclass
class Rollup:
    day: str
    deadline: str
    rows: list[RollupRow]
    total: RollupRow
    submitted: int = 0
    late: int = 0
    pending: int = 0
    trend: list[TrendDay] = field(default_factory=list)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def latest(rows: list[ReportSnapshot]) -> dict[tuple[int, date], ReportSnapshot]:
    best: dict[tuple[int, date], ReportSnapshot] = {}
    for r in rows:
        key = (r.community_id, r.day)
        if key not in best or r.version > best[key].version:
            best[key] = r
    return best


def fill(row: RollupRow, snap: ReportSnapshot) -> None:
    for k in ("households", "reached", "returnees", "returnees_new", "under_isolation",
              "fever", "open_errands", "patrol_buildings", "patrol_covered"):
        setattr(row, k, getattr(snap, k))
    row.version, row.submitted_at = snap.version, hhmm(aware(snap.submitted_at))
    row.coverage = percent(row.reached, row.households)
    row.patrol_percent = percent(row.patrol_covered, row.patrol_buildings)


def sum_rows(rows: list[RollupRow]) -> RollupRow:
    total = RollupRow(community_id=0, community="", status="")
    for r in rows:
        for k in ("households", "reached", "returnees", "returnees_new", "under_isolation",
                  "fever", "open_errands", "patrol_buildings", "patrol_covered", "reminded"):
            setattr(total, k, getattr(total, k) + getattr(r, k))
    total.coverage = percent(total.reached, total.households)
    total.patrol_percent = percent(total.patrol_covered, total.patrol_buildings)
    return total


def trend(session: Session, ids: list[int], day: date) -> list[TrendDay]:
    start = day - timedelta(days=TREND_DAYS - 1)
    rows = session.exec(select(ReportSnapshot).where(
        ReportSnapshot.community_id.in_(ids), ReportSnapshot.day >= start,
        ReportSnapshot.day <= day)).all() if ids else []
    by_day: dict[date, list[ReportSnapshot]] = {}
    for snap in latest(list(rows)).values():
        by_day.setdefault(snap.day, []).append(snap)
    if not by_day:
        return []
    out, current = [], min(by_day)
    while current <= day:
        snaps = by_day.get(current, [])
        out.append(TrendDay(day=current.strftime("%m-%d"), submitted=len(snaps),
                            returnees=sum(s.returnees for s in snaps),
                            under_isolation=sum(s.under_isolation for s in snaps),
                            fever=sum(s.fever for s in snaps)))
        current += timedelta(days=1)
    return out


def rollup(session: Session, *, actor: Actor, day: date, now: datetime | None = None
           ) -> Rollup:
    """Today's (or `day`'s) roll-up of every community in the subdistrict user's scope."""
    scope.require_role(actor, Role.subdistrict)
    ids = scope.community_ids_in_scope(session, actor=actor)
    names = dict(session.exec(select(Community.id, Community.name)
                              .where(Community.id.in_(ids))).all()) if ids else {}
    snaps = list(session.exec(select(ReportSnapshot).where(
        ReportSnapshot.community_id.in_(ids), ReportSnapshot.day == day)).all()) if ids else []
    first_at = {}
    for s in snaps:
        at = aware(s.submitted_at)
        first_at[s.community_id] = min(first_at.get(s.community_id, at), at)
    reminded: dict[int, int] = {}
    for cid in (session.exec(select(ReportReminder.community_id).where(
            ReportReminder.community_id.in_(ids), ReportReminder.day == day)).all()
            if ids else []):
        reminded[cid] = reminded.get(cid, 0) + 1
    best = latest(snaps)
    past_deadline = utc(now) > deadline_at(day)
    rows = []
    for cid in ids:
        row = RollupRow(community_id=cid, community=names.get(cid, ""),
                        reminded=reminded.get(cid, 0))
        snap = best.get((cid, day))
        if snap is not None:
            fill(row, snap)
            row.status = "submitted"
            row.submitted_late = first_at[cid] > deadline_at(day)
        else:
            row.status = "late" if past_deadline else "pending"
        rows.append(row)
    rows.sort(key=lambda r: r.community)
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUS_ORDER}
    return Rollup(day=day.isoformat(), deadline=deadline_time().strftime("%H:%M"), rows=rows,
                  total=sum_rows(rows), submitted=counts["submitted"], late=counts["late"],
                  pending=counts["pending"], trend=trend(session, ids, day))


def sort_rows(rows: list[RollupRow], key: str, descending: bool) -> list[RollupRow]:
    """The table sorted by one column (names and statuses ascending first)."""
    if key not in SORT_KEYS:
        key = "community"
    if key == "status":
        return sorted(rows, key=lambda r: (STATUS_ORDER.get(r.status, 9), r.community),
                      reverse=descending)
    return sorted(rows, key=lambda r: (getattr(r, key), r.community), reverse=descending)


def local_now_day(now: datetime | None = None) -> date:
    return local(now).date()
