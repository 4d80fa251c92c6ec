"""The /me card where a staff member changes their own password."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.components.ui import big_button, card
from community_app.services.community.accounts import PASSWORD_MAX
from community_app.state.community.password import FORM_ID, PasswordState


def _secret(label: str, name: str, element_id: str, autocomplete: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(t(label), size="3", weight="medium"), html_for=element_id),
        rx.input(type="password", name=name, id=element_id, auto_complete=autocomplete,
                 max_length=PASSWORD_MAX, size="3", height="48px", width="100%"),
        spacing="1",
        width="100%",
    )


def password_card() -> rx.Component:
    return card(
        rx.heading(t("community.password_title"), size="4"),
        rx.text(t("community.password_hint"), size="2", color_scheme="gray"),
        rx.form(
            rx.vstack(
                _secret("community.password_current", "current_password", "current-password",
                        "current-password"),
                _secret("community.password_new", "new_password", "new-password",
                        "new-password"),
                _secret("community.password_again", "new_password_again",
                        "new-password-again", "new-password"),
                big_button(t("community.password_submit"), type="submit",
                           id="change-password"),
                spacing="3",
                width="100%",
            ),
            on_submit=PasswordState.change,
            id=FORM_ID,
            width="100%",
        ),
        id="password-card",
    )
