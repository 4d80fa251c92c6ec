"""The staff page (/staff): staff accounts, disabling, and which buildings each grid worker
covers.

Invariants
- Admin only. Lists hold masked phones only.
- A new account's password, and a reset one, is a one-time secret: it is in a
  browser-visible var from the create or reset that issued it until the admin dismisses it
  ("I wrote it down"), issues another, or the page loads again, whichever comes first. A
  replayed create issues nothing and shows no password.
- Each handler makes one service call: a write returns the whole screen after it
  (services/community/staff.py), a load reads it once.
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.community import staff as staff_screen
from community_app.services.community.staff import StaffRow, StaffScreen
from community_app.services.community.views import CompoundGroup
from community_app.services.errors import ServiceError
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.guard import current_actor, guarded


class NewStaff(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    username: str = Field(min_length=3, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")
    display_name: str = Field(min_length=1, max_length=50)
    phone: str = Field(default="", pattern=r"^(\+?\d{5,15})?$")
    role: Role


class StaffState(AppState):
    staff: list[StaffRow] = []
    compounds: list[CompoundGroup] = []  # every building, grouped for the picker
    issued_username: str = ""
    issued_password: str = ""  # one-time secret, see the module note
    issued_by_reset: bool = False  # shown on the person's card, not under the new-staff form
    confirm_reset_id: int = 0  # the person whose reset waits for the admin's confirmation
    assigning_id: int = 0
    assigning_name: str = ""
    chosen: list[int] = []

    def _show(self, screen: StaffScreen) -> None:
        self.staff, self.compounds = screen.staff, screen.compounds

    def _forget_issued(self) -> None:
        self.issued_username = self.issued_password = ""
        self.issued_by_reset = False
        self.confirm_reset_id = 0

    @guarded(Role.admin)
    async def load(self) -> None:
        self._forget_issued()
        self.assigning_id = 0
        self._show(await db.run(staff_screen.staff_screen, actor=current_actor()))

    @guarded(Role.admin)
    async def create(self, form_data: dict) -> rx.event.EventSpec:
        data = NewStaff.model_validate(form_data if isinstance(form_data, dict) else {})
        screen = await db.run(staff_screen.add_staff, actor=current_actor(), **data.model_dump())
        self._show(screen)
        self._forget_issued()
        issued = screen.issued
        self.issued_username = issued.username if issued else ""
        self.issued_password = issued.secret if issued else ""
        return reset_uuid("staff-form")

    @guarded(Role.admin)
    def dismiss_issued(self) -> None:
        """The admin has written the password down: it leaves the state."""
        self._forget_issued()

    @guarded(Role.admin)
    def ask_reset(self, user_id: int) -> None:
        """The first tap on 重置密码: the card asks to confirm (the person is signed out)."""
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            raise ServiceError("err.bad_request")
        self._forget_issued()
        self.confirm_reset_id = user_id

    @guarded(Role.admin)
    def cancel_reset(self) -> None:
        self.confirm_reset_id = 0

    @guarded(Role.admin)
    async def reset_password(self, user_id: int) -> None:
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            raise ServiceError("err.bad_request")
        self._forget_issued()
        screen = await db.run(staff_screen.reset_password, actor=current_actor(),
                              user_id=user_id)
        self._show(screen)
        issued = screen.issued
        self.issued_username, self.issued_password = issued.username, issued.secret
        self.issued_by_reset = True

    @guarded(Role.admin)
    async def set_active(self, user_id: int, active: bool) -> None:
        if not isinstance(user_id, int) or not isinstance(active, bool):
            raise ServiceError("err.bad_request")
        self._show(await db.run(staff_screen.set_staff_active, actor=current_actor(),
                                user_id=user_id, active=active))

    @guarded(Role.admin)
    def start_assign(self, user_id: int) -> None:
        worker = next((s for s in self.staff if s.id == user_id), None)
        if worker is None or worker.role != Role.grid_worker.value:
            raise ServiceError("err.not_a_worker")
        self.assigning_id = user_id
        self.assigning_name = worker.name
        self.chosen = [b.id for g in self.compounds for b in g.buildings
                       if b.worker_id == user_id]

    @guarded(Role.admin)
    def toggle_building(self, building_id: int) -> None:
        if not isinstance(building_id, int):
            raise ServiceError("err.bad_request")
        if building_id in self.chosen:
            self.chosen = [b for b in self.chosen if b != building_id]
        else:
            self.chosen = [*self.chosen, building_id]

    @guarded(Role.admin)
    def toggle_compound(self, compound_id: int) -> None:
        """整个小区: tick every building of the compound, or untick them all when all are."""
        group = next((g for g in self.compounds if g.id == compound_id), None)
        if not isinstance(compound_id, int) or group is None:
            raise ServiceError("err.bad_request")
        ids = [b.id for b in group.buildings]
        if set(ids) <= set(self.chosen):
            self.chosen = [b for b in self.chosen if b not in ids]
        else:
            self.chosen = [*self.chosen, *[b for b in ids if b not in self.chosen]]

    @rx.var
    def whole_compounds(self) -> list[int]:
        """The compounds every building of which is ticked (their 整个小区 box is ticked)."""
        chosen = set(self.chosen)
        return [g.id for g in self.compounds if {b.id for b in g.buildings} <= chosen]

    @guarded(Role.admin)
    def cancel_assign(self) -> None:
        self.assigning_id = 0

    @guarded(Role.admin)
    async def save_assignment(self) -> None:
        screen = await db.run(staff_screen.assign_worker, actor=current_actor(),
                              user_id=self.assigning_id, building_ids=list(self.chosen))
        self._show(screen)
        self.assigning_id = 0
        self._flash(tr("staff.assigned", self.lang))
