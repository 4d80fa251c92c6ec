"""The temperature pad both isolation screens share: the household's home and the worker's
board. It is a browser sheet (components/sheets.py): the person's button opens it, a whole
degree then a tenth, and the tenth submits one form carrying case, person, value and client
UUID, so a reading can be taken with no signal and the outbox sends it once.

Buttons are at least 64px tall and the whole pad fits a 360x640 screen without scrolling.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.sheets import browser_sheet, close_button, title
from community_app.state.base import AppState

OUTBOX_KIND = "reading"
HIDDEN = ("case_id", "resident_id", "whole", "tenth")


def _grid(*children: rx.Component) -> rx.Component:
    return rx.grid(*children, grid_template_columns="repeat(3, minmax(0, 1fr))", gap="8px",
                   width="100%")


def _key(label: rx.Component, attr: str, value: str, **props) -> rx.Component:
    return rx.button(label, type="button", size="4", width="100%",
                     min_height=props.pop("min_height", "64px"), custom_attrs={attr: value},
                     **props)


def temperature_pad(form_id: str, degrees: tuple[str, ...], hint_key: str,
                    on_submit: rx.EventHandler, *extra: rx.Component) -> rx.Component:
    """`extra` goes above the degrees (the worker's phone/door choice)."""
    degree_keys = [_key(rx.text(d, size="8", weight="bold"), "data-sw-whole", d,
                        variant="soft", color_scheme="gray", high_contrast=True,
                        min_height="72px") for d in degrees]
    tenth_keys = [_key(rx.text(".", d, size="7", weight="bold"), "data-sw-tenth", d,
                       color_scheme="green") for d in "0123456789"]
    back = _key(rx.text(t("isolation.pad_back"), size="5"), "data-sw-pad-back", "1",
                variant="soft", color_scheme="gray", id=f"{form_id}-back",
                grid_column="span 2")
    return browser_sheet(
        form_id,
        rx.vstack(
            rx.hstack(title(), rx.spacer(),
                      rx.text("", size="8", weight="bold", id=f"{form_id}-display",
                              custom_attrs={"data-sw-pad-display": "1"}),
                      width="100%", align="center"),
            rx.cond(AppState.error != "",
                    rx.callout(AppState.error, color_scheme="red", role="alert",
                               width="100%")),
            # The pad covers the page's pinned messages: 改正's "voided, choose again" is
            # repeated here, where the person is looking.
            rx.cond(AppState.notice != "",
                    rx.callout.root(rx.text(AppState.notice, size="5", as_="p"),
                                    color_scheme="green", role="status", width="100%",
                                    custom_attrs={"data-pad-notice": "1"})),
            *extra,
            rx.vstack(rx.text(t("isolation.pick_degree"), size="5"), _grid(*degree_keys),
                      rx.text(t(hint_key), size="5", color_scheme="gray"),
                      width="100%", custom_attrs={"data-sw-pad-degrees": "1"}),
            rx.vstack(rx.text(t("isolation.pick_tenth"), size="5"), _grid(*tenth_keys, back),
                      width="100%", custom_attrs={"data-sw-pad-tenths": "1"}),
            close_button(rx.text(t("common.cancel"), size="5"), size="4", width="100%",
                         min_height="64px", variant="soft", color_scheme="gray",
                         id=f"{form_id}-cancel"),
            width="100%", spacing="3",
        ),
        hidden=HIDDEN, on_submit=on_submit, outbox=OUTBOX_KIND, full_screen=True,
        label=t("isolation.pad_title"), form_attrs={"data-sw-step": "whole"},
    )
