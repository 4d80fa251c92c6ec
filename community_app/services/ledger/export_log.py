"""The export log as the admin reads it: who exported personal data, what, when, how much."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import ExportLog, Role, User
from community_app.services import clock, scope
from community_app.services.auth import Actor

KINDS = ("ledger_csv", "ledger_xlsx")


@dataclass
class ExportRow:
    at: str  # local MM-DD HH:MM
    who: str
    kind: str  # one of KINDS
    rows: int


def recent_exports(session: Session, *, actor: Actor, limit: int = 30) -> list[ExportRow]:
    """The community's latest exports, newest first (an admin's own and other admins')."""
    scope.require_role(actor, Role.admin)
    found = session.exec(
        select(ExportLog, User.display_name).join(User, User.id == ExportLog.user_id)
        .where(User.community_id == actor.community_id)
        .order_by(ExportLog.created_at.desc(), ExportLog.id.desc()).limit(limit)
    ).all()
    return [ExportRow(at=clock.stamp(log.created_at), who=name,
                      kind=log.kind if log.kind in KINDS else "ledger_csv", rows=log.rows)
            for log, name in found]
