"""Errands page for a household: /ask (large text, often an elderly person).

A household asks for supplies (or a grid worker or admin asks on a household's behalf, or
converts a survey need) and follows its requests step by step. The labels, status badges
and photo viewer shared with the other errands pages are in `components/errands/`.
"""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.errands.badges import (
    OUTCOMES,
    PAYMENTS,
    STATUSES,
    label,
    status_badge,
)
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.photo import photo_viewer
from community_app.components.ui import NAV_CLEARANCE, card, label_for, uuid_field
from community_app.services.errands.items import COMMON_ITEMS, Line
from community_app.services.errands.views import ItemView, RequestView, Step
from community_app.state.base import AppState
from community_app.state.errands.ask import WINDOWS, AskState

BIG_INPUT = {"size": "3", "height": "56px", "font_size": "20px", "width": "100%"}


def _select(name: str, prefix: str, keys: tuple[str, ...], default: str) -> rx.Component:
    """Named by its label above and its own chosen value ("多急 今天内")."""
    return rx.select.root(
        rx.select.trigger(width="100%", min_height="52px", font_size="20px", id=f"select-{name}",
                          aria_labelledby=f"label-{name} select-{name}"),
        rx.select.content(*[rx.select.item(t(f"errands.{prefix}.{k}"), value=k) for k in keys]),
        name=name,
        default_value=default,
        size="3",
        # Redrawn in the new language: Radix keeps an uncontrolled select's option texts
        # from its first draw (Chinese, before the language loads).
        key=AppState.lang,
    )


def _item_button(kind: str) -> rx.Component:
    picked = AskState.picked_kinds.contains(kind)
    return rx.button(
        rx.cond(picked, rx.icon("check", size=28), rx.fragment()),
        rx.text(t(f"errands.item.{kind}"), size="7"),
        on_click=AskState.toggle_item(kind),
        variant=rx.cond(picked, "solid", "outline"),
        size="4",
        min_height="72px",
        width="100%",
        type="button",
        custom_attrs={"data-item": kind, "aria-pressed": picked.to_string()},
    )


def _picked_row(p: Line, index: rx.Var) -> rx.Component:
    kind = p.kind
    note = p.note
    return rx.vstack(
        rx.hstack(
            rx.text(rx.cond(kind == "other", p.text, label("item", kind, COMMON_ITEMS)),
                    size="6", weight="bold", min_width="0", flex="1"),
            rx.icon_button(rx.icon("minus"), size="4", variant="soft", type="button",
                           on_click=AskState.change_quantity(index, -1), aria_label="-1"),
            rx.text(p.quantity, size="7", min_width="2ch", text_align="center"),
            rx.icon_button(rx.icon("plus"), size="4", variant="soft", type="button",
                           on_click=AskState.change_quantity(index, 1), aria_label="+1"),
            rx.icon_button(rx.icon("x"), size="4", variant="ghost", color_scheme="gray",
                           type="button", on_click=AskState.remove_line(index),
                           aria_label=t("common.close")),
            width="100%",
            align="center",
        ),
        rx.cond(note != "", rx.text(note, size="5", color_scheme="gray")),
        spacing="0",
        width="100%",
        custom_attrs={"data-picked": kind},
    )


def _which_medicine() -> rx.Component:
    """药品 asks which one: the answer is the medicine line's note, carried by the form so an
    ask made offline keeps it (state/errands/ask.py). Always in the form (hidden without
    药品): an input that is not drawn would submit as null."""
    return rx.vstack(
        label_for(t("errands.which_medicine"), "medicine-note", size="6", weight="bold"),
        rx.input(name="medicine_note", id="medicine-note", max_length=60, **BIG_INPUT),
        width="100%", spacing="1", background="var(--orange-a3)", padding="8px",
        border_radius="8px",
        display=rx.cond(AskState.picked_kinds.contains("medicine"), "flex", "none"),
    )


def _more_choices() -> rx.Component:
    """When, how to pay and a note: folded, so a simple ask is the items and 发送. Closed,
    its fields still travel with the form (their defaults: today, asap, cash)."""
    return rx.el.details(
        rx.el.summary(rx.text(t("errands.more_choices"), size="5", as_="span"),
                      style={"minHeight": "48px", "display": "flex", "alignItems": "center",
                             "cursor": "pointer"}),
        rx.vstack(
            rx.text(t("errands.urgency"), size="5", id="label-urgency"),
            _select("urgency", "urgency", ("today", "within_2h"), "today"),
            rx.text(t("errands.window"), size="5", id="label-window"),
            _select("window", "window", WINDOWS, "asap"),
            rx.text(t("errands.payment"), size="5", id="label-payment"),
            _select("payment", "payment", PAYMENTS, "cash_on_delivery"),
            label_for(t("errands.note"), "note", size="5"),
            rx.input(name="note", id="note", max_length=200, **BIG_INPUT),
            spacing="2", width="100%",
        ),
        id="ask-more", style={"width": "100%"},
    )


def _send_bar() -> rx.Component:
    """Pinned above the bottom navigation: 发送 is on screen as soon as an item is picked,
    with no scrolling at 360x640."""
    return rx.box(
        rx.button(rx.icon("send", size=28), rx.text(t("errands.send"), size="7"),
                  type="submit", size="4", width="100%", min_height="72px",
                  id="ask-send", disabled=AskState.need_request_id > 0),
        position="sticky", bottom=NAV_CLEARANCE, z_index="5", width="100%",
        padding_y="8px", background="var(--color-background)",
    )


def _need_card() -> rx.Component:
    """Converting a survey need: what the visit recorded, and whether it is already done."""
    return rx.cond(
        AskState.need_id > 0,
        card(
            rx.text(t("errands.needs_from"), AskState.need_text, size="5", id="need-text"),
            rx.cond(
                AskState.need_request_id > 0,
                rx.callout(t("errands.need_already_converted"), color_scheme="green",
                           icon="circle-check", size="2", id="need-converted"),
                rx.text(t("errands.needs_hint"), size="4", color_scheme="gray"),
            ),
            background="var(--orange-2)",
        ),
    )


def _step(s: Step) -> rx.Component:
    reached = s.at != ""
    return rx.hstack(
        # Two static icons: a dynamic name pulls lucide's whole icon map into the bundle.
        rx.cond(reached, rx.icon("circle-check", size=24, color="var(--green-10)"),
                rx.icon("circle", size=24, color="var(--gray-8)")),
        rx.text(label("status", s.status, STATUSES), size="5",
                color=rx.cond(reached, "var(--gray-12)", "var(--gray-9)")),
        rx.spacer(),
        rx.text(s.at, size="5", color_scheme="gray"),
        width="100%",
        align="center",
    )


def _item_line(i: ItemView) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(i.label, " ×", i.quantity, size="6", weight="bold"),
            rx.spacer(),
            rx.cond(i.outcome != "pending",
                    rx.text(label("outcome", i.outcome, OUTCOMES), size="5")),
            width="100%",
        ),
        rx.cond(i.note != "", rx.text(i.note, size="5", color_scheme="gray")),
        rx.cond(i.substitute != "",
                rx.text("→ ", i.substitute, size="5", weight="bold", color="var(--orange-11)")),
        spacing="0",
        width="100%",
    )


def _request_card(r: RequestView) -> rx.Component:
    active = (r.status == "requested") | (r.status == "claimed") | (r.status == "shopping")
    return card(
        rx.hstack(status_badge(r.status), rx.spacer(), rx.text(r.requested, size="5"),
                  width="100%", align="center"),
        rx.foreach(r.goods, _item_line),
        rx.cond(active, rx.text(t("errands.due_by"), " ", r.due_by, size="5", weight="bold")),
        rx.cond(r.volunteer != "", rx.text(t("errands.helper"), ": ", r.volunteer, size="5")),
        rx.cond(r.amount != "", rx.text(t("errands.amount"), ": ¥", r.amount, size="5")),
        rx.cond(r.cancel_reason != "", rx.text(r.cancel_reason, size="5", color_scheme="red")),
        rx.cond(r.auto_confirmed, rx.text(t("errands.auto_confirmed"), size="5")),
        rx.vstack(rx.foreach(r.steps, _step), spacing="1", width="100%"),
        rx.cond(
            r.has_photo & (AppState.role == "household"),
            rx.button(rx.icon("image"), rx.text(t("errands.photo_view_door"), size="5"),
                      size="4", variant="soft", width="100%", min_height="56px",
                      on_click=AskState.show_photo(r.id), id="photo-" + r.id.to_string()),
            rx.cond((r.status == "delivered") | (r.status == "confirmed"),
                    rx.text(t("errands.no_photo_taken"), size="5",
                            id="no-photo-" + r.id.to_string())),
        ),
        rx.cond(
            (r.status == "delivered") & (AppState.role == "household"),
            rx.button(rx.text(t("errands.confirm"), size="7"), size="4", width="100%",
                      min_height="72px", color_scheme="green",
                      on_click=AskState.confirm(r.id), id="confirm-" + r.id.to_string()),
        ),
        rx.cond(
            r.status == "requested",
            rx.form(
                rx.el.input(type="hidden", name="request_id", value=r.id.to_string()),
                rx.hstack(
                    rx.input(name="reason", placeholder=t("errands.cancel_reason"), size="3",
                             aria_label=t("errands.cancel_reason"),
                             height="52px", font_size="20px", flex="1", min_width="0"),
                    rx.button(rx.text(t("errands.cancel"), size="5"), size="4", variant="soft",
                              color_scheme="red", type="submit", min_height="52px"),
                    width="100%",
                ),
                on_submit=AskState.cancel,
                width="100%",
            ),
        ),
        custom_attrs={"data-request": r.id.to_string()},
    )


@shell(routes.ERRAND_ASK, on_load=[AskState.load])
def ask_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("errands.ask_title"), size="8"),
        rx.cond(
            AskState.household_label != "",
            card(rx.text(t("errands.ask_for"), AskState.household_label, size="5",
                         weight="bold", id="ask-for")),
        ),
        _need_card(),
        rx.form(
            rx.vstack(
                uuid_field(),
                rx.el.input(type="hidden", name="items", value=AskState.picked_json),
                rx.el.input(type="hidden", name="household_id",
                            value=AskState.household_id.to_string()),
                rx.el.input(type="hidden", name="need_id", value=AskState.need_id.to_string()),
                rx.text(t("errands.ask_pick"), size="6"),
                rx.grid(
                    *[_item_button(kind) for kind in COMMON_ITEMS],
                    grid_template_columns="repeat(2, minmax(0, 1fr))",
                    gap="10px",
                    width="100%",
                ),
                rx.cond(AskState.picked.length() > 0,
                        card(rx.foreach(AskState.picked, _picked_row), id="picked")),
                _which_medicine(),
                label_for(t("errands.wish"), "wish", size="5"),
                rx.input(name="wish", id="wish", max_length=60, **BIG_INPUT),
                _more_choices(),
                _send_bar(),
                spacing="3",
                width="100%",
            ),
            on_submit=AskState.send,
            id="ask-form",
            # The wish and note typed are kept on the phone until sent (drafts.js).
            custom_attrs={"data-sw-outbox": "errand",
                          "data-sw-draft": "ask:" + AskState.household_id.to_string() + ":"
                          + AskState.need_id.to_string()},
            width="100%",
        ),
        photo_viewer(AskState.photo_url, AskState.hide_photo),
        rx.heading(t("errands.my_requests"), size="7", padding_top="8px"),
        rx.cond(
            AskState.requests.length() > 0,
            rx.vstack(rx.foreach(AskState.requests, _request_card), width="100%", spacing="3"),
            rx.text(t("errands.none_yet"), size="5"),
        ),
        width="100%",
        spacing="3",
        id="ask-page",
    )
