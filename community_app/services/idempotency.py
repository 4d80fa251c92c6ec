from __future__ import annotations

import uuid as uuidlib
from typing import TypeVar

from sqlmodel import Session, select

from community_app.models import Tracked
from community_app.services.errors import ServiceError

T = TypeVar("T", bound=Tracked)


def check_uuid(value: object) -> str:
    """A client-generated UUID, normalised; anything else is refused."""
    try:
        return str(uuidlib.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        raise ServiceError("err.bad_request") from None


def derived_uuid(*parts: object) -> str:
    """A UUID that follows from its parts: rows made on behalf of one submission (a case's
    people, an alert, a day's checklist items) get the same id on every replay."""
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, "shouwang:" + ":".join(map(str, parts))))


def existing(session: Session, model: type[T], uuid: str) -> T | None:
    """The row a replayed submission already created, if any."""
    return session.exec(select(model).where(model.uuid == uuid)).first()


def uuid_taken(session: Session, *, model: type[T], uuid: str) -> bool:
    """Whether a record with this client UUID exists (a resend, not a new record)."""
    return existing(session, model, check_uuid(uuid)) is not None
