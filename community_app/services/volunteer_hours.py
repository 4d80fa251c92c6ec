"""Volunteer hours, ONE total per volunteer: shifts worked, patrols walked, errands run.

A cross-domain reader (roster shifts, patrol walks, errand runs). It counts what the
services record, nothing estimated, and each minute once:
- a roster shift whose attendance was marked (`SignupStatus.worked`), from its start to its end;
- a patrol walk from its sign-in to its sign-out (a walk never signed out counts nothing);
- an errand run from its start (the shopping list drawn) to its last delivery
  (`ErrandRun.finished_at`); a run still under way counts nothing yet.
A volunteer on a patrol shift who also signs in to the walk, or on an errands shift who
runs errands during it, worked those minutes once: the sources are intervals of time and
the total is the length of their union (per source, too, overlaps are merged first).

A week (ISO week of the local day a stretch of work starts) over WEEK_CAP_HOURS is flagged
(the cap warning: nobody should be worn out; the hours still count).

Invariants
- A volunteer reads only their own hours; the admin their community's volunteers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, func, select

from community_app.models import (
    ErrandRequest,
    ErrandRun,
    PatrolWalk,
    Role,
    Shift,
    ShiftSignup,
    SignupStatus,
    User,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.masking import mask_name

WEEK_CAP_HOURS = 40
Span = tuple[datetime, datetime]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def merged(spans: list[Span]) -> list[Span]:
    """The union of time spans, as disjoint spans in order."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def minutes_of(spans: list[Span]) -> int:
    return sum(int((end - start).total_seconds() // 60) for start, end in merged(spans))


@dataclass
class Sources:
    shifts: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))
    patrol: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))
    errands: dict[int, list[Span]] = field(default_factory=lambda: defaultdict(list))
    worked: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    walks: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def all_of(self, user_id: int) -> list[Span]:
        return [*self.shifts[user_id], *self.patrol[user_id], *self.errands[user_id]]


def sources(session: Session, user_ids: list[int]) -> Sources:
    found = Sources()
    if not user_ids:
        return found
    for signup, shift in session.exec(select(ShiftSignup, Shift).join(
            Shift, Shift.id == ShiftSignup.shift_id).where(
            ShiftSignup.user_id.in_(user_ids), ShiftSignup.status == SignupStatus.worked)):
        found.shifts[signup.user_id].append((aware(shift.starts_at), aware(shift.ends_at)))
        found.worked[signup.user_id] += 1
    for walk in session.exec(select(PatrolWalk).where(PatrolWalk.user_id.in_(user_ids),
                                                      PatrolWalk.signed_out_at.is_not(None))):
        found.patrol[walk.user_id].append((aware(walk.signed_in_at), aware(walk.signed_out_at)))
        found.walks[walk.user_id] += 1
    for run in session.exec(select(ErrandRun).where(ErrandRun.volunteer_id.in_(user_ids),
                                                    ErrandRun.finished_at.is_not(None))):
        found.errands[run.volunteer_id].append((aware(run.created_at), aware(run.finished_at)))
    return found


def over_cap_weeks(spans: list[Span]) -> list[str]:
    """ISO weeks ("2026-W49") in which these spans add up to more than the cap."""
    weeks: dict[str, int] = defaultdict(int)
    for start, end in merged(spans):
        year, week, _ = clock.local(start).isocalendar()
        weeks[f"{year}-W{week:02d}"] += int((end - start).total_seconds() // 60)
    return sorted(w for w, m in weeks.items() if m > WEEK_CAP_HOURS * 60)


@dataclass
class MyHours:
    total: str = "0:00"  # h:mm, every source together, each minute once
    patrol: str = "0:00"
    walks: int = 0  # walks signed out
    errands: str = "0:00"
    delivered: int = 0  # errands left at a door
    shifts: str = "0:00"
    shifts_worked: int = 0
    over_cap: bool = False  # some week above WEEK_CAP_HOURS


def my_hours(session: Session, *, actor: Actor) -> MyHours:
    """The signed-in volunteer's own hours, all of the campaign so far."""
    scope.require_role(actor, Role.volunteer)
    uid = actor.user_id
    found = sources(session, [uid])
    delivered = session.exec(select(func.count()).select_from(ErrandRequest).where(
        ErrandRequest.claimed_by_id == uid, ErrandRequest.delivered_at.is_not(None))).one()
    return MyHours(total=hhmm(minutes_of(found.all_of(uid))),
                   patrol=hhmm(minutes_of(found.patrol[uid])), walks=found.walks[uid],
                   errands=hhmm(minutes_of(found.errands[uid])), delivered=int(delivered),
                   shifts=hhmm(minutes_of(found.shifts[uid])), shifts_worked=found.worked[uid],
                   over_cap=bool(over_cap_weeks(found.all_of(uid))))


@dataclass
class VolunteerHours:
    user_id: int
    name: str  # masked on screen; the export writes the full name
    minutes: int
    total: str
    shifts: int  # shifts worked
    walks: int
    over_cap_weeks: list[str]


def community_hours(session: Session, *, actor: Actor, masked: bool = True) -> list[VolunteerHours]:
    """Every volunteer of the admin's community with their one total, most hours first."""
    scope.require_role(actor, Role.admin)
    users = session.exec(select(User).where(User.community_id == actor.community_id,
                                            User.role == Role.volunteer).order_by(User.id)).all()
    found = sources(session, [u.id for u in users])
    out = []
    for u in users:
        spans = found.all_of(u.id)
        minutes = minutes_of(spans)
        out.append(VolunteerHours(
            user_id=u.id, name=mask_name(u.display_name) if masked else u.display_name,
            minutes=minutes, total=hhmm(minutes), shifts=found.worked[u.id],
            walks=found.walks[u.id], over_cap_weeks=over_cap_weeks(spans)))
    return sorted(out, key=lambda r: -r.minutes)
