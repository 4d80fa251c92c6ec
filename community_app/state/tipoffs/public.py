"""The public tip-off form (/tip?c=KEY) and the status check (/tip/status): no account.

The form carries the community key and a client UUID and is kept in the phone's outbox
(kind "tipoff") when sent with no signal; the page replays what the phone kept when it
loads again (the reporter has no account, so no signed-in replayer applies it). A resend
returns the same receipt code.
"""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from community_app import db
from community_app.i18n import tr
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid
from community_app.services.tipoffs import report
from community_app.state import browser
from community_app.state.auth import client_of
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import public
from community_app.state.outbox import Replayer
from community_app.state.tipoffs.forms import CheckForm, TipForm

TIP_KIND = "tipoff"
TIP_FORM_ID = "tip-form"
MAX_KEPT = 5
RETRY_LATER = ("tipoffs.err.too_many",)


async def _never(actor: Actor, form: dict) -> bool:
    raise ServiceError("err.bad_request")


# Registered so a staff sign-in on the same phone leaves a kept tip-off alone; /tip
# replays it itself (TipState.replay_kept).
TIP_REPLAYER = Replayer(roles=(), apply=_never, saved_key="tipoffs.kept_saved",
                        refused_key="tipoffs.kept_refused")


class TipState(AppState):
    community: str = ""
    link: str = ""
    receipt: str = ""  # the last report's code, shown once sent

    async def _store(self, form: object) -> report.TipReceipt:
        data = TipForm.model_validate(form_dict(form))
        return await db.run(report.submit, link=data.link, client=client_of(self),
                            uuid=data.uuid, what=data.what, place=data.place, seen=data.seen,
                            phone=data.phone)

    @public
    async def load(self) -> rx.event.EventSpec:
        self.community, self.receipt = "", ""
        self.link = str(self.router.url.query_parameters.get("c", ""))[:40]
        found = await db.run(report.board, link=self.link, client=client_of(self))
        self.community = found.community
        return browser.outbox_pending(TIP_KIND, TipState.replay_kept)

    @public
    async def submit(self, form_data: dict) -> list[rx.event.EventSpec]:
        got = await self._store(form_data)
        self.receipt = got.receipt
        uuid = str(form_dict(form_data).get("uuid", ""))
        return [browser.outbox_done(uuid), browser.reset_form(TIP_FORM_ID),
                browser.reset_uuid(TIP_FORM_ID)]

    @public
    async def replay_kept(self, entries: list) -> list[rx.event.EventSpec]:
        """The tip-offs this phone kept while offline (outbox.js), each stored once."""
        done, saved, refused = [], 0, 0
        for entry in (entries if isinstance(entries, list) else [])[:MAX_KEPT]:
            entry = entry if isinstance(entry, dict) else {}
            if entry.get("kind") != TIP_KIND:
                continue
            form = form_dict(entry.get("data"))
            try:
                uuid = check_uuid(form.get("uuid", ""))
            except ServiceError:
                continue
            try:
                self.receipt = (await self._store(form)).receipt
                saved += 1
            except ServiceError as exc:
                if exc.key in RETRY_LATER:
                    continue
                refused += 1
            except ValidationError:
                refused += 1
            done.append(browser.outbox_done(uuid))
        if saved:
            self._flash(tr("tipoffs.kept_saved", self.lang, n=saved))
        if refused:
            self.error = tr("tipoffs.kept_refused", self.lang, n=refused)
        return done


class TipStatusState(AppState):
    receipt: str = ""
    status: str = ""
    received: str = ""
    public_note: str = ""

    @public
    def load(self) -> None:
        self.receipt = self.status = self.received = self.public_note = ""

    @public
    async def check(self, form_data: dict) -> None:
        data = CheckForm.model_validate(form_dict(form_data))
        self.status = ""
        seen = await db.run(report.status, receipt=data.receipt, client=client_of(self))
        self.receipt, self.status = seen.receipt, seen.status
        self.received, self.public_note = seen.received, seen.public_note
