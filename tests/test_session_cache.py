"""The per-process session cache: a tap reads no database, and any logout, disable or
password reset refuses the next event at once, here and in another process (Redis)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
import redis
from sqlalchemy import event, update
from sqlmodel import Session, select

from community_app import db
from community_app.models import AuthSession, Role, User, utcnow
from community_app.services import auth, session_cache
from community_app.services.session_cache import LocalEpoch, RedisEpoch, SessionCache
from community_app.state.guard import actor_for
from tests import factories as f
from tests.conftest import IN_CI

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture
def signed_in(engine, monkeypatch):
    """A worker with an open session; the process cache starts empty."""
    db.use_engine(engine)
    monkeypatch.setattr(session_cache, "CACHE", SessionCache(LocalEpoch()))
    with Session(engine, expire_on_commit=False) as s:
        comm = f.community(s)
        user = f.user(s, comm, Role.grid_worker, "w1")
        token = f.session_token(s, user)
        s.commit()
    return engine, user.id, token


def statements_during(engine, call) -> tuple[object, int]:
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        result = call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return result, len(seen)


def check(token):
    return asyncio.run(actor_for(token))


def test_a_second_event_reads_no_database(signed_in):
    engine, user_id, token = signed_in
    first, reads = statements_during(engine, lambda: check(token))
    assert first.user_id == user_id and reads >= 1
    second, reads = statements_during(engine, lambda: check(token))
    assert second == first and reads == 0


@pytest.mark.parametrize("change", ["logout", "disable", "reset", "bulk", "idle"])
def test_any_change_refuses_the_next_event_at_once(signed_in, change):
    engine, user_id, token = signed_in
    assert check(token) is not None
    with db.session_scope(engine) as s:
        if change == "logout":
            auth.logout(s, token=token)
        elif change == "disable":
            s.get(User, user_id).is_active = False
        elif change == "reset":
            auth.end_sessions_of(s, user_id=user_id)
        elif change == "bulk":
            s.execute(update(AuthSession).where(AuthSession.user_id == user_id)
                      .values(ended_at=utcnow()))
        else:  # the session's last touch moved back past the idle timeout
            row = s.exec(select(AuthSession).where(AuthSession.user_id == user_id)).one()
            row.last_seen_at = utcnow() - timedelta(days=1)
    assert check(token) is None


def test_a_touch_does_not_empty_everyones_cache(signed_in):
    engine, user_id, token = signed_in
    assert check(token) is not None
    epoch = session_cache.CACHE.epoch.read()
    with db.session_scope(engine) as s:  # what validate does every TOUCH_EVERY
        row = s.exec(select(AuthSession).where(AuthSession.user_id == user_id)).one()
        row.last_seen_at = utcnow()
    assert session_cache.CACHE.epoch.read() == epoch


def test_an_entry_is_read_again_once_its_touch_is_due(signed_in):
    engine, _, token = signed_in
    assert check(token) is not None
    later = utcnow() + auth.TOUCH_EVERY + timedelta(seconds=1)
    epoch = session_cache.CACHE.epoch.read()
    assert session_cache.CACHE.lookup(token, epoch=epoch, now=later) is None


def test_an_unreadable_epoch_means_the_database(signed_in):
    _, _, token = signed_in
    assert check(token) is not None
    assert session_cache.CACHE.lookup(token, epoch=None) is None


# Another backend worker: its own process and cache, sharing only Redis and the database.
OTHER_WORKER = textwrap.dedent("""
    import sys
    from community_app import db
    from community_app.services import auth
    from community_app.services.session_cache import RedisEpoch, SessionCache
    db.use_engine(db.make_engine(sys.argv[1]))
    cache, token = SessionCache(RedisEpoch(sys.argv[2])), sys.argv[3]
    epoch = cache.epoch.read()
    cache.store(token, db.run_sync(auth.validate, token=token), epoch=epoch)
    print("cached", flush=True)
    for line in sys.stdin:  # each line: is the cached session still usable now?
        actor = cache.lookup(token, epoch=cache.epoch.read())
        print("accepted" if actor else "refused", flush=True)
""")


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        if IN_CI:
            pytest.fail(f"Redis is required under CI=true: {exc}")
        pytest.skip(f"Redis not reachable: {exc}")
    client.delete(session_cache.EPOCH_KEY)
    return REDIS_URL


@pytest.mark.parametrize("change", ["logout", "disable"])
def test_a_change_on_one_worker_refuses_the_next_event_on_another(
        tmp_path, shared_redis, monkeypatch, change):
    url = f"sqlite:///{tmp_path / 'two-workers.db'}"
    engine = db.make_engine(url)
    from sqlmodel import SQLModel

    SQLModel.metadata.create_all(engine)
    db.use_engine(engine)
    monkeypatch.setattr(session_cache, "CACHE", SessionCache(RedisEpoch(shared_redis)))
    with Session(engine, expire_on_commit=False) as s:
        user = f.user(s, f.community(s), Role.volunteer, "v1")
        token = f.session_token(s, user)
        s.commit()
    other = subprocess.Popen([sys.executable, "-c", OTHER_WORKER, url, shared_redis, token],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "cached"
        other.stdin.write("?\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "accepted"
        with db.session_scope(engine) as s:  # this worker: the change and its commit
            if change == "logout":
                auth.logout(s, token=token)
            else:
                s.get(User, user.id).is_active = False
        other.stdin.write("?\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "refused"
    finally:
        other.kill()
        other.wait()
