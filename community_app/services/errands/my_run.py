"""The volunteer's run (/errands/run): their held requests and the merged shopping list.

`my_run` is the read; each `*_and_show` makes one step of `runs` / `steps` and returns the
run as it is after it, in the same transaction, so the page needs one call per tap.

Invariants
- A volunteer sees only the requests they hold (claimed, shopping, delivered today), each
  with its notes and the household's full phone: they took this household's errand on.
- The shopping list merges the lines being shopped for by item, each saying which
  household; nothing of another volunteer's run appears.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from community_app.models import (
    ErrandItem,
    ErrandRequest,
    ErrandStatus,
    ItemOutcome,
    Payment,
    Role,
    Urgency,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errands import money, runs, steps
from community_app.services.errands.housekeeping import housekeeping
from community_app.services.errands.items import item_label, summary
from community_app.services.errands.lookups import address, items_by_request, phones
from community_app.services.errands.machine import HELD, S
from community_app.services.places import household_places


@dataclass
class ShoppingLine:
    item_id: int
    request_id: int
    place: str
    quantity: int
    note: str
    outcome: str
    substitute: str


@dataclass
class ShoppingEntry:
    label: str
    total: int
    lines: list[ShoppingLine] = field(default_factory=list)


@dataclass
class MyRequest:
    id: int
    place: str
    status: str
    summary: str
    window: str
    urgency: str
    payment: str
    note: str
    phone: str  # full: this volunteer has taken on this household's errand
    amount: str
    has_delivery_photo: bool
    has_receipt_photo: bool


@dataclass
class MyRun:
    requests: list[MyRequest]
    shopping: list[ShoppingEntry]
    owed: str


def my_run(session: Session, *, actor: Actor, lang: str = "zh") -> MyRun:
    """The volunteer's claimed and in-progress requests and the merged shopping list."""
    scope.require_role(actor, Role.volunteer)
    rows = session.exec(
        select(ErrandRequest)
        .where(
            ErrandRequest.claimed_by_id == actor.user_id,
            ErrandRequest.status.in_(HELD),
        )
        .order_by(ErrandRequest.requested_at)
    ).all()
    # Delivered ones stay on the run until the end of their local day.
    today = clock.local_day()
    rows = [r for r in rows if r.status != S.delivered or clock.local_day(r.delivered_at) == today]
    hids = [r.household_id for r in rows]
    places, numbers = household_places(session, hids), phones(session, hids)
    items = items_by_request(session, [r.id for r in rows])
    requests = [
        MyRequest(
            id=r.id,
            place=address(places, r.household_id),
            status=ErrandStatus(r.status).value,
            summary=summary(items[r.id], lang=lang),
            window=r.window,
            urgency=Urgency(r.urgency).value,
            payment=Payment(r.payment).value,
            note=r.note,
            phone=numbers.get(r.household_id, ""),
            amount=f"{r.amount_spent:.2f}" if r.amount_spent is not None else "",
            has_delivery_photo=bool(r.delivery_photo),
            has_receipt_photo=bool(r.receipt_photo),
        )
        for r in rows
    ]
    merged: dict[str, ShoppingEntry] = {}
    for r in rows:
        if r.status != S.shopping:
            continue
        for item in items[r.id]:
            label = item_label(item.kind, item.text, lang)
            entry = merged.setdefault(label, ShoppingEntry(label=label, total=0))
            entry.total += item.quantity
            entry.lines.append(
                ShoppingLine(
                    item_id=item.id, request_id=r.id,
                    place=address(places, r.household_id), quantity=item.quantity,
                    note=item.note, outcome=ItemOutcome(item.outcome).value,
                    substitute=item.substitute,
                )
            )
    owed = money.owed_to(session, volunteer_id=actor.user_id)
    return MyRun(requests=requests, shopping=list(merged.values()), owed=f"{owed:.2f}")


def run_screen(session: Session, *, actor: Actor, lang: str = "zh") -> MyRun:
    """What /errands/run shows on load: idle claims returned first, then the run."""
    scope.require_role(actor, Role.volunteer)
    housekeeping(session)
    return my_run(session, actor=actor, lang=lang)


def release_and_show(session: Session, *, actor: Actor, request_id: int,
                     lang: str = "zh") -> MyRun:
    runs.release(session, actor=actor, request_id=request_id)
    return my_run(session, actor=actor, lang=lang)


def start_and_show(session: Session, *, actor: Actor, uuid: str, lang: str = "zh") -> MyRun:
    runs.start_run(session, actor=actor, uuid=uuid)
    return my_run(session, actor=actor, lang=lang)


@dataclass
class LineShown:
    """A shopping line as an item step left it: what the page draws over the line."""

    item_id: int
    outcome: str
    substitute: str


@dataclass
class StepShown:
    applied: bool  # False: this step's form (its client UUID) was applied before
    run: MyRun | None  # None: an item step the page draws itself from `line`
    line: LineShown | None = None


def step_and_show(session: Session, *, actor: Actor, uuid: str, step: str, item_id: int = 0,
                  request_id: int = 0, substitute: str = "", amount: str = "",
                  lang: str = "zh", redraw: bool = True) -> StepShown:
    """One step of the run (`steps.apply_step`: bought, unavailable, substituted, amount,
    delivered), applied once per client UUID, and the run after it.

    `redraw=False` on an item step whose line the page shows: an applied step returns only
    that line's outcome (an item step changes nothing else of the run); a step applied
    before, or any other step, returns the whole run."""
    applied = steps.apply_step(session, actor=actor, uuid=uuid, step=step, item_id=item_id,
                               request_id=request_id, substitute=substitute, amount=amount)
    if applied and not redraw and step in steps.ITEM_STEPS:
        item = session.get(ErrandItem, item_id)  # just written: no query
        return StepShown(applied=True, run=None,
                         line=LineShown(item_id=item.id, outcome=ItemOutcome(item.outcome).value,
                                        substitute=item.substitute))
    return StepShown(applied=applied, run=my_run(session, actor=actor, lang=lang))
