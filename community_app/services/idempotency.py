from __future__ import annotations

import uuid as uuidlib
from typing import TypeVar

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, select

from community_app.models import AppliedSubmission, Tracked, utcnow
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


def first_application(session: Session, *, uuid: str, kind: str, user_id: int | None) -> bool:
    """Record that the form with this client UUID is being applied; False: it already was.

    Call it in the transaction that makes the change, before making it. The insert is one
    statement that does nothing on a known UUID, so two sends of one form racing each
    other apply it once (on PostgreSQL the second waits for the first to commit).
    """
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(AppliedSubmission).values(
        uuid=check_uuid(uuid), kind=kind[:30], user_id=user_id, applied_at=utcnow()
    ).on_conflict_do_nothing(index_elements=["uuid"]).returning(AppliedSubmission.uuid)
    # RETURNING, not rowcount: psycopg reports no rowcount for this insert.
    return session.connection().execute(statement).first() is not None
