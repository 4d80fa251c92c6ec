"""Who may do what with notices, and which notices a household is meant to see.

Invariants: a notice and a broadcast slot belong to one community; only that community's
admin writes, withdraws or edits them (anyone else gets Denied, never "not found"). A
household sees a notice of its own community that is for the whole community or for its
own compound.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import or_
from sqlmodel import Session, select

from community_app.models import (
    NOTICE_MAX,
    BroadcastSlot,
    Building,
    Household,
    Notice,
    NoticeCompound,
    Role,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import existing
from community_app.services.text import has_forbidden

T = TypeVar("T", Notice, BroadcastSlot)


def checked_text(value: object, *, limit: int = NOTICE_MAX) -> str:
    """A notice's or slot's text, trimmed; empty, too long or with control characters is
    refused with a message naming the limit."""
    text = str(value or "").strip()
    if not text:
        raise ServiceError("notices.text_required")
    if len(text) > limit:
        raise ServiceError("notices.text_too_long", limit=limit, n=len(text))
    if has_forbidden(text):
        raise ServiceError("err.control_chars")
    return text


def admin_row(session: Session, *, actor: Actor, model: type[T], row_id: object) -> T:
    """A notice or broadcast slot of the admin's own community; Denied otherwise."""
    scope.require_role(actor, Role.admin)
    row = session.get(model, row_id) if isinstance(row_id, int) else None
    if row is None or row.community_id != actor.community_id:
        raise Denied()
    return row


def admin_notice(session: Session, *, actor: Actor, notice_id: object) -> Notice:
    return admin_row(session, actor=actor, model=Notice, row_id=notice_id)


def admin_slot(session: Session, *, actor: Actor, slot_id: object) -> BroadcastSlot:
    return admin_row(session, actor=actor, model=BroadcastSlot, row_id=slot_id)


def made_before(session: Session, *, actor: Actor, model: type[T], uuid: str) -> int | None:
    """The id of the row this form (its client UUID) already made, if any: a resend."""
    found = existing(session, model, uuid)
    if found is not None and found.community_id != actor.community_id:
        raise Denied()
    return found.id if found is not None else None


def household_compound(session: Session, *, actor: Actor) -> tuple[int, int]:
    """The signed-in household's (household id, compound id)."""
    scope.require_role(actor, Role.household)
    row = session.exec(
        select(Household.id, Building.compound_id)
        .join(Building, Building.id == Household.building_id)
        .where(Household.id == actor.household_id)
    ).first()
    if row is None:
        raise Denied()
    return row[0], row[1]


def for_compound(compound_id: int):  # noqa: ANN201 - a SQLAlchemy condition
    """The condition "this notice is for the compound": whole community, or listed."""
    listed = select(NoticeCompound.notice_id).where(NoticeCompound.compound_id == compound_id)
    return or_(Notice.whole_community, Notice.id.in_(listed))


def current(now: datetime):  # noqa: ANN201 - a SQLAlchemy condition
    """The condition "showing now": started, not ended, not withdrawn."""
    return (Notice.withdrawn_at.is_(None), Notice.starts_at <= now,
            or_(Notice.ends_at.is_(None), Notice.ends_at > now))
