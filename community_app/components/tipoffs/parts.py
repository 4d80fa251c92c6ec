"""Shared parts of the tip-off pages: the status as words, a labelled text box."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import label_for


def status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("checking", rx.badge(t("tipoffs.status_checking"), color_scheme="blue", size="3")),
        ("confirmed", rx.badge(t("tipoffs.status_confirmed"), color_scheme="green", size="3")),
        ("unfounded", rx.badge(t("tipoffs.status_unfounded"), color_scheme="gray", size="3")),
        rx.badge(t("tipoffs.status_new"), color_scheme="orange", size="3"),
    )


def status_word(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("checking", t("tipoffs.status_checking")),
        ("confirmed", t("tipoffs.status_confirmed")),
        ("unfounded", t("tipoffs.status_unfounded")),
        ("new", t("tipoffs.status_new")),
        t("tipoffs.all"),
    )


def boxed(label: str, element_id: str | rx.Var, control: rx.Component) -> rx.Component:
    return rx.vstack(label_for(t(label), element_id, size="3", weight="medium"), control,
                     spacing="1", width="100%")


def line(label: str, name: str, element_id: str | rx.Var, **props) -> rx.Component:
    return boxed(label, element_id, rx.input(name=name, id=element_id, size="3",
                                             width="100%", **props))
