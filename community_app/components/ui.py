"""Shared building blocks sized for one thumb: 48px+ targets, 16px+ text."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.state.base import AppState
from community_app.state.shell import ShellState

# Occupancy colours, mapped once for the grid, the legend and the map.
OCCUPANCY_COLORS = {
    "home": "#16a34a",
    "away": "#ca8a04",
    "rented": "#2563eb",
    "vacant": "#9ca3af",
    "none": "#e5e7eb",
}

UUID_SCRIPT = """
window.swUuid = function () {
  if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  var h = Array.from(b, function (x) { return x.toString(16).padStart(2, '0'); }).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' +
    h.slice(16, 20) + '-' + h.slice(20);
};
// A record's UUID is fixed the first time its form is submitted, so a double tap
// or a replay after reconnecting carries the same one; a saved form is reset.
document.addEventListener('submit', function (e) {
  e.target.querySelectorAll('input[data-sw-uuid]').forEach(function (i) {
    if (!i.value) { i.value = window.swUuid(); }
  });
}, true);
// The outbox: a submitted form marked data-sw-outbox stays in localStorage until the
// server confirms it (swOutboxDone), so a reload or a closed tab while offline loses nothing.
var OUTBOX = 'sw-outbox';
function swReadBox() {
  try { return JSON.parse(localStorage.getItem(OUTBOX) || '{}'); } catch (e) { return {}; }
}
document.addEventListener('submit', function (e) {
  var kind = e.target.getAttribute('data-sw-outbox');
  if (!kind) { return; }
  var data = {};
  new FormData(e.target).forEach(function (v, k) { data[k] = v; });
  if (!data.uuid) { return; }
  var box = swReadBox();
  box[data.uuid] = { kind: kind, data: data, at: Date.now() };
  localStorage.setItem(OUTBOX, JSON.stringify(box));
}, true);
window.swOutboxDone = function (uuid) {
  var box = swReadBox();
  delete box[uuid];
  localStorage.setItem(OUTBOX, JSON.stringify(box));
};
// Entries younger than a few seconds may still be on their way: leave them to that send.
window.swOutboxPending = function (kind) {
  var box = swReadBox();
  return Object.keys(box).map(function (k) { return box[k]; })
    .filter(function (x) { return !kind || x.kind === kind; })
    .filter(function (x) { return Date.now() - x.at > 4000; });
};
window.swResetUuid = function (formId) {
  document.querySelectorAll('#' + formId + ' input[data-sw-uuid]').forEach(function (i) {
    i.value = '';
  });
};
"""


def reset_uuid(form_id: str) -> rx.event.EventSpec:
    return rx.call_script(f"window.swResetUuid({form_id!r})")


def uuid_field() -> rx.Component:
    return rx.el.input(type="hidden", name="uuid", custom_attrs={"data-sw-uuid": "1"})


def big_button(*label: rx.Var | str, **props) -> rx.Component:
    return rx.button(*label, size="4", width="100%", min_height="52px", **props)


def card(*children: rx.Component, **props) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="2", width="100%"), width="100%", **props)


# The bottom navigation is 56px tall (+ margin): sheets stop just above it.
NAV_CLEARANCE = "72px"


def sheet(*children: rx.Component, z_index: str = "5", **props) -> rx.Component:
    """A card pinned above the bottom navigation: forms and details over a list or grid."""
    return card(*children, position="sticky", bottom=NAV_CLEARANCE, z_index=z_index, **props)


def stat(label: rx.Var | str, value: rx.Var | int) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(value, size="7", weight="bold"),
            rx.text(label, size="2", color_scheme="gray"),
            spacing="0",
        ),
        width="100%",
    )


def field(label: rx.Var | str, name: str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(label, as_="label", size="3", weight="medium", html_for=name),
        rx.input(name=name, id=props.pop("id", name), size="3", width="100%", **props),
        spacing="1",
        width="100%",
    )


def messages() -> rx.Component:
    """Errors and notices from the server, in the user's language, always in view."""
    return rx.fragment(
        rx.cond(
            AppState.error != "",
            rx.callout(
                AppState.error, color_scheme="red", role="alert", width="100%", id="error-message"
            ),
        ),
        rx.cond(
            AppState.notice != "",
            rx.callout(AppState.notice, color_scheme="green", width="100%", id="notice-message"),
        ),
    )


def lang_switch() -> rx.Component:
    return rx.segmented_control.root(
        rx.segmented_control.item("中文", value="zh"),
        rx.segmented_control.item("EN", value="en"),
        value=AppState.lang,
        on_change=ShellState.set_lang,
        size="2",
        id="lang-switch",
    )


def occupancy_label(value: rx.Var) -> rx.Component:
    return rx.match(
        value,
        *[(key, t(f"occupancy.{key}")) for key in OCCUPANCY_COLORS],
        t("occupancy.none"),
    )
