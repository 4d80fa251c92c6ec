"""The admin writes a notice (text, priority, compounds, when) and withdraws it.

Invariants
- Text 1..500 characters after trimming, no control characters (`access.checked_text`).
- A notice is for the whole community or for at least one of the community's compounds,
  never both ticked at once ("notices.whole_or_compounds"); a compound of another
  community is Denied.
- It ends after it starts, when it ends at all.
- Created once per client UUID: a double tap or a resend finds the same notice.
- Withdrawing sets `withdrawn_at` once; the notice and its reads stay (the counts remain).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from community_app.models import Compound, Notice, NoticeCompound, NoticePriority, Role
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid
from community_app.services.notices.access import admin_notice, checked_text, made_before


def _compounds(session: Session, *, actor: Actor, compound_ids: list[int]) -> list[int]:
    wanted = sorted({int(i) for i in compound_ids})
    if not wanted:
        raise ServiceError("notices.need_compounds")
    found = session.exec(select(Compound.id).where(
        Compound.id.in_(wanted), Compound.community_id == actor.community_id)).all()
    if len(found) != len(wanted):
        raise Denied()
    return wanted


def create_notice(session: Session, *, actor: Actor, uuid: str, text: str,
                  priority: str = "normal", whole_community: bool = True,
                  compound_ids: list[int] | None = None, starts_at: datetime | None = None,
                  ends_at: datetime | None = None, now: datetime | None = None) -> int:
    """A new notice (None for `starts_at`: now); returns its id."""
    scope.require_role(actor, Role.admin)
    uuid = check_uuid(uuid)
    if (made := made_before(session, actor=actor, model=Notice, uuid=uuid)) is not None:
        return made
    try:
        level = NoticePriority(priority)
    except ValueError:
        raise ServiceError("err.bad_request") from None
    body = checked_text(text)
    if whole_community and compound_ids:  # which one was meant? ask, never guess
        raise ServiceError("notices.whole_or_compounds")
    chosen = [] if whole_community else _compounds(session, actor=actor,
                                                   compound_ids=compound_ids or [])
    start = clock.utc(starts_at) if starts_at is not None else clock.utc(now)
    end = clock.utc(ends_at) if ends_at is not None else None
    if end is not None and end <= start:
        raise ServiceError("notices.bad_end")
    notice = Notice(uuid=uuid, community_id=actor.community_id, text=body, priority=level,
                    whole_community=whole_community, starts_at=start, ends_at=end,
                    created_by_id=actor.user_id, updated_by_id=actor.user_id)
    session.add(notice)
    session.flush()
    for compound_id in chosen:
        session.add(NoticeCompound(notice_id=notice.id, compound_id=compound_id))
    session.flush()
    return notice.id


def withdraw_notice(session: Session, *, actor: Actor, notice_id: int,
                    now: datetime | None = None) -> None:
    notice = admin_notice(session, actor=actor, notice_id=notice_id)
    if notice.withdrawn_at is None:
        notice.withdrawn_at = clock.utc(now)
        notice.touch(actor.user_id)
        session.add(notice)
        session.flush()
