"""Each role's home screen."""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.models import Role
from community_app.services import volunteer_hours, worker_today
from community_app.services.community import views as community
from community_app.services.community.household import HouseholdHome, household_home
from community_app.services.community.views import BuildingRow, CommunityOverview
from community_app.services.errands import views as errand_views
from community_app.services.errands.views import RequestView
from community_app.services.survey import coverage as survey_coverage
from community_app.services.survey.coverage import Coverage
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.common import arg_id
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.outbox import outbox_replay
from community_app.state.patrol.index import marks_replay


class HomeState(AppState):
    overview: CommunityOverview = CommunityOverview()
    coverage: Coverage = Coverage(round_id=0)  # admin: the community round's reach
    buildings: list[BuildingRow] = []
    household: HouseholdHome = HouseholdHome()
    worker_phone_href: str = ""
    today: worker_today.WorkerToday = worker_today.WorkerToday(0, 0, 0, 0)
    # The household's requests still under way, so the home screen says when help comes.
    active_requests: list[RequestView] = []
    # The volunteer's own hours (patrols walked, errands delivered).
    my_hours: volunteer_hours.MyHours = volunteer_hours.MyHours()

    @guarded(*ALL_ROLES)
    async def load(self) -> rx.event.EventSpec | list[rx.event.EventSpec]:
        actor = current_actor()
        if actor.role == Role.admin:
            self.overview = await db.run(community.community_overview, actor=actor)
            self.coverage = await db.run(survey_coverage.coverage, actor=actor)
        elif actor.role == Role.grid_worker:
            self.buildings = await db.run(community.list_buildings, actor=actor)
            self.today = await db.run(worker_today.worker_today, actor=actor)
        elif actor.role == Role.household:
            home = await db.run(household_home, actor=actor)
            # The household's own worker: the one full phone number it is meant to have.
            self.worker_phone_href = home.worker_tel
            self.household = home
            self.active_requests = await db.run(errand_views.requests_for_household,
                                                actor=actor, limit=5, unfinished_only=True,
                                                lang=self.lang)
        elif actor.role == Role.volunteer:
            self.my_hours = await db.run(volunteer_hours.my_hours, actor=actor)
        if actor.role in (Role.volunteer, Role.grid_worker):  # and window taps of a patrol
            return [outbox_replay(), marks_replay()]
        return outbox_replay()  # anything kept offline, whatever form it came from

    @guarded(Role.household)
    async def call_volunteer(self, request_id: int) -> rx.event.EventSpec | None:
        """Dial the volunteer helping with one of the household's own requests: the number
        reaches the phone only on this tap."""
        phone = await db.run(errand_views.volunteer_phone, actor=current_actor(),
                             request_id=arg_id(request_id))
        return browser.dial(phone) if phone else None
