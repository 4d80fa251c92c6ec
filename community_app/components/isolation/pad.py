"""Isolation widgets shared by several pages: the worker's number pad and the item labels.

The number pad serves the worker's board (three digits
make the reading, 3 6 6 -> 36.6); the labels name checklist kinds, statuses and reading
sources the same way on the board and in a case's history.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import sheet, uuid_field
from community_app.models import AlertAction, ItemKind, ReadingSource


def kind_label(kind: rx.Var) -> rx.Component:
    return rx.match(kind, *[(k.value, t(f"isolation.kind.{k.value}")) for k in ItemKind], kind)


def status_label(status: rx.Var) -> rx.Component:
    keys = ["due", "done", "could_not", "ok", "fever", "voided",
            *[a.value for a in AlertAction]]
    return rx.match(status, *[(k, t(f"isolation.status.{k}")) for k in keys], status)


def source_label(source: rx.Var) -> rx.Component:
    return rx.match(
        source, *[(k.value, t(f"isolation.source.{k.value}")) for k in ReadingSource], source
    )


def number_pad(state: type[rx.State], *, size: str = "7",
               source: rx.Component | None = None) -> rx.Component:
    """A large number pad: three digits make the reading (3 6 6 -> 36.6)."""

    def key(label: str, value: str, **props) -> rx.Component:
        return rx.button(
            rx.text(label, size=size, weight="bold"), on_click=state.pad_key(value),
            size="4", min_height="64px", width="100%", variant="soft",
            custom_attrs={"data-key": value}, **props,
        )

    return rx.cond(
        state.pad_resident_id > 0,
        sheet(
            rx.text(state.pad_name, size="6", weight="bold"),
            source or rx.fragment(),
            rx.text(
                rx.cond(state.pad_digits == "", "--.-", state.pad_display), " ℃",
                size="9", weight="bold", id="pad-display", text_align="center", width="100%",
            ),
            rx.grid(
                *[key(d, d) for d in "123456789"],
                key("⌫", "back", color_scheme="gray"),
                key("0", "0"),
                key("C", "clear", color_scheme="gray"),
                grid_template_columns="repeat(3, minmax(0, 1fr))",
                gap="8px",
                width="100%",
            ),
            rx.form(
                uuid_field(),
                rx.button(rx.text(t("isolation.save_reading"), size="6"), type="submit",
                          size="4", width="100%", min_height="64px", id="pad-save",
                          color_scheme="green"),
                on_submit=state.save_reading,
                id="pad-form",
                width="100%",
            ),
            rx.button(rx.text(t("common.cancel"), size="5"), on_click=state.close_pad,
                      size="4", width="100%", min_height="52px", variant="soft",
                      color_scheme="gray"),
            id="number-pad",
            z_index="6",
        ),
    )
