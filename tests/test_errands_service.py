"""Errands: status machine, claim race, stale claims, delivery, money, scope (SQLite + PostgreSQL)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from community_app.models import ErrandItem, ErrandRequest, ErrandStatus, utcnow
from community_app.services.errands import housekeeping as errand_housekeeping
from community_app.services.errands import money as errand_money
from community_app.services.errands import photos as errand_photos
from community_app.services.errands import requests as errands
from community_app.services.errands import runs as errand_runs
from community_app.services.errands import views as errand_views
from community_app.services.errors import Denied, ServiceError
from community_app.settings import settings
from tests import factories as f
from tests.factories_errands import ask, world

S = ErrandStatus


@pytest.fixture
def w(session):
    return world(session)


def _deliver(session, w, row, amount="58.50"):
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.start_run(session, actor=w.volunteer, uuid=f.new_uuid())
    for item in session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)):
        errand_runs.set_item_outcome(session, actor=w.volunteer, item_id=item.id, outcome="bought")
    errand_money.record_amount(session, actor=w.volunteer, request_id=row.id, amount=amount)
    errand_runs.mark_delivered(session, actor=w.volunteer, request_id=row.id)
    session.commit()


def test_household_asks_and_sees_its_request_with_timeline(session, w):
    row = ask(session, w.household, w.home.id, items=[
        {"kind": "vegetables", "quantity": 1}, {"kind": "medicine", "quantity": 1, "note": "布洛芬"},
    ])
    assert row.status == S.requested and row.urgency == "within_2h"  # medicine is urgent
    views = errand_views.requests_for_household(session, actor=w.household)
    assert [v.id for v in views] == [row.id]
    assert [s.status for s in views[0].steps][:2] == ["requested", "claimed"]
    assert views[0].steps[0].at and not views[0].steps[1].at
    assert [(i.label, i.quantity, i.note) for i in views[0].goods] == [
        ("蔬菜", 1, ""), ("药品", 1, "布洛芬")]


def test_create_is_idempotent_and_validated(session, w):
    uuid = f.new_uuid()
    kwargs = dict(actor=w.household, uuid=uuid, household_id=w.home.id,
                  items=[{"kind": "rice", "quantity": 1}], urgency="today", window="",
                  payment="prepaid", note="")
    first = errands.create_request(session, **kwargs)
    again = errands.create_request(session, **kwargs)
    assert first.id == again.id
    assert len(session.exec(select(ErrandRequest)).all()) == 1
    for items in ([], [{"kind": "gold", "quantity": 1}], [{"kind": "other", "text": ""}],
                  [{"kind": "rice", "quantity": 0}], [{"kind": "rice", "quantity": "3"}], "x"):
        with pytest.raises(ServiceError):
            errands.create_request(session, **{**kwargs, "uuid": f.new_uuid(), "items": items})
    with pytest.raises(ServiceError):
        errands.create_request(session, **{**kwargs, "uuid": f.new_uuid(), "payment": "iou"})


def test_items_may_be_named_by_other_pages(session, w):
    row = ask(session, w.household, w.home.id, items=[
        {"name": "鸡蛋"}, {"name": "vegetables", "quantity": 2}, {"name": "一包挂面"}])
    view = errand_views.requests_for_household(session, actor=w.household)[0]
    assert view.id == row.id
    assert [(i.label, i.quantity) for i in view.goods] == [("鸡蛋", 1), ("蔬菜", 2), ("一包挂面", 1)]
    with pytest.raises(ServiceError):
        ask(session, w.household, w.home.id, items=[{"name": ""}])


def test_a_household_cannot_ask_for_or_read_another_household(session, w):
    with pytest.raises(Denied):
        ask(session, w.household, w.other_home.id)
    theirs = ask(session, w.other_household, w.other_home.id)
    assert errand_views.requests_for_household(session, actor=w.household) == []
    # A household passing someone else's id still reads only its own.
    assert errand_views.requests_for_household(
        session, actor=w.household, household_id=w.other_home.id) == []
    with pytest.raises(Denied):
        errands.confirm(session, actor=w.household, request_id=theirs.id)
    with pytest.raises(Denied):
        errands.cancel_request(session, actor=w.household, request_id=theirs.id, reason="x")
    with pytest.raises(Denied):
        errand_photos.photo_data_url(session, actor=w.household, request_id=theirs.id, kind="delivery")


def test_worker_enters_on_behalf_only_in_scope(session, w):
    row = ask(session, w.worker, w.home.id)
    assert row.created_by_id == w.worker.user_id
    assert [v.id for v in errand_views.requests_for_household(session, actor=w.household)] == [row.id]
    with pytest.raises(Denied):
        ask(session, w.worker, w.outside_home.id)
    with pytest.raises(Denied):
        errands.create_request(session, actor=w.volunteer, uuid=f.new_uuid(),
                               household_id=w.home.id, items=[{"kind": "rice"}])


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
            if target in errands.TRANSITIONS[source]:
                assert errands._move(session, row.id, frm=source, to=target, by=None)
            else:
                with pytest.raises(ValueError):
                    errands._move(session, row.id, frm=source, to=target, by=None)
    # A move whose row is not in the expected state changes nothing.
    session.execute(update(ErrandRequest).where(ErrandRequest.id == row.id)
                    .values(status="confirmed"))
    assert not errands._move(session, row.id, frm=S.requested, to=S.claimed, by=None)
    session.refresh(row)
    assert row.status == S.confirmed


def test_cancel_needs_a_reason_and_shows_it(session, w):
    row = ask(session, w.household, w.home.id)
    with pytest.raises(ServiceError, match="errands.reason_required"):
        errands.cancel_request(session, actor=w.household, request_id=row.id, reason="  ")
    errands.cancel_request(session, actor=w.household, request_id=row.id, reason="家人送来了")
    view = errand_views.requests_for_household(session, actor=w.household)[0]
    assert view.status == "cancelled" and view.cancel_reason == "家人送来了"
    assert view.steps[-1].status == "cancelled" and view.steps[-1].at
    with pytest.raises(ServiceError, match="errands.already_claimed"):
        errand_runs.claim(session, actor=w.volunteer, request_id=row.id)


def _race(engine, w, request_id):
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def attempt(name, actor):
        with Session(engine, expire_on_commit=False) as s:
            barrier.wait()
            try:
                errand_runs.claim(s, actor=actor, request_id=request_id)
                s.commit()
                outcome[name] = "won"
            except ServiceError as exc:
                s.rollback()
                outcome[name] = exc.key

    threads = [threading.Thread(target=attempt, args=(n, a))
               for n, a in (("v1", w.volunteer), ("v2", w.volunteer2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcome


def test_two_volunteers_claiming_at_once_exactly_one_wins(engine, session, w):
    for _ in range(5):
        row = ask(session, w.household, w.home.id)
        outcome = _race(engine, w, row.id)
        assert sorted(outcome.values()) == ["errands.already_claimed", "won"], outcome
        session.refresh(row)
        winner = w.volunteer if outcome["v1"] == "won" else w.volunteer2
        assert row.status == S.claimed and row.claimed_by_id == winner.user_id


def test_release_returns_the_request_to_the_queue(session, w):
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    assert errand_views.volunteer_queue(session, actor=w.volunteer) == []
    with pytest.raises(Denied):
        errand_runs.release(session, actor=w.volunteer2, request_id=row.id)
    errand_runs.release(session, actor=w.volunteer, request_id=row.id)
    queue = errand_views.volunteer_queue(session, actor=w.volunteer2)
    assert [r.id for g in queue for r in g.rows] == [row.id]
    errand_runs.claim(session, actor=w.volunteer2, request_id=row.id)


def test_idle_claims_return_to_the_queue_and_the_admin_sees_them(session, w):
    row = ask(session, w.household, w.home.id)
    fresh = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=fresh.id)
    idle = utcnow() - timedelta(minutes=settings.errand_stale_claim_minutes + 1)
    session.execute(update(ErrandRequest).where(ErrandRequest.id == row.id)
                    .values(claimed_at=idle))
    assert errand_housekeeping.housekeeping(session)["returned"] == 1
    session.refresh(row)
    session.refresh(fresh)
    assert row.status == S.requested and row.claimed_by_id is None and row.stale_returned_at
    assert fresh.status == S.claimed
    queue = errand_views.volunteer_queue(session, actor=w.volunteer2)
    assert [(r.id, r.returned) for g in queue for r in g.rows] == [(row.id, True)]
    returned = errand_money.overview(session, actor=w.admin).returned
    assert [(r["id"], r["volunteer"]) for r in returned] == [(row.id, "volunteer 测试")]


def test_auto_confirm_after_the_set_time_is_flagged(session, w):
    row = ask(session, w.household, w.home.id)
    _deliver(session, w, row)
    assert errand_housekeeping.housekeeping(session)["auto_confirmed"] == 0
    late = utcnow() + timedelta(hours=settings.errand_auto_confirm_hours, minutes=1)
    assert errand_housekeeping.housekeeping(session, now=late)["auto_confirmed"] == 1
    view = errand_views.requests_for_household(session, actor=w.household)[0]
    assert view.status == "confirmed" and view.auto_confirmed


def test_queue_is_ordered_grouped_and_shows_no_personal_details(session, w):
    today = ask(session, w.household, w.home.id)
    outside = ask(session, w.admin, w.outside_home.id)
    urgent = ask(session, w.other_household, w.other_home.id,
                 items=[{"kind": "medicine", "quantity": 1, "note": "降压药"}])
    queue = errand_views.volunteer_queue(session, actor=w.volunteer)
    flat = [r for g in queue for r in g.rows]
    assert flat[0].id == urgent.id and flat[0].urgency == "within_2h"
    assert [r.id for r in queue[0].rows] == [urgent.id, today.id]  # 1号楼's compound
    assert [r.id for r in queue[1].rows] == [outside.id]
    assert flat[0].phone == "138****5678" and "13812345678" not in repr(queue)
    assert "张三丰" not in repr(queue)
    assert "1号楼 1单元" in flat[0].place and "降压药" in flat[0].summary


def test_waiting_longer_than_urgency_allows_is_highlighted(session, w):
    urgent = ask(session, w.household, w.home.id, items=[{"kind": "medicine", "quantity": 1}])
    ask(session, w.household, w.home.id)
    later = utcnow() + timedelta(hours=2, minutes=5)
    assert [r["id"] for r in errand_money.overview(session, actor=w.admin, now=later).late] == [
        urgent.id]
    row = [r for g in errand_views.volunteer_queue(session, actor=w.volunteer, now=later)
           for r in g.rows if r.id == urgent.id][0]
    assert row.overdue and row.waiting_minutes >= 125


def test_run_merges_the_shopping_list_by_item(session, w):
    a = ask(session, w.household, w.home.id, items=[{"kind": "eggs", "quantity": 1},
                                                    {"kind": "rice", "quantity": 1}])
    b = ask(session, w.other_household, w.other_home.id, items=[{"kind": "eggs", "quantity": 2}])
    for row in (a, b):
        errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    with pytest.raises(ServiceError, match="errands.nothing_claimed"):
        errand_runs.start_run(session, actor=w.volunteer2, uuid=f.new_uuid())
    uuid = f.new_uuid()
    run = errand_runs.start_run(session, actor=w.volunteer, uuid=uuid)
    assert errand_runs.start_run(session, actor=w.volunteer, uuid=uuid).id == run.id
    mine = errand_runs.my_run(session, actor=w.volunteer)
    eggs = next(e for e in mine.shopping if e.label == "鸡蛋")
    assert eggs.total == 3 and sorted(ln.request_id for ln in eggs.lines) == sorted([a.id, b.id])
    assert {r.id for r in mine.requests} == {a.id, b.id}
    assert mine.requests[0].phone == "13812345678"  # full for the volunteer who took it on
    assert errand_runs.my_run(session, actor=w.volunteer2).requests == []


def test_money_is_decimal_owed_to_the_volunteer_and_settled(session, w):
    assert errand_money.parse_amount("12.3") == Decimal("12.30")
    for bad in (12.3, "-1", "abc", "1.005", "100000", "NaN", True, None):
        with pytest.raises(ServiceError, match="errands.bad_amount"):
            errand_money.parse_amount(bad)
    one = ask(session, w.household, w.home.id)
    two = ask(session, w.other_household, w.other_home.id)
    cash = ask(session, w.household, w.home.id, payment="cash_on_delivery")
    _deliver(session, w, one, "0.10")
    _deliver(session, w, two, "0.20")
    _deliver(session, w, cash, "99.00")
    # 0.1 + 0.2 is exactly 0.30 in yuan; the cash-paid errand is owed to nobody.
    assert errand_money.owed_to(session, volunteer_id=w.volunteer.user_id) == Decimal("0.30")
    ov = errand_money.overview(session, actor=w.admin)
    assert ov.owed == [{"id": w.volunteer.user_id, "name": "volunteer 测试", "amount": "0.30",
                        "count": 2}]
    assert ov.week_total == "99.30" and ov.days[-1]["amount"] == "99.30"
    assert ov.delivered_today == 3 and ov.open == 0 and ov.in_progress == 0
    with pytest.raises(Denied):
        errand_money.settle(session, actor=w.volunteer, volunteer_id=w.volunteer.user_id)
    assert errand_money.settle(session, actor=w.admin, volunteer_id=w.volunteer.user_id) == Decimal(
        "0.30")
    assert errand_money.owed_to(session, volunteer_id=w.volunteer.user_id) == Decimal("0.00")
    assert errand_money.overview(session, actor=w.admin).owed == []
    with pytest.raises(ServiceError, match="errands.nothing_owed"):
        errand_money.settle(session, actor=w.admin, volunteer_id=w.volunteer.user_id)
    session.refresh(one)
    assert one.settled_by_id == w.admin.user_id and isinstance(one.amount_spent, Decimal)
    # A settled amount can no longer be changed by the volunteer.
    with pytest.raises(ServiceError, match="errands.wrong_step"):
        errand_money.record_amount(session, actor=w.volunteer, request_id=one.id, amount="1.00")


def test_volunteer_reads_only_the_queue_and_their_own_claims(session, w):
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    # Another volunteer, with crafted ids, reaches nothing of a claim that is not theirs.
    for call in (
        lambda: errands.get_request(session, actor=w.volunteer2, request_id=row.id),
        lambda: errand_runs.release(session, actor=w.volunteer2, request_id=row.id),
        lambda: errand_money.record_amount(session, actor=w.volunteer2, request_id=row.id,
                                      amount="1"),
        lambda: errand_runs.mark_delivered(session, actor=w.volunteer2, request_id=row.id),
        lambda: errand_photos.photo_data_url(session, actor=w.volunteer2, request_id=row.id,
                                       kind="delivery"),
        lambda: errand_views.requests_for_household(session, actor=w.volunteer2,
                                               household_id=w.home.id),
        lambda: errand_money.overview(session, actor=w.volunteer2),
        lambda: errands.get_request(session, actor=w.volunteer2, request_id=10**6),
    ):
        with pytest.raises(Denied):
            call()
    item = session.exec(select(ErrandItem).where(ErrandItem.request_id == row.id)).first()
    with pytest.raises(Denied):
        errand_runs.set_item_outcome(session, actor=w.volunteer2, item_id=item.id, outcome="bought")
    with pytest.raises(ServiceError):
        errands.get_request(session, actor=w.volunteer2, request_id="1 or 1=1")
    assert errands.get_request(session, actor=w.volunteer, request_id=row.id).id == row.id
    # The call button: the number of a queued request or one's own claim, not another's.
    assert errand_views.contact_phone(session, actor=w.volunteer, request_id=row.id) == "13812345678"
    with pytest.raises(Denied):
        errand_views.contact_phone(session, actor=w.volunteer2, request_id=row.id)
    queued = ask(session, w.other_household, w.other_home.id)
    assert errand_views.contact_phone(session, actor=w.volunteer2, request_id=queued.id)
    with pytest.raises(Denied):
        errand_views.contact_phone(session, actor=w.household, request_id=queued.id)
    # Households and workers never see the volunteer queue.
    for actor in (w.household, w.worker):
        with pytest.raises(Denied):
            errand_views.volunteer_queue(session, actor=actor)


def test_photos_are_private_and_served_only_to_those_involved(session, w, tmp_path, monkeypatch):
    monkeypatch.setattr(errand_photos, "settings", replace(settings, private_data_dir=tmp_path))
    row = ask(session, w.household, w.home.id)
    errand_runs.claim(session, actor=w.volunteer, request_id=row.id)
    errand_runs.start_run(session, actor=w.volunteer, uuid=f.new_uuid())
    jpeg = b"\xff\xd8\xff\xe0" + b"0" * 100
    with pytest.raises(ServiceError, match="errands.bad_photo"):
        errand_photos.store_photo(session, actor=w.volunteer, request_id=row.id, kind="delivery",
                            data=b"<html>not an image</html>")
    errand_photos.store_photo(session, actor=w.volunteer, request_id=row.id, kind="delivery", data=jpeg)
    session.refresh(row)
    assert (tmp_path / "errands" / row.delivery_photo).read_bytes() == jpeg
    for actor in (w.volunteer, w.household, w.admin):
        url = errand_photos.photo_data_url(session, actor=actor, request_id=row.id, kind="delivery")
        assert url.startswith("data:image/jpeg;base64,")
    for actor in (w.volunteer2, w.other_household, w.worker):
        with pytest.raises(Denied):
            errand_photos.photo_data_url(session, actor=actor, request_id=row.id, kind="delivery")


def test_the_household_home_lists_only_requests_still_waiting_on_someone(session: Session):
    w = world(session)
    kept = ask(session, w.household, w.home.id)
    dropped = ask(session, w.household, w.home.id)
    errands.cancel_request(session, actor=w.household, request_id=dropped.id, reason="不要了")
    waiting = errand_views.requests_for_household(session, actor=w.household,
                                                  unfinished_only=True)
    assert [r.id for r in waiting] == [kept.id]
    everything = errand_views.requests_for_household(session, actor=w.household)
    assert {r.id for r in everything} == {kept.id, dropped.id}
