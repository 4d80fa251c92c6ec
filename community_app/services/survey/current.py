"""The survey's screens, one read each, each naming the round it shows.

Several rounds may be open at once; which one a screen shows is decided in round_list.py
(the one asked for, else the community round, or for a building the narrowest covering it).
Each function resolves the round itself, so a page load is one call in one transaction and
never mixes two rounds (a round opened or closed between two reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from community_app.models import Role
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.survey import rounds, views
from community_app.services.survey.round_list import (
    RoundChoice,
    RoundSummary,
    list_rounds,
    open_rounds,
    pick_building_round,
    pick_household_round,
    pick_open_round,
    unassigned_buildings,
)
from community_app.services.survey.rounds import (
    CompoundChoice,
    Progress,
    building_progress,
    compounds_in_scope,
    get_round,
)
from community_app.services.survey.self_fill_review import PendingFill, review_queue
from community_app.services.survey.views import DoorNotice, FollowUp, RoundBuilding, VisitForm


@dataclass
class SurveyHome:
    round_id: int  # the round shown; 0: no round is open
    round_name: str
    rounds: list[RoundChoice] = field(default_factory=list)  # the open rounds (a picker)
    progress: list[Progress] = field(default_factory=list)  # per building in the actor's scope
    escalations: list[FollowUp] = field(default_factory=list)  # admin only
    compounds: list[CompoundChoice] = field(default_factory=list)  # admin only: a new round's
    history: list[RoundSummary] = field(default_factory=list)  # admin only: every round


def home(session: Session, *, actor: Actor, round_id: int = 0) -> SurveyHome:
    """/survey: one open round's progress (the one asked for, else the community round); for
    the admin also its escalations, every round with its progress, and the compounds a new
    round can cover. A worker picks among the open rounds with households in their scope."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    admin = actor.role == Role.admin
    summaries = list_rounds(session, actor=actor)
    mine = {s.id for s in summaries if s.total or admin}
    choices = [c for c in open_rounds(session, actor=actor) if c.id in mine]
    shown = pick_open_round(session, actor=actor, round_id=round_id)
    if shown not in mine:
        shown = choices[0].id if choices else 0
    result = SurveyHome(round_id=shown, round_name="", rounds=choices,
                        compounds=compounds_in_scope(session, actor=actor) if admin else [],
                        history=summaries if admin else [])
    if shown:
        result.round_name = get_round(session, actor=actor, round_id=shown).name
        result.progress = building_progress(session, actor=actor, round_id=shown)
        if admin:
            result.escalations = views.followups(session, actor=actor, round_id=shown,
                                                 escalated_only=True)
    return result


@dataclass
class OpenedRound:
    round_id: int
    unassigned: list[str]  # its buildings no grid worker covers yet


def open_round(session: Session, *, actor: Actor, uuid: str, name: str, start_date: date,
               compound_ids: list[int] | None = None, max_attempts: int = 3) -> OpenedRound:
    """Open a round (rounds.open_round) and say which of its buildings nobody covers yet."""
    opened = rounds.open_round(session, actor=actor, uuid=uuid, name=name,
                               start_date=start_date, compound_ids=compound_ids,
                               max_attempts=max_attempts)
    return OpenedRound(round_id=opened.id,
                       unassigned=unassigned_buildings(session, actor=actor, round_id=opened.id))


def building(session: Session, *, actor: Actor, building_id: int,
             round_id: int = 0) -> RoundBuilding:
    """/survey/building: one building's grid in one of the open rounds covering it (refused
    when none is open), with the others it could show."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    chosen, choices = pick_building_round(session, actor=actor, building_id=building_id,
                                          round_id=round_id)
    grid = views.round_building(session, actor=actor, round_id=chosen.id,
                                building_id=building_id)
    grid.rounds = choices
    return grid


def followups(session: Session, *, actor: Actor) -> list[FollowUp]:
    """/survey/followups: every open round's households tried and not reached, each naming
    its round (none open: empty)."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    return [item for choice in open_rounds(session, actor=actor)
            for item in views.followups(session, actor=actor, round_id=choice.id)]


def visit_form(session: Session, *, actor: Actor, household_id: int,
               round_id: int = 0) -> VisitForm:
    """/survey/visit: the household's form in one of the open rounds covering it."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    chosen, choices = pick_household_round(session, actor=actor, household_id=household_id,
                                           round_id=round_id)
    form = views.visit_form(session, actor=actor, household_id=household_id,
                            round_id=chosen.id)
    form.rounds = choices
    return form


def notice(session: Session, *, actor: Actor, household_id: int,
           round_id: int = 0) -> DoorNotice:
    """/survey/notice: the door notice of the household in one of the open rounds."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    chosen, _ = pick_household_round(session, actor=actor, household_id=household_id,
                                     round_id=round_id)
    return views.notice(session, actor=actor, round_id=chosen.id, household_id=household_id)


def self_fill_queue(session: Session, *, actor: Actor) -> list[PendingFill]:
    """/survey/review: the self-filled forms waiting, from every open round."""
    scope.require_role(actor, Role.admin, Role.grid_worker)
    return [fill for choice in open_rounds(session, actor=actor)
            for fill in review_queue(session, actor=actor, round_id=choice.id)]
