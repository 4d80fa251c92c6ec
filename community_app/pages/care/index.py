"""/care: the care list of the admin's or worker's households, and putting one on it (the
building, the flat, why, and its services). Not an offline form: the list is kept at the
office; the daily ticks are (components/care/home.py)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.care.home import reason_label
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card, label_for, uuid_field
from community_app.services.care.enrol import BuildingChoice, CareListRow
from community_app.state.care.home import CareListState

BOX = {"width": "28px", "height": "28px"}
SELECT = {"min_height": "44px", "width": "100%", "font_size": "16px"}


def _check(name: str, label: str) -> rx.Component:
    return rx.el.label(rx.el.input(type="checkbox", name=name, style=BOX),
                       rx.text(t(label), size="3"),
                       display="flex", align_items="center", gap="12px", min_height="48px")


def _building(b: BuildingChoice) -> rx.Component:
    return rx.el.option(b.label, value=b.id)


def _options(*pairs: tuple[str, str]) -> list[rx.Component]:
    return [rx.el.option(t(label), value=value) for value, label in pairs]


def _add() -> rx.Component:
    return card(
        rx.heading(t("care.add_title"), size="4"),
        rx.form(
            uuid_field(),
            rx.vstack(
                label_for(t("care.building_label"), "care-building", size="3"),
                rx.el.select(rx.foreach(CareListState.buildings, _building),
                             name="building_id", id="care-building", style=SELECT),
                label_for(t("care.flat_label"), "care-flat", size="3"),
                rx.input(name="flat", id="care-flat", size="3", width="100%", max_length=20),
                label_for(t("care.reason_label"), "care-reason", size="3"),
                rx.el.select(*_options(("elderly_alone", "care.reason.elderly_alone"),
                                       ("disabled", "care.reason.disabled"),
                                       ("chronic", "care.reason.chronic")),
                             name="reason", id="care-reason", style=SELECT),
                _check("garbage_morning", "care.kind.garbage_morning"),
                _check("garbage_afternoon", "care.kind.garbage_afternoon"),
                label_for(t("care.checkin_label"), "care-checkin", size="3"),
                rx.el.select(*_options(("call", "care.checkin.call"),
                                       ("visit", "care.checkin.visit"),
                                       ("none", "care.checkin.none")),
                             name="checkin", id="care-checkin", style=SELECT),
                rx.button(t("care.add"), type="submit", size="3", min_height="48px",
                          width="100%", id="care-add-submit"),
                width="100%", spacing="2"),
            on_submit=CareListState.add, id="care-add", width="100%"),
    )


def _row(r: CareListRow) -> rx.Component:
    return card(
        rx.text(r.address, " ", r.name, size="4", weight="bold"),
        rx.text(reason_label(r.reason), " · ", t("care.since"), " ", r.since, size="2"),
        rx.button(t("care.end"), on_click=CareListState.end(r.enrolment_id), size="3",
                  min_height="44px", variant="soft", color_scheme="gray"),
        custom_attrs={"data-care-row": r.household_id},
    )


@shell(routes.CARE, on_load=[CareListState.load])
def care_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("care.list_title"), size="6"),
        rx.cond(CareListState.rows.length() > 0, rx.foreach(CareListState.rows, _row),
                rx.text(t("care.list_empty"), size="3")),
        _add(),
        width="100%", spacing="3",
    )
