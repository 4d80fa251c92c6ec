"""Survey needs become errand requests: listing, conversion, replay, scope (SQLite + PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import ErrandItem, ErrandRequest, Outcome, Role, RoundHousehold
from community_app.services import needs as errand_needs
from community_app.services.errands import need_items as errand_need_items
from community_app.services.errands import views as errand_views
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from community_app.services.survey.findings import ResidentIn
from tests import factories as f
from tests.factories_survey import households, world

ITEMS = [{"kind": "rice", "quantity": 1, "note": "大米一袋"},
         {"kind": "medicine", "quantity": 1, "note": "降压药"}]


@pytest.fixture
def w(session):
    return world(session)


def _visit(session, w, household, needs: str, actor=None) -> RoundHousehold:
    survey.record_visit(session, actor=actor or w.worker, uuid=f.new_uuid(), round_id=w.round.id,
                        household_id=household.id, outcome=Outcome.door,
                        residents=[ResidentIn(name="王奶奶", birth_year=1940)], needs=needs)
    session.commit()
    return session.exec(select(RoundHousehold).where(
        RoundHousehold.round_id == w.round.id, RoundHousehold.household_id == household.id)).one()


def _volunteer(session, w):
    comm_id = w.worker.community_id
    from community_app.models import Community

    return f.actor(f.user(session, session.get(Community, comm_id), Role.volunteer, "vol"))


def _convert(session, actor, rh, uuid=None, items=None):
    row = errand_needs.convert_need(session, actor=actor, uuid=uuid or f.new_uuid(),
                                    round_household_id=rh.id, items=items or ITEMS,
                                    urgency="today", payment="volunteer_advance", note="")
    session.commit()
    return row


def test_suggested_items_from_the_needs_text():
    assert errand_need_items.suggest_items("大米一袋, 降压药") == [
        {"kind": "rice", "text": "", "quantity": 1, "note": "大米一袋"},
        {"kind": "medicine", "text": "", "quantity": 1, "note": "降压药"},
    ]
    items = errand_need_items.suggest_items("鸡蛋2盒，青菜；老花镜、蔬菜三斤\n")
    assert [(i["kind"], i["text"], i["quantity"]) for i in items] == [
        ("eggs", "", 2), ("vegetables", "", 1), ("other", "老花镜", 1)]
    assert items[1]["note"] == "青菜；蔬菜三斤"  # same item merged, both notes kept
    assert errand_need_items.suggest_items("") == []
    assert errand_need_items.suggest_items("水 x 50")[0]["quantity"] == errand_need_items.MAX_QUANTITY


def test_worker_lists_needs_converts_once_and_sees_it_linked(session, w):
    mine = households(session, w.mine)
    rh = _visit(session, w, mine[0], "大米一袋, 降压药")
    _visit(session, w, mine[1], "")  # no needs: not listed
    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.id, n.needs, n.request_id) for n in listed] == [(rh.id, "大米一袋, 降压药", 0)]
    assert listed[0].place.endswith("101") and listed[0].round_name == "第二轮摸排"

    draft = errand_needs.need_draft(session, actor=w.worker, round_household_id=rh.id)
    assert draft.household_id == mine[0].id and draft.request_id == 0
    assert [i["kind"] for i in draft.items] == ["rice", "medicine"]

    uuid = f.new_uuid()
    row = _convert(session, w.worker, rh, uuid=uuid)
    assert row.round_household_id == rh.id and row.household_id == mine[0].id
    assert row.urgency == "within_2h"  # medicine
    notes = session.exec(select(ErrandItem.note).where(ErrandItem.request_id == row.id)
                         .order_by(ErrandItem.position)).all()
    assert notes == ["大米一袋", "降压药"]

    # A replay (same client UUID) applies once and returns the same request.
    again = _convert(session, w.worker, rh, uuid=uuid)
    assert again.id == row.id
    assert len(session.exec(select(ErrandRequest)).all()) == 1
    # A second conversion with a fresh UUID is refused: the need is converted.
    with pytest.raises(ServiceError) as refused:
        _convert(session, w.worker, rh)
    assert refused.value.key == "errands.need_already_converted"
    session.rollback()
    assert len(session.exec(select(ErrandRequest)).all()) == 1

    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.request_id, n.request_status) for n in listed] == [(row.id, "requested")]
    assert errand_needs.list_needs(session, actor=w.worker, unconverted_only=True) == []
    assert errand_needs.need_draft(session, actor=w.worker,
                                   round_household_id=rh.id).request_id == row.id
    # The volunteer sees it in the open queue.
    volunteer = _volunteer(session, w)
    queued = [r.id for g in errand_views.volunteer_queue(session, actor=volunteer) for r in g.rows]
    assert queued == [row.id]


def test_unconverted_needs_come_first_and_admin_sees_all_buildings(session, w):
    mine, theirs = households(session, w.mine), households(session, w.theirs)
    first = _visit(session, w, mine[0], "口罩")
    second = _visit(session, w, mine[2], "蔬菜")
    other = _visit(session, w, theirs[0], "倒垃圾", actor=w.other)
    _convert(session, w.worker, first, items=[{"kind": "other", "text": "口罩", "quantity": 1}])
    assert [n.id for n in errand_needs.list_needs(session, actor=w.worker)] == [second.id, first.id]
    assert [n.id for n in errand_needs.list_needs(session, actor=w.other)] == [other.id]
    assert {n.id for n in errand_needs.list_needs(session, actor=w.admin)} == {
        first.id, second.id, other.id}
    # The admin converts in any building of the community.
    assert _convert(session, w.admin, other).round_household_id == other.id
    # Closed rounds' needs are history: not listed.
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    assert errand_needs.list_needs(session, actor=w.admin) == []


def test_scope_refusals_for_crafted_calls(session, w):
    mine, theirs = households(session, w.mine), households(session, w.theirs)
    rh = _visit(session, w, mine[0], "大米一袋, 降压药")
    bare = _visit(session, w, mine[1], "")
    theirs_rh = _visit(session, w, theirs[0], "药", actor=w.other)
    volunteer = _volunteer(session, w)
    # Another worker's building: refused for the draft and the conversion.
    with pytest.raises(Denied):
        errand_needs.need_draft(session, actor=w.worker, round_household_id=theirs_rh.id)
    with pytest.raises(Denied):
        _convert(session, w.worker, theirs_rh)
    # Volunteers and households: no needs, no conversion.
    comm = w.worker_user.community_id
    from community_app.models import Community

    home_user = f.user(session, session.get(Community, comm), Role.household, "hh",
                       household_id=mine[0].id)
    for actor in (volunteer, f.actor(home_user)):
        with pytest.raises(Denied):
            errand_needs.list_needs(session, actor=actor)
        with pytest.raises(Denied):
            _convert(session, actor, rh)
    # Nonsense ids, a record without needs, another community's record.
    for bad in (0, -1, True, "1", {"$ne": 1}):
        with pytest.raises(ServiceError):
            errand_needs.convert_need(session, actor=w.worker, uuid=f.new_uuid(),
                                      round_household_id=bad, items=ITEMS)
    with pytest.raises(Denied):
        errand_needs.need_draft(session, actor=w.worker, round_household_id=10**9)
    with pytest.raises(ServiceError) as no_need:
        _convert(session, w.worker, bare)
    assert no_need.value.key == "errands.no_need"
    outsider_comm = f.community(session, "别的社区")
    outsider = f.actor(f.user(session, outsider_comm, Role.admin, "outsider"))
    session.commit()
    with pytest.raises(Denied):
        _convert(session, outsider, rh)
    assert errand_needs.list_needs(session, actor=outsider) == []
    # A replayed UUID cannot be pointed at another need (it is not a key to other records).
    row = _convert(session, w.worker, rh)
    second = _visit(session, w, mine[2], "蔬菜")
    with pytest.raises(Denied):
        _convert(session, w.worker, second, uuid=row.uuid)
    assert session.exec(select(ErrandRequest).where(ErrandRequest.round_household_id.is_not(None))
                        ).all() == [row]
