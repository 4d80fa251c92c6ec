"""Survey needs become errand requests: listing, conversion, replay, scope (SQLite + PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import ErrandItem, ErrandRequest, Role
from community_app.services import needs as errand_needs
from community_app.services.errands import queue as errand_queue
from community_app.services.errors import Denied, ServiceError
from community_app.services.survey import rounds as survey
from tests import factories as f
from tests.errands import factories as fe
from tests.factories_survey import households, world


@pytest.fixture
def w(session):
    return world(session)


def test_worker_lists_needs_converts_once_and_sees_it_linked(session, w):
    mine = households(session, w.mine)
    rh = fe.visit(session, w, mine[0], "大米一袋, 降压药")
    fe.visit(session, w, mine[1], "")  # no needs: not listed
    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.id, n.needs, n.request_id) for n in listed] == [(rh.id, "大米一袋, 降压药", 0)]
    assert listed[0].place.endswith("101") and listed[0].round_name == "第二轮摸排"

    draft = errand_needs.need_draft(session, actor=w.worker, round_household_id=rh.id)
    assert draft.household_id == mine[0].id and draft.request_id == 0
    assert [i.kind for i in draft.items] == ["rice", "medicine"]

    uuid = f.new_uuid()
    row = fe.convert(session, w.worker, rh, uuid=uuid)
    assert row.round_household_id == rh.id and row.household_id == mine[0].id
    assert row.urgency == "within_2h"  # medicine
    notes = session.exec(select(ErrandItem.note).where(ErrandItem.request_id == row.id)
                         .order_by(ErrandItem.position)).all()
    assert notes == ["大米一袋", "降压药"]

    # A replay (same client UUID) applies once and returns the same request.
    again = fe.convert(session, w.worker, rh, uuid=uuid)
    assert again.id == row.id
    assert len(session.exec(select(ErrandRequest)).all()) == 1
    # A second conversion with a fresh UUID is refused: the need is converted.
    with pytest.raises(ServiceError) as refused:
        fe.convert(session, w.worker, rh)
    assert refused.value.key == "errands.need_already_converted"
    session.rollback()
    assert len(session.exec(select(ErrandRequest)).all()) == 1

    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.request_id, n.request_status) for n in listed] == [(row.id, "requested")]
    assert errand_needs.list_needs(session, actor=w.worker, unconverted_only=True) == []
    assert errand_needs.need_draft(session, actor=w.worker,
                                   round_household_id=rh.id).request_id == row.id
    # The volunteer sees it in the open queue.
    volunteer = fe.volunteer(session, w)
    queued = [r.id for g in errand_queue.volunteer_queue(session, actor=volunteer) for r in g.rows]
    assert queued == [row.id]


def test_unconverted_needs_come_first_and_admin_sees_all_buildings(session, w):
    mine, theirs = households(session, w.mine), households(session, w.theirs)
    first = fe.visit(session, w, mine[0], "口罩")
    second = fe.visit(session, w, mine[2], "蔬菜")
    other = fe.visit(session, w, theirs[0], "倒垃圾", actor=w.other)
    fe.convert(session, w.worker, first, items=[{"kind": "other", "text": "口罩", "quantity": 1}])
    assert [n.id for n in errand_needs.list_needs(session, actor=w.worker)] == [second.id, first.id]
    assert [n.id for n in errand_needs.list_needs(session, actor=w.other)] == [other.id]
    assert {n.id for n in errand_needs.list_needs(session, actor=w.admin)} == {
        first.id, second.id, other.id}
    # The admin converts in any building of the community.
    assert fe.convert(session, w.admin, other).round_household_id == other.id
    # Closed rounds' needs are history: not listed.
    survey.close_round(session, actor=w.admin, round_id=w.round.id)
    session.commit()
    assert errand_needs.list_needs(session, actor=w.admin) == []


def test_scope_refusals_for_crafted_calls(session, w):
    mine, theirs = households(session, w.mine), households(session, w.theirs)
    rh = fe.visit(session, w, mine[0], "大米一袋, 降压药")
    bare = fe.visit(session, w, mine[1], "")
    theirs_rh = fe.visit(session, w, theirs[0], "药", actor=w.other)
    volunteer = fe.volunteer(session, w)
    # Another worker's building: refused for the draft and the conversion.
    with pytest.raises(Denied):
        errand_needs.need_draft(session, actor=w.worker, round_household_id=theirs_rh.id)
    with pytest.raises(Denied):
        fe.convert(session, w.worker, theirs_rh)
    # Volunteers and households: no needs, no conversion.
    comm = w.worker_user.community_id
    from community_app.models import Community

    home_user = f.user(session, session.get(Community, comm), Role.household, "hh",
                       household_id=mine[0].id)
    for actor in (volunteer, f.actor(home_user)):
        with pytest.raises(Denied):
            errand_needs.list_needs(session, actor=actor)
        with pytest.raises(Denied):
            fe.convert(session, actor, rh)
    # Nonsense ids, a record without needs, another community's record.
    for bad in (0, -1, True, "1", {"$ne": 1}):
        with pytest.raises(ServiceError):
            errand_needs.convert_need(session, actor=w.worker, uuid=f.new_uuid(),
                                      round_household_id=bad, items=fe.ITEMS)
    with pytest.raises(Denied):
        errand_needs.need_draft(session, actor=w.worker, round_household_id=10**9)
    with pytest.raises(ServiceError) as no_need:
        fe.convert(session, w.worker, bare)
    assert no_need.value.key == "errands.no_need"
    outsider_comm = f.community(session, "别的社区")
    outsider = f.actor(f.user(session, outsider_comm, Role.admin, "outsider"))
    session.commit()
    with pytest.raises(Denied):
        fe.convert(session, outsider, rh)
    assert errand_needs.list_needs(session, actor=outsider) == []
    # A replayed UUID cannot be pointed at another need (it is not a key to other records).
    row = fe.convert(session, w.worker, rh)
    second = fe.visit(session, w, mine[2], "蔬菜")
    with pytest.raises(Denied):
        fe.convert(session, w.worker, second, uuid=row.uuid)
    assert session.exec(select(ErrandRequest).where(ErrandRequest.round_household_id.is_not(None))
                        ).all() == [row]

