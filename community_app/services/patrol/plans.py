"""The admin's patrol plans as the plan page shows them: what can go on a plan, the
night's plans, and one plan as the edit form needs it.

Invariants
- Only the community's admin reads these; the night's list shows cancelled plans too
  (flagged), so the admin sees what walkers no longer see.
- A change to a plan (created, edited, cancelled) answers with that night's whole list,
  the one the page shows next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from community_app.models import PatrolPlan, Role, User
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.patrol.access import (
    PATROL_ROLES,
    display_names,
    get_plan,
    plan_building_ids,
    plan_member_ids,
    started,
)
from community_app.services.patrol.nights import patrol_night, window_label
from community_app.services.places import building_labels


@dataclass
class PlanSummary:
    """One plan as a list shows it: its window, route and people as text."""

    id: int
    night: str
    window: str  # "19:30-21:00"
    buildings: list[str]  # labels in walking order (the page joins them in its language)
    people: list[str]  # display names, sorted
    cancelled: bool
    started: bool  # someone has signed in


@dataclass
class Choice:
    """A building or a person the admin can tick for a plan."""

    id: int
    label: str


@dataclass
class PlanChoices:
    buildings: list[Choice]
    people: list[Choice]  # volunteers first, then grid workers, by name


@dataclass
class PlanDetail:
    """One plan as the edit form needs it."""

    id: int
    night: str
    window_start: str
    window_end: str
    building_ids: list[int]  # walking order
    member_ids: list[int]
    started: bool
    cancelled: bool


@dataclass
class PlanPage:
    """The plan page on opening: tonight's night, the choices, tonight's plans."""

    night: str
    buildings: list[Choice]
    people: list[Choice]
    plans: list[PlanSummary]


@dataclass
class PlanChange:
    """A plan just created, edited or cancelled, with its night's plans as listed now."""

    id: int
    night: str
    plans: list[PlanSummary]

    @property
    def plan(self) -> PlanSummary:
        return next(p for p in self.plans if p.id == self.id)


def plan_summary(session: Session, plan: PatrolPlan) -> PlanSummary:
    building_ids = plan_building_ids(session, plan.id)
    labels = building_labels(session, building_ids)
    names = display_names(session, plan_member_ids(session, plan.id))
    return PlanSummary(
        id=plan.id,
        night=plan.night.isoformat(),
        window=window_label(plan),
        buildings=[labels[b] for b in building_ids],
        people=sorted(names.values()),
        cancelled=plan.cancelled_at is not None,
        started=started(session, plan.id),
    )


def plan_choices(session: Session, *, actor: Actor) -> PlanChoices:
    """Buildings and people an admin can put on a plan."""
    scope.require_role(actor, Role.admin)
    ids = scope.building_ids_in_scope(session, actor=actor)
    labels = building_labels(session, ids)
    people = session.exec(
        select(User)
        .where(
            User.community_id == actor.community_id,
            User.role.in_([r.value for r in PATROL_ROLES]),
            User.is_active.is_(True),
        )
        .order_by(User.role, User.display_name)
    ).all()
    return PlanChoices(
        buildings=[Choice(id=bid, label=labels[bid]) for bid in sorted(labels)],
        people=[Choice(id=u.id, label=u.display_name) for u in people],
    )


def list_plans(session: Session, *, actor: Actor, night: date) -> list[PlanSummary]:
    """The night's plans, cancelled ones too (flagged), with whether they are under way."""
    scope.require_role(actor, Role.admin)
    plans = session.exec(
        select(PatrolPlan)
        .where(PatrolPlan.community_id == actor.community_id, PatrolPlan.night == night)
        .order_by(PatrolPlan.window_start, PatrolPlan.id)
    ).all()
    return [plan_summary(session, p) for p in plans]


def plan_detail(session: Session, *, actor: Actor, plan_id: int) -> PlanDetail:
    """One plan as the edit form needs it: window, buildings in order, people."""
    scope.require_role(actor, Role.admin)
    plan = get_plan(session, actor=actor, plan_id=plan_id)
    return PlanDetail(
        id=plan.id,
        night=plan.night.isoformat(),
        window_start=f"{plan.window_start:%H:%M}",
        window_end=f"{plan.window_end:%H:%M}",
        building_ids=plan_building_ids(session, plan.id),
        member_ids=plan_member_ids(session, plan.id),
        started=started(session, plan.id),
        cancelled=plan.cancelled_at is not None,
    )


def plans_of_night(session: Session, actor: Actor, night: date) -> list[PatrolPlan]:
    """The community's plans of one night that were not cancelled, in window order."""
    return list(session.exec(
        select(PatrolPlan)
        .where(PatrolPlan.community_id == actor.community_id, PatrolPlan.night == night,
               PatrolPlan.cancelled_at.is_(None))
        .order_by(PatrolPlan.window_start, PatrolPlan.id)
    ).all())


def plan_page(session: Session, *, actor: Actor, now: datetime | None = None) -> PlanPage:
    night = patrol_night(now)
    choices = plan_choices(session, actor=actor)
    return PlanPage(night=night.isoformat(), buildings=choices.buildings,
                    people=choices.people, plans=list_plans(session, actor=actor, night=night))


def plan_change(session: Session, *, actor: Actor, plan: PatrolPlan) -> PlanChange:
    return PlanChange(id=plan.id, night=plan.night.isoformat(),
                      plans=list_plans(session, actor=actor, night=plan.night))
