"""A submitted report's versions: numbers, compounds, who sent it when, and what a
correction changed (from -> to). Used by the secretary's page and the subdistrict's."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import card
from community_app.services.reporting.snapshots import (
    COMPOUND_NUMBERS,
    NUMBERS,
    CompoundLine,
    DiffLine,
    Numbers,
    SnapshotView,
)

HEADLINE = ("households", "reached", "returnees", "returnees_new", "under_isolation",
            "fever", "open_errands", "patrol_covered")


def version_label(number: rx.Var) -> rx.Component:
    return rx.fragment(t("reporting.version_pre"), " ", number)


def number_grid(n: Numbers) -> rx.Component:
    return rx.grid(
        *[rx.card(rx.vstack(
            rx.text(getattr(n, k), size="6", weight="bold", custom_attrs={"data-metric": k}),
            rx.text(t(f"reporting.col_{k}"), size="2", color_scheme="gray"),
            spacing="0"), width="100%") for k in HEADLINE],
        columns="2", spacing="2", width="100%",
    )


def compound_row(c: CompoundLine) -> rx.Component:
    return rx.table.row(rx.table.row_header_cell(c.name),
                        *[rx.table.cell(getattr(c, k)) for k in COMPOUND_NUMBERS])


def compound_table(n: Numbers, label: rx.Var) -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(rx.table.row(
                rx.table.column_header_cell(t("report.compound")),
                *[rx.table.column_header_cell(t(f"reporting.col_{k}"))
                  for k in COMPOUND_NUMBERS])),
            rx.table.body(rx.foreach(n.compounds, compound_row)),
            size="1", white_space="nowrap"),
        overflow_x="auto", width="100%", tab_index=0, role="region", aria_label=label,
    )


def number_name(key: rx.Var) -> rx.Component:
    return rx.match(key, *[(k, t(f"reporting.col_{k}")) for k in NUMBERS], key)


def diff_line(d: DiffLine) -> rx.Component:
    return rx.text(
        rx.cond(d.compound != "", d.compound + " · ", ""), number_name(d.number), t("common.colon"),
        d.before, " → ", d.after, size="3", custom_attrs={"data-diff": d.key})


def version_card(v: SnapshotView) -> rx.Component:
    return card(
        rx.hstack(rx.text(version_label(v.version), size="5", weight="bold"),
                  rx.cond(v.late, rx.badge(t("reporting.late_flag"), color_scheme="orange",
                                           size="2")),
                  align="center"),
        rx.text(t("reporting.at"), " ", v.submitted_at, " · ", t("reporting.by"), " ",
                v.submitted_by, size="2", color_scheme="gray"),
        rx.text(t("reporting.as_of"), " ", v.day, " ", v.cutoff, " · ", v.round_name,
                size="2", color_scheme="gray"),
        rx.cond(v.reason != "", rx.text(t("reporting.reason_label"), t("common.colon"), v.reason,
                                        size="3")),
        rx.cond(v.version > 1, rx.vstack(
            rx.text(t("reporting.diff_title"), weight="bold"),
            rx.cond(v.diff.length() > 0, rx.foreach(v.diff, diff_line),
                    rx.text(t("reporting.no_diff"), size="2")),
            spacing="1", width="100%", custom_attrs={"data-diff-box": v.version})),
        number_grid(v.numbers),
        compound_table(v.numbers, t("reporting.compounds")),
        custom_attrs={"data-version": v.version},
    )
