"""The staff page's building picker: a bottom sheet where the thumb is, buildings grouped
by compound, each row one 48px tap target with its label tied to its checkbox."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import big_button
from community_app.services.community.views import BuildingRow, CompoundGroup
from community_app.state.community.staff import StaffState

# The bottom navigation (components/layout.py): 56px tabs over a 1px border, plus the
# phone's safe area. The sheet sits right on top of it, so the tabs stay usable.
ABOVE_NAV = "calc(57px + env(safe-area-inset-bottom, 0px))"
BOX = {"width": "22px", "height": "22px", "flex-shrink": "0", "margin": "0"}


def _row(box_id: rx.Var, checked: rx.Var, on_change: Callable, *text: rx.Component,
         **attrs) -> rx.Component:
    """A checkbox row: the whole row is its <label>, tied to the box by id as well."""
    return rx.el.label(
        rx.el.input(type="checkbox", id=box_id, checked=checked, on_change=on_change,
                    style=BOX),
        *text,
        html_for=box_id,
        display="flex", align_items="center", gap="10px", min_height="48px",
        padding_x="10px", width="100%", cursor="pointer",
        border="1px solid var(--gray-a6)", border_radius="8px",
        custom_attrs=attrs,
    )


def _building(b: BuildingRow) -> rx.Component:
    return _row(
        "pick-b-" + b.id.to_string(),
        StaffState.chosen.contains(b.id),
        lambda _v: StaffState.toggle_building(b.id),
        rx.text(b.name, size="3", weight="medium"),
        rx.spacer(),
        rx.text(rx.cond(b.worker != "", b.worker, t("buildings.none")), size="2",
                color_scheme="gray"),
        **{"data-building": b.id},
    )


def _compound(g: CompoundGroup) -> rx.Component:
    """One compound: its name, a 整个小区 row ticking all its buildings, then each one."""
    return rx.el.fieldset(
        rx.el.legend(rx.text(g.name, size="3", weight="bold"), padding_y="4px"),
        rx.vstack(
            _row(
                "pick-c-" + g.id.to_string(),
                StaffState.whole_compounds.contains(g.id),
                lambda _v: StaffState.toggle_compound(g.id),
                rx.text(t("staff.whole_compound"), size="3", weight="bold"),
                rx.spacer(),
                rx.text(g.buildings.length(), " ", t("staff.buildings_count"), size="2",
                        color_scheme="gray"),
                **{"data-compound": g.id},
            ),
            rx.foreach(g.buildings, _building),
            spacing="2",
            width="100%",
            padding_left="12px",
        ),
        border="none", margin="0", padding="0", min_width="0", width="100%",
    )


def building_picker() -> rx.Component:
    """Open while a worker's buildings are being chosen: a dimmed page behind, the sheet
    (at most 70% of the screen, its list scrolling) with 保存 always in view."""
    return rx.cond(
        StaffState.assigning_id > 0,
        rx.fragment(
            rx.box(position="fixed", top="0", left="0", right="0", bottom=ABOVE_NAV,
                   z_index="20", background="rgba(0,0,0,0.35)",
                   on_click=StaffState.cancel_assign),
            rx.box(
                rx.heading(t("staff.assign"), ": ", StaffState.assigning_name, size="4",
                           id="assign-title", flex="none"),
                rx.vstack(
                    rx.foreach(StaffState.compounds, _compound),
                    spacing="4", width="100%", flex="1 1 auto", min_height="0",
                    overflow_y="auto", padding_y="8px", id="assign-list",
                ),
                rx.hstack(
                    big_button(t("staff.assign_save"), on_click=StaffState.save_assignment,
                               id="save-assignment", flex="2"),
                    big_button(t("common.cancel"), variant="soft", color_scheme="gray",
                               on_click=StaffState.cancel_assign, flex="1"),
                    width="100%", flex="none", padding_top="8px",
                ),
                role="dialog",
                aria_modal="true",
                aria_labelledby="assign-title",
                id="assign-sheet",
                position="fixed", left="0", right="0", bottom=ABOVE_NAV, z_index="21",
                max_height="70vh", max_width="640px", margin_x="auto",
                display="flex", flex_direction="column",
                padding="12px", background="var(--color-panel-solid)",
                border_radius="16px 16px 0 0", box_shadow="0 -4px 16px rgba(0,0,0,0.2)",
            ),
        ),
    )
