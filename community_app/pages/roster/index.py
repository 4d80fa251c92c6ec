"""The admin's roster (/roster): a new shift, the coming shifts (short ones red), every
volunteer's hours and the hours Excel; the link to recruitment and teams."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.roster.board import shift_card
from community_app.components.roster.forms import SELECT, labelled, text_in
from community_app.components.roster.words import KINDS
from community_app.components.ui import big_button, card, uuid_field
from community_app.services.volunteer_hours import VolunteerHours
from community_app.state.roster.admin import SHIFT_FORM_ID, RosterAdminState


def _number(key: str, name: str, value: str) -> rx.Component:
    return text_in(key, name, f"shift-{name}", type="number", min="1", max="50",
                   default_value=value, input_mode="numeric")


def _place() -> rx.Component:
    """A gate shift's place is one of the checkpoints (services/gate_roster.py)."""
    return rx.cond(
        RosterAdminState.new_kind == "gate",
        labelled("roster.checkpoint", "shift-checkpoint", rx.el.select(
            rx.foreach(RosterAdminState.gate_places,
                       lambda name: rx.el.option(name, value=name)),
            name="place", id="shift-checkpoint", style=SELECT)),
        text_in("roster.place", "place", "shift-place", max_length=100),
    )


def _new_shift() -> rx.Component:
    return card(
        rx.heading(t("roster.new_shift"), size="5"),
        rx.form(
            rx.vstack(
                uuid_field(),
                labelled("roster.day", "shift-day", rx.input(
                    type="date", name="day", id="shift-day", size="3", width="100%")),
                rx.grid(
                    text_in("roster.start", "start", "shift-start", type="time"),
                    text_in("roster.end", "end", "shift-end", type="time"),
                    columns="2", spacing="2", width="100%"),
                labelled("roster.kind", "shift-kind", rx.el.select(
                    *[rx.el.option(t(f"roster.kind.{k}"), value=k) for k in KINDS],
                    name="kind", id="shift-kind", default_value="gate", style=SELECT,
                    on_change=RosterAdminState.choose_kind)),
                _place(),
                rx.grid(_number("roster.min", "min_people", "1"),
                        _number("roster.max", "max_people", "2"),
                        columns="2", spacing="2", width="100%"),
                big_button(t("roster.add_shift"), type="submit", id="shift-add"),
                width="100%", spacing="3",
            ),
            on_submit=RosterAdminState.create_shift,
            id=SHIFT_FORM_ID,
            width="100%",
        ),
    )


def _hours_row(h: VolunteerHours) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(h.name, size="4"),
            rx.spacer(),
            rx.text(h.total, size="5", weight="bold"),
            width="100%", align="center",
        ),
        rx.text(h.shifts, " ", t("roster.hours_shifts"), " · ", h.walks, " ",
                t("roster.hours_walks"), size="3", color_scheme="gray"),
        rx.cond(h.over_cap_weeks.length() > 0,
                rx.badge(t("roster.over_cap"), color_scheme="orange", size="2")),
        width="100%", spacing="1",
        custom_attrs={"data-hours": h.name, "data-total": h.total},
    )


def _hours() -> rx.Component:
    return card(
        rx.heading(t("roster.hours_title"), size="4"),
        rx.cond(RosterAdminState.hours.length() > 0,
                rx.foreach(RosterAdminState.hours, _hours_row),
                rx.text(t("roster.hours_none"), size="3", color_scheme="gray")),
        big_button(rx.icon("download"), t("roster.download"), variant="soft",
                   on_click=RosterAdminState.download, id="hours-download"),
        id="roster-hours",
    )


@shell(routes.ROSTER, on_load=[RosterAdminState.load])
def roster_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("roster.title"), size="6"),
        rx.link(card(rx.hstack(rx.icon("user-plus"), rx.text(t("roster.recruit_link"), size="4"),
                               rx.spacer(), rx.icon("chevron-right"), align="center",
                               width="100%")),
                href=routes.ROSTER_RECRUIT, width="100%", underline="none",
                id="recruit-link"),
        rx.heading(t("roster.board_title"), size="5"),
        rx.cond(RosterAdminState.board.length() > 0,
                rx.foreach(RosterAdminState.board, shift_card),
                rx.text(t("roster.board_none"), size="3", color_scheme="gray")),
        _new_shift(),
        _hours(),
        width="100%", spacing="3",
    )
