"""Donated goods issued to an errand run: reads the errands domain (the run must be one of
the community's), then takes the stock through the donations domain.

Invariant: the run id is checked here and nowhere else reads errands for donations.
"""

from __future__ import annotations

from sqlmodel import Session

from community_app.models import ErrandRun
from community_app.services.auth import Actor
from community_app.services.donations import stock
from community_app.services.donations.stock import StockRow
from community_app.services.errors import ServiceError


def issue_to_run(session: Session, *, actor: Actor, uuid: object, stock_id: object,
                 amount: object, errand_run_id: object) -> StockRow:
    run = session.get(ErrandRun, errand_run_id) if isinstance(errand_run_id, int) else None
    if run is None or run.community_id != actor.community_id:
        raise ServiceError("donations.err.no_run")
    return stock.issue(session, actor=actor, uuid=uuid, stock_id=stock_id, amount=amount,
                       target="errand_run", errand_run_id=run.id)
