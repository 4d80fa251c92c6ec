"""A household tried and not reached: its attempts and what to do next (follow-ups, escalations)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import big_button, card
from community_app.models import Outcome
from community_app.services.survey.views import Attempt, FollowUp

ACTIONS = ("phone", "door_notice", "evening_revisit", "intercom")


def outcome_label(outcome: rx.Var) -> rx.Component:
    """An attempt's outcome in words (never the code "not_home")."""
    return rx.match(outcome, *[(o.value, t(f"survey.outcome.{o.value}")) for o in Outcome], "")


def _attempt(a: Attempt) -> rx.Component:
    return rx.text(a.when, " ", outcome_label(a.outcome), " · ", a.by, size="2",
                   color_scheme="gray")


def followup_card(item: FollowUp) -> rx.Component:
    return card(
        rx.hstack(
            rx.text(item.place, size="4", weight="bold"),
            rx.spacer(),
            rx.badge(item.failed_attempts, " ", t("survey.attempts"),
                     color_scheme=rx.cond(item.status == "escalated", "red", "orange"), size="2"),
        ),
        rx.cond(item.next_action != "", rx.text(
            t("survey.next_action"), ": ",
            rx.match(item.next_action, *[(a, t(f"survey.action.{a}")) for a in ACTIONS], ""),
            size="3")),
        rx.text(t("survey.round_shown"), item.round_name, size="2", color_scheme="gray"),
        rx.foreach(item.attempts, _attempt),
        rx.hstack(
            rx.link(big_button(t("survey.record_attempt"), variant="soft"),
                    href=routes.SURVEY_VISIT + "?h=" + item.household_id.to_string() + "&r="
                    + item.round_id.to_string(), flex="1"),
            rx.link(big_button(t("survey.notice"), variant="outline"),
                    href=routes.SURVEY_NOTICE + "?h=" + item.household_id.to_string() + "&r="
                    + item.round_id.to_string(), flex="1"),
            width="100%",
        ),
        custom_attrs={"data-followup": item.place},
    )
