"""The households of `bench.kill9`: each a browser tab on /ask sending errand requests.

Each tab speaks the websocket protocol through rxload's `protocol.ReflexClient` (one tab
token kept across reconnects, as sessionStorage keeps it) and imitates the page's outbox
(assets/js/outbox.js): a request gets a fresh client UUID, is kept until the server's reply
calls `swOutboxDone(<uuid>)` for it, and after a reconnect everything still waiting is
handed to `OutboxState.replay`, as the page does on load.

A request is *acknowledged* when that reply arrived (to its send or to a replay). Nothing
here reads the database: what was stored is counted afterwards, by `bench.kill9`.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RXLOAD_DIR = Path(os.environ.get("RXLOAD_DIR", "/work/shared/tools/rxload"))
if str(RXLOAD_DIR) not in sys.path:
    sys.path.insert(0, str(RXLOAD_DIR))

from rxload.protocol import ReflexClient, is_backend_error  # noqa: E402

PAGE = "/ask/"
ACK_TIMEOUT = 15.0  # no reply by then: treat the socket as dead and reconnect


@dataclass
class Sent:
    """One request as its tab knows it."""

    uuid: str
    client: int
    seq: int
    wish: str
    first_sent: str  # UTC ISO time of the first send
    sends: int = 1
    first_resend: str = ""  # UTC ISO time of the first replay, "" when never replayed
    acked: str = ""  # "", "send" (its own reply) or "replay" (the outbox replay's reply)


@dataclass
class Tab:
    """One household's tab: what it sent, and what happened to its socket."""

    index: int
    cookie: str
    sent: dict[str, Sent] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)  # sent, not yet acknowledged
    connects: int = 0
    connect_failures: int = 0
    disconnects: int = 0
    timeouts: int = 0
    backend_errors: int = 0
    # The app's own messages instead of a save: (text, seconds after the send, event).
    refusals: list[tuple[str, float, str]] = field(default_factory=list)


class Listener:
    """Installed as the client's waiter for good: sees every reply of the socket."""

    def __init__(self) -> None:
        self.acks: dict[str, asyncio.Future] = {}
        self.gone = asyncio.get_running_loop().create_future()
        # The app's own message (AppState.error): the write was refused, nothing was saved.
        self.refused = asyncio.get_running_loop().create_future()
        self.backend_errors = 0

    def expect(self, uuid: str) -> asyncio.Future:
        return self.acks.setdefault(uuid, asyncio.get_running_loop().create_future())

    def feed(self, _t: float, update: dict) -> None:
        if is_backend_error(update):
            self.backend_errors += 1
        for event in update.get("events") or ():
            text = json.dumps(event, ensure_ascii=False)
            if "swOutboxDone" not in text:
                continue
            for uuid, future in self.acks.items():
                if uuid in text and not future.done():
                    future.set_result(True)
        for sub in (update.get("delta") or {}).values():
            if sub.get("error_rx_state_") and not self.refused.done():
                self.refused.set_result(str(sub["error_rx_state_"]))

    def fail(self, exc: BaseException) -> None:
        if not self.gone.done():
            self.gone.set_result(str(exc))
        for future in self.acks.values():
            if not future.done():
                future.set_exception(ConnectionError(str(exc)))
                future.exception()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def form(entry: Sent, household_id: int) -> dict:
    """The /ask form as the browser sends it: one picked line (eggs) and a marked wish."""
    return {"uuid": entry.uuid, "wish": entry.wish, "note": "", "urgency": "today",
            "window": "asap", "payment": "cash_on_delivery",
            "items": json.dumps([{"kind": "eggs", "text": "", "quantity": 1, "note": ""}]),
            "household_id": str(household_id), "need_id": "0"}


@dataclass(frozen=True)
class Driver:
    base_url: str
    send_event: str  # wire name of AskState.send
    replay_event: str  # wire name of OutboxState.replay
    household_ids: list[int]

    async def _connect(self, tab: Tab, token: str) -> tuple[ReflexClient, Listener] | None:
        client = ReflexClient(self.base_url, token=token, page=PAGE, open_timeout=5,
                              extra_headers={"Cookie": tab.cookie}, track_state=False)
        try:
            await client.connect(hydrate_timeout=10)
        except Exception:  # noqa: BLE001 - refused, reset, not hydrated: the server is away
            tab.connect_failures += 1
            await client.close()
            return None
        listener = Listener()
        client._waiter = listener  # noqa: SLF001 - every reply goes to the listener
        if client.closed:  # died between hydrate and here
            listener.fail(ConnectionError(client.close_reason or "closed"))
        tab.connects += 1
        return client, listener

    async def _await_acks(self, tab: Tab, listener: Listener, uuids: list[str],
                          how: str) -> bool:
        """True when every one of `uuids` was acknowledged; False: reconnect."""
        futures = {u: listener.expect(u) for u in uuids}
        started = time.monotonic()
        while not all(f.done() for f in futures.values()) and not listener.gone.done():
            if listener.refused.done():  # kept in the outbox: the next page load replays it
                tab.refusals.append((listener.refused.result(),
                                     round(time.monotonic() - started, 2), how))
                return False
            if time.monotonic() > started + ACK_TIMEOUT:
                tab.timeouts += 1
                return False
            await asyncio.wait([*futures.values(), listener.gone, listener.refused],
                               timeout=0.5, return_when=asyncio.FIRST_COMPLETED)
        ok = True
        for uuid, future in futures.items():
            if future.done() and not future.exception():
                if not tab.sent[uuid].acked:
                    tab.sent[uuid].acked = how
                if uuid in tab.pending:
                    tab.pending.remove(uuid)
            else:
                ok = False
        if not ok:
            tab.disconnects += 1
        return ok

    async def _replay(self, tab: Tab, client: ReflexClient, listener: Listener) -> bool:
        """The page's outbox on load: hand every waiting entry to OutboxState.replay."""
        household = self.household_ids[tab.index]
        entries = []
        for uuid in tab.pending:
            entry = tab.sent[uuid]
            entry.sends += 1
            entry.first_resend = entry.first_resend or _now()
            entries.append({"kind": "errand", "data": form(entry, household)})
        if not entries:
            return True
        try:
            await client._send(client.event_frame(self.replay_event, {"entries": entries}))  # noqa: SLF001
        except Exception:  # noqa: BLE001 - the socket died under the send
            tab.disconnects += 1
            return False
        return await self._await_acks(tab, listener, list(tab.pending), "replay")

    async def run_tab(self, tab: Tab, stop_sending: float, give_up: float) -> None:
        """Send until `stop_sending` (monotonic), then drain the outbox until `give_up`."""
        token = str(uuidlib.uuid4())
        household = self.household_ids[tab.index]
        seq = 0
        while time.monotonic() < give_up and (time.monotonic() < stop_sending or tab.pending):
            connected = await self._connect(tab, token)
            if connected is None:
                await asyncio.sleep(0.2)
                continue
            client, listener = connected
            token = client.token  # a `new_token` from the server is the tab's from now on
            try:
                if not await self._replay(tab, client, listener):
                    continue
                while time.monotonic() < stop_sending:
                    seq += 1
                    uuid = str(uuidlib.uuid4())
                    entry = Sent(uuid=uuid, client=tab.index, seq=seq,
                                 wish=f"k9-{tab.index}-{seq}", first_sent=_now())
                    tab.sent[uuid], tab.pending = entry, [*tab.pending, uuid]
                    listener.expect(uuid)
                    try:
                        await client._send(client.event_frame(  # noqa: SLF001
                            self.send_event, {"form_data": form(entry, household)}))
                    except Exception:  # noqa: BLE001
                        tab.disconnects += 1
                        break
                    if not await self._await_acks(tab, listener, [uuid], "send"):
                        break
            finally:
                tab.backend_errors += listener.backend_errors
                await client.close()


async def drive(driver: Driver, tabs: list[Tab], seconds: float, drain: float) -> None:
    start = time.monotonic()
    await asyncio.gather(*(driver.run_tab(t, start + seconds, start + seconds + drain)
                           for t in tabs))
