"""Sheets opened in the browser: one form per page for "this row" (a person's temperature,
a checklist item's reason), filled by the row's button without a round trip.

The server never holds "which row is open": the row's button writes the row's ids into the
form's hidden inputs (assets/js/sheets.js), so the sheet opens with no signal, a reconnect
or a restarted server cannot close it or empty it, and the submitted form alone is enough
to apply it, now or later from the outbox.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.ui import NAV_CLEARANCE, card, uuid_field

SHEETS_SCRIPT_URL = "/js/sheets.js"
FORMS_CSS_URL = "/css/forms.css"  # sheets, the pad, the visit form's sections


def open_button(form_id: str, fields: dict[str, rx.Var | int | str], *label: rx.Component | str,
                **props) -> rx.Component:
    """A row's button that opens `form_id`'s sheet with `fields` in its hidden inputs
    (`title` also names the row in the sheet's heading)."""
    # Reflex camel-cases underscores in attribute names: "case_id" travels as "case-id".
    attrs = {"data-sw-open": form_id,
             **{f"data-sw-field-{k.replace('_', '-')}": v for k, v in fields.items()},
             **props.pop("custom_attrs", {})}
    return rx.button(*label, type="button", custom_attrs=attrs, **props)


def close_button(*label: rx.Component | str, **props) -> rx.Component:
    return rx.button(*label, type="button", custom_attrs={"data-sw-close": "1"}, **props)


def title() -> rx.Component:
    """Where the opening row's `title` is written (a person's name)."""
    return rx.text("", size="6", weight="bold", custom_attrs={"data-sw-title": "1"})


def browser_sheet(form_id: str, *children: rx.Component, hidden: tuple[str, ...],
                  on_submit: rx.EventHandler, outbox: str, full_screen: bool = False,
                  label: rx.Var | str = "", form_attrs: dict | None = None) -> rx.Component:
    """The sheet: a form with a client UUID and the `hidden` inputs its rows fill, kept in
    the outbox under `outbox` when submitted."""
    form = rx.form(
        uuid_field(), *[rx.el.input(type="hidden", name=name) for name in hidden],
        *children,
        on_submit=on_submit,
        id=form_id,
        width="100%",
        custom_attrs={"data-sw-outbox": outbox, **(form_attrs or {})},
    )
    place = (dict(position="fixed", inset="0", z_index="60", overflow_y="auto", padding="16px",
                  background="var(--color-background)") if full_screen
             else dict(position="sticky", bottom=NAV_CLEARANCE, z_index="6"))
    return rx.box(
        form if full_screen else card(form),
        role="dialog",
        aria_label=label,
        width="100%",
        custom_attrs={"data-sw-dialog": "1", **({"data-sw-full": "1"} if full_screen else {})},
        **place,
    )
