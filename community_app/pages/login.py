from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import frame
from community_app.components.ui import big_button, field, label_for
from community_app.state.auth import AuthState


@rx.page(route=routes.LOGIN, title="守望 · 登录", on_load=AuthState.arrive)
def login_page() -> rx.Component:
    return frame(
        rx.vstack(
            rx.text(t("app.tagline"), size="3", color_scheme="gray"),
            rx.heading(t("login.title"), size="6"),
            rx.form(
                rx.vstack(
                    field(t("login.username"), "username", auto_complete="username"),
                    field(
                        t("login.password"),
                        "password",
                        type="password",
                        auto_complete="current-password",
                    ),
                    big_button(t("login.submit"), type="submit", id="login-submit"),
                    spacing="4",
                    width="100%",
                ),
                on_submit=AuthState.login,
                width="100%",
                id="login-form",
            ),
            rx.link(t("login.household_link"), href=routes.HOUSEHOLD_LOGIN, size="4"),
            spacing="4",
            width="100%",
            padding_top="24px",
        ),
        nav=False,
    )


@rx.page(route=routes.HOUSEHOLD_LOGIN, title="守望 · 居民户登录", on_load=AuthState.arrive)
def household_login_page() -> rx.Component:
    big = {"size": "3", "height": "56px", "font_size": "24px"}
    return frame(
        rx.vstack(
            rx.heading(t("hlogin.title"), size="8"),
            rx.form(
                rx.vstack(
                    label_for(t("hlogin.code"), "code", size="6"),
                    rx.input(name="code", id="code", auto_complete="username", **big),
                    label_for(t("hlogin.pin"), "pin", size="6"),
                    rx.input(
                        name="pin",
                        id="pin",
                        type="password",
                        input_mode="numeric",
                        max_length=6,
                        auto_complete="current-password",
                        **big,
                    ),
                    rx.button(
                        rx.text(t("login.submit"), size="7"),
                        type="submit",
                        size="4",
                        width="100%",
                        min_height="64px",
                        id="household-login-submit",
                    ),
                    spacing="4",
                    width="100%",
                ),
                on_submit=AuthState.household_login,
                width="100%",
            ),
            rx.link(t("login.staff_link"), href=routes.LOGIN, size="4"),
            spacing="5",
            width="100%",
            padding_top="24px",
        ),
        nav=False,
    )
