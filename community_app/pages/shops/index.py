"""The /shops page: re-inspections due first, the shop register (contacts masked), and for
the admin the add-a-shop form and the checklist (the nine ones by default).

The register and the checklist are the admin's office screens, not offline forms (README
"Offline"); the inspection itself is (/shops/inspect)."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.shops.words import status_badge
from community_app.components.ui import card, field, label_for, uuid_field
from community_app.services.shops.views import CheckRow, Choice, ShopRow
from community_app.state.base import AppState
from community_app.state.shops.index import ITEM_FORM_ID, SHOP_FORM_ID, ShopsState


def _shop(s: ShopRow) -> rx.Component:
    return rx.link(
        card(
            rx.hstack(rx.text(s.name, size="5", weight="bold"), rx.spacer(), status_badge(s),
                      width="100%", align="center", wrap="wrap"),
            rx.text(s.kind, " · ", s.compound, size="3", color_scheme="gray"),
            rx.cond(s.contact != "", rx.text(s.contact, size="3")),
            rx.cond(s.reopened_on != "", rx.text(t("shops.reopened_on"), " ", s.reopened_on,
                                                 size="2", color_scheme="gray")),
            rx.cond(s.notice_id > 0, rx.text(t("shops.due_line"), " ", s.deadline, size="3",
                                             weight="medium")),
            border=rx.cond(s.due, "2px solid var(--red-9)", "none"),
        ),
        href=routes.SHOPS_INSPECT + "?s=" + s.id.to_string(),
        width="100%", underline="none",
        custom_attrs={"data-shop": s.name},
    )


def _compound(c: Choice) -> rx.Component:
    return rx.el.option(c.label, value=c.id.to_string())


def _add_shop() -> rx.Component:
    return card(
        rx.heading(t("shops.add_title"), size="5"),
        rx.form(
            uuid_field(),
            rx.vstack(
                field(t("shops.name_label"), "name", id="shop-name"),
                field(t("shops.kind_label"), "kind", id="shop-kind"),
                label_for(t("shops.compound_label"), "shop-compound", size="3", weight="medium"),
                rx.el.select(rx.foreach(ShopsState.compounds, _compound), name="compound_id",
                             id="shop-compound", style={"minHeight": "44px", "width": "100%",
                                                        "fontSize": "16px"}),
                field(t("shops.contact_label"), "contact_name", id="shop-contact"),
                field(t("shops.phone_label"), "contact_phone", id="shop-phone", type="tel"),
                field(t("shops.reopened_label"), "reopened_on", id="shop-reopened", type="date"),
                rx.button(t("shops.add"), type="submit", size="4", width="100%",
                          min_height="52px", id="shop-add-button"),
                width="100%", spacing="2",
            ),
            on_submit=ShopsState.add_shop, id=SHOP_FORM_ID, width="100%",
        ),
    )


def _item(i: CheckRow) -> rx.Component:
    return rx.hstack(
        rx.text(i.label, size="4", color=rx.cond(i.active, "inherit", "var(--gray-11)"),
                text_decoration=rx.cond(i.active, "none", "line-through")),
        rx.spacer(),
        rx.button(rx.cond(i.active, t("shops.item_off"), t("shops.item_on")), type="button",
                  size="3", min_height="44px", variant="soft",
                  on_click=ShopsState.toggle_item(i.id)),
        width="100%", align="center", custom_attrs={"data-check-item": i.label},
    )


def _checklist() -> rx.Component:
    return card(
        rx.heading(t("shops.checklist_title"), size="5"),
        rx.foreach(ShopsState.checklist, _item),
        rx.form(
            uuid_field(),
            field(t("shops.item_label"), "label", id="shop-item-label"),
            rx.button(t("shops.add_item"), type="submit", size="3", min_height="48px",
                      width="100%", margin_top="8px"),
            on_submit=ShopsState.add_item, id=ITEM_FORM_ID, width="100%",
        ),
    )


@shell(routes.SHOPS, on_load=[ShopsState.load])
def shops_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("shops.title"), size="6"),
        rx.link(card(rx.text(t("shops.ledger_title"), size="4")), href=routes.SHOPS_LEDGER,
                width="100%", underline="none", id="shops-ledger-link"),
        rx.heading(t("shops.list_title"), size="5"),
        rx.cond(ShopsState.shops.length() > 0, rx.foreach(ShopsState.shops, _shop),
                rx.text(t("shops.none"), size="3", color_scheme="gray")),
        rx.cond(AppState.role == "admin", rx.fragment(_add_shop(), _checklist())),
        width="100%", spacing="3",
    )
