"""A step of a run as the volunteer's phone submitted it: an item bought, unavailable or
substituted, the amount paid, a request delivered; applied once per client UUID.

Each step is one form carrying everything it needs (the item or request id, the value and
the form's client UUID), so it can be applied when tapped or later from the phone's outbox
(state/errands/volunteer.py, kind "run_step") with no server state.

Invariants
- A step's UUID is recorded (`idempotency.first_application`) in the transaction that makes
  the change, before it: a replay of a step already applied changes nothing and says so
  (False), so a step kept offline cannot undo what was changed since under another UUID.
- A refused step (wrong status, not this volunteer's, an invalid amount) records nothing:
  the whole transaction rolls back, its UUID included.
"""

from __future__ import annotations

from sqlmodel import Session

from community_app.services.auth import Actor
from community_app.services.errands import money, runs
from community_app.services.errors import ServiceError
from community_app.services.idempotency import first_application

ITEM_STEPS = ("bought", "unavailable", "substituted")
REQUEST_STEPS = ("amount", "delivered")
STEPS = (*ITEM_STEPS, *REQUEST_STEPS)


def apply_step(session: Session, *, actor: Actor, uuid: str, step: str, item_id: int = 0,
               request_id: int = 0, substitute: str = "", amount: str = "") -> bool:
    """Apply one run step; False when this form (its `uuid`) was applied before."""
    if step not in STEPS:
        raise ServiceError("err.bad_request")
    if not first_application(session, uuid=uuid, kind="run_step", user_id=actor.user_id):
        return False
    if step in ITEM_STEPS:
        runs.set_item_outcome(session, actor=actor, item_id=item_id, outcome=step,
                              substitute=substitute)
    elif step == "amount":
        money.record_amount(session, actor=actor, request_id=request_id, amount=amount)
    else:
        runs.mark_delivered(session, actor=actor, request_id=request_id)
    return True
