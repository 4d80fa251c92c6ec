"""The device cookie: "this browser has signed in to this account before" (OWASP's design).

A successful sign-in leaves a long-lived HttpOnly cookie `sw_device` =
`<user id>.<issued, unix s>.<random id>.<HMAC-SHA256>`. A sign-in that carries a valid one
for the account it names is throttled on that device's own key only (services/throttle.py),
so failures from anywhere else never slow the account's real user on a known device.

Invariants: the value is signed with a server key nobody else has (DEVICE_COOKIE_SECRET,
or a random key created once in PRIVATE_DATA_DIR), it names one account, it expires after
DEVICE_COOKIE_DAYS, and it grants nothing but its own throttle bucket: never a session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from community_app.settings import settings

DEVICE_COOKIE = "sw_device"
_KEY_FILE = "device-cookie.key"


@cache
def _key() -> bytes:
    if settings.device_cookie_secret:
        return settings.device_cookie_secret.encode()
    folder = Path(settings.private_data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / _KEY_FILE
    try:  # the first process creates it; every later one (and every worker) reads it
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as out:
        key = secrets.token_bytes(32)
        out.write(key)
    return key


def _sign(body: str) -> str:
    digest = hmac.new(_key(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def issue(user_id: int, now: datetime) -> str:
    body = f"{user_id}.{int(now.timestamp())}.{secrets.token_urlsafe(12)}"
    return f"{body}.{_sign(body)}"


def device_id(value: object, *, user_id: int, now: datetime) -> str | None:
    """The device's id when `value` is a valid, unexpired cookie for `user_id`; else None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    parts = value.split(".")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    body = ".".join(parts[:3])
    if not hmac.compare_digest(parts[3], _sign(body)) or int(parts[0]) != user_id:
        return None
    age = now.timestamp() - int(parts[1])
    if age < 0 or age > timedelta(days=settings.device_cookie_days).total_seconds():
        return None
    return parts[2]


def from_cookie_header(header: str | None) -> str | None:
    """The `sw_device` value of a `Cookie:` header; None when absent or ambiguous."""
    if not header or not isinstance(header, str):
        return None
    found = {value.strip().strip('"') for name, sep, value in
             (part.strip().partition("=") for part in header.split(";"))
             if sep and name.strip() == DEVICE_COOKIE}
    return found.pop() if len(found) == 1 else None


def fingerprint(text: str) -> str:
    """A keyed hash of `text` under the same server key: tells clients apart, stores no address."""
    digest = hmac.new(_key(), f"fingerprint:{text}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:12]).decode()
