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

# Client UUIDs for records and the outbox of forms saved offline, loaded in the head.
OUTBOX_SCRIPT_URL = "/js/outbox.js"
DRAFTS_SCRIPT_URL = "/js/drafts.js"  # forms marked data-sw-draft keep what is typed


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


def label_for(text: rx.Var | str | rx.Component, target_id: rx.Var | str,
              **props) -> rx.Component:
    """A visible <label> tied to the control with id `target_id`. rx.text takes `html_for`
    as a CSS property (it never reaches the DOM), so `htmlFor` travels as an attribute."""
    return rx.text(text, as_="label", custom_attrs={"htmlFor": target_id}, **props)


def field(label: rx.Var | str, name: str, **props) -> rx.Component:
    control_id = props.pop("id", name)
    return rx.vstack(
        label_for(label, control_id, size="3", weight="medium"),
        rx.input(name=name, id=control_id, size="3", width="100%", **props),
        spacing="1",
        width="100%",
    )


def messages() -> rx.Component:
    """Errors and notices from the server, in the user's language, always in view: pinned to
    the top of the screen, so the answer to a tap low on a long page (发送, 接单) appears
    where the person is looking, not above the fold."""
    return rx.box(
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
        # Opaque: the callouts' own tint is see-through over the page scrolling beneath.
        position="sticky", top="0", z_index="20", width="100%",
        background="var(--color-background)", id="messages",
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


def picker(label: rx.Var | str, options: rx.Var, value: rx.Var, on_change: object,
           id: str) -> rx.Component:
    """A native select of records with `id` and `name` (a round, ...), its label tied to it:
    the phone's own picker opens where the thumb is."""
    return rx.vstack(
        label_for(label, id, size="3", weight="medium"),
        rx.el.select(
            rx.foreach(options, lambda o: rx.el.option(o.name, value=o.id.to_string())),
            value=value, on_change=on_change, id=id,
            style={"width": "100%", "minHeight": "48px", "fontSize": "16px"},
        ),
        spacing="1", width="100%",
    )
