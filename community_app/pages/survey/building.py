"""/survey/building?id=: a building as floors by flats coloured by status, the next one first."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t, unit_label
from community_app.components.layout import shell
from community_app.components.ui import big_button, card
from community_app.services.survey.round_list import RoundChoice
from community_app.services.survey.views import StatusCell, StatusUnit
from community_app.state.survey.building import SurveyBuildingState

# Survey status colours, mapped once for the grid and its legend.
STATUS_COLORS = {
    "pending": "#6b7280",
    "followup": "#d97706",
    "escalated": "#dc2626",
    "reached": "#16a34a",
    "vacant": "#9ca3af",
    "none": "#e5e7eb",
}


def _status_cell(cell: StatusCell) -> rx.Component:
    return rx.link(
        rx.box(
            rx.text(cell.label, size="2", weight="bold", color="white"),
            background=rx.match(cell.status, *STATUS_COLORS.items(), "#e5e7eb"),
            min_height="48px",
            display="flex",
            align_items="center",
            justify_content="center",
            border_radius="6px",
        ),
        href=rx.cond(cell.household_id > 0,
                     routes.SURVEY_VISIT + "?h=" + cell.household_id.to_string() + "&r="
                     + SurveyBuildingState.round_id.to_string(), "#"),
        underline="none",
        custom_attrs={"data-room": cell.label, "data-status": cell.status},
    )


def _status_unit(block: StatusUnit) -> rx.Component:
    return card(
        rx.text(unit_label(block.unit), size="3", weight="bold"),
        rx.grid(rx.foreach(block.cells, _status_cell),
                grid_template_columns="repeat(" + block.columns.to_string() + ", minmax(0, 1fr))",
                gap="4px", width="100%"),
    )


def status_legend() -> rx.Component:
    return rx.flex(
        *[rx.hstack(rx.box(width="14px", height="14px", background=color, border_radius="3px"),
                    rx.text(t(f"survey.status.{key}"), size="2"), align="center", spacing="1")
          for key, color in STATUS_COLORS.items()],
        wrap="wrap", gap="8px",
    )


def _round_link(choice: RoundChoice) -> rx.Component:
    current = choice.id == SurveyBuildingState.round_id
    return rx.link(
        rx.button(choice.name, variant=rx.cond(current, "solid", "outline"), size="3",
                  min_height="44px", custom_attrs={"aria-current": rx.cond(current, "page", "")}),
        href=routes.SURVEY_BUILDING + "?id=" + SurveyBuildingState.building_id.to_string()
        + "&r=" + choice.id.to_string(),
        custom_attrs={"data-round-link": choice.name},
    )


def round_switch() -> rx.Component:
    """The round this building is shown in; the other open rounds covering it, one tap away."""
    s = SurveyBuildingState
    return rx.vstack(
        rx.text(t("survey.round_shown"), s.round_name, size="3", weight="bold",
                id="building-round"),
        rx.cond(s.rounds.length() > 1, rx.vstack(
            rx.text(t("survey.also_in"), size="2", color_scheme="gray"),
            rx.flex(rx.foreach(s.rounds, _round_link), wrap="wrap", gap="6px"),
            width="100%", spacing="1",
        )),
        width="100%", spacing="1",
    )


@shell(routes.SURVEY_BUILDING, on_load=[SurveyBuildingState.load])
def survey_building_page() -> rx.Component:
    s = SurveyBuildingState
    return rx.vstack(
        rx.heading(s.building_label, size="6"),
        round_switch(),
        rx.text(t("survey.progress"), " ", s.building_done, "/", s.building_total, size="4",
                id="building-progress"),
        rx.cond(
            s.next_household_id > 0,
            rx.link(big_button(t("survey.next"), ": ", s.next_label, id="next-household"),
                    href=routes.SURVEY_VISIT + "?h=" + s.next_household_id.to_string() + "&r="
                    + s.round_id.to_string(),
                    width="100%"),
            rx.cond(s.missing.length() == 0,
                    rx.callout(t("survey.all_done"), color_scheme="green", width="100%")),
        ),
        status_legend(),
        rx.foreach(s.units, _status_unit),
        rx.cond(s.missing.length() > 0, card(
            rx.text(t("survey.missing"), weight="bold"),
            rx.flex(rx.foreach(s.missing, lambda m: rx.badge(m, size="2")),
                    wrap="wrap", gap="6px", id="missing-list"),
        )),
        width="100%",
        spacing="3",
    )
