"""/survey: the open round's buildings (worker and admin), escalations and rounds (admin)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import joined, t
from community_app.components.layout import shell
from community_app.components.survey.followup_card import followup_card
from community_app.components.survey.resident_form import check
from community_app.components.ui import big_button, card, field, picker, uuid_field
from community_app.services.survey.round_list import RoundSummary
from community_app.services.survey.rounds import Progress
from community_app.state.base import AppState
from community_app.state.survey.index import SurveyState


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
        href=routes.SURVEY_BUILDING + "?id=" + p.building_id.to_string() + "&r="
        + SurveyState.round_id.to_string(),
        underline="none",
        width="100%",
        custom_attrs={"data-building": p.label},
    )


def _round_form() -> rx.Component:
    """Folded near the top: a new round's name is typed, never copied from the open one."""
    return rx.el.details(
        rx.el.summary(t("survey.open_round"), id="open-round-toggle",
                      style={"minHeight": "48px", "display": "flex", "alignItems": "center",
                             "fontSize": "18px", "fontWeight": "600", "cursor": "pointer"}),
        rx.form(
            rx.vstack(
                uuid_field(),
                field(t("survey.round_name"), "name", placeholder=t("survey.round_name_hint"),
                      max_length=60),
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
        id="round-details",
        style={"width": "100%", "border": "1px solid var(--gray-6)", "borderRadius": "8px",
               "padding": "4px 12px"},
    )


def _round_row(r: RoundSummary) -> rx.Component:
    """One round of the list: status, what it covers, progress, and (open) a close that asks."""
    return card(
        rx.hstack(
            rx.text(r.name, size="4", weight="bold"),
            rx.spacer(),
            rx.cond(r.community, rx.badge(t("survey.round_community"), color_scheme="blue",
                                          size="2")),
            rx.badge(rx.cond(r.open, t("survey.round_open"), t("survey.round_done")),
                     color_scheme=rx.cond(r.open, "green", "gray"), size="2"),
            width="100%", align="center",
        ),
        rx.text(rx.cond(r.covers_all, t("survey.round_whole"), joined(r.compounds)), " · ",
                t("survey.round_started"), " ", r.start, size="2", color_scheme="gray"),
        rx.text(t("survey.progress"), " ", r.reached, "/", r.total,
                rx.cond(r.escalated > 0, rx.fragment(" · ", t("survey.round_escalated"), " ",
                                                      r.escalated)),
                size="3", class_name="round-progress"),
        rx.cond(r.open, rx.cond(
            SurveyState.closing_id == r.id,
            rx.vstack(
                rx.text(t("survey.close_ask"), r.name, weight="bold", size="3"),
                rx.text(t("survey.close_warn"), size="2"),
                rx.grid(
                    big_button(t("survey.close_yes"), on_click=SurveyState.close_round,
                               color_scheme="red", class_name="close-yes"),
                    big_button(t("survey.close_no"), on_click=SurveyState.cancel_close,
                               variant="soft", color_scheme="gray"),
                    columns="2", spacing="2", width="100%",
                ),
                width="100%", role="alertdialog", class_name="close-confirm",
            ),
            big_button(t("survey.close_round"), on_click=SurveyState.ask_close(r.id),
                       variant="soft", color_scheme="gray", class_name="close-round"),
        )),
        custom_attrs={"data-round": r.name},
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
                width="100%",
            )),
            rx.heading(t("survey.rounds"), size="4"),
            rx.foreach(SurveyState.history, _round_row),
            width="100%",
            id="survey-admin",
        ),
    )


def _round_shown() -> rx.Component:
    """Which round this page shows, by name; a picker when several are open."""
    return rx.vstack(
        rx.hstack(rx.text(t("survey.round_shown"), size="4"),
                  rx.text(SurveyState.round_name, size="4", weight="bold", id="round-name"),
                  spacing="1", align="center", wrap="wrap"),
        rx.cond(SurveyState.rounds.length() > 1,
                picker(t("survey.round_pick"), SurveyState.rounds,
                       SurveyState.round_id.to_string(), SurveyState.pick_round, "round-pick")),
        width="100%", spacing="2",
    )


@shell(routes.SURVEY, on_load=[SurveyState.load])
def survey_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("survey.title"), size="6"),
        rx.cond(AppState.role == "admin", _round_form()),
        rx.cond(
            SurveyState.round_id > 0,
            rx.vstack(
                _round_shown(),
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
