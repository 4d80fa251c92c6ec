"""A new community and its first admin (/subdistrict/new): the password shown once, to
hand over in person, as on the staff page. Office work: not an outbox form."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, field, uuid_field
from community_app.state.subdistrict.new import FORM_ID, NewCommunityState


def _issued() -> rx.Component:
    return card(
        rx.text(t("subdistrict.created")),
        rx.text(NewCommunityState.made_community, size="4", weight="bold"),
        rx.hstack(rx.code(NewCommunityState.issued_username, size="5", id="issued-username"),
                  rx.code(NewCommunityState.issued_password, size="5", id="issued-password"),
                  wrap="wrap"),
        big_button(t("subdistrict.handed_over"), variant="soft",
                   on_click=NewCommunityState.dismiss_issued, id="password-written-down"),
        background="var(--green-3)",
    )


@shell(routes.SUBDISTRICT_NEW, on_load=[NewCommunityState.load])
def new_community_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("subdistrict.new_title"), size="6"),
        rx.cond(NewCommunityState.issued_password != "", _issued()),
        card(rx.form(
            rx.vstack(
                uuid_field(),
                field(t("subdistrict.community_name"), "name", id="community-name"),
                field(t("subdistrict.community_phone"), "phone", id="community-phone",
                      input_mode="tel"),
                rx.text(t("subdistrict.admin_heading"), size="4", weight="bold"),
                field(t("subdistrict.admin_username"), "admin_username", id="admin-username",
                      auto_capitalize="none"),
                field(t("subdistrict.admin_name"), "admin_name", id="admin-name"),
                field(t("subdistrict.admin_phone"), "admin_phone", id="admin-phone",
                      input_mode="tel"),
                big_button(t("subdistrict.create"), type="submit", id="create-community"),
                spacing="3", width="100%",
            ),
            on_submit=NewCommunityState.create, id=FORM_ID, width="100%",
        )),
        rx.link(t("nav.home"), href=routes.SUBDISTRICT, size="3"),
        width="100%", spacing="3",
    )
