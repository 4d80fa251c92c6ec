"""/disinfection: today's planned rounds, each with its record form (kept in the outbox with
no signal) and, once done, an optional photo; the admin's daily plan per compound, the last
7 days (with their photos) and the Excel export."""

from __future__ import annotations

import reflex as rx
from reflex.vars.function import ArgsFunctionOperation, FunctionStringVar

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.photo import photo_viewer
from community_app.components.ui import card, label_for, uuid_field
from community_app.services.disinfection.history import HistoryRow
from community_app.services.disinfection.plan import CompoundChoice
from community_app.services.disinfection.rounds import RoundView
from community_app.state.base import AppState
from community_app.state.disinfection.index import KIND, DisinfectionState
from community_app.uploads import DISINFECTION_PHOTO

UPLOAD_SCRIPT = "/upload.js"


def _field(label: str, name: str, key: rx.Var) -> rx.Component:
    element_id = name + "-" + key
    return rx.vstack(label_for(t(label), element_id, size="3"),
                     rx.input(name=name, id=element_id, size="3", width="100%",
                              max_length=200),
                     spacing="1", width="100%")


def _record_form(r: RoundView) -> rx.Component:
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="key", value=r.key),
        _field("disinfection.areas_label", "areas", r.key),
        _field("disinfection.chemical_label", "chemical", r.key),
        rx.button(t("disinfection.record"), type="submit", size="3", width="100%",
                  min_height="48px", custom_attrs={"data-action": "disinfection-record"}),
        on_submit=DisinfectionState.record,
        width="100%",
        custom_attrs={"data-sw-outbox": KIND},
    )


def _view_photo(record_id: rx.Var) -> rx.Component:
    return rx.button(rx.icon("image"), t("disinfection.photo_view"), type="button", size="3",
                     min_height="48px", variant="soft",
                     on_click=DisinfectionState.show_photo(record_id),
                     custom_attrs={"data-action": "disinfection-photo-view"})


def _post_photo(r: RoundView) -> rx.event.EventSpec:
    call = FunctionStringVar.create("window.swUpload").call(
        DISINFECTION_PHOTO, "dis-photo-" + r.key, {"record": r.record_id})
    return rx.call_function(ArgsFunctionOperation.create((), call),
                            callback=DisinfectionState.photo_done)


def _photo(r: RoundView) -> rx.Component:
    """A done round's optional photo: the file picker (the phone offers its camera) and the
    upload, or the photo once there is one."""
    input_id = "dis-photo-input-" + r.key
    return rx.cond(
        r.has_photo,
        _view_photo(r.record_id),
        rx.vstack(
            label_for(t("disinfection.photo_label"), input_id, size="3"),
            rx.box(rx.el.input(type="file", id=input_id,
                               accept="image/jpeg,image/png,.jpg,.jpeg,.png",
                               style={"minHeight": "44px", "width": "100%"}),
                   id="dis-photo-" + r.key, width="100%"),
            rx.button(rx.icon("camera"), t("disinfection.photo_send"), type="button", size="3",
                      min_height="48px", width="100%", variant="outline",
                      on_click=_post_photo(r),
                      custom_attrs={"data-action": "disinfection-photo-send"}),
            width="100%", spacing="2"),
    )


def _round(r: RoundView) -> rx.Component:
    return card(
        rx.hstack(rx.text(r.place, size="4", weight="bold"), rx.spacer(),
                  rx.text(t("disinfection.round_at"), " ", r.at, size="3"), width="100%"),
        rx.cond(
            r.done,
            rx.vstack(
                rx.text(t("disinfection.done_at"), " ", r.done_at, size="3",
                        color="var(--green-11)", custom_attrs={"data-round-done": "1"}),
                _photo(r), width="100%", spacing="2"),
            rx.vstack(
                rx.cond(r.overdue, rx.badge(t("disinfection.overdue"), color_scheme="red",
                                            size="3")),
                _record_form(r), width="100%", spacing="2"),
        ),
        border=rx.cond(r.overdue, "2px solid var(--red-9)", "none"),
        custom_attrs={"data-round": r.key},
    )


def _choice(c: CompoundChoice) -> rx.Component:
    return rx.el.option(c.label, value=c.id)


def _plan() -> rx.Component:
    return rx.cond(
        AppState.role == "admin",
        card(
            rx.heading(t("disinfection.plan_title"), size="4"),
            rx.form(
                rx.vstack(
                    label_for(t("disinfection.compound_label"), "plan-compound", size="3"),
                    rx.el.select(rx.foreach(DisinfectionState.compounds, _choice),
                                 name="compound_id", id="plan-compound",
                                 style={"min_height": "44px", "width": "100%",
                                        "font_size": "16px"}),
                    label_for(t("disinfection.plan_label"), "plan-times", size="3"),
                    rx.input(name="times", id="plan-times", default_value="09:00,15:00",
                             size="3", width="100%"),
                    rx.button(t("disinfection.save"), type="submit", size="3",
                              min_height="48px", width="100%"),
                    width="100%", spacing="2"),
                on_submit=DisinfectionState.set_plan, width="100%"),
        ),
    )


def _past(r: HistoryRow) -> rx.Component:
    return rx.hstack(
        rx.text(r.day, " ", r.at, size="2"),
        rx.text(r.place, size="2"),
        rx.spacer(),
        rx.match(r.status,
                 ("done", rx.text(t("disinfection.status.done"), " ", r.done_at, " ", r.by,
                                  size="2", color="var(--green-11)")),
                 rx.text(t("disinfection.status.missed"), size="2", color="var(--red-11)")),
        rx.cond(r.has_photo, rx.icon_button(
            rx.icon("image"), type="button", size="3", variant="ghost",
            aria_label=t("disinfection.photo_view"),
            on_click=DisinfectionState.show_photo(r.record_id),
            style={"minWidth": "44px", "minHeight": "44px"},
            custom_attrs={"data-action": "disinfection-history-photo"})),
        width="100%", min_height="32px", align="center",
    )


@shell(routes.DISINFECTION, on_load=[DisinfectionState.load])
def disinfection_page() -> rx.Component:
    return rx.vstack(
        rx.script(src=UPLOAD_SCRIPT),
        photo_viewer(DisinfectionState.photo_url, DisinfectionState.close_photo,
                     alt=t("disinfection.photo_alt")),
        rx.heading(t("disinfection.title"), size="6"),
        rx.heading(t("disinfection.today_title"), size="5"),
        rx.cond(DisinfectionState.rounds.length() > 0,
                rx.foreach(DisinfectionState.rounds, _round),
                rx.text(t("disinfection.none_today"), size="3")),
        _plan(),
        rx.heading(t("disinfection.history_title"), size="5"),
        card(rx.foreach(DisinfectionState.history, _past)),
        rx.button(t("disinfection.export"), on_click=DisinfectionState.download, size="3",
                  min_height="48px", width="100%", variant="soft", id="disinfection-export"),
        width="100%", spacing="3",
    )
