"""Errands: a first guess at the items from a survey visit's needs text."""

from __future__ import annotations

from community_app.services.errands import need_items as errand_need_items
from community_app.services.errands.items import Line


def test_suggested_items_from_the_needs_text():
    assert errand_need_items.suggest_items("大米一袋, 降压药") == [
        Line(kind="rice", text="", quantity=1, note="大米一袋"),
        Line(kind="medicine", text="", quantity=1, note="降压药"),
    ]
    items = errand_need_items.suggest_items("鸡蛋2盒，青菜；老花镜、蔬菜三斤\n")
    assert [(i.kind, i.text, i.quantity) for i in items] == [
        ("eggs", "", 2), ("vegetables", "", 1), ("other", "老花镜", 1)]
    assert items[1].note == "青菜；蔬菜三斤"  # same item merged, both notes kept
    assert errand_need_items.suggest_items("") == []
    assert errand_need_items.suggest_items("水 x 50")[0].quantity == errand_need_items.MAX_QUANTITY

