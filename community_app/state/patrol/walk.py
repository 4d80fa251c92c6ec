"""Night patrol: the walker's screen and the worker's follow-ups (admin side: patrol_admin)."""

from __future__ import annotations

import logging

import reflex as rx
from pydantic import BaseModel, Field, ValidationError

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import followups as patrol_followups
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from community_app.services.patrol.facade import FacadeUnit, RouteStop
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.walk import TonightCard
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded

WALKERS = (Role.volunteer, Role.grid_worker)
log = logging.getLogger(__name__)
# Window taps kept in the browser (localStorage "sw-patrol", one entry per window, the last
# state wins) until the server confirms them; replayed when the patrol page or home opens.
MAX_MARK_REPLAY = 300


class Id(BaseModel):
    id: int = Field(ge=1)


def toggled(ids: list[int], value: object) -> list[int]:
    """`ids` with a checked id (validated) taken out, or added at the end (walking order)."""
    chosen = Id.model_validate({"id": value}).id
    return [i for i in ids if i != chosen] if chosen in ids else [*ids, chosen]


class FloorMark(BaseModel):
    unit: int = Field(ge=1, le=20)
    floor: int = Field(ge=1, le=60)
    lit: bool


class WindowMark(BaseModel):
    plan_id: int = Field(ge=1)
    household_id: int = Field(ge=1)
    state: str = Field(pattern=r"^(lit|dark|clear)$")


def marks_done(plan_id: int, household_ids: list[int], state: str) -> rx.event.EventSpec:
    return browser.patrol_marks_done(plan_id, household_ids, state)


def marks_replay() -> rx.event.EventSpec:
    """Ask the browser for the window taps the server has not confirmed yet."""
    return browser.patrol_marks_pending(PatrolState.replay_marks)


class Outcome(BaseModel):
    id: int = Field(ge=1)
    outcome: str = Field(pattern=r"^(well|away|needs_help|emergency)$")


class PatrolState(AppState):
    """The walker's screen: the route, one building's façade, sign in / out."""

    plan_id: int = 0
    no_plan: bool = False
    night: str = ""
    window: str = ""
    signed_in: bool = False
    signed_out: bool = False
    route: list[RouteStop] = []
    building_id: int = 0
    building_label: str = ""
    lit: int = 0
    marked: int = 0
    total: int = 0
    percent: int = 0
    finished: bool = False
    side: str = "front"  # the side of the building the walker sees from the path
    units: list[FacadeUnit] = []

    async def _refresh(self) -> None:
        view = await db.run(patrol_facade.patrol_view, actor=current_actor(), plan_id=self.plan_id,
                            building_id=self.building_id)
        self.night, self.window = view.night, view.window
        self.signed_in, self.signed_out = view.signed_in, view.signed_out
        self.route = view.route
        facade = view.facade
        if facade is None:
            self.building_id, self.units = 0, []
            return
        self.building_id = facade.building_id
        self.building_label = facade.label
        self.lit, self.marked, self.total = facade.lit, facade.marked, facade.total
        self.percent, self.finished = facade.percent, facade.finished
        self.side, self.units = facade.side, facade.units

    @guarded(*WALKERS)
    async def load(self) -> rx.event.EventSpec:
        raw = str(self.router.url.query_parameters.get("id", ""))
        self.plan_id, self.building_id, self.no_plan = 0, 0, False
        if raw.isdigit():
            self.plan_id = int(raw)
        else:
            tonight = await db.run(patrol_walk.my_tonight, actor=current_actor())
            if not tonight:
                self.no_plan, self.route, self.units = True, [], []
                return marks_replay()  # taps kept from an earlier page still go out
            self.plan_id = tonight[0].id
        await self._refresh()
        return marks_replay()

    @guarded(*WALKERS)
    async def show_building(self, building_id: int) -> None:
        data = Id.model_validate({"id": building_id})
        self.building_id = data.id
        await self._refresh()

    @guarded(*WALKERS)
    async def set_window(self, household_id: int, state: str) -> rx.event.EventSpec:
        """One tap: the state the walker's screen now shows for that window (not a flip)."""
        data = WindowMark.model_validate({"plan_id": self.plan_id, "household_id": household_id,
                                          "state": state})
        await db.run(patrol_marks.set_window, actor=current_actor(), plan_id=data.plan_id,
                     household_id=data.household_id, state=data.state)
        await self._refresh()
        return marks_done(data.plan_id, [data.household_id], data.state)

    @guarded(*WALKERS)
    async def mark_floor(self, unit: int, floor: int, lit: bool) -> rx.event.EventSpec:
        data = FloorMark.model_validate({"unit": unit, "floor": floor, "lit": lit})
        plan_id, building_id = self.plan_id, self.building_id
        await db.run(patrol_marks.mark_floor, actor=current_actor(), plan_id=plan_id,
                     building_id=building_id, unit=data.unit, floor=data.floor, lit=data.lit)
        await self._refresh()
        # The floor's windows, as drawn after the refresh, to clear their kept taps.
        ids = [w.household_id for u in self.units if u.unit == data.unit for fl in u.floors
               if fl.floor == data.floor for w in fl.windows if w.household_id]
        return marks_done(plan_id, ids, "lit" if data.lit else "dark")

    @guarded(*WALKERS)
    async def replay_marks(self, entries: list) -> list[rx.event.EventSpec]:
        """Window taps the browser kept because the network was gone, last state per window.

        Each is applied through `set_window` (the walker must be signed in on that plan and
        the building unfinished: the service checks), so one delivered twice records once.
        Applied or refused, each leaves the browser; refusals are reported, not retried.
        """
        if not entries or not isinstance(entries, list):
            return []
        actor = current_actor()
        done: list[rx.event.EventSpec] = []
        applied = refused = 0
        for entry in entries[:MAX_MARK_REPLAY]:
            entry = entry if isinstance(entry, dict) else {}
            try:
                data = WindowMark.model_validate(
                    {k: entry.get(k) for k in ("plan_id", "household_id", "state")})
            except ValidationError:
                refused += 1
                continue  # junk: swPatrolPending drops what it cannot read
            try:
                await db.run(patrol_marks.set_window, actor=actor, plan_id=data.plan_id,
                             household_id=data.household_id, state=data.state)
                applied += 1
            except ServiceError as exc:
                log.warning("offline window mark refused: %s", exc)
                refused += 1
            done.append(marks_done(data.plan_id, [data.household_id], data.state))
        if applied:
            self._flash(tr("patrol.marks_sent", self.lang, n=applied))
        if refused:
            self.error = tr("patrol.marks_refused", self.lang, n=refused)
        if applied and self.plan_id:
            await self._refresh()
        return done

    @guarded(*WALKERS)
    async def finish(self) -> None:
        await db.run(patrol_marks.finish_building, actor=current_actor(), plan_id=self.plan_id,
                     building_id=self.building_id)
        self._flash(tr("patrol.finished_notice", self.lang, building=self.building_label))
        self.building_id = 0  # on to the next unfinished building
        await self._refresh()

    @guarded(*WALKERS)
    async def sign_in(self) -> None:
        await db.run(patrol_walk.sign_in, actor=current_actor(), plan_id=self.plan_id)
        await self._refresh()

    @guarded(*WALKERS)
    async def sign_out(self) -> None:
        await db.run(patrol_walk.sign_out, actor=current_actor(), plan_id=self.plan_id)
        self._flash(tr("patrol.signed_out_notice", self.lang))
        await self._refresh()


class PatrolHomeState(AppState):
    """The patrol cards on each role's home: tonight's walk, open follow-ups, escalations."""

    tonight: list[TonightCard] = []
    follow_ups: list[FollowUpRow] = []  # the worker's own buildings, with the phone to call
    escalated: int = 0

    async def _reload(self) -> None:
        actor = current_actor()
        if actor.role in WALKERS:
            self.tonight = await db.run(patrol_walk.my_tonight, actor=actor)
        if actor.role == Role.grid_worker:
            self.follow_ups = await db.run(patrol_followups.open_follow_ups, actor=actor)
        if actor.role == Role.admin:
            self.escalated = len(await db.run(patrol_followups.escalated_follow_ups, actor=actor))

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        await self._reload()

    @guarded(Role.grid_worker)
    async def record_call(self, follow_up_id: int, answered: bool) -> None:
        data = Id.model_validate({"id": follow_up_id})
        if not isinstance(answered, bool):
            raise ServiceError("err.bad_request")
        await db.run(patrol_followups.record_call, actor=current_actor(), follow_up_id=data.id,
                     answered=answered)
        self._flash(tr("common.saved", self.lang))
        await self._reload()

    @guarded(Role.grid_worker)
    async def record_visit(self, follow_up_id: int, outcome: str) -> None:
        data = Outcome.model_validate({"id": follow_up_id, "outcome": outcome})
        await db.run(patrol_followups.record_visit, actor=current_actor(), follow_up_id=data.id,
                     outcome=data.outcome)
        self._flash(tr("common.saved", self.lang))
        await self._reload()

    @guarded(Role.grid_worker)
    async def resolve(self, follow_up_id: int) -> None:
        data = Id.model_validate({"id": follow_up_id})
        await db.run(patrol_followups.resolve, actor=current_actor(), follow_up_id=data.id)
        self._flash(tr("common.saved", self.lang))
        await self._reload()
