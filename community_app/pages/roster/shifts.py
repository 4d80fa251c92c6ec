"""The volunteer's shifts (/shifts): open shifts with free places, 我要报名 (an outbox form,
kept with no signal), the ones they hold with 取消报名 before the start."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.roster.words import kind_label
from community_app.components.ui import card, uuid_field
from community_app.services.roster.views import OpenShift
from community_app.state.roster.shifts import SIGNUP_KIND, ShiftsState


def _sign_up(s: OpenShift) -> rx.Component:
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="shift_id", value=s.id.to_string()),
        rx.button(rx.icon("hand"), t("roster.sign_up"), type="submit", size="4", width="100%",
                  min_height="52px", custom_attrs={"data-action": "shift-sign-up"}),
        on_submit=ShiftsState.sign_up,
        id="shift-signup-" + s.id.to_string(),  # state/roster/shifts.signup_form_id
        width="100%",
        custom_attrs={"data-sw-outbox": SIGNUP_KIND},
    )


def _mine(s: OpenShift) -> rx.Component:
    return rx.hstack(
        rx.badge(rx.icon("check"), t("roster.mine"), color_scheme="green", size="3"),
        rx.spacer(),
        rx.cond(~s.started, rx.button(
            t("roster.leave"), type="button", size="3", min_height="44px", variant="outline",
            color_scheme="red", on_click=ShiftsState.leave(s.id))),
        width="100%", align="center",
    )


def _shift(s: OpenShift) -> rx.Component:
    return card(
        rx.hstack(rx.badge(kind_label(s.kind), size="3"), rx.text(s.when, size="4",
                                                                   weight="bold"),
                  wrap="wrap", align="center"),
        rx.text(s.place, size="4"),
        rx.text(t("roster.free"), " ", s.free, size="3", color_scheme="gray"),
        rx.cond(s.mine, _mine(s), _sign_up(s)),
        custom_attrs={"data-shift": s.place, "data-mine": s.mine.to_string()},
    )


@shell(routes.SHIFTS, on_load=[ShiftsState.load])
def shifts_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("roster.shifts_title"), size="6"),
        rx.cond(ShiftsState.shifts.length() > 0,
                rx.foreach(ShiftsState.shifts, _shift),
                card(rx.text(t("roster.shifts_none"), size="4"))),
        width="100%", spacing="3",
    )
