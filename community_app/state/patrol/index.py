"""The walker's /patrol page (pages/patrol/index.py): the route, one building's façade to
count on, sign in and out, and the taps the browser kept while the signal was gone."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from community_app import db
from community_app.i18n import tr
from community_app.services.errors import Denied
from community_app.services.patrol import facade as patrol_facade
from community_app.services.patrol import marks as patrol_marks
from community_app.services.patrol import walk as patrol_walk
from community_app.services.patrol.access import PATROL_ROLES
from community_app.services.patrol.facade import (
    BuildingCounts,
    FacadeUnit,
    PatrolView,
    RouteStop,
    Window,
)
from community_app.services.patrol.marks import KeptTap, Replayed
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded
from community_app.state.patrol.forms import FloorMark, Id, WindowMark

WALKERS = PATROL_ROLES
# Window taps kept in the browser (localStorage "sw-patrol", one entry per window, the last
# state wins) until the server confirms them; replayed when the patrol page or home opens.
MAX_MARK_REPLAY = 300


def marks_done(plan_id: int, household_ids: list[int], state: str) -> rx.event.EventSpec:
    return browser.patrol_marks_done(plan_id, household_ids, state)


def marks_replay() -> rx.event.EventSpec:
    """Ask the browser for the window taps the server has not confirmed yet."""
    return browser.patrol_marks_pending(PatrolState.replay_marks)


class PatrolState(AppState):
    """The walker's screen: the route, one building's façade, sign in / out.

    Each handler makes one service call: a load or a building change reads the screen
    (`patrol_view`); a tap, a floor, a finish, a sign-in or -out is one write that returns
    what the screen redraws. Only the offline replay reads the screen after writing.
    """

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
    # Windows a tap changed since the façade was drawn (household id -> state), drawn over
    # `units`: a tap sends this small map and the counts, never the façade or the route.
    marks: dict[str, str] = {}
    # The grid worker of the building on screen, for "call now" when a watched window is
    # dark: this walker's route only (the façade read carries it), never a list of others.
    worker_name: str = ""
    worker_phone: str = ""

    def _show(self, view: PatrolView | None) -> None:
        """Draw a whole screen (None: no plan tonight)."""
        if view is None:
            self.no_plan, self.plan_id, self.route, self.units = True, 0, [], []
            return
        self.plan_id, self.night, self.window = view.plan_id, view.night, view.window
        self.signed_in, self.signed_out = view.signed_in, view.signed_out
        self.route = view.route
        facade = view.facade
        if facade is None:
            self.building_id, self.units = 0, []
            return
        self.building_id = facade.building_id
        self.building_label = facade.label
        self.side, self.units, self.marks = facade.side, facade.units, {}
        self.lit, self.marked, self.total = facade.lit, facade.marked, facade.total
        self.percent, self.finished = facade.percent, facade.finished
        self.worker_name, self.worker_phone = facade.worker_name, facade.worker_phone

    def _show_counts(self, counts: BuildingCounts) -> None:
        """The building's counts in the header; its route stop draws them from there while it
        is on screen (pages/patrol/index.py), so the route is not sent again. A var is only
        set when its value changed: an unchanged var is not sent."""
        for name in ("lit", "marked", "total", "percent", "finished"):
            if getattr(self, name) != getattr(counts, name):
                setattr(self, name, getattr(counts, name))

    def _drawn(self, household_id: int) -> str:
        key = str(household_id)
        if key in self.marks:
            return self.marks[key]
        for unit in self.units:
            for floor in unit.floors:
                for window in floor.windows:
                    if window.household_id == household_id:
                        return window.state
        return ""

    def _show_windows(self, windows: list[Window]) -> None:
        """Draw only the windows a write changed, over the façade already on screen."""
        changed = {str(w.household_id): w.state for w in windows
                   if self._drawn(w.household_id) != w.state}
        if changed:
            self.marks = {**self.marks, **changed}

    @guarded(*WALKERS)
    async def load(self) -> rx.event.EventSpec:
        raw = str(self.router.url.query_parameters.get("id", ""))
        self.plan_id, self.building_id, self.no_plan = 0, 0, False
        # No id: the walker's first plan tonight (patrol_view picks it).
        self._show(await db.run(patrol_facade.patrol_view, actor=current_actor(),
                                plan_id=int(raw) if raw.isdigit() else 0))
        return marks_replay()  # taps kept from an earlier page still go out

    @guarded(*WALKERS)
    async def show_building(self, building_id: int) -> None:
        data = Id.model_validate({"id": building_id})
        if not self.plan_id:
            raise Denied()  # no plan open: plan 0 would mean "tonight's" to patrol_view
        self._show(await db.run(patrol_facade.patrol_view, actor=current_actor(),
                                plan_id=self.plan_id, building_id=data.id))

    @guarded(*WALKERS)
    async def set_window(self, household_id: int, state: str) -> rx.event.EventSpec:
        """One tap: the state the walker's screen now shows for that window (not a flip)."""
        data = WindowMark.model_validate({"plan_id": self.plan_id, "household_id": household_id,
                                          "state": state})
        tap = await db.run(patrol_marks.set_window, actor=current_actor(), plan_id=data.plan_id,
                           household_id=data.household_id, state=data.state)
        self._show_windows([tap.window])
        self._show_counts(tap.counts)
        return marks_done(data.plan_id, [data.household_id], data.state)

    @guarded(*WALKERS)
    async def mark_floor(self, unit: int, floor: int, lit: bool) -> rx.event.EventSpec:
        data = FloorMark.model_validate({"unit": unit, "floor": floor, "lit": lit})
        plan_id = self.plan_id
        tap = await db.run(patrol_marks.mark_floor, actor=current_actor(), plan_id=plan_id,
                           building_id=self.building_id, unit=data.unit, floor=data.floor,
                           lit=data.lit)
        self._show_windows(tap.windows)
        self._show_counts(tap.counts)
        # The floor's windows, to clear the taps the browser kept for them.
        return marks_done(plan_id, [w.household_id for w in tap.windows],
                          "lit" if data.lit else "dark")

    @guarded(*WALKERS)
    async def replay_marks(self, entries: list) -> list[rx.event.EventSpec]:
        """Window taps the browser kept because the network was gone, last state per window.

        Each is applied like a live tap (the walker must be signed in on that plan and the
        building unfinished: the service checks), so one delivered twice records once.
        Applied or refused, each leaves the browser; refusals are reported, not retried.
        """
        if not entries or not isinstance(entries, list):
            return []
        taps: list[KeptTap] = []
        junk = 0
        for entry in entries[:MAX_MARK_REPLAY]:
            entry = entry if isinstance(entry, dict) else {}
            try:
                data = WindowMark.model_validate(
                    {k: entry.get(k) for k in ("plan_id", "household_id", "state")})
            except ValidationError:
                junk += 1
                continue  # junk: swPatrolPending drops what it cannot read
            taps.append(KeptTap(plan_id=data.plan_id, household_id=data.household_id,
                                state=data.state))
        replayed = (await db.run(patrol_marks.replay_windows, actor=current_actor(), taps=taps)
                    if taps else Replayed(applied=0, changed=0, refused=0, settled=[]))
        # Only windows the server did not already show count as sent: taps whose own reply
        # was merely lost change nothing, and claiming them would be a false "sent".
        if replayed.changed:
            self._flash(tr("patrol.marks_sent", self.lang, n=replayed.changed))
        if replayed.refused + junk:
            self.error = tr("patrol.marks_refused", self.lang, n=replayed.refused + junk)
        if replayed.changed and self.plan_id:  # the one read: the screen as now counted
            self._show(await db.run(patrol_facade.patrol_view, actor=current_actor(),
                                    plan_id=self.plan_id, building_id=self.building_id))
        return [marks_done(t.plan_id, [t.household_id], t.state) for t in replayed.settled]

    @guarded(*WALKERS)
    async def finish(self, building_id: int) -> None:
        """本栋查完 on the building the screen showed when tapped (the event carries it): a
        second tap arriving after the next building opened finishes nothing and says nothing."""
        data = Id.model_validate({"id": building_id})
        label = next((s.label for s in self.route if s.building_id == data.id), "")
        done = await db.run(patrol_marks.finish_building, actor=current_actor(),
                            plan_id=self.plan_id, building_id=data.id)
        self._show(done.view)
        if not done.changed:
            return
        facade = done.view.facade
        if facade is not None and not facade.finished:
            self._flash(tr("patrol.finished_next", self.lang, building=label,
                           next=facade.label))
        else:
            self._flash(tr("patrol.finished_all", self.lang, building=label))

    @guarded(*WALKERS)
    async def sign_in(self) -> None:
        self._show(await db.run(patrol_walk.sign_in, actor=current_actor(),
                                plan_id=self.plan_id, building_id=self.building_id))

    @guarded(*WALKERS)
    async def sign_out(self) -> None:
        self._show(await db.run(patrol_walk.sign_out, actor=current_actor(),
                                plan_id=self.plan_id, building_id=self.building_id))
        self._flash(tr("patrol.signed_out_notice", self.lang))
