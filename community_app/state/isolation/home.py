"""The isolation part of the home screens: the household's own case, the admin's fever alerts.

The household reports a temperature in three taps: the big button on the person's card
opens the pad (1), a whole degree 35-40 (2), a tenth .0-.9 which saves at once with the
form's client UUID (3). For a while after saving the card offers "改正 / Correct", which
voids that reading (services.isolation.household) and reopens the pad.
"""

from __future__ import annotations

import time

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.isolation import household as isolation_household
from community_app.services.isolation import readings as isolation_readings
from community_app.services.isolation.household import HouseholdPerson
from community_app.services.isolation.readings import AlertRow
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import arg_id
from community_app.state.guard import ALL_ROLES, current_actor, guarded
from community_app.state.isolation.pad import PadMixin

# The whole degrees on the household's pad. 34.x is almost always a thermometer not held
# long enough, 41+ an emergency to phone about: the pad says so instead of offering them
# (the service still accepts 34.0-43.0, e.g. from a worker's phone call).
DEGREES = ("35", "36", "37", "38", "39", "40")
TENTHS = tuple("0123456789")
# A second tap of a double tap on the tenth can land on "Correct" once the pad closes.
CORRECT_GRACE_SECONDS = 1.0


class HouseholdReading(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    tenth: str = Field(pattern=r"^[0-9]$")


class IsolationHomeState(PadMixin, AppState):
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
        self._close_pad()
        self.case_state = self.fever_value = ""
        self.people = []
        self.alerts = []
        actor = current_actor()
        if actor.role == Role.household:
            self._show(await db.run(isolation_household.household_case, actor=actor))
        elif actor.role in (Role.admin, Role.grid_worker):
            self.alerts = await db.run(isolation_readings.open_alerts, actor=actor)

    @guarded(Role.household)
    def open_pad(self, resident_id: int, name: str) -> None:
        """Tap 1. The case is the household's own; the service re-checks both ids on save."""
        self._open_pad(self.case_id, resident_id, name)

    @guarded(Role.household)
    def close_pad(self) -> None:
        self._close_pad()

    @guarded(Role.household)
    def pad_degree(self, whole: str) -> None:
        """Tap 2: the whole degree. Anything but 35-40 is refused with the reason, never
        silently dropped (the household must know its number was not taken)."""
        if whole not in DEGREES:
            raise ServiceError("isolation.pad_out_of_range")
        if self.pad_resident_id:  # a closed pad: the late tap of a double tap, nothing to do
            self.pad_digits = whole

    @guarded(Role.household)
    def pad_back(self) -> None:
        self.pad_digits = ""

    @guarded(Role.household)
    async def save_reading(self, form_data: dict) -> rx.event.EventSpec | None:
        """Tap 3: the tenth saves the reading at once (a replayed uuid records once)."""
        raw = form_data if isinstance(form_data, dict) else {}
        if raw.get("tenth") not in TENTHS:
            raise ServiceError("isolation.pad_out_of_range")
        data = HouseholdReading.model_validate(raw)
        if not self.pad_resident_id:
            return None  # the pad was closed by the first tap of a double tap
        if self.pad_digits not in DEGREES:  # set by nothing but a forged call: say so
            raise ServiceError("isolation.pad_out_of_range")
        saved = await db.run(
            isolation_household.report, actor=current_actor(), uuid=data.uuid,
            case_id=self.pad_case_id, resident_id=self.pad_resident_id,
            value=f"{self.pad_digits}.{data.tenth}",
        )
        result = saved.reading
        self._close_pad()
        self._saved_at = time.time()
        # A high reading is shown in red on the page itself, not as a passing notice.
        self.fever_value = result.value if result.fever else ""
        self._flash("" if result.fever else
                    tr("isolation.reading_saved", self.lang, value=result.value))
        self._show(saved.page)
        return reset_uuid("household-isolation")

    @guarded(Role.household)
    async def correct(self, reading_id: int) -> None:
        """Void the household's own recent reading (a typo) and reopen the pad."""
        reading_id = arg_id(reading_id)
        if time.time() - self._saved_at < CORRECT_GRACE_SECONDS:
            return
        done = await db.run(isolation_household.correct, actor=current_actor(),
                            reading_id=reading_id)
        result = done.voided
        if self.fever_value == result.value:
            self.fever_value = ""
        self._show(done.page)
        name = next((p.name for p in self.people if p.id == result.resident_id), "")
        self._open_pad(self.case_id, result.resident_id, name)
        self._flash(tr("isolation.corrected", self.lang, value=result.value))
