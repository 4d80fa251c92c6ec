"""The grid worker's care card on the home screen: today's garbage pickups and check-ins of
care-list households, each "done" a form kept in the outbox with no signal."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card, uuid_field
from community_app.services.care.daily import CareTaskView
from community_app.state.care.home import TICK_KIND, CareHomeState


def kind_label(kind: rx.Var) -> rx.Component:
    return rx.match(kind, ("garbage_morning", t("care.kind.garbage_morning")),
                    ("garbage_afternoon", t("care.kind.garbage_afternoon")),
                    t("care.kind.checkin"))


def reason_label(reason: rx.Var) -> rx.Component:
    return rx.match(reason, ("elderly_alone", t("care.reason.elderly_alone")),
                    ("disabled", t("care.reason.disabled")), t("care.reason.chronic"))


def _task(task: CareTaskView) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(task.address, size="3", weight="bold"),
            rx.text(kind_label(task.kind), " · ", reason_label(task.reason), " · ",
                    t("care.due"), " ", task.due, size="2",
                    color=rx.cond(task.overdue, "var(--red-11)", "var(--gray-11)")),
            spacing="0", align="start"),
        rx.spacer(),
        rx.cond(
            task.done,
            rx.text(t("care.done_at"), " ", task.done_at, size="2", color="var(--green-11)"),
            rx.form(
                uuid_field(),
                rx.el.input(type="hidden", name="task_id", value=task.task_id.to_string()),
                rx.button(t("care.done"), type="submit", size="3", min_height="44px",
                          color_scheme="green"),
                on_submit=CareHomeState.tick,
                custom_attrs={"data-sw-outbox": TICK_KIND},
            ),
        ),
        width="100%", align="center", min_height="52px",
        custom_attrs={"data-care-task": task.kind, "data-care-done": task.done.to_string()},
    )


def worker_care_card() -> rx.Component:
    """Only when the worker's households on the care list have tasks today."""
    return rx.cond(
        CareHomeState.tasks.length() > 0,
        card(
            rx.hstack(rx.icon("heart-handshake"), rx.heading(t("care.today_title"), size="5"),
                      rx.spacer(), rx.link(t("care.open_list"), href=routes.CARE, size="3"),
                      align="center", width="100%"),
            rx.foreach(CareHomeState.tasks, _task),
            id="worker-care",
        ),
        rx.link(card(rx.hstack(rx.icon("heart-handshake"), rx.text(t("care.open_list")),
                               align="center")),
                href=routes.CARE, width="100%", underline="none", id="care-link"),
    )
