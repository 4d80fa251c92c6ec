"""The subdistrict's roll-up: the counts, the sort controls and the table of communities
(each name opens its submitted report; a late or pending one gets a reminder button)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import stat
from community_app.services.reporting.rollup import SORT_KEYS, RollupRow
from community_app.state.reporting.rollup import RollupState as S

PRINT_CSS = ("@media print { #bottom-nav, .no-print { display: none !important; } "
             "body { font-size: 12px; } }")
COLUMNS = ("households", "coverage", "returnees", "returnees_new", "under_isolation", "fever",
           "open_errands", "patrol_percent")


def counts() -> rx.Component:
    return rx.grid(stat(t("reporting.count_submitted"), S.submitted),
                   stat(t("reporting.count_late"), S.late),
                   stat(t("reporting.count_pending"), S.pending),
                   columns="3", spacing="2", width="100%", id="rollup-counts")


def deadline_form() -> rx.Component:
    """The subdistrict's own hour the communities' reports are due (community time).

    Drawn once the roll-up has loaded, so the field starts at the current deadline and a
    later load never resets what the officer is typing (an uncontrolled input)."""
    return rx.cond(S.deadline != "", rx.form(
        rx.hstack(
            rx.vstack(
                rx.el.label(t("reporting.deadline_label"), html_for="rollup-deadline"),
                rx.el.input(type="time", name="deadline", id="rollup-deadline",
                            default_value=S.deadline, required=True,
                            style={"minHeight": "48px", "fontSize": "16px"}),
                spacing="1"),
            rx.button(t("reporting.deadline_save"), type="submit", size="3", variant="soft",
                      min_height="48px", id="rollup-deadline-save"),
            align="end", spacing="3", wrap="wrap"),
        on_submit=S.set_deadline, class_name="no-print", width="100%",
    ))


def sort_controls() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.el.label(t("reporting.sort"), html_for="rollup-sort"),
            rx.el.select(*[rx.el.option(t(f"reporting.col_{k}"), value=k) for k in SORT_KEYS],
                         value=S.sort_key, on_change=S.sort_by, id="rollup-sort",
                         style={"minHeight": "48px", "fontSize": "16px"}),
            spacing="1"),
        # Reflex's checkbox is its own <label> round the box and the text: one 44 px target.
        rx.checkbox(t("reporting.sort_desc"), checked=S.descending,
                    on_change=S.set_descending, size="3", id="rollup-desc"),
        align="end", spacing="4", wrap="wrap", class_name="no-print",
    )


def status_badge(r: RollupRow) -> rx.Component:
    return rx.match(
        r.status,
        ("submitted", rx.cond(
            r.submitted_late,
            rx.badge(t("reporting.status_submitted_late"), color_scheme="orange", size="2"),
            rx.badge(t("reporting.status_submitted"), color_scheme="green", size="2"))),
        ("late", rx.badge(t("reporting.status_late"), color_scheme="red", size="2")),
        rx.badge(t("reporting.status_pending"), color_scheme="gray", size="2"),
    )


def remind_button(r: RollupRow) -> rx.Component:
    return rx.cond(r.status != "submitted", rx.vstack(
        rx.button(t("reporting.remind"), size="2", min_height="44px", variant="soft",
                  on_click=S.remind(r.community_id), class_name="no-print",
                  custom_attrs={"data-remind": r.community_id}),
        rx.cond(r.reminded > 0, rx.text(t("reporting.reminded_pre"), r.reminded,
                                        t("reporting.reminded_post"), size="1")),
        spacing="1"))


def row(r: RollupRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(rx.link(
            r.community, href=routes.REPORTING_COMMUNITY + "?c=" + r.community_id.to_string()
            + "&d=" + S.day, custom_attrs={"data-open": r.community_id},
            min_height="44px", display="inline-flex", align_items="center")),
        rx.table.cell(rx.vstack(status_badge(r), rx.cond(
            r.version > 1, rx.text(t("reporting.version_pre"), " ", r.version, size="1")),
            rx.text(r.submitted_at, size="1"), spacing="1"), remind_button(r)),
        *[rx.table.cell(getattr(r, c)) for c in COLUMNS],
        custom_attrs={"data-community": r.community, "data-status": r.status},
    )


def table() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("reporting.col_community")),
                rx.table.column_header_cell(t("reporting.col_status")),
                *[rx.table.column_header_cell(t(f"reporting.col_{c}")) for c in COLUMNS])),
            rx.table.body(
                rx.foreach(S.rows, row),
                rx.table.row(rx.table.row_header_cell(t("reporting.total")),
                             rx.table.cell(""),
                             *[rx.table.cell(getattr(S.total, c)) for c in COLUMNS],
                             id="rollup-total")),
            size="1", white_space="nowrap"),
        overflow_x="auto", width="100%", id="rollup-table", tab_index=0, role="region",
        aria_label=t("reporting.rollup_title"),
    )
