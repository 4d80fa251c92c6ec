"""Isolation labels shared by several pages: checklist kinds, statuses and reading sources
are named the same way on the board, on a case's page and in its history.
"""

from __future__ import annotations

import reflex as rx

from community_app.components.i18n import t
from community_app.models import AlertAction, ItemKind, ReadingSource


def kind_label(kind: rx.Var) -> rx.Component:
    return rx.match(kind, *[(k.value, t(f"isolation.kind.{k.value}")) for k in ItemKind], kind)


def status_label(status: rx.Var) -> rx.Component:
    keys = ["due", "done", "could_not", "ok", "fever", "voided",
            *[a.value for a in AlertAction]]
    return rx.match(status, *[(k, t(f"isolation.status.{k}")) for k in keys], status)


def source_label(source: rx.Var) -> rx.Component:
    return rx.match(
        source, *[(k.value, t(f"isolation.source.{k.value}")) for k in ReadingSource], source
    )
