"""The errand words every errands page (and the household's home) shows the same way: a
status badge, and the label of an item, status, outcome, urgency, window or payment.

Invariants
- A value the service sends (an enum value) is shown only through the catalog
  (`errands.<prefix>.<value>`); one the catalog does not know falls back to the value
  itself rather than to nothing.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t

STATUSES = ("requested", "claimed", "shopping", "delivered", "confirmed", "cancelled")
OUTCOMES = ("pending", "bought", "substituted", "unavailable")
URGENCIES = ("today", "within_2h")
PAYMENTS = ("cash_on_delivery", "prepaid", "volunteer_advance")
STATUS_COLORS = {
    "requested": "gray", "claimed": "blue", "shopping": "orange", "delivered": "green",
    "confirmed": "green", "cancelled": "red",
}


def label(prefix: str, value: rx.Var, keys: tuple[str, ...]) -> rx.Component:
    """`value` in the reader's language: errands.<prefix>.<value>, for each of `keys`."""
    return rx.match(value, *[(k, t(f"errands.{prefix}.{k}")) for k in keys], value)


def status_badge(status: rx.Var, size: str = "3") -> rx.Component:
    return rx.match(
        status,
        *[
            (s, rx.badge(t(f"errands.status.{s}"), color_scheme=STATUS_COLORS[s], size=size))
            for s in STATUSES
        ],
        rx.badge(status),
    )
