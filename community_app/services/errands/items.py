"""Errand items: the common kinds, their labels, and checking a request's lines.

A line is a common kind (vegetables, rice, oil, eggs, medicine, garbage pickup) or a free
wish (`other` + text), with a quantity and a note. Callers from other domains may name
the item instead ("鸡蛋", "eggs" or any wish).
"""

from __future__ import annotations

from community_app.services.errors import ServiceError

COMMON_ITEMS = ("vegetables", "rice", "oil", "eggs", "medicine", "garbage")
OTHER = "other"
MAX_ITEMS = 20

ITEM_LABELS = {
    "vegetables": "蔬菜", "rice": "米", "oil": "油", "eggs": "鸡蛋", "medicine": "药品",
    "garbage": "倒垃圾",
}

_KIND_BY_LABEL = {label: kind for kind, label in ITEM_LABELS.items()}


def item_label(kind: str, text: str) -> str:
    return text if kind == OTHER else ITEM_LABELS.get(kind, kind)


def clean_items(items: object) -> list[dict]:
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
        cleaned.append({"kind": kind, "text": text, "note": note, "quantity": quantity})
    return cleaned
