"""argon2id through passlib (OWASP parameters); no bcrypt anywhere."""

from __future__ import annotations

import secrets
import string

from passlib.context import CryptContext

_context = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)

# Verified against when the username is unknown, so both paths cost the same.
_DUMMY_HASH = _context.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        _context.verify(password, _DUMMY_HASH)
        return False
    try:
        return _context.verify(password, password_hash)
    except (ValueError, TypeError):
        return False


def generate_password(length: int = 12) -> str:
    # No look-alike characters: these are read aloud and copied by hand.
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
    return "".join(secrets.choice(alphabet) for _ in range(length))


def generate_pin() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(6))
