"""Home isolation in numbers, for the daily report (services/report.py reads these).

Invariants
- Counted as of the end of a local `day` in the community's zone: a case is under isolation
  from its start date until the day it closed (closed_day), the closing day excluded.
- Only the community's own cases count; people are the case's isolated people, not the
  whole household.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import Session, select

from community_app.models import CaseStatus, CloseReason, IsolatedPerson, IsolationCase


@dataclass(frozen=True)
class IsolationCounts:
    under_isolation: int  # households (open cases) at the end of the day
    people_under_isolation: int
    new_today: int  # cases that started that day
    released_today: int  # closed as completed that day
    closed_other_today: int  # closed that day for any other reason


def isolation_counts(session: Session, *, community_id: int, day: date) -> IsolationCounts:
    """Households and people under isolation at the end of `day`, new that day, released."""
    under = (
        select(IsolationCase.id)
        .where(
            IsolationCase.community_id == community_id,
            IsolationCase.start_date <= day,
            or_(IsolationCase.status == CaseStatus.open, IsolationCase.closed_day > day),
        )
    )
    closed_that_day = (IsolationCase.community_id == community_id,
                       IsolationCase.closed_day == day)

    def count(query) -> int:  # noqa: ANN001 - a select
        return session.exec(select(func.count()).select_from(query.subquery())).one()

    return IsolationCounts(
        under_isolation=count(under),
        people_under_isolation=count(
            select(IsolatedPerson.id).where(IsolatedPerson.case_id.in_(under))
        ),
        new_today=count(
            select(IsolationCase.id).where(
                IsolationCase.community_id == community_id, IsolationCase.start_date == day
            )
        ),
        released_today=count(
            select(IsolationCase.id).where(
                *closed_that_day, IsolationCase.close_reason == CloseReason.completed
            )
        ),
        closed_other_today=count(
            select(IsolationCase.id).where(
                *closed_that_day, IsolationCase.close_reason != CloseReason.completed
            )
        ),
    )
