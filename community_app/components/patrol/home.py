"""The patrol on the home screens: the admin's card, tonight's walk, dark-window follow-ups.

Each outcome of a follow-up is a form of its own (its id, the outcome, a client UUID), so a
worker knocking on a door with no signal loses nothing: the outbox keeps it."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import joined, t
from community_app.components.ui import card, uuid_field
from community_app.services.patrol.followups import FollowUpRow
from community_app.services.patrol.walk import TonightCard
from community_app.state.patrol.home import OUTCOME_KIND, PatrolHomeState


def admin_patrol_card() -> rx.Component:
    return card(
        rx.hstack(
            rx.icon("lamp", size=22),
            rx.text(t("patrol.admin_card"), size="4", weight="medium"),
            rx.spacer(),
            rx.cond(
                PatrolHomeState.escalated > 0,
                rx.badge(t("patrol.escalated"), " ", PatrolHomeState.escalated, size="3",
                         color_scheme="red", id="patrol-escalated-badge"),
            ),
            align="center",
            width="100%",
        ),
        rx.hstack(
            rx.link(rx.button(t("patrol.plan_link"), size="3", variant="soft"),
                    href=routes.PATROL_PLAN, id="to-patrol-plan"),
            rx.link(rx.button(t("patrol.log_link"), size="3", variant="soft"),
                    href=routes.PATROL_LOG, id="to-patrol-log-home"),
            wrap="wrap",
        ),
    )


def tonight_card(p: TonightCard) -> rx.Component:
    return rx.link(
        card(
            rx.hstack(
                rx.icon("lamp", size=22),
                rx.text(t("patrol.tonight"), " ", p.window, size="5", weight="bold"),
                align="center",
            ),
            rx.text(joined(p.buildings), size="4"),
            rx.text(t("patrol.progress"), " ", p.progress, size="3", color_scheme="gray"),
            rx.button(
                rx.cond(p.signed_in, t("patrol.continue"), t("patrol.start")),
                size="4", width="100%", min_height="52px", color_scheme="amber",
            ),
        ),
        href=routes.PATROL + "?id=" + p.id.to_string(),
        width="100%",
        underline="none",
        custom_attrs={"data-tonight": p.id},
    )


def _outcome(f: FollowUpRow, outcome: str, *label: rx.Component | rx.Var | str,
             **props) -> rx.Component:
    """One outcome of a follow-up: a tiny form with its id and a client UUID, kept in the
    phone's outbox when tapped with no signal (state/patrol/home.py)."""
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="follow_up_id", value=f.id.to_string()),
        rx.el.input(type="hidden", name="outcome", value=outcome),
        rx.button(*label, type="submit", width="100%", **props),
        on_submit=PatrolHomeState.submit_outcome,
        id=f"follow-up-{outcome}-" + f.id.to_string(),  # home.outcome_form_id
        width="100%",
        custom_attrs={"data-sw-outbox": OUTCOME_KIND},
    )


def follow_up(f: FollowUpRow) -> rx.Component:
    return card(
        rx.hstack(
            rx.icon("triangle-alert", size=22, color="var(--red-10)"),
            rx.text(t("patrol.dark_window"), size="4", weight="bold"),
            rx.spacer(),
            rx.cond(f.escalated, rx.badge(t("patrol.escalated"), color_scheme="red")),
            align="center",
            width="100%",
        ),
        rx.text(f.address, size="4"),
        rx.text(f.resident, " · ", rx.match(
            f.reason, ("elderly_alone", t("patrol.reason_elderly_alone")),
            ("disabled", t("patrol.reason_disabled")),
            ("care_checkin_missed", t("patrol.reason_care_checkin_missed")), ""), size="3"),
        rx.text(t("patrol.raised_at"), " ", f.raised_at, " · ", t("patrol.escalates_at"), " ",
                f.escalates_at, size="2", color_scheme="gray"),
        rx.cond(
            f.call_outcome == "no_answer",
            rx.badge(t("patrol.call_no_answer"), color_scheme="orange", size="2"),
        ),
        rx.cond(
            f.status == "visited",
            rx.vstack(
                rx.match(
                    f.visit_outcome,
                    ("needs_help", rx.badge(t("patrol.visit_needs_help"), color_scheme="red")),
                    rx.badge(t("patrol.visit_emergency"), color_scheme="red"),
                ),
                _outcome(f, "handled", t("patrol.mark_handled"), size="4", min_height="52px",
                         color_scheme="green", custom_attrs={"data-action": "handled"}),
                width="100%",
            ),
            rx.vstack(
                rx.cond(
                    f.phone != "",  # the worker's own building: the full number, one tap
                    rx.link(rx.button(rx.icon("phone", size=22), t("patrol.call"), size="4",
                                      width="100%", min_height="52px"),
                            href="tel:" + f.phone, width="100%", custom_attrs={"data-call": "1"}),
                ),
                rx.grid(
                    _outcome(f, "answered", t("patrol.call_answered"), size="3",
                             min_height="48px", variant="soft", color_scheme="green",
                             custom_attrs={"data-action": "answered"}),
                    _outcome(f, "no_answer", t("patrol.call_no_answer"), size="3",
                             min_height="48px", variant="soft", color_scheme="orange",
                             custom_attrs={"data-action": "no-answer"}),
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                rx.text(t("patrol.visit_heading"), size="3", weight="bold"),
                rx.grid(
                    *[
                        _outcome(f, key, t(f"patrol.visit_{key}"), size="3",
                                 min_height="48px", variant="soft", color_scheme=color,
                                 custom_attrs={"data-action": f"visit-{key}"})
                        for key, color in (("well", "green"), ("away", "gray"),
                                           ("needs_help", "red"), ("emergency", "red"))
                    ],
                    columns="2",
                    spacing="2",
                    width="100%",
                ),
                width="100%",
            ),
        ),
        custom_attrs={"data-follow-up": f.address},
    )
