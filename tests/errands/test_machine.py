"""Errands: the status machine and scoped reads: every illegal step refused, one table."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlmodel import select

from community_app.models import ErrandItem, ErrandRequest, ErrandStatus
from community_app.services.errands import machine
from community_app.services.errands import money as errand_money
from community_app.services.errands import overview as errand_overview
from community_app.services.errands import photos as errand_photos
from community_app.services.errands import queue as errand_queue
from community_app.services.errands import requests as errands
from community_app.services.errands import runs as errand_runs
from community_app.services.errands import views as errand_views
from community_app.services.errors import Denied, ServiceError
from tests import factories as f
from tests.errands.factories import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def test_full_journey_and_every_illegal_step_is_refused(session, w):
    row = ask(session, w.household, w.home.id)
    # Not claimed yet: nothing after 'claimed' can happen.
    with pytest.raises(ServiceError):
        errand_runs.mark_delivered(session, actor=w.volunteer, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errands.confirm(session, actor=w.household, request_id=row.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.already_claimed"):
        errand_runs.claim(session, actor=w.volunteer2, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errand_runs.mark_delivered(session, actor=w.volunteer, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errands.confirm(session, actor=w.household, request_id=row.id)
    errand_runs.start_run(session, actor=w.volunteer, uuid=f.new_uuid())
    session.refresh(row)
    assert row.status == S.shopping and row.run_id
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errand_runs.release(session, actor=w.volunteer, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.items_pending"):
        errand_runs.mark_delivered(session, actor=w.volunteer, request_id=row.id)
    items = session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)
                         .order_by(ErrandItem.position)).all()
    with pytest.raises(ServiceError, match="errands.substitute_required"):
        errand_runs.set_item_outcome(session, actor=w.volunteer, item_id=items[0].id,
                                 outcome="substituted")
    errand_runs.set_item_outcome(session, actor=w.volunteer, item_id=items[0].id,
                             outcome="substituted", substitute="小白菜代替油麦菜")
    errand_runs.set_item_outcome(session, actor=w.volunteer, item_id=items[1].id,
                             outcome="unavailable")
    errand_money.record_amount(session, actor=w.volunteer, request_id=row.id, amount="23.80")
    errand_runs.mark_delivered(session, actor=w.volunteer, request_id=row.id)
    view = errand_views.requests_for_household(session, actor=w.household)[0]
    assert view.status == "delivered" and view.amount == "23.80"
    assert [(i.outcome, i.substitute) for i in view.goods] == [
        ("substituted", "小白菜代替油麦菜"), ("unavailable", "")]
    assert all(s.at for s in view.steps[:4]) and not view.steps[4].at
    with pytest.raises(ServiceError, match="errands.too_late"):
        errands.cancel_request(session, actor=w.household, request_id=row.id, reason="不要了")
    errands.confirm(session, actor=w.household, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errands.confirm(session, actor=w.household, request_id=row.id)
    session.refresh(row)
    assert row.status == S.confirmed and not row.auto_confirmed and row.confirmed_at


def test_the_transition_table_is_the_only_way_through(session, w):
    row = ask(session, w.household, w.home.id)
    for source in S:
        for target in S:
            session.execute(update(ErrandRequest).where(ErrandRequest.id == row.id)
                            .values(status=source.value))
            if target in machine.TRANSITIONS[source]:
                assert machine.move(session, row.id, frm=source, to=target, by=None)
            else:
                with pytest.raises(ValueError):
                    machine.move(session, row.id, frm=source, to=target, by=None)
    # A move whose row is not in the expected state changes nothing.
    session.execute(update(ErrandRequest).where(ErrandRequest.id == row.id)
                    .values(status="confirmed"))
    assert not machine.move(session, row.id, frm=S.requested, to=S.claimed, by=None)
    session.refresh(row)
    assert row.status == S.confirmed


def test_volunteer_reads_only_the_queue_and_their_own_claims(session, w):
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    # Another volunteer, with crafted ids, reaches nothing of a claim that is not theirs.
    for call in (
        lambda: machine.get_request(session, actor=w.volunteer2, request_id=row.id),
        lambda: errand_runs.release(session, actor=w.volunteer2, request_id=row.id),
        lambda: errand_money.record_amount(session, actor=w.volunteer2, request_id=row.id,
                                      amount="1"),
        lambda: errand_runs.mark_delivered(session, actor=w.volunteer2, request_id=row.id),
        lambda: errand_photos.photo_data_url(session, actor=w.volunteer2, request_id=row.id,
                                       kind="delivery"),
        lambda: errand_views.requests_for_household(session, actor=w.volunteer2,
                                               household_id=w.home.id),
        lambda: errand_overview.overview(session, actor=w.volunteer2),
        lambda: machine.get_request(session, actor=w.volunteer2, request_id=10**6),
    ):
        with pytest.raises(Denied):
            call()
    item = session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)).first()
    with pytest.raises(Denied):
        errand_runs.set_item_outcome(session, actor=w.volunteer2, item_id=item.id, outcome="bought")
    with pytest.raises(ServiceError):
        machine.get_request(session, actor=w.volunteer2, request_id="1 or 1=1")
    assert machine.get_request(session, actor=w.volunteer, request_id=row.id).id == row.id
    # Households and workers never see the volunteer queue.
    for actor in (w.household, w.worker):
        with pytest.raises(Denied):
            errand_queue.volunteer_queue(session, actor=actor)

