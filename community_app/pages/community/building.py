"""One building (/building?id=): floors by unit, the flat sheet (open a household's login,
start an isolation, ask for supplies), and, for the admin, the patrol path side."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t, unit_label
from community_app.components.layout import shell
from community_app.components.ui import (
    OCCUPANCY_COLORS,
    big_button,
    card,
    occupancy_label,
    sheet,
    uuid_field,
)
from community_app.services.community.views import Cell, UnitBlock
from community_app.state.base import AppState
from community_app.state.community.building import BuildingState


def _cell(cell: Cell) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.text(cell.label, size="2", weight="bold"),
            rx.text(cell.head, size="1"),
            spacing="0",
            align="center",
        ),
        on_click=BuildingState.select_household(cell.id, cell.label),
        disabled=cell.id == 0,
        background=rx.match(cell.occupancy, *OCCUPANCY_COLORS.items(), "#e5e7eb"),
        color="white",
        min_height="48px",
        width="100%",
        padding="2px",
        custom_attrs={"data-room": cell.label},
    )


def _unit(block: UnitBlock) -> rx.Component:
    return card(
        rx.text(unit_label(block.unit), size="3", weight="bold"),
        rx.grid(
            rx.foreach(block.cells, _cell),
            grid_template_columns="repeat(" + block.columns.to_string() + ", minmax(0, 1fr))",
            gap="4px",
            width="100%",
        ),
    )


def _legend() -> rx.Component:
    return rx.flex(
        *[
            rx.hstack(
                rx.box(width="14px", height="14px", background=color, border_radius="3px"),
                rx.text(occupancy_label(rx.Var.create(key)), size="2"),
                align="center",
                spacing="1",
            )
            for key, color in OCCUPANCY_COLORS.items()
        ],
        wrap="wrap",
        gap="8px",
    )


def _credential(caption: str, value: rx.Var, element_id: str) -> rx.Component:
    """One line of the login card: what the value is (户码, 密码), then the value itself."""
    return rx.hstack(
        rx.text(t(caption), size="4", color_scheme="gray", min_width="3em",
                id=element_id + "-caption"),
        rx.code(value, size="6", id=element_id, aria_labelledby=element_id + "-caption"),
        align="center",
        spacing="3",
        custom_attrs={"data-credential": element_id},
    )


def _household_sheet() -> rx.Component:
    return rx.cond(
        BuildingState.selected_id > 0,
        sheet(
            rx.heading(t("building.household"), " ", BuildingState.selected_label, size="4"),
            rx.cond(
                BuildingState.issued_pin != "",
                rx.vstack(
                    rx.text(t("building.account_issued")),
                    _credential("building.code_caption", BuildingState.issued_code,
                                "issued-code"),
                    _credential("building.pin_caption", BuildingState.issued_pin,
                                "issued-pin"),
                    rx.text(t("building.sign_in_open"), " ",
                            rx.code(BuildingState.login_url, size="3", id="household-login-url",
                                    word_break="break-all", white_space="normal"),
                            t("building.sign_in_enter"), size="3", id="sign-in-howto"),
                    # The PIN is shown once: writing it down closes the sheet and forgets it.
                    big_button(t("community.written_down"), variant="soft",
                               on_click=BuildingState.close_household, id="pin-written-down"),
                    width="100%",
                ),
                rx.form(
                    uuid_field(),
                    rx.el.input(type="hidden", name="household_id",
                                value=BuildingState.selected_id.to_string()),
                    big_button(t("building.open_account"), type="submit", id="open-account"),
                    on_submit=BuildingState.open_account,
                    id="open-account-form",
                    width="100%",
                ),
            ),
            rx.link(
                big_button(t("isolation.start_for_household"), variant="soft",
                           color_scheme="orange"),
                href=routes.ISOLATION_NEW + "?household=" + BuildingState.selected_id.to_string(),
                width="100%",
                id="start-isolation",
            ),
            rx.link(
                big_button(t("errands.for_household"), variant="outline", id="errand-for"),
                href=routes.ERRAND_ASK + "?household=" + BuildingState.selected_id.to_string(),
                width="100%",
            ),
            big_button(t("common.close"), variant="soft", color_scheme="gray",
                       on_click=BuildingState.close_household),
        ),
    )


def _path_side() -> rx.Component:
    """Admin only: which side of the building the night patrol walks past."""

    def choice(side: str, key: str) -> rx.Component:
        return rx.button(
            t(key), size="3", min_height="44px", flex="1",
            variant=rx.cond(BuildingState.path_side == side, "solid", "outline"),
            on_click=BuildingState.set_path_side(side),
            aria_pressed=rx.cond(BuildingState.path_side == side, "true", "false"),
            custom_attrs={"data-path-side": side},
        )

    return rx.cond(
        AppState.role == "admin",
        card(
            rx.text(t("building.path_side"), size="3", weight="bold"),
            rx.hstack(choice("front", "building.side_front"),
                      choice("back", "building.side_back"), width="100%"),
            id="path-side",
        ),
    )


@shell(routes.BUILDING, on_load=[BuildingState.load])
def building_page() -> rx.Component:
    return rx.vstack(
        rx.heading(BuildingState.building_label, size="6"),
        rx.text(BuildingState.building_households, " ", t("buildings.households")),
        _path_side(),
        _legend(),
        rx.foreach(BuildingState.units, _unit),
        _household_sheet(),
        width="100%",
        spacing="3",
    )
