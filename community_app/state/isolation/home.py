"""The isolation part of the home screens: the household's own case, the admin's fever alerts.

The household reports a temperature in three taps: the big button on the person's card
opens the pad (1), a whole degree 35-40 (2), a tenth .0-.9 which saves at once with the
form's client UUID (3). The pad lives in the browser (state/isolation/pad.py), so no
reconnect can close it under the household's finger. For a while after saving the card
offers "改正 / Correct", which voids that reading (services.isolation.household) and
reopens the pad.
"""

from __future__ import annotations

import time

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.isolation import household as isolation_household
from community_app.services.isolation import readings as isolation_readings
from community_app.services.isolation.household import HouseholdPerson
from community_app.services.isolation.readings import AlertRow
from community_app.state.base import AppState
from community_app.state.browser import scroll_into_view, sheet_open
from community_app.state.common import arg_id
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.isolation.pad import household_report, parse_reading

# A second tap of a double tap on the tenth can land on "Correct" once the pad closes.
CORRECT_GRACE_SECONDS = 1.0
PAD_FORM = "household-pad"


class IsolationHomeState(AppState):
    """Household: its own case, people, three-tap pad. Admin and worker: open fever alerts."""

    case_state: str = ""  # "" | "none" | "open" | "ended"
    case_id: int = 0
    day_no: int = 0
    period: int = 0
    end_date: str = ""
    closed_day: str = ""
    people: list[HouseholdPerson] = []
    alerts: list[AlertRow] = []
    fever_value: str = ""
    _saved_at: float = 0.0

    def _show(self, view: isolation_household.HouseholdCase) -> None:
        self.case_state, self.case_id = view.state, view.case_id
        self.day_no, self.period = view.day_no, view.period
        self.end_date, self.closed_day = view.end_date, view.closed_day
        self.people = view.people

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        """One read for the role: the household its own case, staff the open fever alerts."""
        self.case_state = self.fever_value = ""
        self.people = []
        self.alerts = []
        actor = current_actor()
        if actor.role == Role.household:
            self._show(await db.run(isolation_household.household_case, actor=actor))
        elif actor.role in (Role.admin, Role.grid_worker):
            self.alerts = await db.run(isolation_readings.open_alerts, actor=actor)

    @guarded(Role.household)
    async def save_reading(self, form_data: dict) -> rx.event.EventSpec:
        """Tap 3: the tenth saves the reading at once (a replayed uuid records once)."""
        data = parse_reading(form_data, Role.household)
        saved = await household_report(current_actor(), data)
        result = saved.reading
        self._saved_at = time.time()
        # A high reading is shown in red on the page itself, not as a passing notice.
        self.fever_value = result.value if result.fever else ""
        self._flash("" if result.fever else
                    tr("isolation.reading_saved", self.lang, value=result.value))
        self._show(saved.page)
        # The result, its warning and 改正 together in view (the pad was over the page).
        return scroll_into_view(f"person-result-{data.resident_id}")

    @guarded(Role.household)
    async def correct(self, reading_id: int) -> rx.event.EventSpec | None:
        """Void the household's own recent reading (a typo) and reopen the pad."""
        reading_id = arg_id(reading_id)
        if time.time() - self._saved_at < CORRECT_GRACE_SECONDS:
            return None
        done = await db.run(isolation_household.correct, actor=current_actor(),
                            reading_id=reading_id)
        result = done.voided
        if self.fever_value == result.value:
            self.fever_value = ""
        self._show(done.page)
        name = next((p.name for p in self.people if p.id == result.resident_id), "")
        self._flash(tr("isolation.corrected", self.lang, value=result.value))
        return sheet_open(PAD_FORM, {"case_id": self.case_id,
                                     "resident_id": result.resident_id, "title": name})
