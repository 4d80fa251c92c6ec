"""A first guess at an errand request's items from the needs text a survey visit recorded.

`suggest_items("大米一袋, 降压药")` -> rice x1 (note "大米一袋"), medicine x1 (note "降压药").
The grid worker adjusts the guess on the on-behalf form before sending; nothing here
touches the database.
"""

from __future__ import annotations

import re

from community_app.services.errands.items import MAX_ITEMS, OTHER, Line

MAX_QUANTITY = 20
_SPLIT = re.compile(r"[,，、;；/\n]+")
# Longest first: "蔬菜" before "菜", "鸡蛋" before "蛋".
_KEYWORDS = (
    ("蔬菜", "vegetables"), ("青菜", "vegetables"), ("菜", "vegetables"),
    ("vegetable", "vegetables"), ("大米", "rice"), ("米", "rice"), ("rice", "rice"),
    ("食用油", "oil"), ("油", "oil"), ("oil", "oil"), ("鸡蛋", "eggs"), ("蛋", "eggs"),
    ("egg", "eggs"), ("药", "medicine"), ("medicine", "medicine"), ("pill", "medicine"),
    ("垃圾", "garbage"), ("garbage", "garbage"),
)
_NUMERALS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9, "十": 10}
_QUANTITY = re.compile(
    r"(\d{1,2}|[一两二三四五六七八九十])\s*(?:袋|包|瓶|盒|斤|个|箱|桶|份|支|板|把|捆|只|罐|条|kg)",
    re.IGNORECASE,
)


def _quantity(piece: str) -> int:
    found = _QUANTITY.search(piece) or re.search(r"[x×*]\s*(\d{1,2})", piece)
    if not found:
        return 1
    raw = found.group(1)
    value = int(raw) if raw.isdigit() else _NUMERALS.get(raw, 1)
    return max(1, min(MAX_QUANTITY, value))


def suggest_items(needs: str) -> list[Line]:
    """A first guess at the items from the needs text; the worker adjusts it before sending.

    Each piece (split on commas, 、, ; or new lines) naming a common item becomes that item
    with the piece as its note ("大米一袋" -> rice x1, note "大米一袋"); anything else a wish
    ("other"). Two pieces naming the same item are merged, notes joined.
    """
    items: list[Line] = []
    by_kind: dict[str, Line] = {}
    for piece in (p.strip() for p in _SPLIT.split(str(needs or ""))):
        if not piece or len(items) >= MAX_ITEMS:
            continue
        lowered = piece.lower()
        kind = next((k for word, k in _KEYWORDS if word in lowered), OTHER)
        quantity = _quantity(piece)
        if kind == OTHER:
            items.append(Line(kind=kind, text=piece[:60], quantity=quantity))
        elif kind in by_kind:
            merged = by_kind[kind]
            merged.note = f"{merged.note}；{piece}"[:100]
        else:
            by_kind[kind] = Line(kind=kind, quantity=quantity, note=piece[:100])
            items.append(by_kind[kind])
    return items
