"""An event that finds its tab's state gone (Redis restarted empty, an idle tab expired)
applies after the page's on_load has rebuilt that state, not before it.

Why: when Reflex finds no state for a tab it makes a new one and, in the same event,
sends the page its defaults and chains the page's on_load handlers (then
`set_is_hydrated(True)`) to run AFTER the event (reflex_base/event/processor/
base_state_processor.py, `_execute_event` -> `_rehydrate`). So the event runs on empty
state, and the on_load that follows resets what it did (AskState.load empties the picked
items) or wipes its message (every guarded handler clears `error`): the first tap after
the loss was silently lost. Reflex's own order cannot be changed from the app, so a
guarded handler that arrives while the page is not hydrated yet sends itself again, with
the same arguments, behind those on_load events (`defer_until_loaded`).

Invariants
- The page's own on_load handlers always run at once (they are what hydrates the page).
- An event is sent again at most MAX_DEFERRALS times in a row, so a page whose
  hydration never completes still gets its events applied, never loops.
- Only foreground handlers with JSON-able arguments pass here (every app handler is one).
"""

from __future__ import annotations

import logging
from typing import Any

import reflex as rx
from reflex.event import Event
from reflex_base.registry import RegistrationContext
from reflex_base.utils.format import format_event_handler

from community_app.state.base import AppState, hold_event, release_events

log = logging.getLogger(__name__)
MAX_DEFERRALS = 5


def _load_event_names(state: rx.State) -> set[str] | None:
    """The full names of the current page's on_load handlers (None: cannot tell)."""
    try:
        app = RegistrationContext.get().app
        loads = app.get_load_events(state.router.url.path)
    except (LookupError, AttributeError, ValueError):
        return None
    return {event.name for event in Event.from_event_type(loads)}


async def defer_until_loaded(state: rx.State, name: str, args: tuple,
                             kwargs: dict[str, Any]) -> rx.event.EventSpec | None:
    """The same event again, queued behind the page's on_load, while the tab's state is
    being rebuilt; None when it should run now."""
    base = await state.get_state(AppState)
    root = await state.get_state(rx.State)
    if root.is_hydrated:
        release_events(base)
        return None
    handler = type(state).event_handlers.get(name)
    loads = _load_event_names(state)
    if handler is None or loads is None or format_event_handler(handler) in loads:
        return None  # the page's on_load itself: it is what rebuilds the state
    if not hold_event(base, MAX_DEFERRALS):
        return None
    log.info("%s waits for the page's on_load (tab state rebuilt)", name)
    return handler(*args, **kwargs)
