"""Lit-window night patrol (点灯护院 / 数灯泡), the core: patrol night and time, watched
households, plans and plan access. Walking and the façade live in patrol_walk, marking
windows in patrol_marks, follow-ups in patrol_followups, the log, trends and hours in
patrol_log.

Key decisions (see services/README.md "## Patrol"):
- A patrol night is a local date (settings.timezone); before 06:00 it is still the
  previous night, so a walk that crosses midnight stays on its night.
- An unmarked window is "not checked". The first tap marks it lit, each later tap
  flips lit/dark.
- A dark window at a watched household raises one follow-up per plan and household,
  at once, for the building's grid worker (GridAssignment). Marking the window lit
  again while nobody has acted on it yet resolves it as "lit later"; once the worker
  has called or visited, the follow-up runs its course. Marking dark again after
  "lit later" reopens the same follow-up.
- Escalation is computed, never scheduled: an unresolved follow-up older than
  settings.patrol_escalate_minutes is escalated to the admin.
"""

from __future__ import annotations

import uuid as uuidlib
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    Household,
    PatrolBuildingResult,
    PatrolPlan,
    PatrolPlanBuilding,
    PatrolPlanMember,
    Resident,
    Role,
    User,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import aware
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.places import household_places
from community_app.settings import settings

PATROL_ROLES = (Role.volunteer, Role.grid_worker)
NIGHT_ROLLOVER_HOUR = 6  # before 06:00 local time it is still last night's patrol


# ---------------------------------------------------------------- time


def tz() -> ZoneInfo:
    return ZoneInfo(settings.timezone)


def local(value: datetime) -> datetime:
    return aware(value).astimezone(tz())


def patrol_night(now: datetime | None = None) -> date:
    """The patrol night `now` belongs to: the local date, or yesterday before 06:00."""
    here = local(_utc(now))
    if here.hour < NIGHT_ROLLOVER_HOUR:
        return here.date() - timedelta(days=1)
    return here.date()


def window_bounds(plan: PatrolPlan) -> tuple[datetime, datetime]:
    """The plan's window as aware datetimes; an end before the start is after midnight."""
    start = datetime.combine(plan.night, plan.window_start, tzinfo=tz())
    end = datetime.combine(plan.night, plan.window_end, tzinfo=tz())
    if end <= start:
        end += timedelta(days=1)
    return start, end


def _utc(now: datetime | None) -> datetime:
    """`now` (any time zone; default the clock) as UTC, the only zone stored."""
    return aware(now or utcnow()).astimezone(UTC)


def _hhmm(value: datetime | None) -> str:
    return local(value).strftime("%H:%M") if value else ""


def parse_hhmm(text: str) -> time:
    try:
        hours, minutes = str(text).strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError):
        raise ServiceError("patrol.bad_time") from None


# ---------------------------------------------------------------- watched households


def watched_reasons(session: Session, household_ids: list[int]) -> dict[int, list[str]]:
    """Why each household is watched (only watched ones appear).

    The one place that decides who is watched: today a present resident living alone
    elderly or disabled. Home isolation joins here when that domain exists.
    """
    if not household_ids:
        return {}
    rows = session.exec(
        select(Resident.household_id, Resident.elderly_alone, Resident.disabled).where(
            Resident.household_id.in_(household_ids),
            Resident.moved_away.is_(False),
            (Resident.elderly_alone.is_(True)) | (Resident.disabled.is_(True)),
        )
    ).all()
    reasons: dict[int, list[str]] = defaultdict(list)
    for household_id, elderly_alone, disabled in rows:
        for flag, name in ((elderly_alone, "elderly_alone"), (disabled, "disabled")):
            if flag and name not in reasons[household_id]:
                reasons[household_id].append(name)
    return dict(reasons)


def _addresses(session: Session, household_ids: list[int]) -> dict[int, str]:
    return {hid: p.address for hid, p in household_places(session, household_ids).items()}


def _building_labels(session: Session, building_ids: list[int]) -> dict[int, str]:
    if not building_ids:
        return {}
    rows = session.exec(
        select(Building.id, Building.name, Compound.name)
        .join(Compound, Compound.id == Building.compound_id)
        .where(Building.id.in_(building_ids))
    ).all()
    return {bid: f"{c} {b}" for bid, b, c in rows}


def _names(session: Session, user_ids: list[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    return dict(rows)


# ---------------------------------------------------------------- plans (admin)


def plan_choices(session: Session, *, actor: Actor) -> dict:
    """Buildings and people an admin can put on a plan."""
    scope.require_role(actor, Role.admin)
    ids = scope.building_ids_in_scope(session, actor=actor)
    labels = _building_labels(session, ids)
    people = session.exec(
        select(User)
        .where(
            User.community_id == actor.community_id,
            User.role.in_([r.value for r in PATROL_ROLES]),
            User.is_active.is_(True),
        )
        .order_by(User.role, User.display_name)
    ).all()
    return {
        "buildings": [{"id": bid, "label": labels[bid]} for bid in sorted(labels)],
        "people": [
            {"id": u.id, "name": u.display_name, "role": Role(u.role).value} for u in people
        ],
    }


def add_stop(session: Session, *, actor: Actor, plan_id: int, building_id: int,
             position: int, total: int) -> None:
    """A building on a plan's route, with its (empty) result row for tonight's counts."""
    session.add(PatrolPlanBuilding(uuid=str(uuidlib.uuid4()), plan_id=plan_id,
                                   building_id=building_id, position=position,
                                   updated_by_id=actor.user_id))
    session.add(PatrolBuildingResult(uuid=str(uuidlib.uuid4()), plan_id=plan_id,
                                     building_id=building_id, total=total,
                                     updated_by_id=actor.user_id))


def create_plan(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    night: date,
    window_start: str,
    window_end: str,
    building_ids: list[int],
    member_ids: list[int],
    note: str = "",
) -> dict:
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    earlier = existing(session, PatrolPlan, uuid)
    if earlier is not None:
        if earlier.community_id != actor.community_id:
            raise Denied()
        return _plan_summary(session, earlier)
    start, end = parse_hhmm(window_start), parse_hhmm(window_end)
    building_ids, member_ids = check_choices(session, actor=actor, building_ids=building_ids,
                                             member_ids=member_ids)
    plan = PatrolPlan(uuid=uuid, community_id=actor.community_id, night=night,
                      window_start=start, window_end=end, note=note[:200],
                      updated_by_id=actor.user_id)
    session.add(plan)
    session.flush()
    totals = _household_counts(session, building_ids)
    for position, building_id in enumerate(building_ids):
        add_stop(session, actor=actor, plan_id=plan.id, building_id=building_id,
                 position=position, total=totals.get(building_id, 0))
    for user_id in member_ids:
        session.add(PatrolPlanMember(uuid=str(uuidlib.uuid4()), plan_id=plan.id,
                                     user_id=user_id, updated_by_id=actor.user_id))
    session.flush()
    return _plan_summary(session, plan)


def check_choices(session: Session, *, actor: Actor, building_ids: list[int],
                  member_ids: list[int]) -> tuple[list[int], list[int]]:
    """The plan's buildings (walking order, no repeats) and people, checked for the admin."""
    building_ids = list(dict.fromkeys(building_ids))
    member_ids = list(dict.fromkeys(member_ids))
    if not building_ids:
        raise ServiceError("patrol.need_buildings")
    if not member_ids:
        raise ServiceError("patrol.need_people")
    in_scope = set(scope.building_ids_in_scope(session, actor=actor))
    if not set(building_ids) <= in_scope:
        raise Denied()
    people = session.exec(select(User).where(User.id.in_(member_ids))).all()
    if len(people) != len(member_ids) or any(
        u.community_id != actor.community_id or not u.is_active or Role(u.role) not in PATROL_ROLES
        for u in people
    ):
        raise ServiceError("patrol.bad_people")
    return building_ids, member_ids


def _household_counts(session: Session, building_ids: list[int]) -> dict[int, int]:
    from sqlalchemy import func

    return dict(
        session.exec(
            select(Household.building_id, func.count(Household.id))
            .where(Household.building_id.in_(building_ids))
            .group_by(Household.building_id)
        ).all()
    )


def _plan_building_ids(session: Session, plan_id: int) -> list[int]:
    return list(
        session.exec(
            select(PatrolPlanBuilding.building_id)
            .where(PatrolPlanBuilding.plan_id == plan_id)
            .order_by(PatrolPlanBuilding.position)
        ).all()
    )


def _plan_member_ids(session: Session, plan_id: int) -> list[int]:
    return list(
        session.exec(
            select(PatrolPlanMember.user_id).where(PatrolPlanMember.plan_id == plan_id)
        ).all()
    )


def _plan_summary(session: Session, plan: PatrolPlan) -> dict:
    building_ids = _plan_building_ids(session, plan.id)
    labels = _building_labels(session, building_ids)
    names = _names(session, _plan_member_ids(session, plan.id))
    return {
        "id": plan.id,
        "night": plan.night.isoformat(),
        "window": f"{plan.window_start:%H:%M}-{plan.window_end:%H:%M}",
        "buildings": "、".join(labels[b] for b in building_ids),
        "people": "、".join(sorted(names.values())),
        "cancelled": plan.cancelled_at is not None,
    }


# ---------------------------------------------------------------- plan access


def _get_plan(session: Session, *, actor: Actor, plan_id: int) -> PatrolPlan:
    """The plan, if the actor is its member (or the community's admin); else Denied."""
    plan = session.get(PatrolPlan, plan_id) if isinstance(plan_id, int) else None
    if plan is None or plan.community_id != actor.community_id:
        raise Denied()
    if actor.role == Role.admin:
        return plan
    if actor.role not in PATROL_ROLES or actor.user_id not in _plan_member_ids(session, plan.id):
        raise Denied()
    if plan.cancelled_at is not None:
        raise ServiceError("patrol.plan_cancelled")
    return plan
