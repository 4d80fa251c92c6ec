"""Survey needs closed without an errand, and converted again after a cancel (SQLite + PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from community_app.models import Community, ErrandRequest, ErrandStatus, Role
from community_app.services import needs as errand_needs
from community_app.services import worker_today
from community_app.services.errands import requests as errands
from community_app.services.errands import runs as errand_runs
from community_app.services.errors import Denied, ServiceError
from tests import factories as f
from tests.errands import factories as fe
from tests.factories_survey import households, world


@pytest.fixture
def w(session):
    return world(session)


def _handle(session, actor, rh, reason="家人送来", seen=None):
    row = errand_needs.mark_handled(session, actor=actor, round_household_id=rh.id,
                                    reason=reason, needs_seen=seen)
    session.commit()
    return row


def _open_ids(session, actor):
    return [n.id for n in errand_needs.list_needs(session, actor=actor, unconverted_only=True)]


def test_a_need_handled_otherwise_leaves_the_to_do_list_but_stays_visible(session, w):
    mine = households(session, w.mine)
    rh = fe.visit(session, w, mine[0], "大米一袋")
    other = fe.visit(session, w, mine[1], "口罩")
    assert worker_today.worker_today(session, actor=w.worker).needs == 2

    _handle(session, w.worker, rh, reason="  家人明天送来  ", seen="大米一袋")
    assert _open_ids(session, w.worker) == [other.id]
    assert worker_today.worker_today(session, actor=w.worker).needs == 1
    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.id, n.handled) for n in listed] == [(other.id, False), (rh.id, True)]
    handled = listed[1]
    assert handled.handled_reason == "家人明天送来" and handled.request_id == 0
    assert handled.handled_by == "grid_worker 测试" and handled.handled_at != ""
    # The admin sees it handled too.
    assert {n.id for n in errand_needs.list_needs(session, actor=w.admin) if n.handled} == {rh.id}

    # A replay (or a second tap, or the admin afterwards) keeps the first who / when / why.
    first_at = rh.needs_handled_at
    again = _handle(session, w.admin, rh, reason="别的原因")
    assert (again.needs_handled_reason, again.needs_handled_at) == ("家人明天送来", first_at)
    assert again.needs_handled_by_id == w.worker.user_id

    # A visit recording the same needs keeps it handled; different needs list it again.
    fe.visit(session, w, mine[0], "大米一袋")
    assert _open_ids(session, w.worker) == [other.id]
    fe.visit(session, w, mine[0], "大米一袋, 降压药")
    assert _open_ids(session, w.worker) == [rh.id, other.id]
    fresh = next(n for n in errand_needs.list_needs(session, actor=w.worker) if n.id == rh.id)
    assert not fresh.handled and fresh.handled_reason == "" and fresh.handled_by == ""
    assert worker_today.worker_today(session, actor=w.worker).needs == 2


def test_handling_needs_a_reason_scope_and_the_text_the_worker_read(session, w):
    mine, theirs = households(session, w.mine), households(session, w.theirs)
    rh = fe.visit(session, w, mine[0], "大米一袋")
    bare = fe.visit(session, w, mine[1], "")
    theirs_rh = fe.visit(session, w, theirs[0], "药", actor=w.other)
    for reason in ("", "   ", None):
        with pytest.raises(ServiceError) as refused:
            _handle(session, w.worker, rh, reason=reason)
        assert refused.value.key == "errands.handled_reason_required"
    # Another worker's building; volunteers, households, another community: refused.
    with pytest.raises(Denied):
        _handle(session, w.worker, theirs_rh)
    comm = session.get(Community, w.worker.community_id)
    volunteer = f.actor(f.user(session, comm, Role.volunteer, "vol"))
    home = f.actor(f.user(session, comm, Role.household, "hh", household_id=mine[0].id))
    outsider = f.actor(f.user(session, f.community(session, "别的社区"), Role.admin, "out"))
    session.commit()
    for actor in (volunteer, home, outsider):
        with pytest.raises(Denied):
            _handle(session, actor, rh)
    for bad in (0, -1, True, "1", {"$ne": 1}):
        with pytest.raises(ServiceError):
            errand_needs.mark_handled(session, actor=w.worker, round_household_id=bad,
                                      reason="x")
    with pytest.raises(ServiceError) as no_need:
        _handle(session, w.worker, bare)
    assert no_need.value.key == "errands.no_need"
    # The needs changed after the worker read them: refused, nothing closed.
    with pytest.raises(ServiceError) as changed:
        _handle(session, w.worker, rh, seen="口罩")
    assert changed.value.key == "errands.need_changed"
    session.rollback()
    assert _open_ids(session, w.worker) == [rh.id]
    # A need with a live request is converted, not handled.
    fe.convert(session, w.worker, rh)
    with pytest.raises(ServiceError) as converted:
        _handle(session, w.worker, rh)
    assert converted.value.key == "errands.need_already_converted"


def _cancel(session, actor, row):
    errands.cancel_request(session, actor=actor, request_id=row.id, reason="家属已买")
    session.commit()


def test_a_cancelled_conversion_can_be_converted_again_keeping_history(session, w):
    mine = households(session, w.mine)
    rh = fe.visit(session, w, mine[0], "大米一袋, 降压药")
    first = fe.convert(session, w.worker, rh)
    # Still live (requested, then claimed): a second conversion is refused.
    with pytest.raises(ServiceError) as refused:
        fe.convert(session, w.worker, rh)
    assert refused.value.key == "errands.need_already_converted"
    session.rollback()
    comm = session.get(Community, w.worker.community_id)
    volunteer = f.actor(f.user(session, comm, Role.volunteer, "vol"))
    errand_runs.claim(session, actor=volunteer, request_id=first.id)
    session.commit()
    with pytest.raises(ServiceError):
        fe.convert(session, w.admin, rh)
    session.rollback()
    assert worker_today.worker_today(session, actor=w.worker).needs == 0

    _cancel(session, w.worker, first)
    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.id, n.request_id, n.cancelled_before) for n in listed] == [(rh.id, 0, True)]
    assert _open_ids(session, w.worker) == [rh.id]
    assert worker_today.worker_today(session, actor=w.worker).needs == 1
    assert errand_needs.need_draft(session, actor=w.worker,
                                   round_household_id=rh.id).request_id == 0

    second = fe.convert(session, w.worker, rh)
    assert second.id != first.id and second.round_household_id == rh.id
    rows = session.exec(select(ErrandRequest.id, ErrandRequest.status)
                        .where(ErrandRequest.round_household_id == rh.id)
                        .order_by(ErrandRequest.id)).all()
    assert [tuple(r) for r in rows] == [(first.id, ErrandStatus.cancelled),
                                        (second.id, ErrandStatus.requested)]
    listed = errand_needs.list_needs(session, actor=w.worker)
    assert [(n.request_id, n.request_status) for n in listed] == [(second.id, "requested")]
    # Replaying the first conversion's UUID still returns the cancelled one, not a new one.
    assert fe.convert(session, w.worker, rh, uuid=first.uuid).id == first.id
    with pytest.raises(ServiceError):
        fe.convert(session, w.worker, rh)


def test_converting_a_handled_need_reopens_it_on_a_later_cancel(session, w):
    rh = fe.visit(session, w, households(session, w.mine)[0], "大米一袋")
    _handle(session, w.worker, rh)
    row = fe.convert(session, w.worker, rh)  # not handled after all
    _cancel(session, w.worker, row)
    assert _open_ids(session, w.worker) == [rh.id]


def test_two_workers_converting_after_a_cancel_at_once_make_one_request(session, engine, w):
    rh = fe.visit(session, w, households(session, w.mine)[0], "大米一袋")
    _cancel(session, w.worker, fe.convert(session, w.worker, rh))
    barrier, outcomes = threading.Barrier(2), []

    def convert(actor):
        with Session(engine) as s:
            barrier.wait()
            try:
                errand_needs.convert_need(s, actor=actor, uuid=f.new_uuid(),
                                          round_household_id=rh.id, items=fe.ITEMS)
                s.commit()
                outcomes.append("ok")
            except ServiceError as exc:
                s.rollback()
                outcomes.append(exc.key)
            except OperationalError:  # SQLite: the loser's read snapshot is stale ("locked")
                s.rollback()
                outcomes.append("errands.need_already_converted")

    threads = [threading.Thread(target=convert, args=(a,)) for a in (w.worker, w.admin)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["errands.need_already_converted", "ok"], outcomes
    live = session.exec(select(ErrandRequest).where(
        ErrandRequest.round_household_id == rh.id,
        ErrandRequest.status != ErrandStatus.cancelled)).all()
    assert len(live) == 1

