"""The notices on the home screens: a household's in large text with "我已阅读", 朗读 and
复制; a worker's or volunteer's with today's next broadcast; the admin's link to /notices.

朗读 and 复制 are the browser's own (assets/js/notices.js, wired by data-sw-speak and
data-sw-copy), so they work with no signal; "我已阅读" is a form kept in the outbox."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t
from community_app.components.ui import card, uuid_field
from community_app.services.notices.reads import NoticeCard
from community_app.state.notices.home import READ_KIND, NoticesHomeState

NOTICES_SCRIPT_URL = "/js/notices.js"


def box_words() -> dict:
    """The words notices.js says in the box's status line, in the chosen language."""
    return {"data-sw-notice": "1", "data-sw-copied": t("notices.copied"),
            "data-sw-copy-fallback": t("notices.copy_fallback"),
            "data-sw-no-speech": t("notices.no_speech")}


def play_copy(text: rx.Var, size: str = "4") -> rx.Component:
    """朗读 and 复制 for one text, with the status line and the long-press fallback box;
    put inside an element carrying `box_words()`."""
    return rx.fragment(
        rx.grid(
            rx.button(rx.icon("volume-2", size=24), t("notices.play"), type="button",
                      size=size, min_height="48px", variant="soft",
                      custom_attrs={"data-sw-speak": text}),
            rx.button(rx.icon("copy", size=24), t("notices.copy"), type="button", size=size,
                      min_height="48px", variant="soft", color_scheme="gray",
                      custom_attrs={"data-sw-copy": text}),
            columns="2", spacing="2", width="100%",
        ),
        rx.text("", size="3", custom_attrs={"data-sw-notice-status": "1", "aria-live": "polite"}),
        rx.el.textarea(readonly=True, hidden=True, rows=4, width="100%",
                       aria_label=t("notices.copy"), custom_attrs={"data-sw-copy-box": "1"}),
    )


def _urgent(n: NoticeCard) -> rx.Component:
    return rx.cond(n.urgent, rx.badge(t("notices.urgent"), color_scheme="red", size="3"))


def _read_form(n: NoticeCard) -> rx.Component:
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="notice_id", value=n.id.to_string()),
        rx.button(rx.icon("check", size=28), t("notices.mark_read"), type="submit", size="4",
                  width="100%", min_height="56px", color_scheme="green",
                  custom_attrs={"data-action": "notice-read"}),
        on_submit=NoticesHomeState.mark_read,
        id="notice-read-" + n.id.to_string(),  # state/notices/home.read_form_id
        width="100%",
        custom_attrs={"data-sw-outbox": READ_KIND},
    )


def _household_notice(n: NoticeCard) -> rx.Component:
    return card(
        rx.hstack(_urgent(n), rx.text(t("notices.since"), " ", n.since, size="3",
                                       color_scheme="gray"), align="center"),
        rx.text(n.text, size="7", weight="medium", white_space="pre-wrap",
                custom_attrs={"data-notice-text": "1"}),
        play_copy(n.text),
        rx.cond(
            n.read,
            rx.text(t("notices.is_read"), size="6", weight="bold", color="var(--green-11)",
                    custom_attrs={"data-notice-read": "1"}),
            _read_form(n),
        ),
        border=rx.cond(n.urgent, "2px solid var(--red-9)", "2px solid var(--amber-9)"),
        custom_attrs={**box_words(), "data-notice": n.id},
    )


def household_notices() -> rx.Component:
    """On the household's home, under its two actions: the notices showing now, in large text."""
    return rx.cond(
        NoticesHomeState.notices.length() > 0,
        rx.vstack(
            rx.hstack(rx.icon("megaphone", size=28),
                      rx.text(t("notices.home_title"), size="6", weight="bold"),
                      align="center"),
            rx.foreach(NoticesHomeState.notices, _household_notice),
            width="100%", spacing="3", id="household-notices",
        ),
    )


def _staff_notice(n: NoticeCard) -> rx.Component:
    return card(
        rx.hstack(_urgent(n), rx.text(t("notices.since"), " ", n.since, size="2",
                                       color_scheme="gray"), align="center"),
        rx.text(n.text, size="5", white_space="pre-wrap"),
        play_copy(n.text, "3"),
        custom_attrs={**box_words(), "data-notice": n.id},
    )


def _next_broadcast() -> rx.Component:
    slot = NoticesHomeState.next_slot
    return rx.cond(
        NoticesHomeState.has_next,
        card(
            rx.hstack(rx.icon("radio", size=22),
                      rx.text(t("notices.broadcast_next"), " ", slot.at, size="5",
                              weight="bold"), align="center"),
            rx.text(slot.text, size="5", white_space="pre-wrap"),
            play_copy(slot.text, "3"),
            custom_attrs={**box_words(), "data-next-broadcast": slot.at},
        ),
        rx.cond(NoticesHomeState.slots.length() > 0,
                rx.text(t("notices.broadcast_done"), size="3", color_scheme="gray")),
    )


def staff_notices() -> rx.Component:
    """On a worker's or volunteer's home: the notices to pass on and the next broadcast."""
    return rx.vstack(
        rx.cond(
            NoticesHomeState.notices.length() > 0,
            rx.vstack(
                rx.hstack(rx.icon("megaphone", size=22),
                          rx.text(t("notices.home_title"), size="5", weight="bold"),
                          align="center"),
                rx.foreach(NoticesHomeState.notices, _staff_notice),
                width="100%",
            ),
        ),
        _next_broadcast(),
        width="100%", id="staff-notices",
    )


def admin_notices_card() -> rx.Component:
    return rx.link(
        card(rx.hstack(rx.icon("megaphone"), rx.text(t("notices.admin_card"), size="4"),
                       rx.spacer(), rx.icon("chevron-right"), align="center", width="100%")),
        href=routes.NOTICES, width="100%", underline="none", id="notices-admin-card",
    )
