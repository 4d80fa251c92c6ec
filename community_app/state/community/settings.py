"""The community's details on the admin's /me page: the office phone for door notices."""

from __future__ import annotations

from pydantic import BaseModel, Field

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.community import settings
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded


class PhoneForm(BaseModel):
    phone: str = Field(default="", max_length=25)


class CommunitySettingsState(AppState):
    community_phone: str = ""

    @guarded(*ALL_ROLES)
    async def load(self) -> None:
        """Only the admin's page shows the setting; other roles read nothing."""
        if current_actor().role == Role.admin:
            shown = await db.run(settings.community_settings, actor=current_actor())
            self.community_phone = shown.phone

    @guarded(Role.admin)
    async def save_phone(self, form_data: dict) -> None:
        data = PhoneForm.model_validate(form_data if isinstance(form_data, dict) else {})
        shown = await db.run(settings.set_phone, actor=current_actor(), phone=data.phone)
        self.community_phone = shown.phone
        self._flash(tr("community.phone_saved", self.lang))
