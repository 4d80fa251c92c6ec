"""What the gate needs to know about home isolation, read at check time (never copied).

A household is under home isolation while it has an open isolation case. The gate reads it
here, at the top of the services layer, so the gate domain does not reach into the
isolation domain; this module reads the isolation table alone and imports no domain.
"""

from __future__ import annotations

from sqlmodel import Session, select

from community_app.models import CaseStatus, IsolationCase


def isolated_households(session: Session, household_ids: list[int]) -> set[int]:
    """The households among these with an open isolation case (one query)."""
    wanted = sorted({int(i) for i in household_ids if i is not None})
    if not wanted:
        return set()
    rows = session.exec(select(IsolationCase.household_id).where(
        IsolationCase.household_id.in_(wanted), IsolationCase.status == CaseStatus.open))
    return set(rows.all())


def is_isolated(session: Session, household_id: int | None) -> bool:
    return household_id is not None and household_id in isolated_households(
        session, [household_id])
