"""The screens of the current round (the community's newest open one), one read each.

Each function resolves the round itself, so a page load is one call in one transaction and
never mixes two rounds (a round opened or closed between two reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from community_app.models import Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.survey import views
from community_app.services.survey.rounds import (
    CompoundChoice,
    Progress,
    building_progress,
    compounds_in_scope,
    current_round_id,
    get_round,
)
from community_app.services.survey.views import FollowUp, RoundBuilding, VisitForm


@dataclass
class SurveyHome:
    round_id: int  # 0: no round is open
    round_name: str
    progress: list[Progress] = field(default_factory=list)  # per building in the actor's scope
    escalations: list[FollowUp] = field(default_factory=list)  # admin only
    compounds: list[CompoundChoice] = field(default_factory=list)  # admin only: a new round's


def home(session: Session, *, actor: Actor) -> SurveyHome:
    """/survey: the open round's progress; for the admin also its escalations and the
    compounds a new round can cover."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    admin = actor.role == Role.admin
    result = SurveyHome(round_id=current_round_id(session, actor=actor), round_name="",
                        compounds=compounds_in_scope(session, actor=actor) if admin else [])
    if result.round_id:
        result.round_name = get_round(session, actor=actor, round_id=result.round_id).name
        result.progress = building_progress(session, actor=actor, round_id=result.round_id)
        if admin:
            result.escalations = views.followups(session, actor=actor, round_id=result.round_id,
                                                 escalated_only=True)
    return result


def _open_round_id(session: Session, actor: Actor) -> int:
    round_id = current_round_id(session, actor=actor)
    if not round_id:
        raise ServiceError("survey.round_closed")
    return round_id


def building(session: Session, *, actor: Actor, building_id: int) -> RoundBuilding:
    """/survey/building: one building's grid in the open round (refused when none is open)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    return views.round_building(session, actor=actor, round_id=_open_round_id(session, actor),
                                building_id=building_id)


def followups(session: Session, *, actor: Actor) -> list[FollowUp]:
    """/survey/followups: the open round's households tried and not reached (none: empty)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    round_id = current_round_id(session, actor=actor)
    return views.followups(session, actor=actor, round_id=round_id) if round_id else []


def visit_form(session: Session, *, actor: Actor, household_id: int) -> VisitForm:
    """/survey/visit: the household's form in the open round."""
    return views.visit_form(session, actor=actor, household_id=household_id,
                            round_id=current_round_id(session, actor=actor))
