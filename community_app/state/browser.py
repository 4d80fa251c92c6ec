"""Every script the server asks the browser to run, in one place.

Each call names a function that the app's own scripts (assets/*.js) define, or a plain
browser action; arguments always go through `json.dumps`, never string concatenation,
so nothing typed by a person can become code.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import reflex as rx

from community_app.services.idempotency import check_uuid


def full_page_load(url: str) -> rx.event.EventSpec:
    """Leave the single-page app for a real request (an HTTP route that sets cookies)."""
    return rx.call_script(f"window.location.replace({json.dumps(url)})")


# Reflex keeps the tab token under this sessionStorage key (TOKEN_KEY in its state.js).
TAB_TOKEN_KEY = "token"


def sign_out_page_load(url: str) -> rx.event.EventSpec:
    """Leave for a real request with no tab token: the next page gets a new tab state, so the
    next person on a shared phone never holds the signed-out one's (reset) state."""
    return rx.call_script(f"window.sessionStorage.removeItem({json.dumps(TAB_TOKEN_KEY)}); "
                          f"window.location.replace({json.dumps(url)})")


def reload_page() -> rx.event.EventSpec:
    return rx.call_script("window.location.reload()")


def reset_form(form_id: str) -> rx.event.EventSpec:
    """Empty an uncontrolled form after it was saved (its inputs hold the typed values)."""
    return rx.call_script(f"document.getElementById({json.dumps(form_id)})?.reset()")


def dial(phone: str) -> rx.event.EventSpec:
    return rx.call_script(f"window.location.href = {json.dumps('tel:' + phone)}")


def outbox_done(uuid: str) -> rx.event.EventSpec:
    """The record with this client UUID is stored: the browser's outbox may drop it."""
    return rx.call_script(f"window.swOutboxDone({json.dumps(check_uuid(uuid))})")


def outbox_pending(kind: str, callback: Callable) -> rx.event.EventSpec:
    """Ask the browser for the outbox entries still waiting (of one kind, or all)."""
    return rx.call_script(
        f"window.swOutboxPending ? window.swOutboxPending({json.dumps(kind)}) : []",
        callback=callback,
    )


def patrol_marks_done(plan_id: int, household_ids: list[int], state: str) -> rx.event.EventSpec:
    """These windows are stored as `state`: the browser's kept taps for them can go."""
    args = ", ".join(json.dumps(x) for x in (int(plan_id), [int(h) for h in household_ids],
                                             state))
    return rx.call_script(f"window.swPatrolDone && window.swPatrolDone({args})")


def patrol_marks_pending(callback: Callable) -> rx.event.EventSpec:
    """Ask the browser for the window taps the server has not confirmed yet."""
    return rx.call_script("window.swPatrolPending ? window.swPatrolPending() : []",
                          callback=callback)


def reset_uuid(form_id: str) -> rx.event.EventSpec:
    """A saved form gets a fresh client UUID, so the next record is a new one."""
    return rx.call_script(f"window.swResetUuid({json.dumps(form_id)})")


def print_page() -> rx.event.EventSpec:
    return rx.call_script("window.print()")


def sheet_open(form_id: str, values: dict[str, int | str]) -> rx.event.EventSpec:
    """Open a browser sheet (assets/js/sheets.js) for one row, e.g. the pad after a
    correction; the values fill its hidden inputs (`title` names the row)."""
    return rx.call_script(f"window.swSheetOpen && window.swSheetOpen({json.dumps(form_id)}, "
                          f"{json.dumps({str(k): v for k, v in values.items()})})")


def server_trouble(texts: dict[str, str]) -> rx.event.EventSpec:
    """An event failed on the server: the banner says so in the phone's language (`texts`
    by language) until the server answers its health check again (assets/js/pwa.js)."""
    return rx.call_script(f"window.swServerTrouble && window.swServerTrouble({json.dumps(texts)})")


def scroll_into_view(element_id: str) -> rx.event.EventSpec:
    """Bring an element to the top of the screen (a list's first row after 下一页)."""
    return rx.call_script(f"document.getElementById({json.dumps(element_id)})"
                          "?.scrollIntoView({block: 'start'})")
