"""A shop's state as a badge in the reader's words (never the enum value)."""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.services.shops.views import ShopRow


def status_badge(s: ShopRow) -> rx.Component:
    return rx.cond(
        s.status == "closed", rx.badge(t("shops.status.closed"), color_scheme="red", size="2"),
        rx.cond(s.due, rx.badge(t("shops.due"), color_scheme="red", size="2"),
                rx.cond(s.notice_id > 0,
                        rx.badge(t("shops.under_notice"), color_scheme="orange", size="2"),
                        rx.badge(t("shops.status.open"), color_scheme="green", size="2"))))
