"""Login, server-side sessions and login throttling.

Invariants:
- The browser only ever holds a random token; the database stores its SHA-256.
- The token never reaches page JavaScript: sign-in issues a one-use ticket (60 s),
  and the `/auth/session` route redeems it for a fresh token set as an HttpOnly cookie.
- Every event re-checks the session: ended, idle too long, too old, or its user
  disabled means no access, at once. The check reads the row, or the per-process cache
  of services/session_cache.py, which every such change invalidates on every worker.
- A sign-in opens its session under the account's row lock, the lock disabling an
  account or re-issuing a PIN takes: no open session survives either, however they meet.
- Failures slow sign-ins down by growing delays (services/throttle.py), never lock an
  account outright: they count per (account, client), per account over every client
  without the account's device cookie, and per client over all household codes; a
  browser holding a valid device cookie for the account (services/device_cookie.py) is
  throttled on its own key only. A correct password does not get through a delay.
- A lent cadre's account (models/subdistrict.CadreLoan) is valid only inside its loan's
  period: sign-in is refused outside it, and the actor carries `access_until` (the loan's
  end), which every check, cached or not, compares with the clock: an expiry by time needs
  no commit to take effect.
- The client is the socket's peer, or with TRUSTED_PROXY_HOPS proxies in front the
  address the outermost trusted proxy saw (`client_address`).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import AuthSession, CadreLoan, LoginTicket, Role, User, utcnow
from community_app.services import device_cookie, throttle
from community_app.services.clock import aware
from community_app.services.codes import CODE_ALPHABET, CODE_LENGTH
from community_app.services.errors import ServiceError
from community_app.services.passwords import verify_password
from community_app.settings import settings

# Refresh last_seen_at at most this often, so reads do not each cost a write.
TOUCH_EVERY = timedelta(seconds=30)
# A login ticket must be redeemed this soon after the sign-in that issued it.
TICKET_TTL = timedelta(seconds=60)


@dataclass(frozen=True)
class Actor:
    """Who acts. A community role has `community_id`; role=subdistrict has `community_id`
    None and `subdistrict_id` set (its communities: services/scope). A lent cadre is a
    community role with `subdistrict_id` set and `access_until` its loan's end."""

    user_id: int
    role: Role
    community_id: int | None
    display_name: str
    household_id: int | None = None
    subdistrict_id: int | None = None
    access_until: datetime | None = None

    @classmethod
    def of(cls, user: User, loan: CadreLoan | None = None) -> Actor:
        return cls(user_id=user.id, role=Role(user.role), community_id=user.community_id,
                   display_name=user.display_name, household_id=user.household_id,
                   subdistrict_id=user.subdistrict_id,
                   access_until=aware(loan.ends_at) if loan is not None else None)

    def lapsed(self, now: datetime) -> bool:
        """A lent cadre whose loan has ended: no access from that instant."""
        return self.access_until is not None and now >= self.access_until


def loan_open(loan: CadreLoan | None, now: datetime) -> bool:
    """Whether an account may act now: not a loan account, or inside its loan's period."""
    return loan is None or aware(loan.starts_at) <= now < aware(loan.ends_at)


def loan_of(session: Session, user: User) -> CadreLoan | None:
    return session.exec(select(CadreLoan).where(CadreLoan.user_id == user.id)).first()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def client_address(*, peer: str | None, forwarded_for: str | None = None,
                   hops: int | None = None) -> str:
    """The client's address: the socket peer, or what the outermost trusted proxy saw.

    With `hops` proxies (TRUSTED_PROXY_HOPS) each appends the address it received from to
    X-Forwarded-For, so the chain `forwarded..., peer` ends in `hops` entries they wrote;
    the one before those is the client. Anything left of it was written by the client.
    """
    hops = settings.trusted_proxy_hops if hops is None else max(0, hops)
    chain = [peer or ""]
    if hops and isinstance(forwarded_for, str):
        chain = [part.strip() for part in forwarded_for.split(",") if part.strip()] + chain
    chosen = chain[-(hops + 1)] if len(chain) > hops else chain[0]
    try:
        return str(ipaddress.ip_address(chosen.strip("[]")))
    except ValueError:
        return "unknown"


def _looks_like_code(name: str) -> bool:
    return len(name) == CODE_LENGTH and set(name.upper()) <= set(CODE_ALPHABET)


def _throttle_keys(user: User | None, username: str, client: str,
                   device: str | None) -> list[str]:
    if user is not None and device:
        return [f"device:{user.id}:{device}"]
    name, client = username.strip().lower()[:40], (client or "unknown")[:64]
    keys = [f"pair:{name}|{client}", f"account:{name}"]
    household = user.role == Role.household if user else _looks_like_code(name)
    if household:  # unknown codes count like real ones: the answer tells no code apart
        keys.append(f"pins:{client}")
    return keys


def _minutes(wait: timedelta) -> int:
    return max(1, math.ceil(wait.total_seconds() / 60))


def login(session: Session, *, username: str, password: str, client: str,
          device: str | None = None) -> str:
    """Return a new session token, or raise ServiceError with the reason.

    `device` is the browser's device cookie, if any (it only changes the throttle keys).
    """
    now = utcnow()
    user = session.exec(select(User).where(User.username == username.strip())).first()
    device_id = device_cookie.device_id(device, user_id=user.id, now=now) if user else None
    keys = _throttle_keys(user, username, client, device_id)
    wait = throttle.wait(session, keys, now)
    if wait:
        raise ServiceError("err.locked", minutes=_minutes(wait))
    ok = verify_password(password, user.password_hash if user else None)
    if ok and user is not None:
        # Re-read under the account's row lock, as services/community/accounts.py takes it
        # to disable an account or re-issue a PIN: either that change committed first and
        # is seen here, or it waits and then ends the session opened below.
        checked = user.password_hash
        user = session.get(User, user.id, populate_existing=True,
                           with_for_update={"key_share": True})
        ok = user is not None and (user.password_hash == checked
                                   or verify_password(password, user.password_hash))
    if ok and user is not None and not loan_open(loan_of(session, user), now):
        raise ServiceError("err.not_lent")  # right password, outside the loan's period
    if not ok or user is None or not user.is_active:
        throttle.fail(session, keys, now)
        session.commit()
        if wait := throttle.wait(session, keys, now):
            raise ServiceError("err.locked", minutes=_minutes(wait))
        raise ServiceError("err.bad_login", tries=throttle.tries_left(session, keys))
    throttle.forget(session, [k for k in keys if k.startswith(("pair:", "device:"))])
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(token_hash=_hash_token(token), user_id=user.id, client=client[:64]))
    return token


def device_for(session: Session, *, token: str | None, current: str | None) -> str | None:
    """The device cookie to keep for the signed-in session `token` (None: not signed in).

    `current` stays when it is valid for the same account (its throttle key with it).
    """
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == _hash_token(token or ""))
    ).first()
    if row is None or not token:
        return None
    now = utcnow()
    if device_cookie.device_id(current, user_id=row.user_id, now=now):
        return current
    return device_cookie.issue(row.user_id, now)


def issue_ticket(session: Session, *, token: str) -> str:
    """A one-use ticket for the session behind `token`; the caller then forgets the token."""
    session.flush()
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == _hash_token(token))
    ).one()
    ticket = secrets.token_urlsafe(32)
    session.add(LoginTicket(ticket_hash=_hash_token(ticket), session_id=row.id))
    return ticket


def begin_login(session: Session, *, username: str, password: str, client: str,
                device: str | None = None) -> str:
    """Check the credentials (throttled) and open a session; return only its login ticket.

    The session's first token is never handed out: redeeming the ticket replaces it.
    """
    token = login(session, username=username, password=password, client=client, device=device)
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
    if not loan_open(loan_of(session, user), now):
        return None
    token = secrets.token_urlsafe(32)
    auth.token_hash = _hash_token(token)
    auth.last_seen_at = now
    session.add(auth)
    return token


@dataclass(frozen=True)
class ValidSession:
    """A session valid when read: who it is for and the times its validity runs from."""

    actor: Actor
    created_at: datetime
    last_seen_at: datetime


def validate(session: Session, *, token: str | None) -> ValidSession | None:
    """The session behind a token, or None when it is not valid now (touching it when due)."""
    if not token or not isinstance(token, str) or len(token) > 128:
        return None
    row = session.exec(
        select(AuthSession, User, CadreLoan)
        .join(User, User.id == AuthSession.user_id)
        .outerjoin(CadreLoan, CadreLoan.user_id == User.id)
        .where(AuthSession.token_hash == _hash_token(token))
    ).first()
    if row is None:
        return None
    auth, user, loan = row
    now = utcnow()
    if auth.ended_at is not None or not user.is_active or not loan_open(loan, now) or expired(
            created_at=aware(auth.created_at), last_seen_at=aware(auth.last_seen_at), now=now):
        return None
    if now - aware(auth.last_seen_at) > TOUCH_EVERY:
        auth.last_seen_at = now
        session.add(auth)
    return ValidSession(actor=Actor.of(user, loan), created_at=aware(auth.created_at),
                        last_seen_at=aware(auth.last_seen_at))


def expired(*, created_at: datetime, last_seen_at: datetime, now: datetime) -> bool:
    """Idle too long or too old: the two timeouts every check applies."""
    idle = timedelta(minutes=settings.session_idle_minutes)
    absolute = timedelta(hours=settings.session_absolute_hours)
    return now - last_seen_at > idle or now - created_at > absolute


def authenticate(session: Session, *, token: str | None) -> Actor | None:
    """The actor behind a token, or None when the session is not valid now."""
    valid = validate(session, token=token)
    return valid.actor if valid else None


def logout(session: Session, *, token: str | None) -> None:
    if not token:
        return
    auth = session.exec(
        select(AuthSession).where(AuthSession.token_hash == _hash_token(token))
    ).first()
    if auth and auth.ended_at is None:
        auth.ended_at = utcnow()
        session.add(auth)


def end_sessions_of(session: Session, *, user_id: int, keep_token: str | None = None) -> int:
    """End every open session of the user, except the one `keep_token` is for (if given)."""
    query = select(AuthSession).where(AuthSession.user_id == user_id,
                                      AuthSession.ended_at.is_(None))
    if keep_token:
        query = query.where(AuthSession.token_hash != _hash_token(keep_token))
    rows = session.exec(query).all()
    for auth in rows:
        auth.ended_at = utcnow()
        session.add(auth)
    return len(rows)
