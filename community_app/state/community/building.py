"""One building (/building?id=): its floor-by-unit grid, the side its night patrol walks
past, and opening a household's login from a tapped flat.

Invariants
- The grid is read once on load and shows masked heads of household only.
- A household's PIN is a one-time secret: it is in a browser-visible var only between the
  open that issued it and the next close, selection or load, whichever comes first. A
  replayed open (the same form uuid) issues nothing and shows no PIN.
- Each handler makes one service call: the grid read, the path-side write (returning the
  side now stored), or the account write (returning the code and PIN to show).
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db, routes
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.community import accounts
from community_app.services.community import views as community
from community_app.services.community.views import UnitBlock
from community_app.services.errors import ServiceError
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.guard import current_actor, guarded

GRID_ROLES = (Role.admin, Role.grid_worker)


class OpenAccount(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    household_id: int = Field(ge=1)


class PathSideChoice(BaseModel):
    side: str = Field(pattern=r"^(front|back)$")


class BuildingState(AppState):
    building_id: int = 0
    path_side: str = "front"  # the side the night patrol walks past
    building_label: str = ""
    building_households: int = 0
    units: list[UnitBlock] = []
    selected_id: int = 0
    selected_label: str = ""
    issued_code: str = ""
    issued_pin: str = ""  # one-time secret, see the module note
    login_url: str = ""  # where the household signs in, shown on the login card

    @guarded(*GRID_ROLES)
    async def load(self) -> None:
        self._clear_selection()  # before the read: a refused load leaves no PIN behind
        raw = self.router.url.query_parameters.get("id", "")
        if not str(raw).isdigit():
            raise ServiceError("err.bad_request")
        grid = await db.run(community.building_grid, actor=current_actor(), building_id=int(raw))
        self.building_id = grid.id
        self.building_label = grid.label
        self.path_side = grid.path_side
        self.building_households = grid.households
        self.units = grid.units
        self.login_url = f"{self.router.url.origin}{routes.HOUSEHOLD_LOGIN}"

    @guarded(Role.admin)
    async def set_path_side(self, side: str) -> None:
        data = PathSideChoice.model_validate({"side": side})
        self.path_side = await db.run(community.set_path_side, actor=current_actor(),
                                      building_id=self.building_id, side=data.side)
        self._flash(tr("common.saved", self.lang))

    def _clear_selection(self) -> None:
        self.selected_id = 0
        self.selected_label = ""
        self.issued_code = ""
        self.issued_pin = ""

    @guarded(*GRID_ROLES)
    def select_household(self, household_id: int, label: str) -> None:
        # Only what the tapped cell already showed; the account itself is checked on open.
        self._clear_selection()
        if isinstance(household_id, int) and household_id > 0:
            self.selected_id = household_id
            self.selected_label = str(label)[:20]

    @guarded(*GRID_ROLES)
    def close_household(self) -> None:
        """Close the sheet; also the "I wrote it down" of a shown PIN, which it forgets."""
        self._clear_selection()

    @guarded(*GRID_ROLES)
    async def open_account(self, form_data: dict) -> rx.event.EventSpec:
        data = OpenAccount.model_validate(form_data if isinstance(form_data, dict) else {})
        issued = await db.run(
            accounts.open_household_account,
            actor=current_actor(),
            uuid=data.uuid,
            household_id=data.household_id,
        )
        self.issued_code = issued.username
        self.issued_pin = issued.secret
        if not issued.secret:
            self._flash(tr("building.account_replayed", self.lang))
        return reset_uuid("open-account-form")
