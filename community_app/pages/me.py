from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.community.password import password_card
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, lang_switch
from community_app.state.base import AppState
from community_app.state.community.settings import CommunitySettingsState
from community_app.state.shell import ShellState


def _community_phone() -> rx.Component:
    """The admin keeps the office phone that door notices print."""
    return card(
        rx.form(
            rx.el.label(rx.text(t("community.phone_label"), size="3", weight="bold"),
                        html_for="community-phone"),
            rx.text(t("community.phone_hint"), size="2", color_scheme="gray"),
            rx.input(name="phone", id="community-phone", input_mode="tel", max_length=25,
                     default_value=CommunitySettingsState.community_phone, size="3",
                     height="48px", width="100%",
                     key=CommunitySettingsState.community_phone),
            big_button(t("survey.save"), type="submit", id="save-community-phone",
                       margin_top="8px"),
            on_submit=CommunitySettingsState.save_phone,
            width="100%",
        ),
        id="community-settings",
    )


@shell(routes.ME, on_load=[CommunitySettingsState.load])
def me_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("me.title"), size="6"),
        card(
            rx.text(t("me.signed_in_as"), size="2", color_scheme="gray"),
            rx.text(AppState.display_name, size="5", weight="bold", id="me-name"),
            rx.match(
                AppState.role,
                *[(r, rx.badge(t(f"role.{r}"), size="3")) for r in (
                    "admin", "grid_worker", "volunteer", "household"
                )],
                rx.fragment(),
            ),
        ),
        card(rx.text(t("me.language"), size="3"), lang_switch()),
        rx.cond(AppState.role != "household", password_card()),
        rx.cond(AppState.role == "admin", _community_phone()),
        rx.cond(
            AppState.role == "admin",
            rx.link(big_button(t("campaign.link"), variant="outline", color_scheme="red"),
                    href=routes.CAMPAIGN_END, width="100%", id="campaign-link"),
        ),
        big_button(
            t("me.logout"), on_click=ShellState.logout, color_scheme="red", variant="soft",
            id="logout",
        ),
        spacing="4",
        width="100%",
    )
