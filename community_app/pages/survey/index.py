"""Survey: rounds and escalations (admin), my buildings (worker), a building's grid, follow-ups."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t, unit_label
from community_app.components.layout import shell
from community_app.components.survey.resident_form import check
from community_app.components.ui import big_button, card, field, uuid_field
from community_app.services.survey.rounds import Progress
from community_app.services.survey.views import FollowUp, StatusCell, StatusUnit
from community_app.state.base import AppState
from community_app.state.survey.rounds import SurveyState

# Survey status colours, mapped once for the grid and its legend.
STATUS_COLORS = {
    "pending": "#6b7280",
    "followup": "#d97706",
    "escalated": "#dc2626",
    "reached": "#16a34a",
    "vacant": "#9ca3af",
    "none": "#e5e7eb",
}


def _progress_card(p: Progress) -> rx.Component:
    return rx.link(
        card(
            rx.hstack(
                rx.text(p.label, size="4", weight="medium"),
                rx.spacer(),
                rx.text(p.reached, "/", p.total, size="4", weight="bold"),
                align="center",
            ),
            rx.progress(value=rx.cond(p.total > 0, p.reached * 100 / p.total, 0), size="3"),
            rx.hstack(
                rx.cond(p.followups > 0, rx.badge(t("survey.followups"), " ", p.followups,
                                                  color_scheme="orange", size="2")),
                rx.cond(p.escalated > 0, rx.badge(t("survey.escalated"), " ", p.escalated,
                                                  color_scheme="red", size="2")),
            ),
        ),
        href=routes.SURVEY_BUILDING + "?id=" + p.building_id.to_string(),
        underline="none",
        width="100%",
        custom_attrs={"data-building": p.label},
    )


def followup_card(item: FollowUp) -> rx.Component:
    return card(
        rx.hstack(
            rx.text(item.place, size="4", weight="bold"),
            rx.spacer(),
            rx.badge(item.failed_attempts, " ", t("survey.attempts"),
                     color_scheme=rx.cond(item.status == "escalated", "red", "orange"), size="2"),
        ),
        rx.cond(item.next_action != "", rx.text(
            t("survey.next_action"), ": ",
            rx.match(item.next_action, *[(a, t(f"survey.action.{a}")) for a in (
                "phone", "door_notice", "evening_revisit", "intercom")], ""),
            size="3")),
        rx.foreach(item.attempts, lambda a: rx.text(a, size="2", color_scheme="gray")),
        rx.hstack(
            rx.link(big_button(t("survey.record_attempt"), variant="soft"),
                    href=routes.SURVEY_VISIT + "?h=" + item.household_id.to_string(), flex="1"),
            rx.link(big_button(t("survey.notice"), variant="outline"),
                    href=routes.SURVEY_NOTICE + "?h=" + item.household_id.to_string(), flex="1"),
            width="100%",
        ),
        custom_attrs={"data-followup": item.place},
    )


def _round_form() -> rx.Component:
    return card(
        rx.heading(t("survey.open_round"), size="4"),
        rx.form(
            rx.vstack(
                uuid_field(),
                field(t("survey.round_name"), "name", default_value="第一轮摸排"),
                field(t("survey.start_date"), "start_date", type="date"),
                field(t("survey.max_attempts"), "max_attempts", type="number",
                      default_value="3", input_mode="numeric"),
                rx.text(t("survey.compounds_hint"), size="2", color_scheme="gray"),
                rx.grid(
                    rx.foreach(SurveyState.compounds, lambda c: check(
                        "compound_" + c.id.to_string(), c.name, False)),
                    columns="2", spacing="2", width="100%",
                ),
                big_button(t("survey.open_round"), type="submit", id="open-round"),
                width="100%",
            ),
            on_submit=SurveyState.open_round,
            id="round-form",
            width="100%",
        ),
    )


def _admin_part() -> rx.Component:
    return rx.cond(
        AppState.role == "admin",
        rx.vstack(
            rx.cond(SurveyState.round_id > 0, rx.vstack(
                rx.heading(t("survey.escalations"), size="4"),
                rx.cond(SurveyState.escalations.length() > 0,
                        rx.foreach(SurveyState.escalations, followup_card),
                        rx.text(t("survey.escalations_empty"), color_scheme="gray")),
                big_button(t("survey.close_round"), on_click=SurveyState.close_round,
                           variant="soft", color_scheme="gray"),
                width="100%",
            )),
            _round_form(),
            width="100%",
            id="survey-admin",
        ),
    )


@shell(routes.SURVEY, on_load=[SurveyState.load_home])
def survey_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("survey.title"), size="6"),
        rx.cond(
            SurveyState.round_id > 0,
            rx.vstack(
                rx.text(SurveyState.round_name, size="4", weight="bold", id="round-name"),
                rx.grid(
                    rx.link(big_button(t("survey.followup_title"), variant="outline"),
                            href=routes.SURVEY_FOLLOWUPS),
                    rx.link(big_button(t("selffill.review"), variant="outline",
                                       id="review-link"), href=routes.SURVEY_REVIEW),
                    rx.link(big_button(rx.icon("shopping-basket"), t("errands.needs_link"),
                                       variant="outline", id="needs-link"),
                            href=routes.ERRAND_NEEDS, grid_column="span 2"),
                    columns="2", spacing="2", width="100%",
                ),
                rx.foreach(SurveyState.progress, _progress_card),
                width="100%",
            ),
            rx.text(t("survey.no_round"), size="4"),
        ),
        _admin_part(),
        width="100%",
        spacing="3",
    )


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
                     routes.SURVEY_VISIT + "?h=" + cell.household_id.to_string(), "#"),
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


@shell(routes.SURVEY_BUILDING, on_load=[SurveyState.load_building])
def survey_building_page() -> rx.Component:
    return rx.vstack(
        rx.heading(SurveyState.building_label, size="6"),
        rx.text(t("survey.progress"), " ", SurveyState.building_done, "/",
                SurveyState.building_total, size="4", id="building-progress"),
        rx.cond(
            SurveyState.next_household_id > 0,
            rx.link(big_button(t("survey.next"), ": ", SurveyState.next_label, id="next-household"),
                    href=routes.SURVEY_VISIT + "?h=" + SurveyState.next_household_id.to_string(),
                    width="100%"),
            rx.cond(SurveyState.missing.length() == 0,
                    rx.callout(t("survey.all_done"), color_scheme="green", width="100%")),
        ),
        status_legend(),
        rx.foreach(SurveyState.units, _status_unit),
        rx.cond(SurveyState.missing.length() > 0, card(
            rx.text(t("survey.missing"), weight="bold"),
            rx.flex(rx.foreach(SurveyState.missing, lambda m: rx.badge(m, size="2")),
                    wrap="wrap", gap="6px", id="missing-list"),
        )),
        width="100%",
        spacing="3",
    )


@shell(routes.SURVEY_FOLLOWUPS, on_load=[SurveyState.load_followups])
def survey_followups_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("survey.followup_title"), size="6"),
        rx.cond(SurveyState.followups.length() > 0,
                rx.foreach(SurveyState.followups, followup_card),
                rx.text(t("survey.followup_empty"), size="4")),
        width="100%",
        spacing="3",
    )
