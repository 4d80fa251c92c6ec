"""Staff and grids (/staff): add a person (the password shown once), disable or enable an
account, reset someone's password (shown once too), and choose the buildings a grid worker
covers."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.community.picker import building_picker
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, field, uuid_field
from community_app.services.community.staff import StaffRow
from community_app.state.community.staff import StaffState

ROLES = ("grid_worker", "volunteer", "admin")


def _new_staff_form() -> rx.Component:
    return card(
        rx.heading(t("staff.new"), size="4"),
        rx.form(
            rx.vstack(
                uuid_field(),
                field(t("login.username"), "username", id="new-username"),
                field(t("staff.name"), "display_name"),
                field(t("staff.phone"), "phone", input_mode="tel"),
                rx.text(t("staff.role"), size="3", weight="medium", id="new-role-label"),
                rx.select.root(
                    rx.select.trigger(width="100%", id="new-role",
                                      aria_labelledby="new-role-label new-role"),
                    rx.select.content(
                        *[rx.select.item(t(f"role.{r}"), value=r) for r in ROLES]
                    ),
                    name="role",
                    default_value="grid_worker",
                    size="3",
                ),
                big_button(t("staff.create"), type="submit", id="create-staff"),
                spacing="3",
                width="100%",
            ),
            on_submit=StaffState.create,
            id="staff-form",
            width="100%",
        ),
        rx.cond(
            (StaffState.issued_password != "") & ~StaffState.issued_by_reset,
            _issued(t("staff.created")),
        ),
    )


def _issued(heading: rx.Var) -> rx.Component:
    """A password shown once: the admin says it is written down and the state forgets it."""
    return card(
        rx.text(heading),
        rx.hstack(
            rx.code(StaffState.issued_username, size="5"),
            rx.code(StaffState.issued_password, size="5", id="issued-password"),
            wrap="wrap",
        ),
        big_button(t("community.written_down"), variant="soft",
                   on_click=StaffState.dismiss_issued, id="password-written-down"),
        background="var(--green-3)",
    )


def _reset(p: StaffRow) -> rx.Component:
    """重置密码 for someone else: a confirmation first (they are signed out everywhere),
    then the new password on their own card, once."""
    return rx.cond(
        StaffState.confirm_reset_id == p.id,
        rx.vstack(
            rx.text(t("staff.reset_confirm"), size="3"),
            rx.hstack(
                rx.button(t("staff.reset_do"), color_scheme="red", size="3", min_height="44px",
                          flex="1", on_click=StaffState.reset_password(p.id),
                          id="confirm-reset"),
                rx.button(t("common.cancel"), variant="soft", color_scheme="gray", size="3",
                          min_height="44px", flex="1", on_click=StaffState.cancel_reset),
                width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            StaffState.issued_by_reset & (StaffState.issued_username == p.username),
            _issued(t("staff.reset_done")),
            rx.cond(~p.is_me, rx.button(t("staff.reset"), variant="outline", size="3",
                                        min_height="44px", on_click=StaffState.ask_reset(p.id),
                                        custom_attrs={"data-reset": p.username})),
        ),
    )


def _person(p: StaffRow) -> rx.Component:
    return card(
        rx.hstack(
            rx.vstack(
                rx.text(p.name, size="4", weight="bold"),
                rx.text(p.username, " · ", p.phone, size="2", color_scheme="gray"),
                rx.match(p.role, *[(r, rx.badge(t(f"role.{r}"))) for r in ROLES], rx.fragment()),
                spacing="1",
            ),
            rx.spacer(),
            rx.vstack(
                rx.cond(
                    p.active,
                    rx.button(t("staff.disable"), color_scheme="red", variant="soft", size="3",
                              on_click=StaffState.set_active(p.id, False)),
                    rx.button(t("staff.enable"), variant="soft", size="3",
                              on_click=StaffState.set_active(p.id, True)),
                ),
                rx.cond(
                    p.role == "grid_worker",
                    rx.button(p.buildings, " ", t("staff.buildings_count"), size="3",
                              variant="outline", on_click=StaffState.start_assign(p.id)),
                ),
                align="end",
            ),
            width="100%",
        ),
        _reset(p),
        opacity=rx.cond(p.active, "1", "0.55"),
        custom_attrs={"data-username": p.username},
    )


@shell(routes.STAFF, on_load=[StaffState.load])
def staff_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("staff.title"), size="6"),
        building_picker(),
        _new_staff_form(),
        rx.foreach(StaffState.staff, _person),
        width="100%",
        spacing="3",
    )
