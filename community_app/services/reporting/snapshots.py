"""Storing a submitted daily report as a frozen snapshot, and reading its versions.

Only `store` writes a snapshot, and it only inserts: version 1 for the day, then a
correction as version n + 1 with its reason. Nothing here (or anywhere) updates a row; the
model refuses an ORM update and the database trigger any UPDATE/DELETE.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import Community, ReportSnapshot, Role
from community_app.models.reporting import REASON_MAX
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import at_local, aware, local, parse_hhmm, utc
from community_app.services.errors import ServiceError
from community_app.services.masking import mask_name
from community_app.services.text import has_forbidden
from community_app.settings import settings

NUMBERS = ("households", "reached", "residents", "returnees", "returnees_new", "fever",
           "under_isolation", "isolated_people", "open_errands", "patrol_buildings",
           "patrol_covered")
COMPOUND_NUMBERS = ("households", "reached", "residents", "returnees", "returnees_new",
                    "fever")


@dataclass
class CompoundLine:
    name: str
    households: int = 0
    reached: int = 0
    residents: int = 0
    returnees: int = 0
    returnees_new: int = 0
    fever: int = 0


@dataclass
class Numbers:
    """What a community sends up: counts only, never a person."""

    households: int = 0
    reached: int = 0
    residents: int = 0
    returnees: int = 0
    returnees_new: int = 0
    fever: int = 0
    under_isolation: int = 0
    isolated_people: int = 0
    open_errands: int = 0
    patrol_buildings: int = 0
    patrol_covered: int = 0
    compounds: list[CompoundLine] = field(default_factory=list)


@dataclass
class DiffLine:
    key: str  # a NUMBERS name, or "<compound>:<number>"
    compound: str
    number: str
    before: int
    after: int


@dataclass
class SnapshotView:
    id: int
    community_id: int
    community: str
    day: str
    version: int
    reason: str
    cutoff: str
    round_name: str
    submitted_by: str  # masked
    submitted_at: str  # local YYYY-MM-DD HH:MM
    late: bool
    numbers: Numbers
    diff: list[DiffLine] = field(default_factory=list)  # from the version before


def deadline_time() -> time:
    try:
        return parse_hhmm(settings.report_deadline)
    except (ValueError, TypeError):
        return time(17, 0)


def deadline_at(day: date) -> datetime:
    """The day's deadline (community time) as a UTC instant."""
    return at_local(day, deadline_time()).astimezone(UTC)


def numbers_of(row: ReportSnapshot) -> Numbers:
    lines = [CompoundLine(**{k: c.get(k, 0) if k != "name" else str(c.get("name", ""))
                             for k in ("name", *COMPOUND_NUMBERS)}) for c in row.compounds]
    return Numbers(**{k: getattr(row, k) for k in NUMBERS}, compounds=lines)


def diff(before: Numbers, after: Numbers) -> list[DiffLine]:
    """Which numbers changed between two versions, from -> to (compound rows too)."""
    lines = [DiffLine(key=k, compound="", number=k, before=getattr(before, k),
                      after=getattr(after, k))
             for k in NUMBERS if getattr(before, k) != getattr(after, k)]
    old = {c.name: c for c in before.compounds}
    new = {c.name: c for c in after.compounds}
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name, CompoundLine(name=name)), new.get(name, CompoundLine(name=name))
        lines += [DiffLine(key=f"{name}:{k}", compound=name, number=k,
                           before=getattr(a, k), after=getattr(b, k))
                  for k in COMPOUND_NUMBERS if getattr(a, k) != getattr(b, k)]
    return lines


def view_of(row: ReportSnapshot, first_at: datetime | None = None,
            previous: ReportSnapshot | None = None) -> SnapshotView:
    first = aware(first_at or row.submitted_at)
    return SnapshotView(
        id=row.id, community_id=row.community_id, community=row.community_name,
        day=row.day.isoformat(), version=row.version, reason=row.reason, cutoff=row.cutoff,
        round_name=row.round_name, submitted_by=row.submitted_by_name,
        submitted_at=local(row.submitted_at).strftime("%Y-%m-%d %H:%M"),
        late=first > deadline_at(row.day), numbers=numbers_of(row),
        diff=diff(numbers_of(previous), numbers_of(row)) if previous is not None else [])


def version_rows(session: Session, community_id: int, day: date) -> list[ReportSnapshot]:
    return list(session.exec(select(ReportSnapshot).where(
        ReportSnapshot.community_id == community_id, ReportSnapshot.day == day)
        .order_by(ReportSnapshot.version)).all())


def versions(session: Session, *, actor: Actor, community_id: int, day: date
             ) -> list[SnapshotView]:
    """Every version of a community's report for the day, each with its diff from the one
    before. The community's own admin, or a subdistrict user over it; anyone else Denied."""
    scope.require_role(actor, Role.admin, Role.subdistrict)
    scope.get_community(session, actor=actor, community_id=community_id)
    rows = version_rows(session, community_id, day)
    first_at = rows[0].submitted_at if rows else None
    return [view_of(r, first_at, rows[i - 1] if i else None) for i, r in enumerate(rows)]


def store(session: Session, *, actor: Actor, day: date, numbers: Numbers, cutoff: str,
          round_name: str, reason: str = "", now: datetime | None = None) -> SnapshotView:
    """Insert the next version of the admin's own community's report for `day`. The first
    needs no reason; a correction does (what changed and why)."""
    scope.require_role(actor, Role.admin)
    if actor.community_id is None or not isinstance(day, date):
        raise ServiceError("err.bad_request")
    reason = reason.strip() if isinstance(reason, str) else ""
    if len(reason) > REASON_MAX or has_forbidden(reason):
        raise ServiceError("reporting.err.reason_bad")
    community = session.exec(select(Community).where(Community.id == actor.community_id)
                             .with_for_update()).one()
    last = session.exec(select(func.max(ReportSnapshot.version)).where(
        ReportSnapshot.community_id == community.id, ReportSnapshot.day == day)).one() or 0
    if last and not reason:
        raise ServiceError("reporting.err.reason_needed")
    row = ReportSnapshot(
        community_id=community.id, subdistrict_id=community.subdistrict_id, day=day,
        version=last + 1, reason=reason, cutoff=cutoff, round_name=round_name[:100],
        community_name=community.name, submitted_by_id=actor.user_id,
        submitted_by_name=mask_name(actor.display_name), submitted_at=utc(now),
        **{k: int(getattr(numbers, k)) for k in NUMBERS},
        compounds=[asdict(c) for c in numbers.compounds])
    session.add(row)
    session.flush()
    rows = version_rows(session, community.id, day)
    return view_of(row, rows[0].submitted_at, rows[-2] if len(rows) > 1 else None)
