"""台账 (/ledger): search, filter chips, a paginated masked list, a detail sheet, admin exports."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ledger.correction import correction_form, correction_log
from community_app.components.ui import big_button, card, picker, sheet
from community_app.models import HouseholdStatus
from community_app.services.ledger.export_log import KINDS, ExportRow
from community_app.services.ledger.filters import GROUPS
from community_app.services.ledger.search import BuildingChoice, LedgerRow
from community_app.state.base import AppState
from community_app.state.ledger.ledger import FLAGS, LedgerState

FLAG_KEYS = {"returnee": "ledger.filter.returnee", "recent": "ledger.filter.recent",
             "fever": "ledger.filter.fever", "not_reached": "ledger.filter.not_reached"}


def _status(value: rx.Var) -> rx.Component:
    return rx.match(
        value,
        *[(s.value, t(f"ledger.status.{s.value}")) for s in HouseholdStatus],
        t("ledger.status.none"),
    )


def _chip(label: rx.Var, active: rx.Var, on_click: rx.EventHandler, key: str) -> rx.Component:
    return rx.button(
        label,
        variant=rx.cond(active, "solid", "outline"),
        size="3",
        min_height="44px",
        on_click=on_click,
        custom_attrs={"data-chip": key, "aria-pressed": rx.cond(active, "true", "false")},
    )


def _building_item(b: BuildingChoice) -> rx.Component:
    return rx.select.item(b.label, value=b.id.to_string())


def _filters() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.hstack(
                rx.input(name="q", placeholder=t("ledger.search"), size="3", width="100%",
                         max_length=30, id="ledger-q", default_value=LedgerState.q,
                         aria_label=t("ledger.search")),
                rx.button(rx.icon("search"), type="submit", size="3", min_height="44px",
                          aria_label=t("ledger.search_go"), id="ledger-search"),
                width="100%",
            ),
            on_submit=LedgerState.search,
            width="100%",
        ),
        rx.cond(LedgerState.rounds.length() > 1,
                picker(t("ledger.round"), LedgerState.rounds, LedgerState.round_id.to_string(),
                       LedgerState.choose_round, "ledger-round")),
        rx.select.root(
            rx.select.trigger(width="100%", id="ledger-building",
                              aria_label=t("ledger.filter.building")),
            rx.select.content(
                rx.select.item(t("ledger.filter.all_buildings"), value="all"),
                rx.foreach(LedgerState.buildings, _building_item),
            ),
            value=LedgerState.building,
            on_change=LedgerState.choose_building,
            size="3",
        ),
        rx.flex(
            # The flat tapped on the map: the list holds that household alone until cleared.
            rx.cond(LedgerState.household > 0,
                    _chip(t("ledger.filter.one_household"), True, LedgerState.clear,
                          "household")),
            *[_chip(t(FLAG_KEYS[f]), LedgerState.flags.contains(f),
                    LedgerState.toggle_flag(f), f) for f in FLAGS],
            *[_chip(t(f"ledger.group.{g}"), LedgerState.groups.contains(g),
                    LedgerState.toggle_group(g), g) for g in GROUPS],
            wrap="wrap",
            gap="6px",
        ),
        width="100%",
        spacing="2",
    )


def _row(row: LedgerRow) -> rx.Component:
    badges = rx.flex(
        rx.badge(_status(row.status), color_scheme="gray"),
        rx.cond(row.returnee, rx.badge(t("ledger.filter.returnee"), color_scheme="orange")),
        rx.cond(row.fever, rx.badge(t("ledger.filter.fever"), " ", row.temperature,
                                    color_scheme="red")),
        *[rx.cond(getattr(row, g), rx.badge(t(f"ledger.group.{g}"), color_scheme="blue"))
          for g in GROUPS],
        wrap="wrap",
        gap="4px",
    )
    return rx.box(
        card(
            rx.hstack(
                rx.text(row.name, size="4", weight="bold", class_name="ledger-name"),
                rx.spacer(),
                rx.text(row.phone, size="3", class_name="ledger-phone"),
                width="100%",
                align="center",
            ),
            rx.text(row.place, size="2", color_scheme="gray"),
            badges,
        ),
        on_click=LedgerState.open_detail(row.id),
        cursor="pointer",
        width="100%",
        role="button",
        class_name="ledger-row",
        custom_attrs={"data-resident": row.id},
    )


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(t("ledger.prev"), on_click=LedgerState.prev_page,
                  disabled=LedgerState.page <= 1, size="3", min_height="48px", id="ledger-prev"),
        rx.spacer(),
        rx.text(LedgerState.page, " / ", LedgerState.pages, id="ledger-page"),
        rx.spacer(),
        rx.button(t("ledger.next"), on_click=LedgerState.next_page,
                  disabled=LedgerState.page >= LedgerState.pages, size="3",
                  min_height="48px", id="ledger-next"),
        width="100%",
        align="center",
    )


def _line(label: rx.Var, value: rx.Var | rx.Component) -> rx.Component:
    return rx.hstack(rx.text(label, color_scheme="gray", size="2", min_width="6em"),
                     rx.text(value, size="3"), width="100%", align="start")


def _yes_no(value: rx.Var) -> rx.Var:
    return rx.cond(value, t("ledger.yes"), t("ledger.no"))


def _detail() -> rx.Component:
    d = LedgerState.detail
    return rx.cond(
        d.id > 0,
        sheet(
            rx.heading(t("ledger.detail"), size="4"),
            _line(t("ledger.col.name"), rx.text(d.name, id="detail-name")),
            _line(t("ledger.col.phone"),
                  rx.link(d.phone, href="tel:" + d.phone, id="detail-phone")),
            _line(t("ledger.col.room"), d.place),
            _line(t("ledger.col.code"), d.code),
            _line(t("ledger.col.birth_year"), d.birth_year),
            _line(t("ledger.col.sex"), rx.match(d.sex, ("male", t("ledger.sex.male")),
                                                ("female", t("ledger.sex.female")), "")),
            _line(t("ledger.col.status"), _status(d.status)),
            rx.flex(*[rx.cond(getattr(d, g), rx.badge(t(f"ledger.group.{g}"),
                                                      color_scheme="blue"))
                      for g in GROUPS], wrap="wrap", gap="4px"),
            correction_log(),
            correction_form(),
            rx.text(t("ledger.detail_findings"), weight="bold"),
            rx.cond(
                d.recorded,
                rx.vstack(
                    _line(t("ledger.col.present"), _yes_no(d.present)),
                    _line(t("ledger.col.returnee"), _yes_no(d.returnee)),
                    _line(t("ledger.col.returned_from"), d.returned_from),
                    _line(t("ledger.col.return_date"), d.return_date),
                    _line(t("ledger.col.contact_case"), _yes_no(d.contact_case)),
                    _line(t("ledger.col.temperature"), d.temperature),
                    _line(t("ledger.col.symptoms"), d.symptoms),
                    spacing="1",
                    width="100%",
                ),
                rx.text(t("ledger.not_recorded"), color_scheme="gray"),
            ),
            big_button(t("common.close"), variant="soft", color_scheme="gray",
                       on_click=LedgerState.close_detail, id="detail-close"),
            max_height="70vh",
            overflow_y="auto",
            id="ledger-detail",
        ),
    )


def _download(label: rx.Var, href: rx.Var, element_id: str) -> rx.Component:
    # Reflex renders anchors as React Router links; reloadDocument makes this a plain
    # browser download over HTTP with the session cookie, no client-side routing.
    return rx.el.a(
        rx.button(rx.icon("download"), label, size="3", min_height="48px", width="100%",
                  variant="soft", tab_index=-1),
        href=href,
        download="",
        id=element_id,
        custom_attrs={"reloadDocument": True},
        style={"flex": "1", "text_decoration": "none"},
    )


def _admin_tools() -> rx.Component:
    return rx.cond(
        AppState.role == "admin",
        card(
            rx.hstack(
                _download(t("ledger.export_csv"), LedgerState.csv_href, "export-csv"),
                _download(t("ledger.export_xlsx"), LedgerState.xlsx_href, "export-xlsx"),
                width="100%",
            ),
            rx.text(t("ledger.export_note"), size="2", color_scheme="gray"),
            rx.link(t("ledger.import_link"), href=routes.IMPORT, id="import-link", size="3"),
            _export_log(),
        ),
    )


def _export_row(r: ExportRow) -> rx.Component:
    return rx.hstack(
        rx.text(r.at, size="2", color_scheme="gray", min_width="6.5em"),
        rx.text(r.who, size="2", weight="medium"),
        rx.text(rx.match(r.kind, *[(k, t(f"ledger.export_kind.{k}")) for k in KINDS],
                         t("ledger.export_kind.ledger_csv")),
                " · ", r.rows, " ", t("ledger.export_rows"), size="2"),
        wrap="wrap", width="100%", custom_attrs={"data-export": r.who},
    )


def _export_log() -> rx.Component:
    """Who exported personal data, what and when: read when the admin asks for it."""
    return rx.vstack(
        rx.button(rx.icon("history"), t("ledger.export_log"), on_click=LedgerState.show_exports,
                  variant="outline", size="3", min_height="48px", width="100%",
                  id="export-log-open"),
        rx.foreach(LedgerState.exports, _export_row),
        width="100%", spacing="1", id="export-log",
    )


@shell(routes.LEDGER, on_load=[LedgerState.load])
def ledger_page() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("ledger.title"), size="6"),
            rx.spacer(),
            rx.cond(LedgerState.round_name != "",
                    rx.badge(LedgerState.round_name, size="2"),
                    rx.badge(t("ledger.no_round"), size="2", color_scheme="gray")),
            width="100%",
            align="center",
        ),
        _filters(),
        rx.hstack(
            rx.text(LedgerState.total, " ", t("ledger.total_label"), weight="bold",
                    id="ledger-total"),
            rx.spacer(),
            rx.button(t("ledger.clear"), variant="ghost", on_click=LedgerState.clear,
                      size="2", min_height="44px"),
            width="100%",
            align="center",
        ),
        rx.cond(
            LedgerState.rows.length() > 0,
            rx.vstack(rx.foreach(LedgerState.rows, _row), width="100%", spacing="2",
                      id="ledger-rows"),
            rx.text(t("ledger.empty"), color_scheme="gray"),
        ),
        # After the list and sticky to the bottom: in view whichever row was tapped.
        _detail(),
        _pager(),
        _admin_tools(),
        width="100%",
        spacing="3",
        id="ledger-page-body",
    )
