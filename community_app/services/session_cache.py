"""Validated sessions kept per process, so a tap does not pay a database round trip.

Invariants:
- A cached session is used only while the process's view of the *auth epoch* equals the
  epoch read before the session was read from the database. Every commit that ends a
  session, disables or changes a user, or bulk-updates either table bumps the epoch
  (SQLAlchemy events below), so a logout, a disable or a password reset refuses the very
  next event, here and on every other worker.
- With REDIS_URL the epoch is one Redis key that every worker reads per event (one GET,
  well under a millisecond); without it there is one backend worker (serve.workers) and
  the epoch is a counter in this process.
- An entry is also dropped once its last touch is TOUCH_EVERY old: the database read that
  follows touches last_seen_at, so idle timeouts stay exact, and a change made where no
  hook sees it (raw SQL, another program with no Redis) takes effect within that time.
- A lent cadre's actor carries `access_until`: past it the entry is not used (the
  database read that follows refuses the session), so a loan ending by time needs no
  commit; a commit that changes a loan (moved, ended early) bumps the epoch like a user.
- Any doubt (Redis unreachable, an unknown epoch) means a database read, never access.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from community_app.models import AuthSession, CadreLoan, User, utcnow
from community_app.services.auth import TOUCH_EVERY, Actor, ValidSession, expired
from community_app.services.clock import aware
from community_app.settings import settings

log = logging.getLogger(__name__)
EPOCH_KEY = "shouwang:auth-epoch"
MAX_ENTRIES = 20_000
# User columns an Actor or a session's validity depends on.
USER_FIELDS = ("is_active", "role", "community_id", "household_id", "display_name",
               "password_hash", "subdistrict_id")
LOAN_FIELDS = ("starts_at", "ends_at", "user_id", "community_id")
CHANGED = "shouwang_auth_changed"


class LocalEpoch:
    """One process, one counter."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._value = 0

    def read(self) -> str | None:
        return str(self._value)

    def bump(self) -> None:
        self._value = next(self._counter)


class RedisEpoch:
    """The epoch every worker shares. A missing key (Redis restarted) is an epoch too:
    entries read under another one are not used."""

    def __init__(self, url: str) -> None:
        import redis

        self._client = redis.Redis.from_url(url, socket_timeout=0.5,
                                            socket_connect_timeout=0.5)

    def read(self) -> str | None:
        try:
            value = self._client.get(EPOCH_KEY)
        except Exception:  # noqa: BLE001 - unreachable Redis: no cached access
            log.warning("auth epoch unreadable; reading sessions from the database")
            return None
        return "absent" if value is None else value.decode()

    def bump(self) -> None:
        self._client.incr(EPOCH_KEY)


@dataclass(frozen=True)
class Entry:
    valid: ValidSession
    epoch: str


class SessionCache:
    def __init__(self, epoch: LocalEpoch | RedisEpoch) -> None:
        self.epoch = epoch
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def lookup(self, token: str, *, epoch: str | None,
               now: datetime | None = None) -> Actor | None:
        """The cached actor, or None when the database must be asked."""
        if epoch is None or not isinstance(token, str):
            return None
        with self._lock:
            entry = self._entries.get(self.key(token))
        if entry is None or entry.epoch != epoch:
            return None
        now = now or utcnow()
        valid = entry.valid
        if valid.actor.lapsed(now) or now - valid.last_seen_at > TOUCH_EVERY or expired(
                created_at=valid.created_at, last_seen_at=valid.last_seen_at, now=now):
            return None
        return valid.actor

    def store(self, token: str, valid: ValidSession, *, epoch: str | None) -> None:
        """Keep what the database said, under the epoch read *before* that read."""
        if epoch is None:
            return
        with self._lock:
            self._entries[self.key(token)] = Entry(valid=valid, epoch=epoch)
            self._entries.move_to_end(self.key(token))
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)

    def invalidate(self) -> None:
        """Called after a commit that changed sessions or users (see the events below)."""
        with self._lock:
            self._entries.clear()
        try:
            self.epoch.bump()
        except Exception:  # noqa: BLE001 - other workers fall back to the TOUCH_EVERY bound
            log.error("auth epoch not bumped: other workers may accept this session for up "
                      "to %s", TOUCH_EVERY, exc_info=True)


def make_cache() -> SessionCache:
    return SessionCache(RedisEpoch(settings.redis_url) if settings.redis_url else LocalEpoch())


CACHE = make_cache()


def changes_auth(obj: Any) -> bool:
    """Whether flushing this dirty object can change who a session is or whether it holds.

    Moving last_seen_at forward is the touch every check makes: not a change."""
    state = sa_inspect(obj)
    if isinstance(obj, User):
        return any(state.attrs[name].history.has_changes() for name in USER_FIELDS)
    if isinstance(obj, CadreLoan):
        return any(state.attrs[name].history.has_changes() for name in LOAN_FIELDS)
    if isinstance(obj, AuthSession):
        for name in ("ended_at", "user_id", "created_at", "token_hash"):
            if state.attrs[name].history.has_changes():
                return True
        seen = state.attrs["last_seen_at"].history
        return bool(seen.deleted) and any(
            new is None or old is None or aware(new) < aware(old)
            for new, old in zip(seen.added, seen.deleted, strict=False))
    return False


@event.listens_for(Session, "after_flush")
def _note_flush(session: Session, _context: Any) -> None:
    if session.info.get(CHANGED):
        return
    try:
        changed = any(isinstance(obj, (User, AuthSession, CadreLoan))
                      for obj in session.deleted) or any(
            changes_auth(obj) for obj in session.dirty)
    except Exception:  # noqa: BLE001 - never break a commit; when unsure, invalidate
        log.warning("could not tell whether a flush changed sessions", exc_info=True)
        changed = True
    if changed:
        session.info[CHANGED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state: Any) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in (User.__tablename__, AuthSession.__tablename__,
                                        CadreLoan.__tablename__):
        state.session.info[CHANGED] = True


@event.listens_for(Session, "after_commit")
def _bump_after_commit(session: Session) -> None:
    if session.info.pop(CHANGED, False):
        CACHE.invalidate()
