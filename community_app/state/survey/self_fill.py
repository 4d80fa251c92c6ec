"""Door notice (worker), the public self-fill form (resident), and its review (worker)."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field

from community_app import db, routes
from community_app.i18n import tr
from community_app.services.errors import ServiceError
from community_app.services.qr import qr_data_uri
from community_app.services.survey import current, self_fill, self_fill_review
from community_app.services.survey.self_fill import SelfFillIn
from community_app.services.survey.self_fill_review import PendingFill
from community_app.services.survey.views import ResidentRow
from community_app.state.auth import client_of
from community_app.state.base import AppState
from community_app.state.browser import reset_uuid
from community_app.state.common import (
    MAX_ID_DIGITS,
    SURVEY_ROLES,
    arg_id,
    form_dict,
    query_choice,
    query_int,
)
from community_app.state.guard import current_actor, guarded, public
from community_app.state.survey.visit import MAX_ROWS, blank_row, parse_residents


class NoticeState(AppState):
    place: str = ""
    code: str = ""
    link: str = ""
    qr: str = ""

    @guarded(*SURVEY_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        self.place, self.code = await db.run(current.notice, actor=actor,
                                             household_id=query_int(self, "h"),
                                             round_id=query_choice(self, "r"))
        self.link = f"{self.router.url.origin}{routes.SELF_FILL}?c={self.code}"
        self.qr = qr_data_uri(self.link)


CHANGE = "change:"  # the review form's box for one proposed register change


class SubmitIn(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)


class SelfFillState(AppState):
    place: str = ""
    round_name: str = ""
    residents: list[ResidentRow] = []
    submitted: bool = False

    def _code(self) -> str:
        code = str(self.router.url.query_parameters.get("c", "")).strip().upper()
        if not code.isalnum() or len(code) > 10:
            raise ServiceError("selffill.bad_code")
        return code

    def _client(self) -> str:
        return client_of(self)

    @public
    async def load(self) -> None:
        self.place, self.submitted, self.residents = "", False, [blank_row()]
        ctx = await db.run(self_fill.context, code=self._code(), client=self._client())
        self.place, self.round_name = ctx.place, ctx.round_name

    @public
    def add_resident(self) -> None:
        if self.place and len(self.residents) < MAX_ROWS:
            self.residents = [*self.residents, blank_row()]

    @public
    async def submit(self, form_data: dict) -> rx.event.EventSpec:
        form = form_data if isinstance(form_data, dict) else {}
        uuid = SubmitIn.model_validate(form).uuid
        data = SelfFillIn.model_validate({
            "residents": parse_residents(form, len(self.residents)),
            "needs": form.get("needs", ""), "note": form.get("note", ""),
        })
        await db.run(self_fill.submit, code=self._code(), client=self._client(), uuid=uuid,
                     data=data)
        self.submitted = True
        return reset_uuid("self-fill-form")


class ReviewState(AppState):
    queue: list[PendingFill] = []

    async def _reload(self) -> None:
        self.queue = await db.run(current.self_fill_queue, actor=current_actor())

    async def _decide(self, fill_id: object, accept: bool, changes: list[str]) -> None:
        await db.run(self_fill_review.review, actor=current_actor(), fill_id=arg_id(fill_id),
                     accept=accept, changes=changes)
        self._flash(tr("selffill.accepted" if accept else "selffill.rejected", self.lang))
        await self._reload()

    @guarded(*SURVEY_ROLES)
    async def load(self) -> None:
        await self._reload()

    @guarded(*SURVEY_ROLES)
    async def accept(self, form_data: dict) -> None:
        """The card's form: its fill id and a `change:<key>` box per change the reviewer ticked.

        An unticked change is not applied: the register keeps its value.
        """
        form = form_dict(form_data)
        raw = str(form.get("fill_id", ""))
        if not raw.isdigit() or len(raw) > MAX_ID_DIGITS:
            raise ServiceError("err.bad_request")
        ticked = [str(key)[len(CHANGE):] for key, value in form.items()
                  if str(key).startswith(CHANGE) and value not in ("", None, False)]
        await self._decide(int(raw), True, ticked)

    @guarded(*SURVEY_ROLES)
    async def reject(self, fill_id: int) -> None:
        await self._decide(fill_id, False, [])
