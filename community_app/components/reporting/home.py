"""On the community secretary's home: the subdistrict's reminder, until today's report is
sent (one line in pages/home.py; its state loads with the home screen)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.state.reporting.home import ReportingHomeState


def reminder_card() -> rx.Component:
    r = ReportingHomeState.reminder
    return rx.cond(r.show, rx.link(
        card(
            rx.hstack(rx.icon("bell-ring", size=24, color="var(--red-11)"),
                      rx.text(t("reporting.reminder_title"), size="4", weight="bold"),
                      align="center"),
            rx.text(t("reporting.deadline"), " ", r.deadline, " · ",
                    t("reporting.reminded_pre"), r.count, t("reporting.reminded_post"),
                    " · ", t("reporting.last_reminder"), " ", r.last_at, size="3"),
            rx.text(t("reporting.reminder_go"), " →", size="3", weight="medium",
                    color="var(--accent-11)"),
            border="2px solid var(--red-9)",
        ),
        href=routes.REPORT_SUBMIT, underline="none", width="100%", id="report-reminder",
    ))


def submit_link_card() -> rx.Component:
    """The secretary's way to the send page (always shown to the admin)."""
    return rx.link(card(rx.hstack(rx.icon("send"), rx.text(t("reporting.submit_card")),
                                  align="center")),
                   href=routes.REPORT_SUBMIT, underline="none", width="100%",
                   id="report-submit-link")
