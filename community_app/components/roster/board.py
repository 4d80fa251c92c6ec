"""One shift on the admin's board: short shifts red, each person with 到岗 / 未到, and a
picker to assign a volunteer (also the backfill after a no-show)."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.roster.forms import SELECT
from community_app.components.roster.words import kind_label, status_badge
from community_app.components.ui import card, label_for, uuid_field
from community_app.services.roster.views import BoardShift, Helper, Person
from community_app.state.roster.admin import RosterAdminState


def _person(s: BoardShift, p: Person) -> rx.Component:
    small = {"type": "button", "size": "3", "min_height": "44px", "variant": "soft"}
    return rx.hstack(
        rx.text(p.name, size="4"),
        status_badge(p.status),
        rx.spacer(),
        rx.cond(p.status != "worked", rx.button(
            t("roster.mark_worked"), color_scheme="green",
            on_click=RosterAdminState.mark_worked(s.id, p.user_id),
            custom_attrs={"data-action": "worked"}, **small)),
        rx.cond(p.status != "no_show", rx.button(
            t("roster.mark_no_show"), color_scheme="red",
            on_click=RosterAdminState.mark_no_show(s.id, p.user_id),
            custom_attrs={"data-action": "no-show"}, **small)),
        width="100%", align="center", wrap="wrap",
        custom_attrs={"data-person": p.name, "data-status": p.status},
    )


def _helper(h: Helper) -> rx.Component:
    return rx.el.option(h.name, value=h.id.to_string())


def _assign(s: BoardShift) -> rx.Component:
    picker_id = "assign-pick-" + s.id.to_string()
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="shift_id", value=s.id.to_string()),
        rx.vstack(
            label_for(t("roster.assign_pick"), picker_id, size="3"),
            rx.hstack(
                rx.el.select(rx.foreach(RosterAdminState.volunteers, _helper), name="user_id",
                             id=picker_id, style=SELECT),
                rx.button(t("roster.assign"), type="submit", size="3", min_height="48px"),
                width="100%",
            ),
            width="100%", spacing="1",
        ),
        on_submit=RosterAdminState.assign,
        id="assign-" + s.id.to_string(),  # state/roster/admin.assign_form_id
        width="100%",
    )


def shift_card(s: BoardShift) -> rx.Component:
    return card(
        rx.hstack(
            rx.badge(kind_label(s.kind), size="3"),
            rx.text(s.when, size="4", weight="bold"),
            rx.cond(s.short, rx.badge(t("roster.short"), color_scheme="red", size="3")),
            wrap="wrap", align="center",
        ),
        rx.text(s.place, size="4"),
        rx.text(s.filled, " / ", s.min_people, "–", s.max_people, " ", t("roster.people"),
                size="4", weight="bold", color=rx.cond(s.short, "var(--red-11)", "inherit"),
                custom_attrs={"data-filled": s.filled}),
        rx.foreach(s.people, lambda p: _person(s, p)),
        _assign(s),
        background=rx.cond(s.short, "var(--red-3)", ""),
        custom_attrs={"data-board-shift": s.place, "data-short": s.short.to_string()},
    )
