"""Errands page for an admin: /errands/admin, the overview and settlement desk.

This module holds the admin overview: open, in-progress and delivered-today counts, the
average time to delivery, late and returned requests, money owed to each volunteer with
its settle button, and the spending of the last 7 days.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card, stat
from community_app.pages.errands import URGENCIES, _label, _status_badge
from community_app.state.errand_admin import ErrandsAdminState


def _late_row(r: rx.Var) -> rx.Component:
    return card(
        rx.hstack(rx.text(r["place"], size="3", weight="bold"), rx.spacer(),
                  _status_badge(r["status"].to(str), "2"), width="100%", wrap="wrap"),
        rx.text(_label("urgency", r["urgency"].to(str), URGENCIES), " · ",
                t("errands.waited"), " ", r["waiting"], " ", t("errands.minutes"), size="2"),
        background="var(--red-3)",
    )


def _returned_row(r: rx.Var) -> rx.Component:
    return card(rx.text(r["place"], size="3", weight="bold"),
                rx.text(r["volunteer"], " · ", r["at"], size="2"),
                background="var(--orange-3)")


def _owed_row(r: rx.Var) -> rx.Component:
    return card(
        rx.hstack(
            rx.vstack(rx.text(r["name"], size="4", weight="bold"),
                      rx.text("¥", r["amount"], " · ", r["count"], size="3"), spacing="0"),
            rx.spacer(),
            rx.button(t("errands.settle"), size="3", min_height="48px",
                      on_click=ErrandsAdminState.settle(r["id"].to(int)),
                      id="settle-" + r["id"].to_string()),
            width="100%",
            align="center",
        ),
        custom_attrs={"data-owed": r["name"]},
    )


@shell(routes.ERRANDS_ADMIN, on_load=[ErrandsAdminState.load])
def admin_page() -> rx.Component:
    s = ErrandsAdminState
    return rx.vstack(
        rx.heading(t("errands.admin_title"), size="6"),
        rx.grid(
            stat(t("errands.open"), s.open),
            stat(t("errands.in_progress"), s.in_progress),
            stat(t("errands.delivered_today"), s.delivered_today),
            stat(t("errands.average"), s.average_minutes),
            grid_template_columns="repeat(2, minmax(0, 1fr))",
            gap="12px",
            width="100%",
        ),
        rx.heading(t("errands.late_title"), size="4"),
        rx.cond(s.late.length() > 0, rx.foreach(s.late, _late_row), rx.text(t("errands.none"))),
        rx.heading(t("errands.returned_title"), size="4"),
        rx.cond(s.returned.length() > 0, rx.foreach(s.returned, _returned_row),
                rx.text(t("errands.none"))),
        rx.heading(t("errands.owed_title"), size="4"),
        rx.cond(s.owed.length() > 0, rx.vstack(rx.foreach(s.owed, _owed_row), width="100%"),
                rx.text(t("errands.none"), id="owed-none")),
        rx.heading(t("errands.week"), size="4"),
        card(
            rx.foreach(s.days, lambda d: rx.hstack(rx.text(d["day"]), rx.spacer(),
                                                    rx.text("¥", d["amount"]), width="100%")),
            rx.hstack(rx.text(t("errands.week_total"), weight="bold"), rx.spacer(),
                      rx.text("¥", s.week_total, weight="bold", id="week-total"), width="100%"),
        ),
        width="100%",
        spacing="3",
        id="errands-admin",
    )
