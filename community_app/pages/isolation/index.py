"""Isolation page: the worker's today board at /isolation (alerts, due items, number pad).

One case's page is in case.py and opening a case in new.py; the pad is
components/isolation/pad.py, the labels shared with the case page are in
components/isolation/labels.py. State: state/isolation/index.py.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.isolation.labels import kind_label
from community_app.components.isolation.pad import temperature_pad
from community_app.components.layout import shell
from community_app.components.sheets import browser_sheet, close_button, open_button, title
from community_app.components.ui import big_button, card, uuid_field
from community_app.models import STAFF_ACTIONS
from community_app.services.isolation.board import BoardCase, BoardItem, BoardPerson
from community_app.services.isolation.readings import AlertRow
from community_app.state.isolation.index import IsolationState
from community_app.state.isolation.pad import STAFF_DEGREES

PAD_FORM, NOTE_FORM, CANNOT_FORM = "pad-form", "note-form", "cannot-form"
TICK_KIND = "tick"  # the outbox kind of every tick (TICK_REPLAYER)
_DONE = dict(size="3", min_width="48px", min_height="48px", color_scheme="green")

# --- the today board ----------------------------------------------------------------------


def _alert(a: AlertRow) -> rx.Component:
    return card(
        rx.hstack(
            rx.icon("thermometer", color="var(--red-11)"),
            rx.text(t("isolation.fever"), " ", a.value, " ℃", size="5", weight="bold",
                    color="var(--red-11)"),
            rx.spacer(),
            rx.text(a.at, size="2", color_scheme="gray"),
            align="center",
            width="100%",
        ),
        rx.text(a.person, " · ", a.address, size="3"),
        rx.grid(
            *[
                rx.button(t(f"isolation.status.{action.value}"),
                          on_click=IsolationState.act(a.id, action.value), size="3",
                          min_height="48px", width="100%", color_scheme="red",
                          variant="soft", custom_attrs={"data-action": action.value})
                for action in STAFF_ACTIONS
            ],
            grid_template_columns="repeat(3, minmax(0, 1fr))",
            gap="6px",
            width="100%",
        ),
        background="var(--red-a3)",
        custom_attrs={"data-alert": a.id},
    )


def _person(case: BoardCase, p: BoardPerson) -> rx.Component:
    return rx.hstack(
        rx.text(p.name, size="4", weight="medium"),
        rx.cond(
            p.last != "",
            rx.badge(p.last, " ℃", size="3", color_scheme=rx.cond(p.fever, "red", "green")),
        ),
        rx.spacer(),
        open_button(PAD_FORM, {"case_id": case.id, "resident_id": p.id, "title": p.name},
                    rx.icon("thermometer"), t("isolation.phone_reading"), size="3",
                    min_height="48px", custom_attrs={"data-person": p.name}),
        align="center",
        width="100%",
    )


def _item(item: BoardItem) -> rx.Component:
    color = rx.cond(item.overdue, "var(--red-11)", "var(--gray-12)")
    return rx.hstack(
        rx.vstack(
            rx.text(kind_label(item.kind), size="3", weight="medium", color=color),
            rx.cond(item.person != "", rx.text(item.person, size="2", color=color)),
            rx.cond(item.overdue, rx.badge(t("isolation.overdue"), color_scheme="red")),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(
            item.kind == "checkin",
            open_button(NOTE_FORM, {"item_id": item.id, "done": 1, "title": item.person},
                        rx.icon("check"), aria_label=t("isolation.tick_done"), **_DONE,
                        custom_attrs={"data-done": item.kind}),
            rx.form(
                uuid_field(),
                rx.el.input(type="hidden", name="item_id", value=item.id),
                rx.el.input(type="hidden", name="done", value="1"),
                rx.button(rx.icon("check"), type="submit", aria_label=t("isolation.tick_done"),
                          **_DONE, custom_attrs={"data-done": item.kind}),
                on_submit=IsolationState.submit_tick,
                custom_attrs={"data-sw-outbox": TICK_KIND},
            ),
        ),
        open_button(CANNOT_FORM, {"item_id": item.id, "done": 0, "title": item.person},
                    rx.icon("x"), size="3", min_width="48px", min_height="48px",
                    color_scheme="gray", variant="soft",
                    aria_label=t("isolation.tick_could_not")),
        align="center",
        width="100%",
        padding_y="4px",
        border_bottom="1px solid var(--gray-a4)",
        custom_attrs={"data-item": item.kind, "data-overdue": item.overdue.to_string()},
    )


def _gone(counts: rx.Var, case: BoardCase) -> rx.Var:
    """How many of the case's items a tick dropped since the board was drawn."""
    key = case.id.to_string()
    return rx.cond(counts.contains(key), counts[key].to(int), 0)


def _due_item(item: BoardItem) -> rx.Component:
    return rx.cond(IsolationState.gone.contains(item.id), rx.fragment(), _item(item))


def _case(case: BoardCase) -> rx.Component:
    left = case.due.length() - _gone(IsolationState.gone_due, case)
    overdue = case.overdue - _gone(IsolationState.gone_overdue, case)
    return card(
        rx.link(
            rx.hstack(
                rx.text(case.address, size="4", weight="bold"),
                rx.spacer(),
                rx.icon("chevron-right"),
                width="100%",
                align="center",
            ),
            href=routes.ISOLATION_CASE + "?id=" + case.id.to_string(),
            underline="none",
            width="100%",
        ),
        rx.hstack(
            rx.text(t("isolation.day"), " ", case.day_no, " / ", case.period, size="3"),
            rx.text(t("isolation.ends"), " ", case.end_date, size="3", color_scheme="gray"),
            rx.cond(case.release_offered,
                    rx.badge(t("isolation.release_offered"), color_scheme="green", size="2")),
            wrap="wrap",
            spacing="3",
        ),
        rx.cond(
            case.phone != "",
            rx.link(
                rx.button(rx.icon("phone"), t("isolation.call_household"), size="3",
                          width="100%", min_height="48px", variant="outline"),
                href="tel:" + case.phone,
                width="100%",
                custom_attrs={"data-tel": case.phone},
            ),
        ),
        rx.foreach(case.people, lambda p: _person(case, p)),
        rx.cond(
            left > 0,
            rx.vstack(rx.foreach(case.due, _due_item), width="100%", spacing="0"),
            rx.text(t("isolation.all_done"), color_scheme="green"),
        ),
        border_left=rx.cond(overdue > 0, "6px solid var(--red-9)", "6px solid var(--green-9)"),
        custom_attrs={"data-case": case.id},
    )


def _cannot_form() -> rx.Component:
    return browser_sheet(
        CANNOT_FORM,
        rx.text(t("isolation.could_not_reason"), size="4", weight="bold"),
        title(),
        rx.input(name="reason", id="cannot-reason", size="3", width="100%", max_length=200,
                 placeholder=t("isolation.could_not_hint"), aria_label=t("field.reason")),
        big_button(t("isolation.could_not_save"), type="submit", id="cannot-save",
                   margin_top="8px"),
        close_button(t("common.cancel"), size="4", width="100%", min_height="52px",
                     variant="soft", color_scheme="gray"),
        hidden=("item_id", "done"), on_submit=IsolationState.submit_tick, outbox=TICK_KIND,
        label=t("isolation.could_not_reason"),
    )


def _source_switch() -> rx.Component:
    """Phone or at the door: two radio buttons inside the pad's form (no round trip)."""
    def option(value: str) -> rx.Component:
        return rx.el.label(
            rx.el.input(type="radio", name="source", value=value,
                        default_checked=value == "phone", id=f"pad-source-{value}"),
            rx.text(t(f"isolation.source.{value}"), size="4"),
            display="flex", align_items="center", gap="8px", min_height="48px",
            padding_x="12px", border="1px solid var(--gray-a7)", border_radius="8px",
            flex="1",
        )

    return rx.hstack(option("phone"), option("door"), width="100%", id="pad-source",
                     role="radiogroup", aria_label=t("isolation.source_label"))


def _note_form() -> rx.Component:
    return browser_sheet(
        NOTE_FORM,
        rx.text(t("isolation.checkin_note"), size="4", weight="bold"),
        title(),
        rx.text_area(name="note", id="checkin-note", size="3", width="100%", max_length=500,
                     placeholder=t("isolation.checkin_hint"), aria_label=t("field.note")),
        big_button(t("isolation.checkin_save"), type="submit", id="checkin-save",
                   margin_top="8px", color_scheme="green"),
        close_button(t("common.cancel"), size="4", width="100%", min_height="52px",
                     variant="soft", color_scheme="gray"),
        hidden=("item_id", "done"), on_submit=IsolationState.submit_tick, outbox=TICK_KIND,
        label=t("isolation.checkin_note"),
    )


@shell(routes.ISOLATION, on_load=[IsolationState.load])
def board_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("isolation.board"), size="6"),
            rx.spacer(),
            rx.text(IsolationState.today, color_scheme="gray"),
            align="center",
            width="100%",
        ),
        rx.foreach(IsolationState.alerts, _alert),
        temperature_pad(PAD_FORM, STAFF_DEGREES, "isolation.board_pad_hint",
                        IsolationState.save_reading, _source_switch()),
        _cannot_form(),
        _note_form(),
        rx.cond(
            IsolationState.cases.length() > 0,
            rx.foreach(IsolationState.cases, _case),
            card(rx.text(t("isolation.no_cases"), size="4")),
        ),
        rx.link(big_button(t("isolation.new_case"), variant="soft"),
                href=routes.ISOLATION_NEW, width="100%", id="new-case-link"),
        width="100%",
        spacing="3",
        id="isolation-board",
    )
