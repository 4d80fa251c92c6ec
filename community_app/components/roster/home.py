"""The roster cards on the home screens: the admin's (short shifts in red, applications to
review) and the volunteer's link to the open shifts. Each is inserted with one line."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import big_button, card
from community_app.state.roster.home import RosterHomeState


def admin_roster_card() -> rx.Component:
    return rx.link(
        card(
            rx.hstack(rx.icon("calendar-clock"), rx.text(t("roster.admin_card"), size="4"),
                      rx.spacer(), rx.icon("chevron-right"), align="center", width="100%"),
            rx.hstack(
                rx.cond(RosterHomeState.short > 0,
                        rx.badge(t("roster.short_badge"), " ", RosterHomeState.short,
                                 color_scheme="red", size="3", id="roster-short-badge")),
                rx.cond(RosterHomeState.pending > 0,
                        rx.badge(t("roster.pending_badge"), " ", RosterHomeState.pending,
                                 color_scheme="orange", size="3")),
                wrap="wrap",
            ),
            background=rx.cond(RosterHomeState.short > 0, "var(--red-3)", ""),
        ),
        href=routes.ROSTER, width="100%", underline="none", id="roster-admin-card",
    )


def volunteer_shifts_card() -> rx.Component:
    return rx.link(big_button(rx.icon("calendar-clock"), t("roster.shifts_card"),
                              id="shifts-card", variant="soft"),
                   href=routes.SHIFTS, width="100%")
