"""Login, server-side sessions and login throttling.

Invariants:
- The browser only ever holds a random token; the database stores its SHA-256.
- The token never reaches page JavaScript: sign-in issues a one-use ticket (60 s),
  and the `/auth/session` route redeems it for a fresh token set as an HttpOnly cookie.
- Every event re-checks the session row: ended, idle too long, too old, or its
  user disabled means no access, at once.
- A lock applies per account and per client; a correct password does not get
  through a lock.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import AuthSession, LoginThrottle, LoginTicket, Role, User, utcnow
from community_app.services.clock import aware
from community_app.services.errors import ServiceError
from community_app.services.passwords import verify_password
from community_app.settings import settings

# Refresh last_seen_at at most this often, so reads do not each cost a write.
_TOUCH_EVERY = timedelta(seconds=30)
# A login ticket must be redeemed this soon after the sign-in that issued it.
TICKET_TTL = timedelta(seconds=60)


@dataclass(frozen=True)
class Actor:
    user_id: int
    role: Role
    community_id: int
    display_name: str
    household_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user_id=user.id, role=Role(user.role), community_id=user.community_id,
                   display_name=user.display_name, household_id=user.household_id)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _throttle_keys(username: str, client: str) -> list[str]:
    return [f"account:{username.strip().lower()}", f"client:{client or 'unknown'}"]


def _lock_remaining(session: Session, keys: list[str], now: datetime) -> int:
    """Minutes until every lock on these keys has passed (0 when none)."""
    remaining = 0
    for row in session.exec(select(LoginThrottle).where(LoginThrottle.key.in_(keys))):
        until = aware(row.locked_until)
        if until and until > now:
            remaining = max(remaining, int((until - now).total_seconds() // 60) + 1)
    return remaining


def _record_failure(session: Session, keys: list[str], now: datetime) -> None:
    window = timedelta(minutes=settings.login_lock_minutes)
    for key in keys:
        row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
        first = aware(row.first_failure_at)
        if first is None or now - first > window:
            row.failures, row.first_failure_at = 0, now
        row.failures += 1
        if row.failures >= settings.login_max_failures:
            row.locked_until = now + window
        session.add(row)


def login(session: Session, *, username: str, password: str, client: str) -> str:
    """Return a new session token, or raise ServiceError with the reason."""
    now = utcnow()
    keys = _throttle_keys(username, client)
    minutes = _lock_remaining(session, keys, now)
    if minutes:
        raise ServiceError("err.locked", minutes=minutes)
    user = session.exec(select(User).where(User.username == username.strip())).first()
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active:
        _record_failure(session, keys, now)
        session.commit()
        if _lock_remaining(session, keys, now):
            raise ServiceError("err.locked", minutes=settings.login_lock_minutes)
        raise ServiceError("err.bad_login")
    account_row = session.get(LoginThrottle, keys[0])
    if account_row:
        session.delete(account_row)
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(token_hash=_hash_token(token), user_id=user.id, client=client[:64]))
    return token


def issue_ticket(session: Session, *, token: str) -> str:
    """A one-use ticket for the session behind `token`; the caller then forgets the token."""
    session.flush()
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == _hash_token(token))
    ).one()
    ticket = secrets.token_urlsafe(32)
    session.add(LoginTicket(ticket_hash=_hash_token(ticket), session_id=row.id))
    return ticket


def begin_login(session: Session, *, username: str, password: str, client: str) -> str:
    """Check the credentials (throttled) and open a session; return only its login ticket.

    The session's first token is never handed out: redeeming the ticket replaces it.
    """
    token = login(session, username=username, password=password, client=client)
    return issue_ticket(session, token=token)


def redeem_ticket(session: Session, *, ticket: str | None) -> str | None:
    """Swap a fresh, unused ticket for a new token of its session; None when not valid.

    The ticket is spent even when the session behind it is no longer valid.
    """
    if not ticket or not isinstance(ticket, str) or len(ticket) > 128:
        return None
    row = session.exec(
        select(LoginTicket)
        .where(LoginTicket.ticket_hash == _hash_token(ticket))
        .with_for_update()
    ).first()
    now = utcnow()
    if row is None or row.used_at is not None or now - aware(row.created_at) > TICKET_TTL:
        return None
    row.used_at = now
    session.add(row)
    auth = session.get(AuthSession, row.session_id)
    user = session.get(User, auth.user_id) if auth else None
    if auth is None or user is None or auth.ended_at is not None or not user.is_active:
        return None
    token = secrets.token_urlsafe(32)
    auth.token_hash = _hash_token(token)
    auth.last_seen_at = now
    session.add(auth)
    return token


def authenticate(session: Session, *, token: str | None) -> Actor | None:
    """The actor behind a token, or None when the session is not valid now."""
    if not token or not isinstance(token, str) or len(token) > 128:
        return None
    row = session.exec(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == _hash_token(token))
    ).first()
    if row is None:
        return None
    auth, user = row
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    absolute = timedelta(hours=settings.session_absolute_hours)
    if (
        auth.ended_at is not None
        or not user.is_active
        or now - aware(auth.last_seen_at) > idle
        or now - aware(auth.created_at) > absolute
    ):
        return None
    if now - aware(auth.last_seen_at) > _TOUCH_EVERY:
        auth.last_seen_at = now
        session.add(auth)
    return Actor.of(user)


def logout(session: Session, *, token: str | None) -> None:
    if not token:
        return
    auth = session.exec(
        select(AuthSession).where(AuthSession.token_hash == _hash_token(token))
    ).first()
    if auth and auth.ended_at is None:
        auth.ended_at = utcnow()
        session.add(auth)


def end_sessions_of(session: Session, *, user_id: int) -> int:
    rows = session.exec(
        select(AuthSession).where(AuthSession.user_id == user_id, AuthSession.ended_at.is_(None))
    ).all()
    for auth in rows:
        auth.ended_at = utcnow()
        session.add(auth)
    return len(rows)
