"""Forms saved in the browser while the network was gone (the outbox), applied once each.

A form marked `data-sw-outbox="<kind>"` is copied to localStorage when submitted and
removed when the server confirms it (`outbox_done`). The next time the user opens the home
screen or that form's page, the browser hands the entries still waiting to
`OutboxState.replay`, which applies each through the replayer registered for its kind.

Invariants:
- Every entry carries the record's client UUID, so an entry applied twice (its first send
  did reach the server after all) records once.
- An entry whose record is already stored (the save committed but its reply was lost with
  the socket) is confirmed to the person exactly like a fresh save: counted in the "sent"
  message and dropped from the outbox, and the browser clears any form still holding its
  UUID (swOutboxDone), so nobody is invited to ask a second time.
- An entry the signed-in role may not apply (another person used this phone) stays in the
  outbox for its owner; an entry that is applied or refused (invalid, out of scope) leaves
  it, and a refusal is reported instead of being retried forever.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import reflex as rx
from pydantic import ValidationError

from community_app.i18n import tr
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.errors import ServiceError
from community_app.services.idempotency import check_uuid
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.guard import ALL_ROLES, current_actor, guarded

log = logging.getLogger(__name__)
MAX_REPLAY = 50


@dataclass(frozen=True)
class Replayer:
    roles: tuple[Role, ...]
    # Applies one stored form as `actor`; True when it created the record, False when the
    # record was already stored (both are confirmed to the person as saved).
    apply: Callable[[Actor, dict], Awaitable[bool]]
    saved_key: str  # catalog key, "{n} ... saved"
    refused_key: str  # catalog key, "{n} ... could not be saved"


REPLAYERS: dict[str, Replayer] = {}


def register(kind: str, replayer: Replayer) -> None:
    """Called by the composition root (community_app.py): this registry imports no domain."""
    REPLAYERS[kind] = replayer


def outbox_replay(kind: str = "") -> rx.event.EventSpec:
    """Ask the browser for the entries still waiting (of one kind, or all of them)."""
    return browser.outbox_pending(kind, OutboxState.replay)


def _uuid_of(form: object) -> str | None:
    try:
        return check_uuid(str((form if isinstance(form, dict) else {}).get("uuid", "")))
    except ServiceError:
        return None


class OutboxState(AppState):
    @guarded(*ALL_ROLES)
    async def replay(self, entries: list) -> list[rx.event.EventSpec]:
        if not entries or not isinstance(entries, list):
            return []
        actor = current_actor()
        done: list[rx.event.EventSpec] = []
        saved: dict[str, int] = {}
        refused: dict[str, int] = {}
        created = False
        for entry in entries[:MAX_REPLAY]:
            entry = entry if isinstance(entry, dict) else {}
            kind, form = str(entry.get("kind", "")), entry.get("data")
            replayer = REPLAYERS.get(kind)
            if replayer is None or actor.role not in replayer.roles:
                # Someone else's, entered on this phone (a resident's self-fill, another
                # role's form), or a kind this server does not know: left on the phone.
                continue
            try:
                if not isinstance(form, dict):
                    raise ServiceError("err.bad_request")
                created = await replayer.apply(actor, form) or created
                saved[kind] = saved.get(kind, 0) + 1
            except (ServiceError, ValidationError) as exc:
                log.warning("offline %s refused: %s", kind, exc)
                refused[kind] = refused.get(kind, 0) + 1
            uuid = _uuid_of(form)
            if uuid:
                done.append(browser.outbox_done(uuid))
        self._report(saved, refused)
        if created:  # the page was drawn before these records existed: draw it again
            done.append(browser.reload_page())
        return done

    def _report(self, saved: dict[str, int], refused: dict[str, int]) -> None:
        if saved:
            self._flash(" ".join(tr(REPLAYERS[k].saved_key, self.lang, n=n)
                                 for k, n in saved.items()))
        if refused:
            self.error = " ".join(
                tr(REPLAYERS[k].refused_key, self.lang, n=n) for k, n in refused.items())
