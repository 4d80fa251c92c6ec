"""Checks every roster service shares: checked text, the community's own rows."""

from __future__ import annotations

from sqlmodel import Session

from community_app.models import Role, Shift, User
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.text import has_forbidden


def checked_text(value: object, *, most: int, least: int = 1, key: str = "err.bad_request") -> str:
    """Trimmed text of least..most characters with no control characters, else refused."""
    if not isinstance(value, str):
        raise ServiceError("err.bad_request")
    text = value.strip()
    if has_forbidden(text):
        raise ServiceError("err.bad_request")
    if not least <= len(text) <= most:
        raise ServiceError(key)
    return text


def own_shift(session: Session, *, actor: Actor, shift_id: int, lock: bool = False) -> Shift:
    shift = session.get(Shift, shift_id, with_for_update=lock or None,
                        populate_existing=lock)
    if shift is None or shift.community_id != actor.community_id:
        raise Denied()
    return shift


def own_volunteer(session: Session, *, actor: Actor, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.community_id != actor.community_id:
        raise Denied()
    if user.role != Role.volunteer or not user.is_active:
        raise ServiceError("roster.err.not_volunteer")
    return user
