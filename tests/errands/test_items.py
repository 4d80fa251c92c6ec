"""Errands: a request's lines, named by kind or by name."""

from __future__ import annotations

import pytest

from community_app.models import ErrandStatus
from community_app.services.errands import views as errand_views
from community_app.services.errors import ServiceError
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_items_may_be_named_by_other_pages(session, w):
    row = ask(session, w.household, w.home.id, items=[
        {"name": "鸡蛋"}, {"name": "vegetables", "quantity": 2}, {"name": "一包挂面"}])
    view = errand_views.requests_for_household(session, actor=w.household)[0]
    assert view.id == row.id
    assert [(i.label, i.quantity) for i in view.goods] == [("鸡蛋", 1), ("蔬菜", 2), ("一包挂面", 1)]
    with pytest.raises(ServiceError):
        ask(session, w.household, w.home.id, items=[{"name": ""}])



def test_lines_are_named_in_the_readers_language(session, w):
    """A common kind is the catalog's word in the chosen language; a wish stays as typed."""
    from community_app.services.errands import queue as errand_queue
    from community_app.services.errands.items import Line, summary

    ask(session, w.household, w.home.id, items=[
        {"name": "鸡蛋"}, {"name": "vegetables", "quantity": 2}, {"name": "一包挂面"}])
    view = errand_views.requests_for_household(session, actor=w.household, lang="en")[0]
    assert [i.label for i in view.goods] == ["Eggs", "Vegetables", "一包挂面"]
    lines = [Line("eggs"), Line("other", "挂面", 2, note="一包")]
    assert summary(lines, lang="en") == "Eggs×1, 挂面×2 (一包)"
    assert summary(lines) == "鸡蛋×1、挂面×2（一包）"
    rows = errand_queue.volunteer_queue(session, actor=w.volunteer, lang="en")[0].rows
    assert rows[0].summary.startswith("Eggs×1, Vegetables×2")
