"""Short codes people read off paper and type on a phone: household logins, door notices.

The alphabet leaves out 0/O and 1/I/L, which elderly residents (and tired grid workers)
misread; 8 characters from 31 give ~8.5e11 codes, so a guess never lands on a household.
"""

from __future__ import annotations

import random
import secrets

from sqlmodel import Session, select

from community_app.models import Household

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def random_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def codes_in_use(session: Session, codes: list[str]) -> set[str]:
    taken: set[str] = set()
    for start in range(0, len(codes), 900):  # below SQLite's bound-parameter limit
        chunk = codes[start : start + 900]
        taken.update(session.exec(select(Household.code).where(Household.code.in_(chunk))))
    return taken


def household_code(session: Session, taken: set[str]) -> str:
    """A code no stored household and none of `taken` has; it is added to `taken`."""
    while True:
        code = random_code()
        if code not in taken and not codes_in_use(session, [code]):
            taken.add(code)
            return code


def household_codes(session: Session, rng: random.Random, count: int) -> list[str]:
    """`count` codes from a seeded generator (repeatable demo data), unique everywhere."""
    codes: list[str] = []
    seen: set[str] = set()
    while len(codes) < count:
        fresh: list[str] = []
        while len(codes) + len(fresh) < count:
            code = "".join(rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
            if code not in seen:
                seen.add(code)
                fresh.append(code)
        taken = codes_in_use(session, fresh)
        codes.extend(c for c in fresh if c not in taken)
    return codes
