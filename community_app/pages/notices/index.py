"""The admin's /notices page (小喇叭): write a notice (text, priority, compounds, when), the
notices with read counts per compound and a withdraw button, the daily broadcast schedule.

Not an offline form: the admin writes notices in the office (README "Offline")."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import joined, t
from community_app.components.layout import shell
from community_app.components.notices.home import box_words, play_copy
from community_app.components.ui import card, label_for, uuid_field
from community_app.services.notices.broadcast import SlotRow
from community_app.services.notices.views import AdminNotice, Choice, CompoundCount
from community_app.state.notices.admin import COMPOSE_FORM_ID, SLOT_FORM_ID, NoticesAdminState

BOX = {"width": "28px", "height": "28px"}


def _tick(name: str, label: rx.Var, **props) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, style=BOX, **props),
        rx.text(label, size="4"),
        display="flex", align_items="center", gap="12px", min_height="48px",
    )


def _compound(c: Choice) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name="compound_" + c.id.to_string(), style=BOX),
        rx.text(c.label, size="4"),
        display="flex", align_items="center", gap="12px", min_height="48px",
        custom_attrs={"data-compound": c.label},
    )


def _labelled(label: str, element_id: str, control: rx.Component) -> rx.Component:
    return rx.vstack(label_for(t(label), element_id, size="3", weight="medium"),
                     control, spacing="1", width="100%")


def _when(name: str, label: str) -> rx.Component:
    return _labelled(label, f"notice-{name}", rx.input(
        type="datetime-local", name=name, id=f"notice-{name}",
                                     size="3", width="100%"))


def _compose() -> rx.Component:
    return card(
        rx.heading(t("notices.compose_title"), size="5"),
        rx.form(
            uuid_field(),
            rx.vstack(
                _labelled("notices.text_label", "notice-text", rx.text_area(
                    name="text", id="notice-text", rows="5", size="3", width="100%")),
                _tick("urgent", t("notices.urgent_label")),
                _tick("whole", t("notices.whole_label"), default_checked=True),
                rx.text(t("notices.compounds_label"), size="3", color_scheme="gray"),
                rx.foreach(NoticesAdminState.compounds, _compound),
                _when("starts_at", "notices.starts_label"),
                _when("ends_at", "notices.ends_label"),
                rx.button(rx.icon("megaphone"), t("notices.publish"), type="submit", size="4",
                          width="100%", min_height="52px", id="notice-publish"),
                width="100%", spacing="3",
            ),
            on_submit=NoticesAdminState.publish,
            id=COMPOSE_FORM_ID,
            width="100%",
        ),
    )


def _count(c: CompoundCount) -> rx.Component:
    return rx.hstack(
        rx.text(c.compound, size="3"),
        rx.spacer(),
        rx.text(c.read, " / ", c.households, " ", t("notices.households"), " · ", c.percent,
                "%", size="3", weight="medium"),
        width="100%", min_height="32px", align="center",
        custom_attrs={"data-read-count": c.compound, "data-read": c.read},
    )


def _state(n: AdminNotice) -> rx.Component:
    return rx.match(
        n.state,
        ("scheduled", rx.badge(t("notices.state_scheduled"), color_scheme="blue")),
        ("ended", rx.badge(t("notices.state_ended"), color_scheme="gray")),
        ("withdrawn", rx.badge(t("notices.state_withdrawn"), color_scheme="gray")),
        rx.badge(t("notices.state_showing"), color_scheme="green"),
    )


def _notice(n: AdminNotice) -> rx.Component:
    return card(
        rx.hstack(_state(n), rx.cond(n.urgent, rx.badge(t("notices.urgent"),
                                                         color_scheme="red")),
                  rx.text(n.starts, rx.cond(n.ends != "", " → " + n.ends, ""), size="2",
                          color_scheme="gray"), wrap="wrap", align="center"),
        rx.text(n.text, size="4", white_space="pre-wrap"),
        rx.text(rx.cond(n.whole_community, t("notices.whole"), joined(n.compounds)), size="3",
                color_scheme="gray"),
        rx.text(t("notices.read_count"), " ", n.read, " / ", n.households, " ",
                t("notices.households"), size="4", weight="bold"),
        rx.foreach(n.counts, _count),
        play_copy(n.text, "3"),
        rx.cond(
            n.state != "withdrawn",
            rx.button(t("notices.withdraw"), type="button", size="3", min_height="44px",
                      variant="outline", color_scheme="red",
                      on_click=NoticesAdminState.withdraw(n.id),
                      custom_attrs={"data-action": "withdraw"}),
        ),
        custom_attrs={**box_words(), "data-admin-notice": n.id},
    )


def _slot(s: SlotRow) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(s.at, size="5", weight="bold"),
            rx.cond(s.active, rx.fragment(), rx.badge(t("notices.slot_paused"))),
            rx.spacer(),
            rx.button(rx.cond(s.active, t("notices.slot_pause"), t("notices.slot_resume")),
                      type="button", size="3", min_height="44px", variant="soft",
                      on_click=NoticesAdminState.toggle_slot(s.id)),
            rx.button(t("notices.slot_remove"), type="button", size="3", min_height="44px",
                      variant="soft", color_scheme="red",
                      on_click=NoticesAdminState.remove_slot(s.id)),
            width="100%", align="center",
        ),
        rx.text(s.text, size="3", white_space="pre-wrap"),
        width="100%",
        custom_attrs={"data-slot": s.at},
    )


def _schedule() -> rx.Component:
    return card(
        rx.heading(t("notices.broadcast_title"), size="5"),
        rx.cond(NoticesAdminState.slots.length() > 0,
                rx.foreach(NoticesAdminState.slots, _slot),
                rx.text(t("notices.slots_none"), size="3", color_scheme="gray")),
        rx.form(
            uuid_field(),
            rx.vstack(
                _labelled("notices.slot_time", "slot-at", rx.input(
                    type="time", name="at", id="slot-at", size="3", width="100%")),
                _labelled("notices.slot_text", "slot-text", rx.text_area(
                    name="text", id="slot-text", rows="2", size="3", width="100%")),
                rx.button(t("notices.slot_add"), type="submit", size="3", min_height="48px",
                          width="100%", id="slot-add"),
                width="100%", spacing="2",
            ),
            on_submit=NoticesAdminState.add_slot,
            id=SLOT_FORM_ID,
            width="100%",
        ),
    )


@shell(routes.NOTICES, on_load=[NoticesAdminState.load])
def notices_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("notices.title"), size="6"),
        _compose(),
        rx.heading(t("notices.list_title"), size="5"),
        rx.cond(NoticesAdminState.notices.length() > 0,
                rx.foreach(NoticesAdminState.notices, _notice),
                rx.text(t("notices.none"), size="3", color_scheme="gray")),
        _schedule(),
        width="100%", spacing="3",
    )
