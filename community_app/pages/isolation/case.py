"""Isolation page: one case at /isolation/case (facts, extend, close, release, history).

The day-by-day history prints cleanly (PRINT_CSS hides the navigation and actions) and
admins can export it as CSV.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.isolation.labels import kind_label, source_label, status_label
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, label_for, uuid_field
from community_app.models import CloseReason, IsolationReason
from community_app.services.isolation.checklist import ONCE_KINDS
from community_app.services.isolation.history import HistoryDay, HistoryLine
from community_app.state import browser
from community_app.state.base import AppState
from community_app.state.isolation.case import CaseState

PRINT_CSS = """
@media print {
  #bottom-nav, .no-print, #lang-switch, #error-message, #notice-message {
    display: none !important;
  }
  body { background: white; font-size: 11pt; }
  .rt-Card { box-shadow: none !important; border: 1px solid #999; break-inside: avoid; }
}
"""


# --- one case -----------------------------------------------------------------------------


def _line(line: HistoryLine) -> rx.Component:
    return rx.hstack(
        rx.text(line.time, size="2", color_scheme="gray", min_width="44px"),
        rx.vstack(
            rx.hstack(
                rx.cond(line.what == "reading", rx.text(t("isolation.reading"), size="2"),
                        rx.cond(line.what == "alert", rx.text(t("isolation.fever_action"),
                                                              size="2"),
                                rx.text(kind_label(line.what), size="2"))),
                rx.text(line.person, size="2"),
                rx.cond(line.value != "", rx.text(
                    line.value, " ℃", size="2", weight="bold",
                    # The household's corrected typo: kept, struck through.
                    text_decoration=rx.cond(line.status == "voided", "line-through", "none"),
                )),
                rx.badge(status_label(line.status),
                         color_scheme=rx.match(line.status, ("done", "green"), ("ok", "green"),
                                               ("due", "gray"), ("voided", "gray"),
                                               ("corrected", "gray"), "red")),
                wrap="wrap",
                spacing="2",
            ),
            rx.cond((line.by != "") | (line.note != ""),
                    rx.text(line.by, " ",
                            rx.cond(line.what == "reading", source_label(line.note), line.note),
                            size="1", color_scheme="gray")),
            spacing="0",
        ),
        width="100%",
        align="start",
        custom_attrs={"data-line": line.status},
    )


def _day(day: HistoryDay) -> rx.Component:
    return card(
        rx.text(t("isolation.day"), " ", day.day_no, " · ", day.day, size="3", weight="bold"),
        rx.cond(
            day.lines.length() > 0,
            rx.foreach(day.lines, _line),
            rx.text(t("isolation.nothing_recorded"), size="2", color_scheme="gray"),
        ),
        custom_attrs={"data-day": day.day},
    )


def _case_actions() -> rx.Component:
    return rx.cond(
        CaseState.status == "open",
        rx.vstack(
            rx.cond(
                CaseState.release_offered,
                big_button(t("isolation.release"), on_click=CaseState.release,
                           color_scheme="green", id="release-case"),
            ),
            card(
                rx.text(t("isolation.extend"), size="4", weight="bold"),
                rx.form(
                    uuid_field(),
                    rx.hstack(
                        rx.vstack(
                            label_for(t("field.days"), "extend-days", size="2"),
                            rx.input(name="days", type="number", default_value="7", min=1,
                                     max=30, size="3", width="96px", id="extend-days"),
                            spacing="1",
                        ),
                        rx.vstack(
                            label_for(t("field.note"), "extend-note", size="2"),
                            rx.input(name="note", size="3", width="100%", max_length=200,
                                     id="extend-note"),
                            spacing="1", width="100%",
                        ),
                        width="100%",
                    ),
                    big_button(t("isolation.extend"), type="submit", margin_top="8px",
                               variant="soft", id="extend-submit"),
                    on_submit=CaseState.extend,
                    id="extend-form",
                    width="100%",
                ),
            ),
            card(
                rx.text(t("isolation.request_again"), size="4", weight="bold"),
                rx.grid(
                    *[rx.button(t(f"isolation.kind.{k.value}"),
                                on_click=CaseState.request_again(k.value), size="3",
                                min_height="48px", width="100%", variant="soft")
                      for k in ONCE_KINDS],
                    grid_template_columns="repeat(2, minmax(0, 1fr))",
                    gap="6px",
                    width="100%",
                ),
            ),
            card(
                rx.text(t("isolation.close"), size="4", weight="bold"),
                rx.form(
                    label_for(t("field.reason"), "close-reason", size="2"),
                    rx.el.select(
                        *[rx.el.option(t(f"isolation.close.{r.value}"), value=r.value)
                          for r in CloseReason if r != CloseReason.completed],
                        name="reason", id="close-reason",
                        style={"width": "100%", "minHeight": "48px", "fontSize": "16px"},
                    ),
                    label_for(t("field.note"), "close-note", size="2", margin_top="8px"),
                    rx.input(name="note", size="3", width="100%", max_length=200,
                             id="close-note"),
                    big_button(t("isolation.close"), type="submit", color_scheme="red",
                               variant="soft", margin_top="8px"),
                    on_submit=CaseState.close,
                    width="100%",
                ),
            ),
            width="100%",
            spacing="3",
            class_name="no-print",
        ),
    )


@shell(routes.ISOLATION_CASE, on_load=[CaseState.load])
def case_page() -> rx.Component:
    return rx.vstack(
        rx.el.style(PRINT_CSS),
        rx.heading(CaseState.address, size="6"),
        card(
            rx.hstack(
                rx.cond(
                    CaseState.status == "open",
                    rx.badge(t("isolation.status_open"), color_scheme="orange", size="3"),
                    rx.badge(t("isolation.status_closed"), " · ",
                             rx.match(CaseState.close_reason,
                                      *[(r.value, t(f"isolation.close.{r.value}"))
                                        for r in CloseReason], ""),
                             " ", CaseState.closed_day, color_scheme="green", size="3"),
                ),
                rx.cond(CaseState.release_offered,
                        rx.badge(t("isolation.release_offered"), color_scheme="green",
                                 size="3")),
                wrap="wrap",
            ),
            rx.text(t("isolation.day"), " ", CaseState.day_no, " / ", CaseState.period,
                    size="5", weight="bold", id="case-day"),
            rx.text(CaseState.start_date, " → ", CaseState.end_date, size="3"),
            rx.text(t("isolation.people"), ": ", CaseState.people.join("、"), size="3"),
            rx.text(t("isolation.reason"), ": ",
                    rx.match(CaseState.reason,
                             *[(r.value, t(f"isolation.reason.{r.value}"))
                               for r in IsolationReason], ""),
                    " ", CaseState.reason_note, size="3"),
            rx.text(t("isolation.worker"), ": ", CaseState.worker, size="3"),
            rx.foreach(CaseState.extensions, lambda e: rx.text(
                t("isolation.extended_log"), " ", e, size="2", color_scheme="gray")),
            rx.cond(
                CaseState.tel_href != "",
                rx.link(rx.button(rx.icon("phone"), t("isolation.call_household"), size="3",
                                  width="100%", min_height="48px", variant="outline"),
                        href=CaseState.tel_href, width="100%", class_name="no-print"),
            ),
        ),
        _case_actions(),
        rx.hstack(
            rx.heading(t("isolation.history"), size="5"),
            rx.spacer(),
            rx.button(rx.icon("printer"), t("isolation.print"), size="3", min_height="48px",
                      variant="soft", on_click=browser.print_page()),
            rx.cond(
                AppState.role == "admin",
                rx.button(rx.icon("download"), "CSV", size="3", min_height="48px",
                          variant="soft", on_click=CaseState.export_csv, id="export-csv"),
            ),
            width="100%",
            align="center",
            class_name="no-print",
            wrap="wrap",
        ),
        rx.foreach(CaseState.history, _day),
        width="100%",
        spacing="3",
        id="isolation-case",
    )
