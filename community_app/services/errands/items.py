"""Errand items: the common kinds, their labels, and checking a request's lines.

A line is a common kind (vegetables, rice, oil, eggs, medicine, garbage pickup) or a free
wish (`other` + text), with a quantity and a note. Callers from other domains may name
the item instead ("鸡蛋", "eggs" or any wish).

Invariants
- A request has 1 to MAX_ITEMS lines; a wish has text; a quantity is an int 1..99.
- The household's own words are free text: a line's note and a wish's text.
  `summary(..., notes=False)` leaves both out (a wish reads "其他") where a volunteer has
  not taken the request on yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from community_app.i18n import tr
from community_app.services.errors import ServiceError

COMMON_ITEMS = ("vegetables", "rice", "oil", "eggs", "medicine", "garbage")
OTHER = "other"
MAX_ITEMS = 20

ITEM_LABELS = {
    "vegetables": "蔬菜", "rice": "米", "oil": "油", "eggs": "鸡蛋", "medicine": "药品",
    "garbage": "倒垃圾",
}
_KIND_BY_LABEL = {label: kind for kind, label in ITEM_LABELS.items()}


@dataclass
class Line:
    """One line of a request: a common kind, or `other` with the wish as its text."""

    kind: str
    text: str = ""
    quantity: int = 1
    note: str = ""


class _Itemlike(Protocol):
    kind: str
    text: str
    quantity: int
    note: str


def item_label(kind: str, text: str, lang: str = "zh") -> str:
    """A line's name in `lang`: the catalog's word for a common kind, else the wish."""
    return text if kind not in COMMON_ITEMS else tr(f"errands.item.{kind}", lang)


def summary(items: Iterable[_Itemlike], *, notes: bool = True, lang: str = "zh") -> str:
    """'蔬菜×2、药品×1（布洛芬）' / 'Vegetables×2, Medicine×1 (布洛芬)': a request's lines on
    one line in `lang`; without notes '蔬菜×2、药品×1、其他×1' (no note, no wish text: what
    a volunteer sees before claiming)."""
    en = lang == "en"
    parts = []
    for item in items:
        hidden = not notes and item.kind == OTHER
        name = tr("errands.item.other", lang) if hidden else item_label(item.kind, item.text,
                                                                         lang)
        text = f"{name}×{item.quantity}"
        note = f" ({item.note})" if en else f"（{item.note}）"
        parts.append(text + note if notes and item.note else text)
    return (", " if en else "、").join(parts)


def clean_items(items: object) -> list[Line]:
    """The lines of a request, checked and trimmed; refused if empty or malformed."""
    if not isinstance(items, list) or not items or len(items) > MAX_ITEMS:
        raise ServiceError("errands.no_items")
    cleaned = []
    for raw in items:
        if not isinstance(raw, dict):
            raise ServiceError("err.bad_request")
        text = str(raw.get("text", "") or "").strip()[:60]
        if "kind" in raw:
            kind = str(raw["kind"])
        else:
            # Callers from other domains may name the item instead: "eggs", "鸡蛋" or a wish.
            name = str(raw.get("name", "") or "").strip()[:60]
            kind = name if name in COMMON_ITEMS else _KIND_BY_LABEL.get(name, OTHER)
            text = "" if kind != OTHER else (text or name)
        note = str(raw.get("note", "") or "").strip()[:100]
        quantity = raw.get("quantity", 1)
        if kind not in (*COMMON_ITEMS, OTHER) or (kind == OTHER and not text):
            raise ServiceError("err.bad_request")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 99:
            raise ServiceError("err.bad_request")
        cleaned.append(Line(kind=kind, text=text, quantity=quantity, note=note))
    return cleaned
