"""Static UI text for components: both languages compile in, the locale var picks one."""

from __future__ import annotations

import reflex as rx

from community_app.i18n import CATALOG
from community_app.state.base import AppState


def t(key: str) -> rx.Var:
    zh, en = CATALOG[key]
    return rx.cond(AppState.is_en, en, zh)


def joined(names: rx.Var) -> rx.Var:
    """A list of names on one line: "甲、乙" in Chinese, "A, B" in English."""
    return rx.cond(AppState.is_en, names.join(", "), names.join("、"))


def unit_label(unit: rx.Var) -> rx.Var:
    """A stairwell's name in the chosen language: "3 单元" / "Unit 3"."""
    zh, en = CATALOG["building.unit"]
    number = unit.to_string()
    return rx.cond(AppState.is_en, en.replace("{unit}", "") + number,
                   number + zh.replace("{unit}", ""))
