"""Survey needs become errand requests: the needs list, the conversion, handled otherwise.

A visit records what a household needs as free text on its round record
(`RoundHousehold.needs`). The worker covering the building (or an admin) lists them, opens
the on-behalf form pre-filled from the text (`need_draft`, items guessed by
`errands.need_items`), sends it (`convert_need`) or closes the need without an errand,
with a reason (`mark_handled`: the family brings it, the worker bought it).

Invariants
- Scope: admins their community, grid workers the buildings assigned to them; volunteers
  and households nothing. Out of scope is `Denied`, never "not found".
- A need has at most one live (not cancelled) request: the request links the round
  record (`ErrandRequest.round_household_id`) and the partial unique index
  `uq_errand_request_active_need` refuses a second live one, even two at the same moment.
  A replay of the same client UUID returns the earlier request; a second conversion with
  another UUID is refused while the first is live. Once it is cancelled, the need is open
  again and can be converted anew; the cancelled request stays as history.
- Handled otherwise is kept with the needs text it was for: while a later visit records
  the same text the need stays handled; a visit recording different needs lists it again.
  Marking it twice keeps the first who / when / why (a replay changes nothing).
- Only needs of open rounds are listed: a closed round's needs are history.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from community_app.models import (
    Building,
    Compound,
    ErrandRequest,
    ErrandStatus,
    Household,
    Role,
    RoundHousehold,
    RoundStatus,
    SurveyRound,
    User,
    utcnow,
)
from community_app.services import scope
from community_app.services.auth import Actor
from community_app.services.clock import stamp
from community_app.services.errands import requests as errands
from community_app.services.errands.housekeeping import housekeeping
from community_app.services.errands.items import Line
from community_app.services.errands.need_items import suggest_items
from community_app.services.errands.views import RequestView, requests_for_household
from community_app.services.errors import Denied, ServiceError
from community_app.services.idempotency import check_uuid, existing
from community_app.services.places import Place, household_place

MAX_LISTED = 200
MAX_REASON = 200
_LIVE = ErrandRequest.status != ErrandStatus.cancelled.value
_HANDLED = RoundHousehold.needs_handled_text == RoundHousehold.needs


def _get_need(session: Session, actor: Actor, round_household_id: object) -> RoundHousehold:
    """The round record with a need, if its household is in the actor's scope."""
    scope.require_role(actor, Role.grid_worker, Role.admin)
    if (not isinstance(round_household_id, int) or isinstance(round_household_id, bool)
            or round_household_id < 1):
        raise ServiceError("err.bad_request")
    rh = session.get(RoundHousehold, round_household_id)
    survey_round = session.get(SurveyRound, rh.round_id) if rh is not None else None
    if survey_round is None or survey_round.community_id != actor.community_id:
        raise Denied()
    scope.get_household(session, actor=actor, household_id=rh.household_id)
    if not rh.needs.strip():
        raise ServiceError("errands.no_need")
    return rh


def _linked(session: Session, round_household_id: int) -> ErrandRequest | None:
    """The need's live request (anything but cancelled), if there is one."""
    return session.exec(
        select(ErrandRequest).where(ErrandRequest.round_household_id == round_household_id,
                                    _LIVE)
    ).first()


@dataclass
class NeedView:
    id: int  # the round record (RoundHousehold) id
    household_id: int
    place: str
    round_name: str
    needs: str
    recorded: str  # local "MM-DD HH:MM" of the last visit, or ""
    request_id: int  # the live request; 0 while not converted
    request_status: str  # "" while not converted
    cancelled_before: bool  # an earlier request for this need was cancelled
    handled: bool  # closed without an errand, for this very needs text
    handled_reason: str
    handled_by: str  # the worker's display name
    handled_at: str  # local "MM-DD HH:MM"


def list_needs(
    session: Session, *, actor: Actor, unconverted_only: bool = False
) -> list[NeedView]:
    """Households in scope with needs recorded in an open round.

    Open needs first, then converted ones (with their live request), then those handled
    otherwise. `unconverted_only`: the open ones alone (the worker home's count).
    """
    scope.require_role(actor, Role.grid_worker, Role.admin)
    ids = scope.building_ids_in_scope(session, actor=actor)
    if not ids:
        return []
    earlier = aliased(ErrandRequest)
    cancelled_before = (
        sa.exists().where(earlier.round_household_id == RoundHousehold.id,
                          earlier.status == ErrandStatus.cancelled.value)
    ).label("cancelled_before")
    handler = aliased(User)
    rank = sa.case((ErrandRequest.id.is_not(None), 1), (_HANDLED, 2), else_=0)
    query = (
        select(RoundHousehold, Household, Building, Compound.name, SurveyRound.name,
               ErrandRequest.id, ErrandRequest.status, cancelled_before,
               handler.display_name)
        .join(SurveyRound, SurveyRound.id == RoundHousehold.round_id)
        .join(Household, Household.id == RoundHousehold.household_id)
        .join(Building, Building.id == Household.building_id)
        .join(Compound, Compound.id == Building.compound_id)
        .outerjoin(ErrandRequest,
                   (ErrandRequest.round_household_id == RoundHousehold.id) & _LIVE)
        .outerjoin(handler, handler.id == RoundHousehold.needs_handled_by_id)
        .where(SurveyRound.community_id == actor.community_id,
               SurveyRound.status == RoundStatus.open.value,
               RoundHousehold.needs != "", Building.id.in_(ids))
    )
    if unconverted_only:
        query = query.where(ErrandRequest.id.is_(None), sa.not_(_HANDLED))
    rows = session.exec(
        query.order_by(rank, Building.id, Household.unit, Household.room, RoundHousehold.id)
        .limit(MAX_LISTED)
    ).all()
    views = []
    for rh, h, b, compound, round_name, request_id, status, was_cancelled, by in rows:
        handled = not request_id and rh.needs_handled_text == rh.needs
        views.append(NeedView(
            id=rh.id, household_id=h.id,
            place=Place(compound=compound, building=b.name, unit=h.unit, room=h.room,
                        units=b.units).address,
            round_name=round_name, needs=rh.needs, recorded=stamp(rh.last_attempt_at),
            request_id=request_id or 0, request_status=str(status or ""),
            cancelled_before=bool(was_cancelled), handled=handled,
            handled_reason=rh.needs_handled_reason if handled else "",
            handled_by=(by or "") if handled else "",
            handled_at=stamp(rh.needs_handled_at) if handled else "",
        ))
    return views


@dataclass
class NeedDraft:
    id: int
    household_id: int
    label: str  # the household's place, as on the on-behalf form
    needs: str
    items: list[Line]  # suggested from the needs text
    request_id: int  # already converted (a live request): that request; else 0


def need_draft(session: Session, *, actor: Actor, round_household_id: int) -> NeedDraft:
    """What the on-behalf request form starts from when a need is converted."""
    rh = _get_need(session, actor, round_household_id)
    place = household_place(session, rh.household_id)
    linked = _linked(session, rh.id)
    return NeedDraft(id=rh.id, household_id=rh.household_id,
                     label=place.address if place else "", needs=rh.needs,
                     items=suggest_items(rh.needs), request_id=linked.id if linked else 0)


def convert_need(
    session: Session,
    *,
    actor: Actor,
    uuid: str,
    round_household_id: int,
    items: list[dict],
    urgency: str = "today",
    window: str = "",
    payment: str = "cash_on_delivery",
    note: str = "",
) -> ErrandRequest:
    """Create the request for a recorded need, linked to its round record.

    Refused while the need has a live request; allowed again once that one is cancelled.
    A need marked handled otherwise may still be converted (it was not, after all).
    """
    rh = _get_need(session, actor, round_household_id)
    uuid = check_uuid(uuid)
    if (earlier := existing(session, ErrandRequest, uuid)) is not None:
        if earlier.round_household_id != rh.id:
            raise Denied()
        return earlier  # a replay of this very conversion
    if _linked(session, rh.id) is not None:
        raise ServiceError("errands.need_already_converted")
    try:
        with session.begin_nested():
            row = errands.create_request(
                session, actor=actor, uuid=uuid, household_id=rh.household_id, items=items,
                urgency=urgency, window=window, payment=payment, note=note,
            )
            row.round_household_id = rh.id
            session.add(row)
            # Converted after all: it was not handled otherwise (a later cancel reopens it).
            rh.needs_handled_text, rh.needs_handled_reason = "", ""
            rh.needs_handled_at, rh.needs_handled_by_id = None, None
            session.add(rh)
            session.flush()
    except IntegrityError:
        # Converted at the same moment by someone else (the partial unique index refused it).
        raise ServiceError("errands.need_already_converted") from None
    return row


def mark_handled(
    session: Session,
    *,
    actor: Actor,
    round_household_id: int,
    reason: str,
    needs_seen: str | None = None,
) -> RoundHousehold:
    """Close a need without an errand (the family brings it, the worker bought it).

    `needs_seen`: the needs text the worker had on screen; if a visit has changed it since,
    the call is refused (`errands.need_changed`) rather than closing needs nobody read.
    Marking it again (a replay, a second tap) keeps the first who / when / why.
    """
    rh = _get_need(session, actor, round_household_id)
    reason = str(reason or "").strip()[:MAX_REASON]
    if not reason:
        raise ServiceError("errands.handled_reason_required")
    if needs_seen is not None and str(needs_seen) != rh.needs:
        raise ServiceError("errands.need_changed")
    if rh.needs_handled_text == rh.needs:
        return rh
    if _linked(session, rh.id) is not None:
        raise ServiceError("errands.need_already_converted")
    # Conditional on the text read above: a visit changing the needs meanwhile wins.
    result = session.execute(
        sa.update(RoundHousehold)
        .where(RoundHousehold.id == rh.id, RoundHousehold.needs == rh.needs)
        .values(needs_handled_text=rh.needs, needs_handled_reason=reason,
                needs_handled_at=utcnow(), needs_handled_by_id=actor.user_id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise ServiceError("errands.need_changed")
    session.refresh(rh)
    return rh


@dataclass
class NeedScreen:
    """/ask?need=<id>: the need's draft and its household's requests, as on /ask."""

    draft: NeedDraft  # `request_id` names the live request once converted
    requests: list[RequestView]


def _screen(session: Session, actor: Actor, round_household_id: int,
            lang: str) -> NeedScreen:
    draft = need_draft(session, actor=actor, round_household_id=round_household_id)
    return NeedScreen(draft=draft, requests=requests_for_household(
        session, actor=actor, household_id=draft.household_id, lang=lang))


def need_screen(session: Session, *, actor: Actor, round_household_id: int,
                lang: str = "zh") -> NeedScreen:
    """The page on load: idle claims returned first (housekeeping), then the screen."""
    scope.require_role(actor, Role.grid_worker, Role.admin)
    housekeeping(session)
    return _screen(session, actor, round_household_id, lang)


def convert_and_show(session: Session, *, actor: Actor, round_household_id: int,
                     lang: str = "zh", **request: object) -> NeedScreen:
    """`convert_need` (its request fields in `request`), then the screen after it."""
    convert_need(session, actor=actor, round_household_id=round_household_id, **request)
    return _screen(session, actor, round_household_id, lang)


def handle_and_show(session: Session, *, actor: Actor, round_household_id: int, reason: str,
                    needs_seen: str | None = None) -> list[NeedView]:
    """`mark_handled`, then the needs list as it is after it."""
    mark_handled(session, actor=actor, round_household_id=round_household_id, reason=reason,
                 needs_seen=needs_seen)
    return list_needs(session, actor=actor)
