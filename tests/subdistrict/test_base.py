"""The subdistrict model's kernel: who sees which communities, and a lent cadre's account
that works only inside its loan's period (an expiry by time needs no commit)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import Session

from community_app import db
from community_app.models import CadreLoan, Role, utcnow
from community_app.services import auth, scope, session_cache
from community_app.services.errors import Denied, ServiceError
from community_app.services.session_cache import LocalEpoch, SessionCache
from community_app.state.guard import actor_for
from tests import factories as f


def test_a_subdistrict_user_sees_its_communities_and_no_other(session):
    street = f.subdistrict(session)
    mine = [f.community(session, "甲社区", under=street), f.community(session, "乙社区", under=street)]
    theirs = f.community(session, "丙社区")
    officer = f.actor(f.user(session, mine[0], Role.subdistrict))
    assert officer.community_id is None and officer.subdistrict_id == street.id
    assert scope.community_ids_in_scope(session, actor=officer) == sorted(c.id for c in mine)
    assert scope.get_community(session, actor=officer, community_id=mine[1].id).name == "乙社区"
    with pytest.raises(Denied):
        scope.get_community(session, actor=officer, community_id=theirs.id)
    with pytest.raises(Denied):
        scope.get_community(session, actor=officer, community_id=10**9)


def test_a_community_role_sees_only_its_own_community(session):
    street = f.subdistrict(session)
    own, neighbour = f.community(session, under=street), f.community(session, under=street)
    admin = f.actor(f.user(session, own, Role.admin))
    assert scope.community_ids_in_scope(session, actor=admin) == [own.id]
    with pytest.raises(Denied):
        scope.get_community(session, actor=admin, community_id=neighbour.id)
    # nor does a subdistrict user reach buildings or households: it has no building scope
    officer = f.actor(f.user(session, own, Role.subdistrict))
    assert scope.building_ids_in_scope(session, actor=officer) == []


def _cadre(session, *, starts, ends):
    comm = f.community(session)
    officer = f.user(session, comm, Role.subdistrict)
    return comm, f.lent_cadre(session, comm, Role.grid_worker, starts=starts, ends=ends,
                              by=officer, username=f"cadre-{f.new_uuid()[:6]}")


def test_a_cadre_signs_in_only_inside_the_loan(session):
    now = utcnow()
    comm, cadre = _cadre(session, starts=now - timedelta(days=1), ends=now + timedelta(days=1))
    token = auth.login(session, username=cadre.username, password=f.PASSWORD, client="t")
    valid = auth.validate(session, token=token)
    assert valid.actor.community_id == comm.id and valid.actor.role == Role.grid_worker
    assert valid.actor.access_until is not None and not valid.actor.lapsed(now)
    _, early = _cadre(session, starts=now + timedelta(hours=1), ends=now + timedelta(days=1))
    _, late = _cadre(session, starts=now - timedelta(days=2), ends=now - timedelta(days=1))
    for user in (early, late):
        with pytest.raises(ServiceError) as refused:
            auth.login(session, username=user.username, password=f.PASSWORD, client="t")
        assert refused.value.key == "err.not_lent"
        assert auth.validate(session, token=f.session_token(session, user)) is None


def test_the_loan_ending_by_time_refuses_a_cached_session_without_a_commit(engine, monkeypatch):
    db.use_engine(engine)
    monkeypatch.setattr(session_cache, "CACHE", SessionCache(LocalEpoch()))
    now = utcnow()
    with Session(engine, expire_on_commit=False) as s:
        _, cadre = _cadre(s, starts=now - timedelta(hours=1), ends=now + timedelta(seconds=5))
        token = f.session_token(s, cadre)
        s.commit()
    try:
        assert asyncio.run(actor_for(token)) is not None  # now cached
        epoch = session_cache.CACHE.epoch.read()
        assert session_cache.CACHE.lookup(token, epoch=epoch) is not None
        after = now + timedelta(seconds=6)
        assert session_cache.CACHE.lookup(token, epoch=epoch, now=after) is None
        monkeypatch.setattr(auth, "utcnow", lambda: after)  # the clock moves on, only
        monkeypatch.setattr(session_cache, "utcnow", lambda: after)
        assert asyncio.run(actor_for(token)) is None
        assert session_cache.CACHE.epoch.read() == epoch  # nothing was committed
    finally:
        db.use_engine(None)


def test_moving_a_loans_end_into_the_past_refuses_the_next_event(engine, monkeypatch):
    db.use_engine(engine)
    monkeypatch.setattr(session_cache, "CACHE", SessionCache(LocalEpoch()))
    now = utcnow()
    with Session(engine, expire_on_commit=False) as s:
        _, cadre = _cadre(s, starts=now - timedelta(hours=1), ends=now + timedelta(days=3))
        token = f.session_token(s, cadre)
        s.commit()
    try:
        assert asyncio.run(actor_for(token)) is not None
        with db.session_scope(engine) as s:
            loan = s.exec(CadreLoan.__table__.select()).first()
            row = s.get(CadreLoan, loan.id)
            row.ends_at = utcnow() - timedelta(seconds=1)
        assert asyncio.run(actor_for(token)) is None
    finally:
        db.use_engine(None)
