"""Sign-in throttling by growing delays, never a hard lock (OWASP ASVS 2.2.1, 2.2.2).

Every failed sign-in counts on a few keys; the first failures of a key are free, and each
one after them sets a delay that doubles up to a ceiling. While a key waits, every attempt
on it is refused without checking the password (a right password does not get through).
A key forgets its failures once its counting window has passed and it is not waiting.

The keys (chosen by services/auth.py) and their numbers:

key (what it counts)                                free  first  ceiling  forgets
`pair:<account>|<client>` (one account, one client)    5    30 s   15 min   after 1 h
`device:<user>:<id>` (one account, a known device)     5    30 s   15 min   after 1 h
`account:<account>` (one account, every client
    without its device cookie)                         20   60 s   15 min   after 1 h
`pins:<client>` (every household code, and unknown
    code-shaped names, from one client)                 5   60 s   4 h      after 24 h

So one address gets about 15 guesses an hour at one account and about 18 a day at all
household PINs together; a stranger who knows a username slows down only the clients
without that account's device cookie; a device that signed in before counts on its own
key alone. "5" is
LOGIN_MAX_FAILURES and "15 min" LOGIN_LOCK_MINUTES (settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from community_app.models import LoginThrottle
from community_app.services.clock import aware
from community_app.settings import settings


@dataclass(frozen=True)
class Rule:
    free: int  # failures before the first delay
    first_delay: timedelta
    ceiling: timedelta
    window: timedelta  # failures are forgotten this long after the first, unless waiting


# Public forms (no account) count every use, not failures: `tip:<client>` each tip-off
# submitted (the 5th within an hour starts a wait of 10 min, doubling to 2 h), each
# `tipcheck:<client>` unknown receipt code or link (10 free, then 1 min doubling to 1 h).
PUBLIC_FORM_RULES = {
    "tip": Rule(4, timedelta(minutes=10), timedelta(hours=2), timedelta(hours=1)),
    "tipcheck": Rule(10, timedelta(seconds=60), timedelta(hours=1), timedelta(hours=1)),
}


def rule_for(key: str) -> Rule:
    free, ceiling = settings.login_max_failures, timedelta(minutes=settings.login_lock_minutes)
    kind = key.partition(":")[0]
    if kind == "account":
        return Rule(free * 4, timedelta(seconds=60), ceiling, timedelta(hours=1))
    if kind == "pins":
        return Rule(free, timedelta(seconds=60), timedelta(hours=4), timedelta(hours=24))
    if kind in PUBLIC_FORM_RULES:
        return PUBLIC_FORM_RULES[kind]
    return Rule(free, timedelta(seconds=30), ceiling, timedelta(hours=1))


def delay_after(rule: Rule, failures: int) -> timedelta:
    """The wait that the `failures`-th failure of a key sets (zero while still free)."""
    over = failures - rule.free
    if over <= 0:
        return timedelta(0)
    return min(rule.first_delay * (2 ** min(over - 1, 30)), rule.ceiling)


def wait(session: Session, keys: list[str], now: datetime) -> timedelta:
    """How long until every key may try again (zero when none is waiting)."""
    longest = timedelta(0)
    for row in session.exec(select(LoginThrottle).where(LoginThrottle.key.in_(keys))):
        until = aware(row.locked_until)
        if until and until > now:
            longest = max(longest, until - now)
    return longest


def fail(session: Session, keys: list[str], now: datetime) -> None:
    """Count one failure on every key and set each key's delay."""
    for key in keys:
        rule = rule_for(key)
        row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
        first, until = aware(row.first_failure_at), aware(row.locked_until)
        if first is None or (now - first > rule.window and not (until and until > now)):
            row.failures, row.first_failure_at = 0, now
        row.failures += 1
        delay = delay_after(rule, row.failures)
        row.locked_until = now + delay if delay else None
        session.add(row)


def forget(session: Session, keys: list[str]) -> None:
    """A successful sign-in clears these keys (its own client's or device's)."""
    for row in session.exec(select(LoginThrottle).where(LoginThrottle.key.in_(keys))):
        session.delete(row)


def tries_left(session: Session, keys: list[str]) -> int:
    """Failures still free before any of these keys sets a delay (for the sign-in message).

    It reads the same counters the throttle keeps, so it says nothing the delay itself
    would not: unknown household codes count on the same keys as real ones."""
    rows = {row.key: row for row in session.exec(
        select(LoginThrottle).where(LoginThrottle.key.in_(keys)))}
    return max(0, min(rule_for(k).free - (rows[k].failures if k in rows else 0)
                      for k in keys))
