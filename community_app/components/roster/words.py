"""The roster's enum values in the person's words (never the value itself)."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.models.roster import SKILLS

KINDS = ("gate", "patrol", "errands", "disinfection")
STATUSES = ("signed", "worked", "no_show")


def kind_label(kind: rx.Var) -> rx.Component:
    return rx.match(kind, *[(k, t(f"roster.kind.{k}")) for k in KINDS[1:]],
                    t("roster.kind.gate"))


def status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("worked", rx.badge(t("roster.status.worked"), color_scheme="green", size="2")),
        ("no_show", rx.badge(t("roster.status.no_show"), color_scheme="red", size="2")),
        rx.badge(t("roster.status.signed"), color_scheme="blue", size="2"),
    )


def skill_badge(skill: rx.Var) -> rx.Component:
    return rx.badge(rx.match(skill, *[(s, t(f"roster.skill.{s}")) for s in SKILLS[1:]],
                             t("roster.skill.driving")), size="2", color_scheme="gray")
