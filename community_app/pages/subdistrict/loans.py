"""Lent cadres (/subdistrict/loans): lend a person to a community for some days (the
account's password shown once), the loans with their end, and 提前结束."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.ui import big_button, card, field, label_for, uuid_field
from community_app.services.subdistrict.communities import CommunityRow
from community_app.services.subdistrict.loans import LENT_ROLES, LoanRow
from community_app.state.subdistrict.loans import FORM_ID, LoansState

SELECT = {"width": "100%", "minHeight": "48px", "fontSize": "16px"}


def _select(label: str, element_id: str, name: str, *options: rx.Component) -> rx.Component:
    return rx.vstack(label_for(t(label), element_id, size="3", weight="medium"),
                     rx.el.select(*options, name=name, id=element_id, style=SELECT),
                     spacing="1", width="100%")


def _option(c: CommunityRow) -> rx.Component:
    return rx.el.option(c.name, value=c.id.to_string())


def _lend_form() -> rx.Component:
    return card(
        rx.heading(t("subdistrict.lend_title"), size="4"),
        rx.form(
            rx.vstack(
                uuid_field(),
                _select("subdistrict.lend_community", "lend-community", "community_id",
                        rx.foreach(LoansState.communities, _option)),
                _select("subdistrict.lend_role", "lend-role", "role",
                        *[rx.el.option(t(f"role.{r.value}"), value=r.value)
                          for r in LENT_ROLES]),
                field(t("subdistrict.lend_username"), "username", id="lend-username",
                      auto_capitalize="none"),
                field(t("subdistrict.lend_name"), "display_name", id="lend-name"),
                field(t("subdistrict.lend_phone"), "phone", id="lend-phone", input_mode="tel"),
                field(t("subdistrict.lend_days"), "days", id="lend-days", type="number",
                      input_mode="numeric", default_value="14"),
                big_button(t("subdistrict.lend"), type="submit", id="lend-submit"),
                spacing="3", width="100%",
            ),
            on_submit=LoansState.lend, id=FORM_ID, width="100%",
        ),
        rx.cond(LoansState.issued_password != "", card(
            rx.text(t("subdistrict.lent_done")),
            rx.hstack(rx.code(LoansState.issued_username, size="5"),
                      rx.code(LoansState.issued_password, size="5", id="lent-password"),
                      wrap="wrap"),
            big_button(t("subdistrict.handed_over"), variant="soft",
                       on_click=LoansState.dismiss_issued),
            background="var(--green-3)",
        )),
    )


def _loan(row: LoanRow) -> rx.Component:
    return card(
        rx.hstack(rx.text(row.name, size="4", weight="bold"), rx.spacer(),
                  rx.cond(row.active, rx.badge(t("subdistrict.loan_active"), color_scheme="green"),
                          rx.badge(t("subdistrict.loan_over"), color_scheme="gray")),
                  width="100%"),
        rx.text(row.community, " · ",
                rx.match(row.role, *[(r.value, t(f"role.{r.value}")) for r in LENT_ROLES], ""),
                size="3"),
        rx.text(row.username, " · ", row.phone, " · ", t("subdistrict.loan_until"), " ",
                row.ends, size="2", color_scheme="gray"),
        rx.cond(row.active, rx.button(t("subdistrict.loan_end"), color_scheme="red",
                                      variant="soft", size="3", min_height="44px",
                                      on_click=LoansState.end(row.id))),
        custom_attrs={"data-loan": row.username},
    )


@shell(routes.SUBDISTRICT_LOANS, on_load=[LoansState.load])
def loans_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("subdistrict.loans_title"), size="6"),
        _lend_form(),
        rx.cond(LoansState.loans.length() > 0, rx.foreach(LoansState.loans, _loan),
                rx.text(t("subdistrict.no_loans"))),
        width="100%", spacing="3",
    )
