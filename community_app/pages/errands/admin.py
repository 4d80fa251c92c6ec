"""Errands page for an admin: /errands/admin, the overview and settlement desk.

This module holds the admin overview: open, in-progress and delivered-today counts, the
average time to delivery, late and returned requests, money owed to each volunteer with
its settle button and, per request, the amount next to its private door and receipt photos;
the deliveries of the last 7 days with their photos; and the spending of the last 7 days.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.errands.badges import URGENCIES, label, status_badge
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.photo import photo_viewer
from community_app.components.ui import big_button, card, stat
from community_app.services.errands.overview import Bill, LateRow, OwedRow, ReturnedRow
from community_app.state.errands.admin import ErrandsAdminState


def _late_row(r: LateRow) -> rx.Component:
    return card(
        rx.hstack(rx.text(r.place, size="3", weight="bold"), rx.spacer(),
                  status_badge(r.status, "2"), width="100%", wrap="wrap"),
        rx.text(label("urgency", r.urgency, URGENCIES), " · ",
                t("errands.waited"), " ", r.waiting, " ", t("errands.minutes"), size="2"),
        background="var(--red-3)",
    )


def _returned_row(r: ReturnedRow) -> rx.Component:
    return card(rx.text(r.place, size="3", weight="bold"),
                rx.text(r.volunteer, " · ", r.at, size="2"),
                background="var(--orange-3)")


def _owed_row(r: OwedRow) -> rx.Component:
    return card(
        rx.hstack(
            rx.vstack(rx.text(r.name, size="4", weight="bold"),
                      rx.text("¥", r.amount, " · ", r.count, size="3"), spacing="0"),
            width="100%",
            align="center",
        ),
        # Settling is not undone: a first tap shows what it settles, a second confirms.
        rx.el.details(
            rx.el.summary(rx.text(t("errands.settle"), size="3", weight="bold"),
                          min_height="48px", display="flex", align_items="center",
                          cursor="pointer", id="settle-ask-" + r.id.to_string()),
            rx.vstack(
                rx.text(t("errands.settle_confirm"), " ", r.name, ": ¥", r.amount, " · ",
                        r.count, size="3", weight="medium"),
                rx.text(t("errands.settle_hint"), size="2", color_scheme="gray"),
                rx.button(t("errands.settle_yes"), size="3", min_height="48px",
                          on_click=ErrandsAdminState.settle(r.id), width="100%",
                          id="settle-" + r.id.to_string()),
                width="100%", spacing="2",
            ),
            width="100%",
        ),
        custom_attrs={"data-owed": r.name},
    )


def _photo_button(r: Bill, kind: str, exists: rx.Var, title: str) -> rx.Component:
    return rx.cond(
        exists,
        rx.button(rx.icon("image" if kind == "delivery" else "receipt"), t(title), size="2",
                  variant="soft", min_height="44px",
                  on_click=ErrandsAdminState.show_photo(r.id, kind),
                  id=f"admin-photo-{kind}-" + r.id.to_string()),
    )


def _bill_row(r: Bill) -> rx.Component:
    """One request's amount, and its door and receipt photos, looked at before settling."""
    return card(
        rx.hstack(
            rx.text(r.place, size="3", weight="bold"),
            rx.spacer(),
            rx.cond(r.amount != "", rx.text("¥", r.amount, size="4", weight="bold")),
            width="100%", wrap="wrap", align="center",
        ),
        rx.hstack(
            status_badge(r.status, "1"),
            rx.text(r.volunteer, " · ", r.at, size="2"),
            rx.cond(r.settled, rx.badge(t("errands.settled"), color_scheme="green")),
            wrap="wrap", align="center",
        ),
        rx.hstack(
            _photo_button(r, "delivery", r.door_photo, "errands.photo_delivery"),
            _photo_button(r, "receipt", r.receipt_photo, "errands.photo_receipt"),
            rx.cond(~r.door_photo & ~r.receipt_photo,
                    rx.text(t("errands.no_photo"), size="2", color_scheme="gray")),
            wrap="wrap",
        ),
        custom_attrs={"data-bill": r.id.to_string()},
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
        rx.cond(s.bills.length() > 0, rx.vstack(
            rx.text(t("errands.bills_title"), size="3", weight="bold"),
            rx.foreach(s.bills, _bill_row), width="100%", id="bills")),
        photo_viewer(s.photo_url, s.hide_photo),
        rx.heading(t("errands.recent_title"), size="4"),
        rx.cond(s.recent.length() > 0,
                rx.vstack(rx.foreach(s.recent, _bill_row), width="100%", id="recent"),
                rx.text(t("errands.none"))),
        rx.link(big_button(rx.icon("shopping-basket"), t("errands.needs_link"), variant="outline"),
                href=routes.ERRAND_NEEDS, width="100%", id="admin-needs-link"),
        rx.heading(t("errands.week"), size="4"),
        card(
            rx.foreach(s.days, lambda d: rx.hstack(rx.text(d.day), rx.spacer(),
                                                    rx.text("¥", d.amount), width="100%")),
            rx.hstack(rx.text(t("errands.week_total"), weight="bold"), rx.spacer(),
                      rx.text("¥", s.week_total, weight="bold", id="week-total"), width="100%"),
        ),
        width="100%",
        spacing="3",
        id="errands-admin",
    )
