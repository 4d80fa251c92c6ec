"""An event that finds its tab's state rebuilt (Redis back empty) applies after the page's
on_load, never before it (state/hydration.py); the browser test with a real Redis is
tests/e2e/test_redis_outage.py."""

from __future__ import annotations

import reflex as rx

from community_app.state.base import AppState
from community_app.state.errands.ask import AskState
from community_app.state.hydration import MAX_DEFERRALS
from tests.state_harness import call, new_state


async def test_an_event_on_a_rebuilt_state_waits_for_the_page_load(w):
    """Reflex chains the page's on_load after the first event on a new state; the event
    sends itself again behind it, a bounded number of times, then runs."""
    state = await new_state(AskState, token=w.tokens["household"])
    root = await state.get_state(rx.State)
    root.is_hydrated = False  # what Reflex leaves while the on_load it chained is pending
    for _ in range(MAX_DEFERRALS):
        again = await call(state, "toggle_item", "rice")
        assert isinstance(again, rx.event.EventSpec) and again.args[0][1]._var_value == "rice"
        assert "toggle_item" in again.handler.fn.__qualname__
        assert state.picked == []
    await call(state, "toggle_item", "rice")  # never a loop: then it simply runs
    assert [p.kind for p in state.picked] == ["rice"]
    root.is_hydrated = True  # hydrated: every event runs at once
    assert await call(state, "toggle_item", "eggs") is None
    assert [p.kind for p in state.picked] == ["rice", "eggs"]
    assert (await state.get_state(AppState)).error == ""
