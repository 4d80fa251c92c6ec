"""Errands: creating and cancelling requests, within scope (SQLite + PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from community_app.models import ErrandRequest, ErrandStatus
from community_app.services.errands import photos as errand_photos
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

