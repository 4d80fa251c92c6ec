"""What the notices pages read: the admin's page (notices with read counts per compound,
the compounds to choose from, the broadcast schedule) and the staff's home card.

Read counts: for each compound a notice is for (every compound of the community when it is
for the whole community), the households of that compound that marked it read, out of all
the households registered in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    Household,
    Notice,
    NoticeCompound,
    NoticePriority,
    NoticeRead,
    Role,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.notices.access import current
from community_app.services.notices.broadcast import SlotRow, slots
from community_app.services.notices.reads import NoticeCard

LIST_LIMIT = 30


@dataclass
class Choice:
    id: int = 0
    label: str = ""


@dataclass
class CompoundCount:
    compound: str = ""
    read: int = 0
    households: int = 0
    percent: int = 0


@dataclass
class AdminNotice:
    id: int = 0
    text: str = ""
    urgent: bool = False
    starts: str = ""  # local MM-DD HH:MM
    ends: str = ""  # empty: until withdrawn
    whole_community: bool = True
    compounds: list[str] = field(default_factory=list)  # names, unless the whole community
    state: str = "showing"  # showing | scheduled | ended | withdrawn (drawn as words)
    read: int = 0
    households: int = 0
    counts: list[CompoundCount] = field(default_factory=list)


@dataclass
class NoticesPage:
    compounds: list[Choice] = field(default_factory=list)
    notices: list[AdminNotice] = field(default_factory=list)
    slots: list[SlotRow] = field(default_factory=list)


@dataclass
class StaffNotices:
    notices: list[NoticeCard] = field(default_factory=list)
    slots: list[SlotRow] = field(default_factory=list)  # today's active schedule
    next_slot: SlotRow | None = None


def _state(n: Notice, now: datetime) -> str:
    if n.withdrawn_at is not None:
        return "withdrawn"
    if clock.utc(n.starts_at) > now:
        return "scheduled"
    if n.ends_at is not None and clock.utc(n.ends_at) <= now:
        return "ended"
    return "showing"


def _counts(session: Session, notice_ids: list[int],
            compound_ids: list[int]) -> tuple[Counter[int], Counter[tuple[int, int]]]:
    """(households per compound, reads per (notice, compound))."""
    households = Counter(dict(session.exec(
        select(Building.compound_id, func.count(Household.id))
        .join(Household, Household.building_id == Building.id)
        .where(Building.compound_id.in_(compound_ids)).group_by(Building.compound_id)).all()))
    reads = Counter({(n, c): k for n, c, k in session.exec(
        select(NoticeRead.notice_id, Building.compound_id, func.count(NoticeRead.id))
        .join(Household, Household.id == NoticeRead.household_id)
        .join(Building, Building.id == Household.building_id)
        .where(NoticeRead.notice_id.in_(notice_ids))
        .group_by(NoticeRead.notice_id, Building.compound_id)).all()})
    return households, reads


def notices_page(session: Session, *, actor: Actor, now: datetime | None = None) -> NoticesPage:
    scope.require_role(actor, Role.admin)
    moment = clock.utc(now)
    compounds = session.exec(select(Compound).where(
        Compound.community_id == actor.community_id).order_by(Compound.id)).all()
    names = {c.id: c.name for c in compounds}
    notices = session.exec(select(Notice).where(Notice.community_id == actor.community_id)
                           .order_by(Notice.starts_at.desc(), Notice.id.desc())
                           .limit(LIST_LIMIT)).all()
    ids = [n.id for n in notices]
    listed: dict[int, list[int]] = {}
    for notice_id, compound_id in session.exec(select(
            NoticeCompound.notice_id, NoticeCompound.compound_id).where(
            NoticeCompound.notice_id.in_(ids)).order_by(NoticeCompound.compound_id)).all():
        listed.setdefault(notice_id, []).append(compound_id)
    households, reads = _counts(session, ids, list(names))
    rows = []
    for n in notices:
        targets = list(names) if n.whole_community else listed.get(n.id, [])
        counts = [CompoundCount(compound=names[c], read=reads[(n.id, c)],
                                households=households[c],
                                percent=round(100 * reads[(n.id, c)] / households[c])
                                if households[c] else 0) for c in targets]
        rows.append(AdminNotice(
            id=n.id, text=n.text, urgent=n.priority == NoticePriority.urgent,
            starts=clock.stamp(n.starts_at), ends=clock.stamp(n.ends_at),
            whole_community=n.whole_community,
            compounds=[] if n.whole_community else [names[c] for c in targets],
            state=_state(n, moment), read=sum(c.read for c in counts),
            households=sum(c.households for c in counts), counts=counts))
    return NoticesPage(compounds=[Choice(id=c.id, label=c.name) for c in compounds],
                       notices=rows, slots=slots(session, community_id=actor.community_id,
                                                 now=moment))


def staff_notices(session: Session, *, actor: Actor,
                  now: datetime | None = None) -> StaffNotices:
    """A grid worker's or volunteer's home: every notice showing now in the community (they
    read them out anywhere) and today's broadcast schedule with the next slot due."""
    scope.require_role(actor, Role.grid_worker, Role.volunteer, Role.admin)
    moment = clock.utc(now)
    notices = session.exec(select(Notice).where(
        Notice.community_id == actor.community_id, *current(moment))
        .order_by(Notice.starts_at.desc(), Notice.id.desc()).limit(20)).all()
    cards = sorted((NoticeCard(id=n.id, text=n.text, urgent=n.priority == NoticePriority.urgent,
                               since=clock.stamp(n.starts_at)) for n in notices),
                   key=lambda c: not c.urgent)
    today = slots(session, community_id=actor.community_id, now=moment, active_only=True)
    return StaffNotices(notices=cards, slots=today,
                        next_slot=next((s for s in today if s.next), None))
