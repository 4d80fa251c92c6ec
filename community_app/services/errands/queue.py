"""The volunteer queue (/errands): open requests grouped by compound, and claiming one.

Invariants
- The queue shows where (place), what (items WITHOUT the household's notes or a wish's
  text), the window, urgency and how long it has waited: no names, no phone (not even
  masked), no health data, no isolation reason, no free text. Notes, wishes and the phone
  reach a volunteer only once they claimed the request (`contact_phone`, `my_run`).
- The queue is the community's: every volunteer of it sees the same open requests.
- Claiming is `runs.claim` (one conditional UPDATE: of two volunteers, exactly one wins);
  `claim_and_show` returns the queue as the database holds it after that claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from community_app.models import ErrandRequest, Role, Urgency
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errands import runs
from community_app.services.errands.housekeeping import housekeeping
from community_app.services.errands.items import summary
from community_app.services.errands.lookups import address, items_by_request, phones
from community_app.services.errands.machine import HELD, S, held_by
from community_app.services.errands.requests import deadline
from community_app.services.errors import Denied
from community_app.services.places import household_places


@dataclass
class QueueRow:
    id: int
    place: str
    summary: str  # the items, without the household's notes or a wish's text
    window: str
    urgency: str
    waiting_minutes: int
    overdue: bool
    returned: bool  # came back from an idle claim
    payment: str = "cash_on_delivery"  # how the money goes: a volunteer knows before claiming


@dataclass
class QueueGroup:
    compound: str
    rows: list[QueueRow] = field(default_factory=list)


def volunteer_queue(
    session: Session, *, actor: Actor, now: datetime | None = None, lang: str = "zh"
) -> list[QueueGroup]:
    """Open requests, most urgent and longest waiting first, grouped by compound."""
    scope.require_role(actor, Role.volunteer, Role.admin)
    now = clock.utc(now)
    rows = session.exec(
        select(ErrandRequest).where(
            ErrandRequest.community_id == actor.community_id,
            ErrandRequest.status == S.requested,
        )
    ).all()
    rank = {Urgency.within_2h: 0, Urgency.today: 1}
    rows = sorted(rows, key=lambda r: (rank[Urgency(r.urgency)], clock.utc(r.requested_at), r.id))
    hids = [r.household_id for r in rows]
    places = household_places(session, hids)
    items = items_by_request(session, [r.id for r in rows])
    groups: dict[str, QueueGroup] = {}
    for r in rows:
        compound = places[r.household_id].compound if r.household_id in places else ""
        groups.setdefault(compound, QueueGroup(compound=compound)).rows.append(
            QueueRow(
                id=r.id,
                place=address(places, r.household_id),
                summary=summary(items[r.id], notes=False, lang=lang),
                window=r.window,
                urgency=Urgency(r.urgency).value,
                waiting_minutes=int((now - clock.utc(r.requested_at)).total_seconds() // 60),
                overdue=now > deadline(r.urgency, r.requested_at),
                payment=str(r.payment),
                returned=r.stale_returned_at is not None,
            )
        )
    # Groups in the order of their most urgent request.
    return list(groups.values())


def queue_screen(session: Session, *, actor: Actor, lang: str = "zh") -> list[QueueGroup]:
    """What /errands shows on load: idle claims returned first, then the queue."""
    scope.require_role(actor, Role.volunteer)
    housekeeping(session)
    return volunteer_queue(session, actor=actor, lang=lang)


def claim_and_show(session: Session, *, actor: Actor, request_id: int,
                   lang: str = "zh") -> list[QueueGroup]:
    """Claim a request (`errands.already_claimed` if another volunteer won) and return the
    queue without it. A refused claim raises and changes nothing."""
    runs.claim(session, actor=actor, request_id=request_id)
    return volunteer_queue(session, actor=actor, lang=lang)


def contact_phone(session: Session, *, actor: Actor, request_id: int) -> str:
    """The household's full number, for the call button: only to the volunteer holding the
    request (claimed, shopping or delivered), never for one still in the queue or another's.
    """
    row = held_by(session, actor=actor, request_id=request_id)
    if row.status not in HELD:
        raise Denied()
    return phones(session, [row.household_id]).get(row.household_id, "")
