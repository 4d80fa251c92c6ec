"""What the household sees (/ask, the home card), and what the /ask page does.

A household's requests, newest first, each with its step times and item outcomes; whom a
worker is asking for; and the /ask page's read (`ask_screen`) and writes (`ask_and_show`,
`confirm_and_show`, `cancel_and_show`), each one step returning the requests as they are
after it, in the same transaction.

Invariants
- A household reads only its own requests, whatever id it passes; a grid worker those of
  the households of their buildings; an admin their community's. Volunteers never.
- The helping volunteer is shown masked; times are the community's clock ("MM-DD HH:MM").
- The volunteer's phone number never travels in a read model (only whether there is one):
  `volunteer_phone` gives it to the requesting household, for a request that volunteer
  holds, on the call button's tap.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app.models import (
    ErrandItem,
    ErrandRequest,
    ErrandStatus,
    ItemOutcome,
    Payment,
    Role,
    Urgency,
    User,
)
from community_app.services import clock, scope
from community_app.services.auth import Actor
from community_app.services.errands import requests
from community_app.services.errands.housekeeping import housekeeping
from community_app.services.errands.items import item_label
from community_app.services.errands.lookups import items_by_request
from community_app.services.errands.machine import HELD, UNFINISHED, S
from community_app.services.errors import Denied
from community_app.services.masking import mask_name
from community_app.services.places import household_place

ASK_ROLES = (Role.household, Role.grid_worker, Role.admin)


@dataclass
class Step:
    status: str
    at: str  # local "MM-DD HH:MM", "" when not reached


@dataclass
class ItemView:
    label: str
    quantity: int
    note: str
    outcome: str
    substitute: str


@dataclass
class RequestView:
    id: int
    status: str
    urgency: str
    window: str
    payment: str
    note: str
    requested: str
    due_by: str  # local time by which help should come
    volunteer: str  # masked name of who is helping
    amount: str
    cancel_reason: str
    auto_confirmed: bool
    has_photo: bool
    steps: list[Step]
    goods: list[ItemView]
    can_call_volunteer: bool = False  # held by a volunteer with a phone number


def _view(row: ErrandRequest, items: list[ErrandItem], volunteer: str,
          volunteer_phone: str, lang: str) -> RequestView:
    steps = [
        Step("requested", clock.stamp(row.requested_at)),
        Step("claimed", clock.stamp(row.claimed_at)),
        Step("shopping", clock.stamp(row.shopping_at)),
        Step("delivered", clock.stamp(row.delivered_at)),
        Step("confirmed", clock.stamp(row.confirmed_at)),
    ]
    if row.status == S.cancelled:
        steps = [s for s in steps if s.at] + [Step("cancelled", clock.stamp(row.cancelled_at))]
    return RequestView(
        id=row.id,
        status=ErrandStatus(row.status).value,
        urgency=Urgency(row.urgency).value,
        window=row.window,
        payment=Payment(row.payment).value,
        note=row.note,
        requested=clock.stamp(row.requested_at),
        due_by=clock.stamp(requests.deadline(row.urgency, row.requested_at)),
        volunteer=mask_name(volunteer),
        amount=f"{row.amount_spent:.2f}" if row.amount_spent is not None else "",
        cancel_reason=row.cancel_reason,
        auto_confirmed=row.auto_confirmed,
        has_photo=bool(row.delivery_photo),
        steps=steps,
        goods=[
            ItemView(
                label=item_label(i.kind, i.text, lang), quantity=i.quantity, note=i.note,
                outcome=ItemOutcome(i.outcome).value, substitute=i.substitute,
            )
            for i in items
        ],
        can_call_volunteer=bool(volunteer_phone) and row.status in HELD,
    )


def requests_for_household(
    session: Session, *, actor: Actor, household_id: int | None = None, limit: int = 20,
    unfinished_only: bool = False, lang: str = "zh",
) -> list[RequestView]:
    """A household's requests, newest first, each with its timeline and item outcomes.

    A household always gets its own; a grid worker / admin passes `household_id` in scope.
    `unfinished_only`: just those still waiting on someone (the household's home screen).
    """
    scope.require_role(actor, *ASK_ROLES)
    target = actor.household_id if actor.role == Role.household else household_id
    household = scope.get_household(session, actor=actor, household_id=target or 0)
    query = select(ErrandRequest).where(ErrandRequest.household_id == household.id)
    if unfinished_only:
        query = query.where(ErrandRequest.status.in_(UNFINISHED))
    rows = session.exec(
        query.order_by(ErrandRequest.requested_at.desc(), ErrandRequest.id.desc()).limit(limit)
    ).all()
    items = items_by_request(session, [r.id for r in rows])
    people = {
        uid: (name, phone) for uid, name, phone in session.exec(
            select(User.id, User.display_name, User.phone).where(
                User.id.in_([r.claimed_by_id for r in rows if r.claimed_by_id])
            )
        ).all()
    } if rows else {}
    return [_view(r, items[r.id], *people.get(r.claimed_by_id, ("", "")), lang) for r in rows]


def volunteer_phone(session: Session, *, actor: Actor, request_id: int) -> str:
    """The helping volunteer's number, for the household's call button: only the requesting
    household, only while that volunteer holds the request (claimed, shopping, delivered)."""
    scope.require_role(actor, Role.household)
    row = session.get(ErrandRequest, request_id) if isinstance(request_id, int) else None
    if row is None or row.household_id != actor.household_id or row.status not in HELD \
            or row.claimed_by_id is None:
        raise Denied()
    helper = session.get(User, row.claimed_by_id)
    return helper.phone if helper is not None else ""


@dataclass
class HouseholdChoice:
    id: int
    label: str  # the household's address: whom the request is for


def household_choices(session: Session, *, actor: Actor, household_id: int) -> HouseholdChoice:
    """The household a worker is entering a request for: its place only."""
    scope.require_role(actor, Role.grid_worker, Role.admin)
    household = scope.get_household(session, actor=actor, household_id=household_id)
    place = household_place(session, household.id)
    return HouseholdChoice(id=household.id, label=place.address if place else "")


# --- the /ask page -----------------------------------------------------------------


@dataclass
class AskScreen:
    household_id: int  # 0 when a household asks for itself
    label: str  # whom a worker / admin asks for; "" for the household itself
    requests: list[RequestView]


def ask_screen(session: Session, *, actor: Actor, household_id: int = 0,
               lang: str = "zh") -> AskScreen:
    """/ask on load: idle claims returned first, then whom it is for and their requests.

    A household always gets its own page (`household_id` ignored); a worker or admin the
    household `household_id`, in scope.
    """
    scope.require_role(actor, *ASK_ROLES)
    housekeeping(session)
    if actor.role == Role.household:
        return AskScreen(household_id=0, label="",
                         requests=requests_for_household(session, actor=actor, lang=lang))
    chosen = household_choices(session, actor=actor, household_id=household_id)
    return AskScreen(household_id=chosen.id, label=chosen.label,
                     requests=requests_for_household(session, actor=actor,
                                                     household_id=chosen.id, lang=lang))


def ask_and_show(session: Session, *, actor: Actor, household_id: int, lang: str = "zh",
                 **request: object) -> list[RequestView]:
    """`requests.create_request` (its keyword fields in `request`), then the requests of
    that household."""
    row = requests.create_request(session, actor=actor, household_id=household_id, **request)
    return requests_for_household(session, actor=actor, household_id=row.household_id,
                                  lang=lang)


def confirm_and_show(session: Session, *, actor: Actor, request_id: int,
                     lang: str = "zh") -> list[RequestView]:
    """The household confirms receipt; its requests after it."""
    requests.confirm(session, actor=actor, request_id=request_id)
    return requests_for_household(session, actor=actor, lang=lang)


def cancel_and_show(session: Session, *, actor: Actor, request_id: int, reason: str,
                    household_id: int = 0, lang: str = "zh") -> list[RequestView]:
    """Cancel with a reason; then the requests of the page's household (`household_id`, 0
    for a household's own page)."""
    requests.cancel_request(session, actor=actor, request_id=request_id, reason=reason)
    return requests_for_household(session, actor=actor, household_id=household_id or None,
                                  lang=lang)
