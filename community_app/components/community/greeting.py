"""The household home's greeting: the family by its head of household ("闫琳家")."""

from __future__ import annotations

import reflex as rx

from community_app.i18n import CATALOG
from community_app.state.base import AppState


def family_greeting(head: rx.Var, address: rx.Var) -> rx.Component:
    """"闫琳家" / "Yan Lin's family"; the flat's address when no head is registered."""
    zh, en = (text.split("{name}") for text in CATALOG["community.family"])
    return rx.cond(
        head != "",
        rx.cond(AppState.is_en, rx.fragment(en[0], head, en[1]),
                rx.fragment(zh[0], head, zh[1])),
        address,
    )
