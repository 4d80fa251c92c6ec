"""Door notice (worker), the public self-fill form (resident), and its review (worker).

The self-fill form carries its code, its rows and a client UUID, and the browser's outbox
keeps it (kind "self_fill") until the server confirms it: a resident with no signal loses
nothing, and the page replays what the phone kept the next time it loads (on a reconnect
too). A resident has no account, so that replay is the page's own public handler.
"""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field, ValidationError

from community_app import db, routes
from community_app.i18n import tr
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid
from community_app.services.qr import qr_data_uri
from community_app.services.survey import current, self_fill, self_fill_review
from community_app.services.survey.self_fill import SelfFillIn
from community_app.services.survey.self_fill_review import PendingFill
from community_app.services.survey.views import ResidentRow
from community_app.state import browser
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
from community_app.state.outbox import Replayer
from community_app.state.survey.visit import MAX_ROWS, blank_row, parse_residents


class NoticeState(AppState):
    place: str = ""
    code: str = ""
    link: str = ""
    qr: str = ""
    phone: str = ""

    @guarded(*SURVEY_ROLES)
    async def load(self) -> None:
        actor = current_actor()
        self.place, self.code, self.phone = await db.run(
            current.notice, actor=actor, household_id=query_int(self, "h"),
            round_id=query_choice(self, "r"))
        self.link = f"{self.router.url.origin}{routes.SELF_FILL}?c={self.code}"
        self.qr = qr_data_uri(self.link)


CHANGE = "change:"  # the review form's box for one proposed register change


class SubmitIn(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    code: str = Field(min_length=1, max_length=10, pattern=r"^[A-Za-z0-9]+$")


SELF_FILL_KIND = "self_fill"  # the form's outbox kind
MAX_KEPT = 5  # a phone's kept self-fills read per load (the service's rate limit is 5 too)
# Refusals worth trying again later: the entry stays on the phone.
RETRY_LATER = ("selffill.too_many",)


async def _never(actor: Actor, form: dict) -> bool:
    raise ServiceError("err.bad_request")


# A resident has no account: no signed-in role applies a kept self-fill (OutboxState leaves
# it on the phone), the public page does (SelfFillState.replay_kept). Registered so that a
# worker signing in on the same phone never refuses and drops it as an unknown kind.
SELF_FILL_REPLAYER = Replayer(roles=(), apply=_never, saved_key="selffill.kept_saved",
                              refused_key="selffill.kept_refused")


def parse_self_fill(form: object) -> tuple[SubmitIn, SelfFillIn]:
    """The submitted form alone (its code, UUID and rows): no server state is needed, so a
    form kept offline applies the same into a restarted server."""
    form = form_dict(form)
    head = SubmitIn.model_validate({"uuid": form.get("uuid", ""), "code": form.get("code", "")})
    data = SelfFillIn.model_validate({
        "residents": parse_residents(form), "needs": form.get("needs", ""),
        "note": form.get("note", ""),
    })
    return head, data


class SelfFillState(AppState):
    place: str = ""
    code: str = ""
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

    async def _store(self, form: object) -> tuple[str, bool]:
        head, data = parse_self_fill(form)
        stored = await db.run(self_fill.submit, code=head.code.upper(), client=self._client(),
                              uuid=head.uuid, data=data)
        return head.uuid, stored

    @public
    async def load(self) -> rx.event.EventSpec:
        self.place, self.submitted, self.residents = "", False, [blank_row()]
        self.code = self._code()
        ctx = await db.run(self_fill.context, code=self.code, client=self._client())
        self.place, self.round_name = ctx.place, ctx.round_name
        return browser.outbox_pending(SELF_FILL_KIND, SelfFillState.replay_kept)

    @public
    def add_resident(self) -> None:
        if self.place and len(self.residents) < MAX_ROWS:
            self.residents = [*self.residents, blank_row()]

    @public
    async def submit(self, form_data: dict) -> list[rx.event.EventSpec]:
        uuid, _ = await self._store(form_data)
        self.submitted = True
        return [browser.outbox_done(uuid), reset_uuid("self-fill-form")]

    @public
    async def replay_kept(self, entries: list) -> list[rx.event.EventSpec]:
        """The self-fills this phone kept while offline (outbox.js), each stored once."""
        done, saved, refused = [], 0, 0
        for entry in (entries if isinstance(entries, list) else [])[:MAX_KEPT]:
            entry = entry if isinstance(entry, dict) else {}
            if entry.get("kind") != SELF_FILL_KIND:
                continue
            form = form_dict(entry.get("data"))
            try:
                uuid = check_uuid(form.get("uuid", ""))
            except ServiceError:
                continue  # not one of this page's forms: left alone
            try:
                saved += (await self._store(form))[1]
            except ServiceError as exc:
                if exc.key in RETRY_LATER:
                    continue
                refused += 1
            except ValidationError:
                refused += 1
            done.append(browser.outbox_done(uuid))
        if saved:
            self.submitted = True
            self._flash(tr("selffill.kept_saved", self.lang, n=saved))
        if refused:
            self.error = tr("selffill.kept_refused", self.lang, n=refused)
        return done


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
