"""The community admin's privacy page (/subdistrict/privacy): allow or revoke a subdistrict
officer's view of residents' names and phones, and read who looked, when, at what."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.services.subdistrict.privacy import GrantRow, ViewRow
from community_app.state.subdistrict.privacy import PrivacyAdminState


def _officer(o: GrantRow) -> rx.Component:
    return card(
        rx.hstack(
            rx.vstack(rx.text(o.name, size="4", weight="bold"),
                      rx.text(o.username, size="2", color_scheme="gray"), spacing="0"),
            rx.spacer(),
            rx.cond(o.granted,
                    rx.button(t("subdistrict.revoke"), color_scheme="red", variant="soft",
                              size="3", min_height="44px",
                              on_click=PrivacyAdminState.set_grant(o.user_id, False)),
                    rx.button(t("subdistrict.allow"), size="3", min_height="44px",
                              on_click=PrivacyAdminState.set_grant(o.user_id, True))),
            width="100%", align="center",
        ),
        rx.cond(o.granted, rx.badge(t("subdistrict.allowed"), color_scheme="green")),
        custom_attrs={"data-officer": o.username},
    )


def _view(v: ViewRow) -> rx.Component:
    return rx.hstack(rx.text(v.when, size="2"), rx.text(v.viewer, size="3"),
                     rx.text(rx.match(v.what, ("care_list", t("subdistrict.what.care_list")),
                                      ""), size="3"),
                     rx.spacer(), rx.text(v.rows, " ", t("subdistrict.log_rows"), size="2"),
                     width="100%", wrap="wrap", custom_attrs={"data-view": "1"})


@shell(routes.SUBDISTRICT_PRIVACY, on_load=[PrivacyAdminState.load])
def privacy_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("subdistrict.privacy_title"), size="5"),
        rx.text(t("subdistrict.privacy_intro"), size="3"),
        rx.cond(PrivacyAdminState.officers.length() > 0,
                rx.foreach(PrivacyAdminState.officers, _officer),
                rx.text(t("subdistrict.no_officers"))),
        rx.heading(t("subdistrict.log_title"), size="4"),
        card(rx.cond(PrivacyAdminState.views.length() > 0,
                     rx.foreach(PrivacyAdminState.views, _view),
                     rx.text(t("subdistrict.log_empty")))),
        width="100%", spacing="3",
    )
