"""One community's care list from the subdistrict (/subdistrict/care?c=<id>): nothing
personal until 查看名单, and only with the community's named permission; each look logged."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card
from community_app.services.subdistrict.privacy import CareContact
from community_app.state.subdistrict.care import CareState


def _contact(c: CareContact) -> rx.Component:
    return rx.hstack(rx.text(c.name, size="3", weight="medium"), rx.text(c.place, size="2"),
                     rx.spacer(), rx.text(c.phone, size="3"), width="100%", wrap="wrap",
                     custom_attrs={"data-contact": "1"})


@shell(routes.SUBDISTRICT_CARE, on_load=[CareState.load])
def care_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("subdistrict.care_title"), size="5"),
        rx.text(t("subdistrict.care_aggregate"), size="3"),
        rx.cond(
            CareState.granted,
            rx.cond(CareState.shown,
                    card(rx.cond(CareState.contacts.length() > 0,
                                 rx.foreach(CareState.contacts, _contact),
                                 rx.text(t("subdistrict.care_empty")))),
                    big_button(t("subdistrict.care_show"), on_click=CareState.show,
                               id="care-show")),
            rx.callout(t("subdistrict.care_no_grant"), color_scheme="orange", width="100%"),
        ),
        rx.link(t("nav.home"), href=routes.SUBDISTRICT, size="3"),
        width="100%", spacing="3",
    )
