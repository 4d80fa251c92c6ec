"""The admin home's survey coverage: the community round's reach and each worker's progress."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.services.survey.coverage import Coverage, WorkerProgress


def _worker(p: WorkerProgress) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(rx.cond(p.name != "", p.name, t("home.cov_no_worker")), size="3"),
            rx.spacer(),
            rx.text(p.reached, "/", p.total, size="3", weight="bold"),
            width="100%",
        ),
        rx.progress(value=rx.cond(p.total > 0, p.reached * 100 / p.total, 0), size="2"),
        width="100%", spacing="1", class_name="coverage-worker",
        custom_attrs={"data-worker": p.name},
    )


def _number(label: str, value: rx.Var, element_id: str,
            color: rx.Var | str = "inherit") -> rx.Component:
    return rx.vstack(
        rx.text(value, size="6", weight="bold", color=color, id=element_id),
        rx.text(t(label), size="2", color_scheme="gray"),
        spacing="0", align="center",
    )


def coverage_card(c: Coverage) -> rx.Component:
    """Shown when a round is open; it links to /survey, where the rounds are."""
    return rx.cond(c.round_id > 0, rx.link(
        card(
            rx.hstack(rx.text(t("home.coverage"), size="4", weight="bold"), rx.spacer(),
                      rx.badge(c.round_name, size="2"), width="100%", align="center"),
            rx.grid(
                _number("home.cov_reached", c.reached.to_string() + "/" + c.total.to_string(),
                        "cov-reached"),
                _number("home.cov_not_reached", c.not_reached, "cov-not-reached"),
                _number("home.cov_escalated", c.escalated, "cov-escalated",
                        rx.cond(c.escalated > 0, "#b91c1c", "inherit")),
                columns="3", spacing="2", width="100%",
            ),
            rx.text(t("home.cov_workers"), size="3", weight="medium"),
            rx.foreach(c.workers, _worker),
        ),
        href=routes.SURVEY, underline="none", width="100%", id="admin-coverage",
    ))
